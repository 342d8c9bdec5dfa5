import { useState } from "react";
import { Button } from "zmp-ui";
import { ApiError } from "../../api/client";
import { segmentEndpoints, type HouseholdSegments } from "../../api/segments";
import { useData, useServices } from "../../app/hooks";
import { useToast } from "../../ui/parts";

type Decision = "confirmed" | "rejected";

/**
 * The household's segments on the village head's check screen (a chunk of its own): what the household
 * declared, and the head's "Đúng" / "Không đúng" beside it (tapping the pressed one again takes the
 * decision back); a group the household did not declare can be added by the head.
 */
export default function HeadSegments({ householdId }: { householdId: number }) {
  const s = useServices();
  const toast = useToast();
  const key = `check-segments:${householdId}`;
  const d = useData<HouseholdSegments>(key, () => segmentEndpoints(s.api).household(householdId), 5_000);
  const [busy, setBusy] = useState<string | null>(null);
  if (!d.data || d.data.items.length === 0 || !d.data.canDecide) return null;
  const decide = async (segmentId: string, decision: Decision | null) => {
    setBusy(segmentId);
    try {
      s.cache.set(key, await segmentEndpoints(s.api).decide(householdId, segmentId, decision), Date.now());
      toast(decision === "confirmed" ? "Đã xác nhận." : decision === "rejected" ? "Đã ghi: không thuộc nhóm." : "Đã bỏ xác nhận.");
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa lưu được, thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card stack" aria-labelledby="head-segments-h" data-testid="head-segments">
      <h2 id="head-segments-h">Nhóm của hộ</h2>
      <p className="muted">Hộ tự khai thuộc nhóm nào; trưởng thôn xác nhận đúng hay không.</p>
      {d.data.items.map((i) => {
        const open = i.declared || i.decision !== null;
        return (
          <div key={i.segmentId} className="stack" style={{ gap: 6, paddingTop: 8, borderTop: "1px solid var(--line, #e3e5e8)" }} data-segment={i.segmentId}>
            <b>{i.name}</b>
            <div className="row" style={{ gap: 8, flexWrap: "wrap" }}>
              {i.declared ? <span className="chip warn">Hộ khai: có</span> : <span className="muted">Hộ không khai nhóm này</span>}
              {i.decision && <span className={i.decision === "confirmed" ? "chip ok" : "chip bad"}>{i.decision === "confirmed" ? "Đã xác nhận" : "Không thuộc nhóm"}</span>}
            </div>
            <div className="row" style={{ gap: 8 }} role="group" aria-label={`Trưởng thôn xác nhận: ${i.name}`}>
              {open ? (
                (["confirmed", "rejected"] as const).map((v) => (
                  <Button
                    key={v}
                    size="medium"
                    variant={i.decision === v ? "primary" : "secondary"}
                    aria-pressed={i.decision === v}
                    disabled={busy !== null}
                    onClick={() => void decide(i.segmentId, i.decision === v ? null : v)}
                  >
                    {v === "confirmed" ? "Đúng" : "Không đúng"}
                  </Button>
                ))
              ) : (
                <Button size="medium" variant="tertiary" disabled={busy !== null} onClick={() => void decide(i.segmentId, "confirmed")}>
                  Thêm hộ vào nhóm này
                </Button>
              )}
            </div>
          </div>
        );
      })}
    </section>
  );
}
