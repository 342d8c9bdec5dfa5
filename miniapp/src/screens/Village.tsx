import "../ui/lazy-styles";
import type { VillageDashboard, VillageStandings } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { Bar, Failed, Loading, Screen } from "../ui/parts";
import { pct, when } from "../ui/format";
import { moreFor } from "../api/more";

/** Plain words for which figure counts toward the target and the ranking (commune file `target.basis`). */
export const BASIS_WORDS: Record<VillageDashboard["basis"], string> = {
  self_declared: "số hộ tự khai",
  verified: "số hộ trưởng thôn đã xác nhận",
};

/** The figure that counts under the commune's basis. */
export const countedPercent = (v: { basis: VillageDashboard["basis"]; fullyMetPercent: number | null; fullyMetVerifiedPercent: number | null }) =>
  v.basis === "verified" ? v.fullyMetVerifiedPercent : v.fullyMetPercent;

/** Where my village stands: % of households "đạt Gia đình số", the target, households still needed. */
export function VillageScreen({ villageId }: { villageId: string }) {
  const s = useServices();
  const d = useData<VillageDashboard>(`village:${villageId}`, () => moreFor(s.api).villageDashboard(villageId), 30_000);
  if (!d.data) return <Screen title="Thôn mình">{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</Screen>;
  return (
    <Screen title={d.data.villageName}>
      <VillageSummary v={d.data} />
      <Standings villageId={villageId} />
      <WeakCriteria v={d.data} />
      <p className="muted center">{`Số liệu lúc ${when(d.data.asOf)}`}</p>
    </Screen>
  );
}

export function VillageSummary({ v }: { v: VillageDashboard }) {
  const t = v.target;
  return (
    <section className="card" aria-label="Tiến độ của thôn">
      <div className="row between">
        <div>
          <p className="muted">{v.basis === "verified" ? "Hộ đạt “Gia đình số” (đã xác nhận)" : "Hộ đạt “Gia đình số”"}</p>
          <p className="big" data-testid="village-percent">
            {pct(countedPercent(v))}
          </p>
        </div>
        <div style={{ textAlign: "right" }}>
          <p className="muted">Mục tiêu</p>
          <p className="big">{`${t.percent}%`}</p>
        </div>
      </div>
      <Bar percent={countedPercent(v)} target={t.percent} ok={t.reached} />
      <p data-testid="village-needed">
        {t.reached ? "Thôn đã đạt mục tiêu. Cảm ơn bà con!" : `Còn ${t.needed} hộ nữa để đạt mục tiêu ${t.percent}% (${t.required}/${t.base} hộ).`}
      </p>
      <div className="stack" style={{ gap: 2 }} data-testid="village-verified">
        <span>{`Hộ tự khai đã đạt: ${v.fullyMet} hộ (${pct(v.fullyMetPercent)})`}</span>
        <span>{`Trưởng thôn đã xác nhận: ${v.fullyMetVerified} hộ (${pct(v.fullyMetVerifiedPercent)})`}</span>
        <span className="muted">{`Mục tiêu tính theo ${BASIS_WORDS[v.basis]}.`}</span>
      </div>
      <div className="row between muted">
        <span>{`Đã đăng ký: ${v.registered}${v.officialHouseholds ? `/${v.officialHouseholds}` : ""} hộ`}</span>
        <span>{`Đã đạt: ${v.basis === "verified" ? v.fullyMetVerified : v.fullyMet} hộ`}</span>
      </div>
      <p className="muted">{`Đã tự đánh giá đủ: ${v.assessed} hộ (${pct(v.completeness)})`}</p>
    </section>
  );
}

function WeakCriteria({ v }: { v: VillageDashboard }) {
  const weak = v.criteria.filter((c) => c.applicable > 0 && (c.coverage ?? 0) < 100).sort((a, b) => (a.coverage ?? 0) - (b.coverage ?? 0)).slice(0, 6);
  if (weak.length === 0) return null;
  return (
    <section className="card" aria-label="Tiêu chí thôn còn yếu">
      <h2>Việc thôn mình cần cố gắng</h2>
      {weak.map((c) => (
        <div key={c.criterionId} className="stack" style={{ gap: 4 }}>
          <div className="row between">
            <span>{c.label}</span>
            <b>{pct(c.coverage)}</b>
          </div>
          <Bar percent={c.coverage} />
        </div>
      ))}
    </section>
  );
}

/** "Thôn mình đứng thứ N/M": the commune's villages ranked by % of households achieving "Gia đình số". */
function Standings({ villageId }: { villageId: string }) {
  const s = useServices();
  const d = useData<VillageStandings>("standings", () => moreFor(s.api).standings(), 60_000);
  if (!d.data) return d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : null;
  const items = d.data.items;
  const mine = items.find((v) => v.villageId === villageId);
  return (
    <section className="card" aria-label="Xếp hạng các thôn">
      {mine ? (
        <p data-testid="village-rank">
          <b>{`Thôn mình đứng thứ ${mine.rank}/${items.length}`}</b>
          {` · ${pct(countedPercent({ basis: d.data.basis, ...mine }))} · ${mine.reached ? "đã đạt mục tiêu" : `cần thêm ${mine.needed} hộ`}`}
        </p>
      ) : null}
      <p className="muted" data-testid="standings-basis">
        {d.data.basis === "verified"
          ? "Xếp hạng theo số hộ trưởng thôn đã xác nhận (trong ngoặc: số hộ tự khai)."
          : "Xếp hạng theo số hộ tự khai (trong ngoặc: số hộ trưởng thôn đã xác nhận)."}
      </p>
      <ol className="stack" style={{ gap: 4, paddingLeft: 0, listStyle: "none" }}>
        {items.map((v) => (
          <li key={v.villageId} data-standing={v.villageId} className="row between" style={v.villageId === villageId ? { fontWeight: 700 } : undefined}>
            <span>{`${v.rank}. ${v.name}`}</span>
            <span>{`${pct(countedPercent({ basis: d.data!.basis, ...v }))} (${pct(d.data!.basis === "verified" ? v.fullyMetPercent : v.fullyMetVerifiedPercent)})${v.reached ? " ✓" : ` · cần thêm ${v.needed} hộ`}`}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
