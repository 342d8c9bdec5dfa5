import { useState } from "react";
import type { CommuneDashboard, TrendResponse } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { pct } from "../ui/format";
import { Failed, Loading } from "../ui/parts";
import type { TicketList } from "./api";
import { consoleEndpoints } from "./api";
import { PageFrame, at } from "./parts";
import { TrendChart } from "./TrendChart";

type Village = CommuneDashboard["villages"][number];

// As screens/standings.ts says it (copied: importing it here would split it out of the officers' chunk
// and lengthen the household's first download by its file name).
const BASIS_WORDS: Record<Village["basis"], string> = { self_declared: "số hộ tự khai", verified: "số hộ trưởng thôn đã xác nhận" };
const countedPercent = (v: Pick<Village, "basis" | "fullyMetPercent" | "fullyMetVerifiedPercent">) => (v.basis === "verified" ? v.fullyMetVerifiedPercent : v.fullyMetPercent);
type SortKey = "name" | "registered" | "completeness" | "counted" | "verified" | "needed";
const COLUMNS: { key: SortKey; label: string; value: (v: Village) => number | string }[] = [
  { key: "name", label: "Thôn", value: (v) => v.villageName },
  { key: "registered", label: "Hộ đăng ký", value: (v) => v.registered },
  { key: "completeness", label: "Đánh giá đủ", value: (v) => v.completeness ?? -1 },
  { key: "counted", label: "Hộ đạt", value: (v) => countedPercent(v) ?? -1 },
  { key: "verified", label: "Trưởng thôn đã xác nhận", value: (v) => v.fullyMetVerifiedPercent ?? -1 },
  { key: "needed", label: "Còn thiếu để đạt mục tiêu", value: (v) => v.target.needed },
];

/** Tổng quan: the commune against its target, each village (sortable), and what waits for an officer. */
export function OverviewPage() {
  const s = useServices();
  const d = useData<CommuneDashboard>("commune", consoleEndpoints(s.api).commune, 10_000);
  const trend = useData<TrendResponse>("trend:12", () => consoleEndpoints(s.api).trend(12), 5 * 60_000);
  const open = useData<TicketList>("tickets:open:", () => consoleEndpoints(s.api).tickets({ status: ["new", "in_progress"] }), 10_000);
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "counted", desc: true });
  if (!d.data) return <PageFrame title="Tổng quan">{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</PageFrame>;
  const c = d.data;
  const t = c.totals;
  const col = COLUMNS.find((x) => x.key === sort.key)!;
  const rows = c.villages.slice().sort((a, b) => {
    const x = col.value(a);
    const y = col.value(b);
    const r = typeof x === "string" ? x.localeCompare(String(y), "vi") : x - (y as number);
    return sort.desc ? -r : r;
  });
  const percent = countedPercent(t);
  return (
    <PageFrame title={`Tổng quan ${c.commune.kind} ${c.commune.name}`}>
      <div className="kpis">
        <section className="c-card kpi" aria-label="Hộ đạt Gia đình số">
          <p className="muted">Hộ đạt “Gia đình số”</p>
          <p className="kpi-big">{pct(percent)}</p>
          <div className="c-progress target" role="img" aria-label={`${pct(percent)}, mục tiêu ${t.target.percent}%`}>
            <span style={{ width: `${Math.min(100, percent ?? 0)}%` }} />
            <i style={{ left: `${t.target.percent}%` }} />
          </div>
          <p>{t.target.reached ? `Đã đạt mục tiêu ${t.target.percent}%.` : `Mục tiêu ${t.target.percent}%: còn ${t.target.needed} hộ nữa.`}</p>
        </section>
        <section className="c-card kpi" aria-label="Đăng ký và đánh giá">
          <p className="muted">Hộ đăng ký</p>
          <p className="kpi-big">{`${t.registered}${t.officialHouseholds ? `/${t.officialHouseholds}` : ""}`}</p>
          <p>{`Đánh giá đủ: ${t.assessed} hộ (${pct(t.completeness)})`}</p>
        </section>
        <section className="c-card kpi" aria-label="Yêu cầu hỗ trợ đang chờ">
          <p className="muted">Yêu cầu hỗ trợ chưa xong</p>
          <p className="kpi-big">{open.data ? open.data.counts.new + open.data.counts.in_progress : "…"}</p>
          <p>
            <a href="#/yeu-cau">{open.data ? `${open.data.counts.new} mới, ${open.data.counts.in_progress} đang xử lý` : "Xem danh sách"}</a>
          </p>
        </section>
      </div>
      <section className="c-card" aria-labelledby="trend-h">
        <h2 id="trend-h">Tỉ lệ hộ đạt qua các tuần</h2>
        <TrendChart trend={trend.data} now={percent} target={t.target.percent} basis={t.basis} />
      </section>
      <section className="c-card" aria-labelledby="villages-h">
        <h2 id="villages-h">Các thôn</h2>
        <div className="c-table-wrap">
          <table className="c-table" data-testid="console-villages">
            <caption className="sr-only">Các thôn, bấm tên cột để sắp xếp</caption>
            <thead>
              <tr>
                {COLUMNS.map((k) => (
                  <th key={k.key} scope="col" aria-sort={sort.key === k.key ? (sort.desc ? "descending" : "ascending") : "none"}>
                    <button type="button" className="sort" onClick={() => setSort((p) => ({ key: k.key, desc: p.key === k.key ? !p.desc : k.key !== "name" }))}>
                      {k.label}
                      <span aria-hidden="true">{sort.key === k.key ? (sort.desc ? " ▼" : " ▲") : ""}</span>
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((v) => (
                <tr key={v.villageId} data-village={v.villageId}>
                  <th scope="row">{v.villageName}</th>
                  <td>{v.registered}</td>
                  <td>{pct(v.completeness)}</td>
                  <td>{pct(countedPercent(v))}</td>
                  <td>{pct(v.fullyMetVerifiedPercent)}</td>
                  <td>{v.target.reached ? "Đã đạt" : `${v.target.needed} hộ`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted">{`“Hộ đạt” tính theo ${BASIS_WORDS[t.basis]}, trên số hộ của thôn. Số liệu lúc ${at(c.asOf)}.`}</p>
      </section>
    </PageFrame>
  );
}
