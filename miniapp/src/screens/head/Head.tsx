import "../../ui/lazy-styles";
import { useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import type { Me, VillageDashboard, VillageReportRequest, VillageReportsOverview, VillageReportView } from "../../api/types";
import { useData, useServices } from "../../app/hooks";
import { PlatformError } from "../../platform/types";
import { Icon } from "../../ui/icons";
import { Banner, Failed, Loading, Screen, useToast } from "../../ui/parts";
import { pct, when } from "../../ui/format";
import { go, match, type Route } from "../../ui/router";
import { useConfig } from "../Home";
import { VillageSummary } from "../Village";
import { HouseholdCheck } from "./HouseholdCheck";
import { VillageHouseholds } from "./VillageHouseholds";
import * as ic from "../../ui/lazy-paths";
import { staffFor } from "../../api/staff";
import { moreFor } from "../../api/more";
import { weekDays } from "./week";
import { Stale } from "../Stale";
import { SendingPausedBanner } from "../officer/SendingPausedBanner";

/** The village head's screens: the village, its households, verifying, the Friday report, the reminder. */
export default function HeadScreens({ me, route }: { me: Me; route: Route }) {
  const villages = me.roles.villageHeadOf;
  const villageId = route.query.get("thon") ?? villages[0];
  if (!villageId) return <Screen title="Trưởng thôn">{<Banner kind="warn">Bác chưa được giao thôn nào.</Banner>}</Screen>;
  const q = villages.length > 1 ? `?thon=${villageId}` : "";
  const ho = match("/truong-thon/ho/:id", route.path);
  if (ho) return <HouseholdCheck householdId={Number(ho.id)} backTo={`/truong-thon${q}`} />;
  if (route.path === "/truong-thon/bao-cao") return <ReportForm villageId={villageId} backTo={`/truong-thon${q}`} />;
  return <HeadHome villageId={villageId} villages={villages} q={q} />;
}

function HeadHome({ villageId, villages, q }: { villageId: string; villages: string[]; q: string }) {
  const s = useServices();
  const toast = useToast();
  const config = useConfig();
  const d = useData<VillageDashboard>(`village:${villageId}`, () => moreFor(s.api).villageDashboard(villageId), 15_000);
  const reports = useData<VillageReportsOverview>("reports:head", staffFor(s.api).reportsOverview, 30_000);
  const status = reports.data?.items.find((i) => i.villageId === villageId);

  const remind = async (v: VillageDashboard) => {
    const link = config.data?.miniApp.url ?? undefined;
    const text =
      (v.basis === "verified"
        ? `${v.villageName}: đã có ${v.fullyMetVerified}/${v.target.base} hộ đạt “Gia đình số” được trưởng thôn xác nhận (${pct(v.fullyMetVerifiedPercent)}).`
        : `${v.villageName}: đã có ${v.fullyMet}/${v.target.base} hộ đạt “Gia đình số” (${pct(v.fullyMetPercent)}).`) +
      (v.target.reached ? " Thôn đã đạt mục tiêu, cảm ơn bà con!" : ` Còn ${v.target.needed} hộ nữa để đạt mục tiêu ${v.target.percent}%.`) +
      ` Bà con mở ứng dụng Gia đình số trong Zalo để tự đánh giá; việc nào chưa biết làm thì bấm “Xem hướng dẫn” hoặc nhắn trưởng thôn nhé.`;
    try {
      const r = await s.platform.share({ title: "Nhắc bà con", text, ...(link ? { link } : {}) });
      toast(r === "copied" ? "Đã chép lời nhắc. Bác dán vào nhóm Zalo của thôn." : r === "shared" ? "Đã gửi lời nhắc." : "Chưa gửi lời nhắc.");
    } catch (err) {
      toast(err instanceof PlatformError ? err.message : "Chưa mở được bảng chia sẻ.");
    }
  };

  return (
    <Screen title="Trưởng thôn" status={<Stale d={d} />}>
      <SendingPausedBanner />
      {villages.length > 1 && (
        <div className="btn-row">
          {villages.map((v) => (
            <button key={v} className="link-btn" type="button" aria-pressed={v === villageId} onClick={() => go(`/truong-thon?thon=${v}`, { replace: true })}>
              {v}
            </button>
          ))}
        </div>
      )}
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && (
        <>
          <h2 className="section-title">{d.data.villageName}</h2>
          <VillageSummary v={d.data} />
        </>
      )}
      <section className="card" aria-label="Báo cáo thứ Sáu">
        <div className="row">
          <Icon p={ic.report} />
          <h2>Báo cáo thứ Sáu</h2>
        </div>
        {status ? <ReportStatusLine state={status.state} dueAt={status.dueAt} report={status.report} /> : reports.error ? <p className="muted">{reports.error.message}</p> : <Loading />}
        <Button size="large" className="btn-wide" onClick={() => go(`/truong-thon/bao-cao${q}`)}>
          {status?.report ? "Sửa báo cáo tuần này" : "Làm báo cáo tuần này"}
        </Button>
      </section>
      {d.data && (
        <button className="link-btn" type="button" onClick={() => void remind(d.data!)}>
          <Icon p={ic.bell} />
          <span className="grow">Nhắc bà con trong nhóm Zalo của thôn</span>
          <Icon p={ic.share} />
        </button>
      )}
      <VillageHouseholds villageId={villageId} linkBase="/truong-thon" />
    </Screen>
  );
}

