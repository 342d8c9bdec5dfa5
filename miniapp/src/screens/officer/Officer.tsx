import "../../ui/lazy-styles";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import type { CommuneDashboard, FunnelRow, TrendResponse, UnmatchedQuestion, VillageDashboard, VillageItem, VillageReportsOverview, WeekReport } from "../../api/types";
import { useData, useServices } from "../../app/hooks";
import { Icon } from "../../ui/icons";
import { Banner, Bar, Failed, Loading, Screen, useToast } from "../../ui/parts";
import { decimal, pct, when } from "../../ui/format";
import { go, match, type Route } from "../../ui/router";
import { HouseholdCheck } from "../head/HouseholdCheck";
import { VillageHouseholds } from "../head/VillageHouseholds";
import { deadlineText } from "../head/Head";
import { useConfig } from "../Home";
import { VillageSummary } from "../Village";
import { BASIS_WORDS, countedPercent, placed } from "../standings";
import * as ic from "../../ui/lazy-paths";
import { staffFor } from "../../api/staff";
import { moreFor } from "../../api/more";
import { Broadcasts } from "./Broadcasts";
import { SendingPausedBanner } from "./SendingPausedBanner";
import { VillageGroups } from "./VillageGroups";
import { PcLogin } from "./PcLogin";
import { Stale, lastUpdated } from "../Stale";
import { weekDays } from "../head/week";

/** Each screen's title, also the text of the button that opens it (an officer sees the same words). */
const TITLES = {
  reports: "Báo cáo thứ Sáu của các thôn",
  questions: "Câu hỏi chưa có hướng dẫn",
  funnel: "Người dân dùng hướng dẫn thế nào",
  broadcasts: "Thông báo, nhắc nhở",
} as const;

/** The commune officer's screens. */
export default function OfficerScreens({ route }: { route: Route }) {
  const hh = match("/can-bo/thon/:id/ho/:hid", route.path);
  if (hh) return <HouseholdCheck householdId={Number(hh.hid)} backTo={`/can-bo/thon/${hh.id}`} />;
  const v = match("/can-bo/thon/:id", route.path);
  if (v) return <VillageDrill villageId={v.id!} />;
  if (route.path === "/can-bo/bao-cao") return <Reports />;
  if (route.path === "/can-bo/cau-hoi") return <Unmatched />;
  if (route.path === "/can-bo/huong-dan") return <Funnel />;
  if (route.path === "/can-bo/thong-bao") return <Broadcasts title={TITLES.broadcasts} />;
  return <Dashboard />;
}

