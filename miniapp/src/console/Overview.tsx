import type { CommuneDashboard } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { pct } from "../ui/format";
import { Failed, Loading } from "../ui/parts";
import { targetWords } from "../../../shared/contracts/reports";
import type { TicketList } from "./api";
import { consoleEndpoints } from "./api";
import { SilentSection, useDash } from "./dash-pages";
import { DashTableView, ExcelButton } from "./dash-table";
import { PageFrame } from "./parts";
import { TrendChart } from "./TrendChart";

const countedPercent = (v: Pick<CommuneDashboard["totals"], "basis" | "fullyMetPercent" | "fullyMetVerifiedPercent">) => (v.basis === "verified" ? v.fullyMetVerifiedPercent : v.fullyMetPercent);

/** Weeks of the trend on the overview (their dates fit side by side at 1366 px). */
const TREND_WEEKS = 8;

/**
 * Tổng quan: the commune against its target ("Cần thêm 37 hộ để đạt 80%"), its trend, each village
 * (sortable, each with its own page), households silent for N weeks, and what waits for an officer.
 * Every table and the trend download as Excel, as shown.
 */
export function OverviewPage() {
  const s = useServices();
  const d = useData<CommuneDashboard>("commune", consoleEndpoints(s.api).commune, 10_000);
  const villages = useDash("villages", {});
  const trend = useDash("trend", { weeks: TREND_WEEKS });
  const open = useData<TicketList>("tickets:open:", () => consoleEndpoints(s.api).tickets({ status: ["new", "in_progress"] }), 10_000);
  if (!d.data) return <PageFrame title="Tổng quan">{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</PageFrame>;
  const c = d.data;
  const t = c.totals;
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
          <p className="target-words small-words" data-testid="commune-target">
            {targetWords(t.target)}
          </p>
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
        <div className="row-between">
          <h2 id="trend-h">Tỉ lệ hộ đạt qua các tuần</h2>
          <ExcelButton view="trend" query={{ weeks: TREND_WEEKS }} />
        </div>
        <TrendChart table={trend.data} target={t.target.percent} />
      </section>
      <section className="c-card" aria-labelledby="villages-h">
        <h2 id="villages-h">Các thôn</h2>
        {villages.data ? (
          <DashTableView
            table={villages.data}
            view="villages"
            query={{}}
            testId="console-villages"
            caption="Các thôn so với mục tiêu"
            link={(id) => `#/thon/${encodeURIComponent(id)}`}
          />
        ) : villages.error ? (
          <Failed message={villages.error.message} retry={() => void villages.reload()} />
        ) : (
          <Loading />
        )}
      </section>
      <SilentSection />
    </PageFrame>
  );
}
