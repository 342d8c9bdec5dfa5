import "../ui/lazy-styles";
import type { VillageDashboard, VillageStandings } from "../api/types";
import { useData, useServices } from "../app/hooks";
import { Bar, Failed, Loading, Screen } from "../ui/parts";
import { pct, when } from "../ui/format";
import { moreFor } from "../api/more";
import { Stale } from "./Stale";
import { BASIS_WORDS, countedPercent, placed } from "./standings";

/** Where my village stands: % of households "đạt Gia đình số", the target, households still needed. */
export function VillageScreen({ villageId }: { villageId: string }) {
  const s = useServices();
  const d = useData<VillageDashboard>(`village:${villageId}`, () => moreFor(s.api).villageDashboard(villageId), 30_000);
  if (!d.data) return <Screen title="Thôn mình">{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</Screen>;
  return (
    <Screen title={d.data.villageName} status={<Stale d={d} />}>
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
      <Bar percent={countedPercent(v)} ok={t.reached}>
        <i className="target" style={{ left: `${t.percent}%` }} />
      </Bar>
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
  const basis = d.data.basis;
  const items = placed(d.data.items.map((v) => ({ ...v, basis })));
  const ranked = items.filter((v) => v.place !== null).length;
  const mine = items.find((v) => v.villageId === villageId);
  const other = basis === "verified" ? "Tự khai" : "Đã xác nhận";
  return (
    <section className="card" aria-label="Xếp hạng các thôn">
      <h2>Các thôn trong xã</h2>
      {mine ? (
        <p data-testid="village-rank">
          <b>
            {mine.place === null
              ? "Thôn mình chưa có hộ nào đạt, nên chưa được xếp hạng"
              : `Thôn mình đứng thứ ${mine.place}/${items.length}${mine.ties > 0 ? ` (cùng hạng với ${mine.ties} thôn khác)` : ""}`}
          </b>
          {` · ${pct(mine.percent)} · ${mine.reached ? "đã đạt mục tiêu" : `cần thêm ${mine.needed} hộ`}`}
        </p>
      ) : null}
      <p className="muted" data-testid="standings-basis">
        {`Xếp theo tỷ lệ hộ đạt “Gia đình số” (${basis === "verified" ? "hộ trưởng thôn đã xác nhận" : "hộ tự khai"}). Thôn bằng nhau thì cùng hạng; thôn chưa có hộ nào đạt thì chưa xếp hạng.`}
      </p>
      <ol className="stack" style={{ gap: 10, paddingLeft: 0, listStyle: "none" }}>
        {items.map((v) => (
          <li key={v.villageId} data-standing={v.villageId} data-place={v.place ?? ""} style={v.villageId === villageId ? { fontWeight: 700 } : undefined}>
            <div className="row between">
              <span>{`${v.place === null ? "–" : `${v.place}.`} ${v.name}`}</span>
              <span>{pct(v.percent)}</span>
            </div>
            <span className="muted">{`${other}: ${pct(basis === "verified" ? v.fullyMetPercent : v.fullyMetVerifiedPercent)} · ${v.reached ? "đã đạt mục tiêu ✓" : `cần thêm ${v.needed} hộ`}`}</span>
          </li>
        ))}
      </ol>
      {ranked === 0 && <p className="muted">Chưa thôn nào có hộ đạt “Gia đình số”.</p>}
    </section>
  );
}