function Dashboard() {
  const s = useServices();
  const toast = useToast();
  const d = useData<CommuneDashboard>("commune", staffFor(s.api).commune, 10_000);
  const week = useData<WeekReport>("week:current", () => staffFor(s.api).week("current"), 30_000);
  const trend = useData<TrendResponse>("trend", () => staffFor(s.api).trend(12), 5 * 60_000);
  const [downloading, setDownloading] = useState(false);
  const download = async () => {
    setDownloading(true);
    try {
      const f = await staffFor(s.api).exportXlsx("current");
      const url = URL.createObjectURL(new Blob([f.data], { type: f.type }));
      const a = document.createElement("a");
      a.href = url;
      a.download = f.filename ?? "bao-cao-gia-dinh-so.xlsx";
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      toast(`Đã tải ${a.download}`);
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa tải được báo cáo.");
    } finally {
      setDownloading(false);
    }
  };
  if (!d.data) return <Screen title="Cán bộ xã">{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</Screen>;
  const c = d.data;
  const t = c.totals;
  const changes = new Map((week.data?.villages ?? []).map((v) => [v.villageId, v.change.fullyMetPercent]));
  return (
    <Screen title={`${c.commune.kind === "phường" ? "Phường" : "Xã"} ${c.commune.name}`} status={<Stale d={d} />}>
      <SendingPausedBanner />
      <section className="card" aria-label="Toàn xã">
        <div className="row between">
          <div>
            <p className="muted">{t.basis === "verified" ? "Hộ đạt “Gia đình số” (đã xác nhận)" : "Hộ đạt “Gia đình số”"}</p>
            <p className="big">{pct(countedPercent(t))}</p>
          </div>
          <div style={{ textAlign: "right" }}>
            <p className="muted">Mục tiêu</p>
            <p className="big">{`${t.target.percent}%`}</p>
          </div>
        </div>
        <Bar percent={countedPercent(t)} ok={t.target.reached}>
          <i className="target" style={{ left: `${t.target.percent}%` }} />
        </Bar>
        <p>{t.target.reached ? "Toàn xã đã đạt mục tiêu." : `Còn ${t.target.needed} hộ nữa để đạt mục tiêu.`}</p>
        <div className="row between muted">
          <span>{`Đăng ký: ${t.registered}${t.officialHouseholds ? `/${t.officialHouseholds}` : ""}`}</span>
          <span>{`Đánh giá đủ: ${t.assessed} (${pct(t.completeness)})`}</span>
          <span>{`Đạt: ${t.basis === "verified" ? t.fullyMetVerified : t.fullyMet}`}</span>
        </div>
        <p data-testid="commune-verified">
          {`Tự khai đạt: ${t.fullyMet} hộ (${pct(t.fullyMetPercent)}) · Trưởng thôn đã xác nhận: ${t.fullyMetVerified} hộ (${pct(t.fullyMetVerifiedPercent)})`}
        </p>
        <p className="muted">{`Mục tiêu và xếp hạng tính theo ${BASIS_WORDS[t.basis]}.`}</p>
        {week.data && week.data.totals.change.fullyMetPercent !== null && <p className="muted">{`So với tuần trước: ${signed(week.data.totals.change.fullyMetPercent)} điểm %`}</p>}
      </section>

      <section className="card" aria-label="Các thôn">
        <h2>Các thôn</h2>
        <WideTable>
          <table data-testid="villages-table">
            <thead>
              <tr>
                <th>Thôn</th>
                <th>Đăng ký</th>
                <th>Đánh giá</th>
                <th>Đạt (tự khai)</th>
                <th>Đã xác nhận</th>
                <th>Còn thiếu</th>
                <th>Tuần này</th>
              </tr>
            </thead>
            <tbody>
              {placed(c.villages).map((v) => {
                const ch = changes.get(v.villageId) ?? null;
                return (
                  <tr key={v.villageId} data-village={v.villageId} onClick={() => go(`/can-bo/thon/${v.villageId}`)} style={{ cursor: "pointer" }}>
                    <td>
                      <a href={`#/can-bo/thon/${v.villageId}`} style={{ display: "inline-block", minHeight: 32 }}>{`${v.place === null ? "–" : `${v.place}.`} ${v.villageName}`}</a>
                    </td>
                    <td>{v.registered}</td>
                    <td>{pct(v.completeness)}</td>
                    <td data-testid="achieved">{pct(v.fullyMetPercent)}</td>
                    <td data-testid="verified">{pct(v.fullyMetVerifiedPercent)}</td>
                    <td>{v.target.reached ? "Đạt" : v.target.needed}</td>
                    <td className={ch === null ? "" : ch > 0 ? "up" : ch < 0 ? "down" : ""}>{ch === null ? "–" : signed(ch)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </WideTable>
        <p className="muted">{`“Đạt (tự khai)”: % hộ tự khai đạt “Gia đình số” trên số hộ của thôn; “Đã xác nhận”: % hộ trưởng thôn đã xác nhận đủ; xếp hạng theo ${BASIS_WORDS[c.totals.basis]}, thôn bằng nhau cùng hạng, thôn chưa có hộ đạt thì chưa xếp hạng (–); “Tuần này”: điểm % so với tuần trước.`}</p>
      </section>

      <TrendChart trend={trend.data} now={countedPercent(t)} target={t.target.percent} />
      <CriteriaBars criteria={t.criteria} />
      <VillageGroups />
      <PcLogin />

      <div className="stack">
        <Button size="large" className="btn-wide" loading={downloading} onClick={() => void download()}>
          Tải báo cáo Excel tuần này
        </Button>
        <NavButton icon={ic.report} to="/can-bo/bao-cao" text={TITLES.reports} />
        <NavButton icon={ic.question} to="/can-bo/cau-hoi" text={TITLES.questions} />
        <NavButton icon={ic.book} to="/can-bo/huong-dan" text={TITLES.funnel} />
        <NavButton icon={ic.bell} to="/can-bo/thong-bao" text={TITLES.broadcasts} />
      </div>
      <p className="muted center">{`Số liệu lúc ${when(c.asOf)}`}</p>
    </Screen>
  );
}

/** The width of an element, followed as the phone turns or the font grows (charts draw at 1 unit = 1 px). */
function useWidth<T extends HTMLElement>(fallback: number): [React.RefObject<T>, number] {
  const ref = useRef<T>(null);
  const [w, setW] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const ro = new ResizeObserver(() => setW(el.clientWidth || fallback));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fallback]);
  return [ref, w];
}

/** A table wider than the phone: scrolls sideways, the first column stays, and it says so (a shadow and a line). */
function WideTable({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [more, setMore] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const check = () => setMore(el.scrollWidth - el.clientWidth - el.scrollLeft > 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    el.addEventListener("scroll", check, { passive: true });
    return () => {
      ro.disconnect();
      el.removeEventListener("scroll", check);
    };
  }, []);
  return (
    <>
      {more && (
        <p className="muted" data-testid="table-scroll-hint">
          Bảng còn cột bên phải: vuốt sang trái để xem thêm →
        </p>
      )}
      <div ref={ref} className={more ? "table-wrap more" : "table-wrap"} tabIndex={0} role="region" aria-label="Bảng các thôn, vuốt ngang để xem hết">
        {children}
      </div>
    </>
  );
}

const signed = (n: number) => `${n > 0 ? "+" : ""}${decimal(n)}`;

function NavButton({ icon, to, text }: { icon: ReactNode; to: string; text: string }) {
  return (
    <button className="link-btn" type="button" onClick={() => go(to)}>
      <Icon p={icon} />
      <span className="grow">{text}</span>
      <Icon p={ic.chevron} />
    </button>
  );
}

/** The commune's % of households "đạt" per frozen week, this week's live figure last, the target dashed. */
function TrendChart({ trend, now, target }: { trend: TrendResponse | undefined; now: number | null; target: number }) {
  const weeks = [...(trend?.weeks ?? [])].sort((a, b) => a.week.localeCompare(b.week));
  // Weeks as the days they cover ("30/11–6/12"), never ISO week numbers.
  const points = [
    ...weeks.map((w) => ({ label: weekDays(w.week), v: (w.basis === "verified" ? w.totals.fullyMetVerifiedPercent : w.totals.fullyMetPercent) ?? 0 })),
    { label: "Nay", v: now ?? 0 },
  ];
  const lastWeek = weeks.length > 0 ? points[points.length - 2] : undefined;
  // Drawn at the card's width (1 unit = 1 px): labels stay 12 px and "100%" fits on a 320 px phone.
  const [box, W] = useWidth<HTMLDivElement>(300);
  const H = 160;
  const pad = { l: 44, r: 12, t: 12, b: 26 };
  const x = (i: number) => pad.l + (points.length === 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / 100);
  // A week's label is about 70 px wide at 12 px: every `step`-th point is labelled (counted back from
  // "Nay") so that labels stay about 110 px apart and never overlap on a 320 px phone.
  const fit = Math.max(2, Math.floor((W - pad.l - pad.r) / 110) + 1);
  const step = Math.ceil(points.length / fit);
  const labelled = (i: number) => (points.length - 1 - i) % step === 0;
  return (
    <section className="card" aria-label="Xu hướng theo tuần">
      <h2>Xu hướng theo tuần</h2>
      {weeks.length === 0 && <p className="muted">Chưa có tuần nào được chốt (chốt lúc 16:00 thứ Sáu). Biểu đồ có thêm một điểm mỗi tuần.</p>}
      <div ref={box}>
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width={W}
        height={H}
        style={{ display: "block" }}
        role="img"
        aria-label={`Tỷ lệ hộ đạt theo tuần: ${points.map((p) => `${p.label === "Nay" ? "nay" : `tuần ${p.label}`} ${decimal(p.v)}%`).join(", ")}`}
      >
        {[0, 50, 100].map((g) => (
          <g key={g}>
            <line x1={pad.l} x2={W - pad.r} y1={y(g)} y2={y(g)} stroke="var(--line)" />
            <text x={pad.l - 6} y={y(g) + 4} fontSize="12" textAnchor="end" fill="var(--muted)">{`${g}%`}</text>
          </g>
        ))}
        <line x1={pad.l} x2={W - pad.r} y1={y(target)} y2={y(target)} stroke="var(--warn)" strokeDasharray="5 4" />
        <polyline fill="none" stroke="var(--primary)" strokeWidth="3" points={points.map((p, i) => `${x(i)},${y(p.v)}`).join(" ")} />
        {points.map((p, i) => (
          <g key={i}>
            <circle cx={x(i)} cy={y(p.v)} r="4" fill="var(--primary)" />
            {labelled(i) && (
              <text x={x(i)} y={H - 6} fontSize="12" textAnchor={i === 0 && points.length > 1 ? "start" : i === points.length - 1 && points.length > 1 ? "end" : "middle"} fill="var(--muted)">
                {p.label}
              </text>
            )}
          </g>
        ))}
      </svg>
      </div>
      {lastWeek && <p className="muted" data-testid="trend-last-week">{`Tuần ${lastWeek.label} (đã chốt): ${pct(lastWeek.v)} · Nay: ${pct(now)}. Mỗi điểm là một tuần, thứ Hai đến Chủ nhật.`}</p>}
    </section>
  );
}

function CriteriaBars({ criteria }: { criteria: CommuneDashboard["totals"]["criteria"] }) {
  return (
    <section className="card" aria-label="Từng tiêu chí">
      <h2>Từng tiêu chí (toàn xã)</h2>
      {criteria.map((c) => (
        <div key={c.criterionId} className="stack" style={{ gap: 4 }}>
          <div className="row between">
            <span>{c.label}</span>
            <b>{pct(c.coverage)}</b>
          </div>
          <Bar percent={c.coverage} />
          <span className="muted">{`${c.met}/${c.applicable} hộ${c.verified ? `, ${c.verified} đã xác nhận` : ""}`}</span>
        </div>
      ))}
    </section>
  );
}

function VillageDrill({ villageId }: { villageId: string }) {
  const s = useServices();
  const d = useData<VillageDashboard>(`village:${villageId}`, () => moreFor(s.api).villageDashboard(villageId), 10_000);
  return (
    <Screen title={d.data?.villageName ?? "Thôn"} backTo="/can-bo" status={<Stale d={d} />}>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && <VillageSummary v={d.data} />}
      {d.data && <CriteriaBars criteria={d.data.criteria} />}
      <VillageHouseholds villageId={villageId} linkBase={`/can-bo/thon/${villageId}`} />
    </Screen>
  );
}

function Reports() {
  const s = useServices();
  const d = useData<VillageReportsOverview>("reports:all", staffFor(s.api).reportsOverview, 15_000);
  const label = { on_time: ["chip ok", "Đúng hạn"], late: ["chip warn", "Trễ hạn"], missing: ["chip bad", "Chưa nộp"], pending: ["chip", "Chưa đến hạn"] } as const;
  return (
    <Screen title={TITLES.reports} backTo="/can-bo" status={<Stale d={d} />}>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && (
        <>
          <p className="muted">{deadlineText(d.data.dueAt)}</p>
          {d.data.items.map((r) => (
            <section key={r.villageId} className="card" data-village={r.villageId}>
              <div className="row between">
                <h3>{r.villageName}</h3>
                <span className={label[r.state][0]}>{label[r.state][1]}</span>
              </div>
              <p className="muted">{`Trưởng thôn: ${r.head}`}</p>
              {r.report && (
                <>
                  <p>{`Dùng điện thoại thông minh: ${r.report.smartphoneUsers} · Đã cài ${d.data!.provinceApp}: ${r.report.installed} · Đã kích hoạt: ${r.report.activated} · Dùng thường xuyên: ${r.report.regularUsers}`}</p>
                  {r.report.difficulties && <p>{`Khó khăn: ${r.report.difficulties}`}</p>}
                  {r.report.proposals && <p>{`Đề xuất: ${r.report.proposals}`}</p>}
                  <p className="muted">{`Gửi lúc ${when(r.report.updatedAt)}`}</p>
                </>
              )}
            </section>
          ))}
        </>
      )}
    </Screen>
  );
}

function Unmatched() {
  const s = useServices();
  const toast = useToast();
  const config = useConfig();
  const d = useData<UnmatchedQuestion[]>("unmatched", staffFor(s.api).unmatched, 5_000);
  const villages = useData<{ items: VillageItem[] }>("villages", moreFor(s.api).villages, 5 * 60_000);
  const villageName = (id: string | null | undefined) => (id ? villages.data?.items.find((v) => v.id === id)?.name ?? id : null);
  const [choice, setChoice] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState<number | null>(null);
  const map = async (q: UnmatchedQuestion, guideId: string | null) => {
    setBusy(q.id);
    try {
      await staffFor(s.api).mapUnmatched(q.id, guideId);
      toast(guideId ? "Đã gắn câu hỏi với hướng dẫn. Lần sau câu tương tự sẽ được tự trả lời." : "Đã bỏ qua câu hỏi.");
      await d.reload();
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa lưu được.");
    } finally {
      setBusy(null);
    }
  };
  return (
    <Screen title={TITLES.questions} backTo="/can-bo" status={<Stale d={d} />}>
      <p className="muted">Người dân hỏi trên Zalo mà hệ thống chưa hiểu. Gắn mỗi câu với hướng dẫn đúng để lần sau hệ thống tự trả lời.</p>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data?.length === 0 && <Banner kind="ok">Không còn câu hỏi nào chờ xử lý.</Banner>}
      {d.data?.map((q) => (
        <section key={q.id} className="card" data-question={q.id}>
          <p className="label">{`“${q.text}”`}</p>
          <p className="muted" data-testid="question-from">
            {`${villageName(q.villageId) ?? "Chưa biết thôn nào"} · hỏi lúc ${lastUpdated(q.createdAt)}`}
          </p>
          {q.reply ? (
            <div className="said" data-testid="question-reply">
              <span className="muted">{`Hệ thống đã trả lời lúc ${lastUpdated(q.reply.at)}:`}</span>
              <p>{q.reply.text}</p>
            </div>
          ) : (
            <p className="muted" data-testid="question-reply">Hệ thống chưa trả lời câu này.</p>
          )}
          <label className="field">
            <span>Hướng dẫn phù hợp</span>
            <select value={choice[q.id] ?? ""} onChange={(e) => setChoice({ ...choice, [q.id]: e.target.value })}>
              <option value="">Chọn hướng dẫn…</option>
              {(config.data?.guides ?? []).map((g) => (
                <option key={g.id} value={g.id}>
                  {g.title}
                </option>
              ))}
            </select>
          </label>
          <div className="btn-row">
            <Button size="large" disabled={!choice[q.id] || busy === q.id} onClick={() => void map(q, choice[q.id]!)}>
              Gắn hướng dẫn
            </Button>
            <Button size="large" variant="tertiary" disabled={busy === q.id} onClick={() => void map(q, null)}>
              Bỏ qua
            </Button>
          </div>
        </section>
      ))}
    </Screen>
  );
}

function Funnel() {
  const s = useServices();
  const d = useData<FunnelRow[]>("funnel", () => staffFor(s.api).funnel(30), 30_000);
  return (
    <Screen title={TITLES.funnel} backTo="/can-bo" status={<Stale d={d} />}>
      <p className="muted">30 ngày qua: bao nhiêu lượt mở từng hướng dẫn, đi tới bước nào, bao nhiêu lượt làm xong. Lượt mở = làm xong + đang làm + bỏ dở.</p>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data?.length === 0 && <p className="muted">Chưa có ai dùng hướng dẫn trong 30 ngày qua.</p>}
      {d.data?.map((f) => (
        <section key={f.guideId} className="card" data-guide={f.guideId}>
          <h3>{f.title}</h3>
          <ul className="stack" style={{ gap: 4, listStyle: "none", paddingLeft: 0 }} data-testid="funnel-counts">
            {(
              [
                ["Lượt mở", f.started],
                [`Làm xong (${f.started ? Math.round((f.finished / f.started) * 100) : 0}%)`, f.finished],
                ["Đang làm", f.open],
                ["Bỏ dở", f.left],
              ] as const
            ).map(([label, n]) => (
              <li key={label} className="row between">
                <span>{label}</span>
                <b>{n}</b>
              </li>
            ))}
          </ul>
          {f.reached.map((n, i) => (
            <div key={i} className="row">
              <span className="muted" style={{ width: 64 }}>{`Bước ${i + 1}`}</span>
              <div style={{ flex: 1 }}>
                <Bar percent={f.started ? (n / f.started) * 100 : 0} />
              </div>
              <span style={{ width: 32, textAlign: "right" }}>{n}</span>
            </div>
          ))}
        </section>
      ))}
    </Screen>
  );
}
