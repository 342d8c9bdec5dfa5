import { useState } from "react";
import { ApiError } from "../api/client";
import type { VillageReportsOverview } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { pct } from "../ui/format";
import { Banner, Failed, Loading } from "../ui/parts";
import { consoleEndpoints, type RemindResult, type ReportingCompleteness } from "./api";
import { useDash } from "./dash-pages";
import { DashTableView } from "./dash-table";
import { PageFrame, at } from "./parts";

const CHANNEL_WORDS: Record<string, string> = {
  group: "đăng vào nhóm Zalo",
  cs: "nhắn riêng",
  promotion: "tin thông báo",
  relay: "nhờ chuyển",
  none: "không gửi được",
};

/** Báo cáo thứ Sáu: this week's reports, the completeness of the last 8 weeks, and one reminder to the late villages. */
export function ReportsPage() {
  const s = useServices();
  const api = consoleEndpoints(s.api);
  const week = useData<VillageReportsOverview>("reports:all", api.reportsOverview, 15_000);
  const c = useData<ReportingCompleteness>("completeness:8", () => api.completeness(8), 30_000);
  // The table itself as the dashboards draw it (and export it: "Tải Excel", as shown).
  const table = useDash("completeness", { weeks: 8 });
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const notYet = week.data?.items.filter((i) => i.state === "missing" || i.state === "pending") ?? [];
  const remind = async () => {
    setBusy(true);
    setResult(null);
    try {
      const r: RemindResult = await api.remindMissing();
      const names = r.villageIds.map((id) => week.data?.items.find((i) => i.villageId === id)?.villageName ?? id);
      const how = Object.entries(r.counts)
        .filter(([, n]) => n > 0)
        .map(([ch, n]) => `${n} ${CHANNEL_WORDS[ch] ?? ch}`)
        .join(", ");
      setResult({ ok: true, text: `Đã gửi lời nhắc tới ${names.length} thôn: ${names.join(", ")}${how ? ` (${how})` : ""}. Xem kết quả gửi ở mục Thông báo.` });
    } catch (err) {
      setResult({ ok: false, text: err instanceof ApiError ? err.message : "Chưa gửi được lời nhắc. Bác thử lại nhé." });
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageFrame title="Báo cáo thứ Sáu">
      <section className="c-card" aria-labelledby="this-week">
        <div className="row-between">
          <h2 id="this-week">Tuần này</h2>
          <button className="c-btn" type="button" disabled={busy || (week.data !== undefined && notYet.length === 0)} onClick={() => void remind()} data-testid="remind-missing">
            {busy ? "Đang gửi…" : "Nhắc các thôn chưa nộp báo cáo"}
          </button>
        </div>
        {!week.data && (week.error ? <Failed message={week.error.message} retry={() => void week.reload()} /> : <Loading />)}
        {week.data && (
          <>
            <p>{`Hạn nộp: ${at(week.data.dueAt)}. Đã nộp ${week.data.items.length - notYet.length}/${week.data.items.length} thôn${notYet.length ? `; chưa nộp: ${notYet.map((i) => i.villageName).join(", ")}` : "."}`}</p>
          </>
        )}
        {result && (
          <Banner kind={result.ok ? "ok" : "warn"} title={result.ok ? "Đã gửi lời nhắc" : "Chưa gửi lời nhắc"}>
            <p data-testid="remind-result">{result.text}</p>
          </Banner>
        )}
      </section>

      <section className="c-card" aria-labelledby="completeness-h">
        <h2 id="completeness-h">Tình hình nộp báo cáo 8 tuần qua</h2>
        {!c.data && (c.error ? <Failed message={c.error.message} retry={() => void c.reload()} /> : <Loading />)}
        {c.data && (
          <>
            <p className="lead">{`Toàn xã: đã nộp ${c.data.total.received}/${c.data.total.expected} báo cáo (${pct(c.data.total.receivedPercent)}), đúng hạn ${c.data.total.onTime} (${pct(c.data.total.onTimePercent)}).`}</p>
            {table.data ? (
              <DashTableView table={table.data} view="completeness" query={{ weeks: 8 }} testId="completeness-table" caption="Báo cáo thứ Sáu của từng thôn theo tuần: đúng hạn, nộp muộn hoặc chưa nộp" />
            ) : table.error ? (
              <Failed message={table.error.message} retry={() => void table.reload()} />
            ) : (
              <Loading />
            )}
          </>
        )}
      </section>
    </PageFrame>
  );
}
