import { Suspense, lazy, useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import type { HouseholdView } from "../../api/types";
import { useData, useServices } from "../../app/hooks";
import { Icon } from "../../ui/icons";
import { Failed, Loading, Ring, Screen, useToast } from "../../ui/parts";
import * as ic from "../../ui/lazy-paths";
import { Stale } from "../Stale";
import { staffFor } from "../../api/staff";

// The household's segments and the head's confirmation: a chunk of its own.
const HeadSegments = lazy(() => import("../segments/HeadSegments"));

const STATUS_TEXT = { met: "Đạt", unmet: "Chưa đạt", unanswered: "Chưa trả lời", na: "Không áp dụng" } as const;

/** One household seen by its village head (or an officer): answers, and "xác nhận" on what it met. */
export function HouseholdCheck({ householdId, backTo }: { householdId: number; backTo: string }) {
  const s = useServices();
  const toast = useToast();
  const d = useData<HouseholdView>(`check:${householdId}`, () => s.ep.household(householdId), 5_000);
  const [busy, setBusy] = useState<string | null>(null);
  if (!d.data) return <Screen title="Hộ gia đình" backTo={backTo}>{d.error ? <Failed message={d.error.message} retry={() => void d.reload()} /> : <Loading />}</Screen>;
  const h = d.data;
  const verify = async (criterionId: string, verified: boolean) => {
    setBusy(criterionId);
    try {
      const r = await staffFor(s.api).verify(h.id, { criterionId, verified, idempotencyKey: s.newKey() });
      s.cache.set(`check:${h.id}`, r.household, Date.now());
      toast(verified ? "Đã xác nhận." : "Đã bỏ xác nhận.");
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa lưu được, thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };
  return (
    <Screen title={h.label} backTo={backTo} status={<Stale d={d} />}>
      <section className="card row">
        <Ring value={h.progress.met} max={h.progress.applicable} size={96} />
        <div className="stack" style={{ gap: 2 }}>
          <b>{h.progress.fullyMet ? "Đã đạt “Gia đình số”" : `Đạt ${h.progress.met}/${h.progress.applicable} tiêu chí`}</b>
          <span className="muted">{h.villageName}</span>
          <span className="muted">{`${h.members.length} người dùng ứng dụng`}</span>
        </div>
      </section>
      {h.criteria
        .filter((c) => c.status !== "na")
        .map((c) => (
          <article key={c.id} className={`card criterion ${c.status}`} data-criterion={c.id}>
            <p className="label">{c.label}</p>
            <div className="row between">
              <span className={c.status === "met" ? "chip ok" : c.status === "unmet" ? "chip bad" : "chip warn"}>{STATUS_TEXT[c.status]}</span>
              {c.answer?.verified && (
                <span className="chip ok">
                  <Icon p={ic.shield} size={16} />
                  Đã xác nhận
                </span>
              )}
            </div>
            {c.status === "met" && (
              <Button
                size="large"
                variant={c.answer?.verified ? "tertiary" : "secondary"}
                loading={busy === c.id}
                disabled={busy !== null}
                onClick={() => void verify(c.id, !c.answer?.verified)}
              >
                {c.answer?.verified ? "Bỏ xác nhận" : "Xác nhận hộ đã đạt"}
              </Button>
            )}
          </article>
        ))}
      <Suspense fallback={null}>
        <HeadSegments householdId={h.id} />
      </Suspense>
    </Screen>
  );
}
