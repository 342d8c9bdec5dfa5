import "../../ui/lazy-styles";
import { useState } from "react";
import type { CatalogueView, VillageHouseholdsResponse } from "../../api/types";
import { useData, useServices } from "../../app/hooks";
import { Icon } from "../../ui/icons";
import { Failed, Loading } from "../../ui/parts";
import { go } from "../../ui/router";
import { useCatalogue } from "../Home";
import * as ic from "../../ui/lazy-paths";
import { staffFor } from "../../api/staff";

/** A village's households with what each is still missing; filter by "not done" or by one criterion. */
export function VillageHouseholds({ villageId, linkBase }: { villageId: string; linkBase: string }) {
  const s = useServices();
  const cat = useCatalogue();
  const [onlyIncomplete, setOnlyIncomplete] = useState(true);
  const [missing, setMissing] = useState("");
  const key = `households:${villageId}:${onlyIncomplete}:${missing}`;
  const d = useData<VillageHouseholdsResponse>(key, () => staffFor(s.api).villageHouseholds(villageId, { ...(onlyIncomplete ? { incomplete: true } : {}), ...(missing ? { missing } : {}) }), 10_000);
  const label = labeller(cat.data);
  return (
    <section className="card" aria-label="Các hộ trong thôn">
      <h2>Các hộ trong thôn</h2>
      <div className="answers seg" style={{ ["--n" as string]: 2 }} role="group" aria-label="Lọc">
        <button type="button" aria-pressed={onlyIncomplete} onClick={() => setOnlyIncomplete(true)}>
          Hộ còn thiếu
        </button>
        <button type="button" aria-pressed={!onlyIncomplete} onClick={() => setOnlyIncomplete(false)}>
          Tất cả hộ
        </button>
      </div>
      <label className="field">
        <span>Thiếu tiêu chí</span>
        <select value={missing} onChange={(e) => setMissing(e.target.value)}>
          <option value="">Tiêu chí nào cũng được</option>
          {(cat.data?.criteria ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {!d.data && (d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />)}
      {d.data && d.data.items.length === 0 && <p className="muted">Không có hộ nào trong danh sách này.</p>}
      {d.data && (
        <div className="list">
          {d.data.items.map((h) => {
            // Filtered by one criterion: that one first (and how it stands), then the others.
            const todo = [...h.unanswered, ...h.unmet].filter((id) => id !== missing);
            const first = missing && (h.unanswered.includes(missing) || h.unmet.includes(missing)) ? missing : "";
            const shownIds = todo.slice(0, first ? 2 : 3);
            const more = todo.length - shownIds.length;
            return (
              <button key={h.id} type="button" className="choice" onClick={() => go(`${linkBase}/ho/${h.id}`)} data-household={h.id}>
                <div className="grow stack" style={{ gap: 2 }}>
                  <b>{h.label}</b>
                  {h.left && <span className="chip warn">Không còn ai trong hộ dùng ứng dụng</span>}
                  <span className="muted" data-summary>
                    {h.fullyMet ? (
                      "Đã đạt “Gia đình số”"
                    ) : (
                      <>
                        {`Đạt ${h.met}/${h.applicable}. Còn thiếu: `}
                        {first && <b className="filtered">{`${label(first)} (${h.unanswered.includes(first) ? "chưa trả lời" : "chưa đạt"})`}</b>}
                        {`${first && shownIds.length ? "; " : ""}${shownIds.map(label).join("; ")}${more > 0 ? ` và ${more} tiêu chí khác` : ""}`}
                      </>
                    )}
                  </span>
                </div>
                <Icon p={ic.chevron} />
              </button>
            );
          })}
        </div>
      )}
      {d.data?.nextAfter && <p className="muted">Danh sách dài: lọc theo tiêu chí để xem hộ còn thiếu việc đó.</p>}
    </section>
  );
}

export function labeller(cat: CatalogueView | undefined) {
  const m = new Map((cat?.criteria ?? []).map((c) => [c.id, c.label]));
  return (id: string) => m.get(id) ?? id;
}