/** "Hạn 16:00 Thứ Sáu 17/7 · còn 2 ngày 3 giờ" */
export function deadlineText(dueAt: string, now = Date.now()): string {
  const due = new Date(dueAt);
  const day = due.toLocaleDateString("vi-VN", { weekday: "long", day: "numeric", month: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
  const time = due.toLocaleTimeString("vi-VN", { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });
  const diff = due.getTime() - now;
  const abs = Math.abs(diff);
  const days = Math.floor(abs / 86_400_000);
  const hours = Math.floor((abs % 86_400_000) / 3_600_000);
  const mins = Math.floor((abs % 3_600_000) / 60_000);
  const span = days > 0 ? `${days} ngày ${hours} giờ` : hours > 0 ? `${hours} giờ ${mins} phút` : `${mins} phút`;
  return `Hạn ${time} ${day} · ${diff >= 0 ? `còn ${span}` : `đã quá hạn ${span}`}`;
}

function ReportStatusLine({ state, dueAt, report }: { state: string; dueAt: string; report: VillageReportView | null }) {
  const text: Record<string, [string, string]> = {
    on_time: ["chip ok", "Đã nộp đúng hạn"],
    late: ["chip warn", "Đã nộp trễ hạn"],
    missing: ["chip bad", "Chưa nộp, đã quá hạn"],
    pending: ["chip warn", "Chưa nộp"],
  };
  const [cls, label] = text[state] ?? ["chip", state];
  return (
    <div className="stack" style={{ gap: 4 }}>
      <span className={cls} data-testid="report-state">
        {label}
      </span>
      <span className="muted">{deadlineText(dueAt)}</span>
      {report && <span className="muted">{`Gửi lúc ${when(report.updatedAt)}${report.revision > 1 ? ` (sửa lần ${report.revision - 1})` : ""}`}</span>}
    </div>
  );
}

type Numbers = Pick<VillageReportRequest, "smartphoneUsers" | "installed" | "activated" | "regularUsers">;

function ReportForm({ villageId, backTo }: { villageId: string; backTo: string }) {
  const s = useServices();
  const toast = useToast();
  const overview = useData<VillageReportsOverview>("reports:head", staffFor(s.api).reportsOverview, 30_000);
  const status = overview.data?.items.find((i) => i.villageId === villageId);
  const existing = status?.report ?? null;
  const [form, setForm] = useState<Record<keyof Numbers, string> & { difficulties: string; proposals: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!overview.data) return <Screen title="Báo cáo thứ Sáu" backTo={backTo}>{overview.error ? <Failed message={overview.error.message} retry={() => void overview.reload()} /> : <Loading />}</Screen>;
  const f = form ?? {
    smartphoneUsers: existing ? String(existing.smartphoneUsers) : "",
    installed: existing ? String(existing.installed) : "",
    activated: existing ? String(existing.activated) : "",
    regularUsers: existing ? String(existing.regularUsers) : "",
    difficulties: existing?.difficulties ?? "",
    proposals: existing?.proposals ?? "",
  };
  const app = overview.data.provinceApp;
  const fields: [keyof Numbers, string][] = [
    ["smartphoneUsers", "Số người dùng điện thoại thông minh"],
    ["installed", `Số người đã cài ứng dụng ${app}`],
    ["activated", "Số người đã đăng ký, kích hoạt"],
    ["regularUsers", "Số người sử dụng thường xuyên"],
  ];
  const n = (k: keyof Numbers) => (f[k].trim() === "" ? NaN : Number(f[k]));
  // The first thing to fix, with the field it belongs to: marked there once the head has tried to send,
  // recomputed on every keystroke so it goes away as soon as the numbers are right.
  const problem = ((): [keyof Numbers, string] | null => {
    for (const [k, label] of fields) if (!Number.isInteger(n(k)) || n(k) < 0) return [k, `Bác điền số cho mục “${label}”.`];
    if (n("installed") > n("smartphoneUsers")) return ["installed", "Số người đã cài không thể lớn hơn số người dùng điện thoại thông minh."];
    if (n("activated") > n("installed")) return ["activated", "Số người đã kích hoạt không thể lớn hơn số người đã cài."];
    if (n("regularUsers") > n("activated")) return ["regularUsers", "Số người dùng thường xuyên không thể lớn hơn số người đã kích hoạt."];
    return null;
  })();
  const shown = tried ? problem : null;
  const submit = async () => {
    setError(null);
    if (problem) {
      setTried(true);
      const el = document.querySelector<HTMLInputElement>(`input[name="${problem[0]}"]`);
      el?.focus();
      el?.scrollIntoView({ block: "center" });
      return;
    }
    setBusy(true);
    try {
      await staffFor(s.api).submitReport(villageId, {
        smartphoneUsers: n("smartphoneUsers"),
        installed: n("installed"),
        activated: n("activated"),
        regularUsers: n("regularUsers"),
        difficulties: f.difficulties.trim(),
        proposals: f.proposals.trim(),
      });
      await overview.reload();
      toast("Đã gửi báo cáo tuần lên xã.");
      go(backTo, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Chưa gửi được báo cáo. Bác thử lại nhé.");
    } finally {
      setBusy(false);
    }
  };
  const set = (k: keyof typeof f, v: string) => {
    setForm({ ...f, [k]: v });
    setError(null);
  };
  return (
    <Screen title="Báo cáo thứ Sáu" backTo={backTo} status={<Stale d={overview} />}>
      <section className="card">
        <h2>{`Tuần ${weekDays(overview.data.week)}`}</h2>
        {status && <ReportStatusLine state={status.state} dueAt={status.dueAt} report={status.report} />}
        {status?.state === "missing" && <p>Đã quá hạn nhưng bác vẫn gửi được; xã sẽ thấy báo cáo nộp trễ.</p>}
      </section>
      <section className="card stack" aria-label="Số liệu">
        {fields.map(([k, label]) => {
          const bad = shown?.[0] === k;
          return (
            <label key={k} className="field">
              <span>{label}</span>
              <input
                inputMode="numeric"
                pattern="[0-9]*"
                value={f[k]}
                name={k}
                aria-invalid={bad}
                aria-describedby={bad ? `err-${k}` : undefined}
                onChange={(e) => set(k, e.target.value.replace(/[^0-9]/g, ""))}
              />
              {bad && (
                <span className="err" id={`err-${k}`} role="alert">
                  {shown[1]}
                </span>
              )}
            </label>
          );
        })}
        <label className="field">
          <span>Khó khăn, vướng mắc</span>
          <textarea name="difficulties" value={f.difficulties} maxLength={4000} onChange={(e) => set("difficulties", e.target.value)} />
        </label>
        <label className="field">
          <span>Đề xuất, kiến nghị</span>
          <textarea name="proposals" value={f.proposals} maxLength={4000} onChange={(e) => set("proposals", e.target.value)} />
        </label>
      </section>
      {shown && <p className="err-note">Bác sửa mục có viền đỏ ở trên rồi bấm gửi lại.</p>}
      {error && <Banner kind="bad">{error}</Banner>}
      <Button size="large" className="btn-wide" loading={busy} disabled={busy} onClick={() => void submit()}>
        Gửi báo cáo
      </Button>
    </Screen>
  );
}
