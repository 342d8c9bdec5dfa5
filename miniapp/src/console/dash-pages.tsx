import { useState } from "react";
import type { VillageItem } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { pct } from "../ui/format";
import { Failed, Loading } from "../ui/parts";
import { go, useRoute } from "../ui/router";
import { consoleEndpoints } from "./api";
import { DashBars } from "./dash-bars";
import { dashEndpoints, dashKey, type DashQuery, type DashTable, type DashView } from "./dash-api";
import { DashTableView } from "./dash-table";
import { PageFrame } from "./parts";
import { TrendChart } from "./TrendChart";

/** One dashboard's table from the bot, kept fresh for a minute. */
export function useDash(view: DashView, q: Omit<DashQuery, "sort">) {
  const s = useServices();
  return useData<DashTable>(dashKey(view, q), () => dashEndpoints(s.api).table(view, q), 60_000);
}

function VillagePicker({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const s = useServices();
  const villages = useData<{ items: VillageItem[] }>("villages", consoleEndpoints(s.api).villages, 5 * 60_000);
  return (
    <label className="inline-field">
      <span>Xem số liệu của</span>
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid="village-picker">
        <option value="">Toàn xã</option>
        {(villages.data?.items ?? []).map((v) => (
          <option key={v.id} value={v.id}>
            {v.name}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The target in words, large: "Cần thêm 37 hộ để đạt 80%". */
function TargetLine({ table }: { table: DashTable }) {
  if (!table.target) return null;
  return (
    <p className={`target-words${table.target.reached ? " met" : ""}`} data-testid="target-words">
      {table.target.words}
    </p>
  );
}

function Waiting({ d }: { d: { error?: { message: string }; reload: () => Promise<void> } }) {
  return d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />;
}

/** Từng tiêu chí / Từng trụ cột: the commune or one village, bars against the target, the table, its Excel. */
function BreakdownPage({ view, title, lead, labelKey, valueKey, axis }: { view: "criteria" | "pillars"; title: string; lead: string; labelKey: string; valueKey: string; axis: string }) {
  const route = useRoute();
  const village = route.query.get("thon") ?? "";
  const d = useDash(view, { village: village || undefined });
  const setVillage = (v: string) => go(`${route.path}${v ? `?thon=${encodeURIComponent(v)}` : ""}`, { replace: true });
  return (
    <PageFrame title={title}>
      <p className="lead">{lead}</p>
      <div className="toolbar">
        <VillagePicker value={village} onChange={setVillage} />
      </div>
      {!d.data && <Waiting d={d} />}
      {d.data && (
        <>
          <section className="c-card" aria-labelledby={`${view}-chart-h`}>
            <h2 id={`${view}-chart-h`}>{d.data.title}</h2>
            <TargetLine table={d.data} />
            <DashBars table={d.data} labelKey={labelKey} valueKey={valueKey} target={d.data.target?.percent ?? null} axis={axis} testId={`${view}-bars`} />
          </section>
          <section className="c-card" aria-labelledby={`${view}-table-h`}>
            <h2 id={`${view}-table-h`}>Bảng số liệu</h2>
            <DashTableView table={d.data} view={view} query={{ village: village || undefined }} testId={`${view}-table`} caption={d.data.title} rowHead={view === "criteria" ? 1 : 0} />
          </section>
        </>
      )}
    </PageFrame>
  );
}

export function CriteriaPage() {
  return (
    <BreakdownPage
      view="criteria"
      title="Từng tiêu chí"
      lead="Mỗi tiêu chí: bao nhiêu hộ đã đạt trên số hộ tiêu chí đó áp dụng, so với mục tiêu, và còn cần thêm bao nhiêu hộ. Bấm tên cột để sắp xếp."
      labelKey="label"
      valueKey="coverage"
      axis="Tỉ lệ hộ đạt tiêu chí (%)"
    />
  );
}

export function PillarsPage() {
  return (
    <BreakdownPage
      view="pillars"
      title="Từng trụ cột"
      lead="Ba trụ cột của bộ tiêu chí: một hộ đạt một trụ cột khi đạt mọi tiêu chí của trụ cột đó áp dụng cho hộ."
      labelKey="pillar"
      valueKey="percent"
      axis="Tỉ lệ hộ đạt cả trụ cột (%)"
    />
  );
}

/** One village: where it stands this week against the target, its trend, links to its criteria and pillars. */
export function VillagePage({ id }: { id: string }) {
  const d = useDash("trend", { village: id, weeks: 8 });
  const name = d.data?.scope.name ?? "Thôn";
  return (
    <PageFrame
      title={name}
      actions={
        <a className="c-btn ghost" href="#/">
          ← Tổng quan
        </a>
      }
    >
      {!d.data && <Waiting d={d} />}
      {d.data && (
        <>
          <section className="c-card" aria-labelledby="v-target-h">
            <h2 id="v-target-h">Tuần này so với mục tiêu</h2>
            <TargetLine table={d.data} />
            <NowInWords table={d.data} />
            <p>
              <a href={`#/tieu-chi?thon=${encodeURIComponent(id)}`}>Xem từng tiêu chí của {name}</a>
              {" · "}
              <a href={`#/tru-cot?thon=${encodeURIComponent(id)}`}>Xem từng trụ cột</a>
            </p>
          </section>
          <section className="c-card" aria-labelledby="v-trend-h">
            <h2 id="v-trend-h">Tỉ lệ hộ đạt qua các tuần</h2>
            <TrendChart table={d.data} target={d.data.target?.percent ?? 80} />
            <DashTableView table={d.data} view="trend" query={{ village: id, weeks: 8 }} testId="village-trend-table" caption={d.data.title} />
          </section>
        </>
      )}
    </PageFrame>
  );
}

/** "4 hộ đạt trên 46 hộ của thôn (8,7%); mục tiêu 80% là 37 hộ." from the trend's last line (this week). */
function NowInWords({ table }: { table: DashTable }) {
  const now = table.rows.at(-1);
  const t = table.target;
  if (!now || !t) return null;
  const at = (key: string) => now.cells[table.columns.findIndex((c) => c.key === key)] ?? null;
  const met = at("fullyMet");
  return (
    <p data-testid="now-words">
      {t.base === 0
        ? "Thôn chưa có số hộ để tính mục tiêu."
        : `Tuần này: ${met ?? 0} hộ đạt trên ${t.base} hộ của thôn (${pct(at("percent") as number | null)}); mục tiêu ${t.percent}% là ${t.required} hộ.`}
    </p>
  );
}

const SILENT_WEEKS = [2, 4, 8] as const;

/** Households that have not answered for N weeks (2, 4 or 8), per village: who to visit. */
export function SilentSection() {
  const [weeks, setWeeks] = useState<number>(4);
  const d = useDash("silent", { weeks });
  return (
    <section className="c-card" aria-labelledby="silent-h">
      <h2 id="silent-h">Hộ lâu không trả lời</h2>
      <div className="seg" role="group" aria-label="Số tuần không trả lời">
        {SILENT_WEEKS.map((w) => (
          <button key={w} type="button" aria-pressed={w === weeks} onClick={() => setWeeks(w)}>
            {`${w} tuần`}
          </button>
        ))}
      </div>
      {!d.data && <Waiting d={d} />}
      {d.data && <DashTableView table={d.data} view="silent" query={{ weeks }} testId="silent-table" caption={d.data.title} />}
    </section>
  );
}
