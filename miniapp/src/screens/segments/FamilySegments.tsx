import { useState } from "react";
import { ApiError } from "../../api/client";
import { segmentEndpoints, type HouseholdSegments } from "../../api/segments";
import { useData, useServices } from "../../app/hooks";
import { useToast } from "../../ui/parts";

/** What the village head said, in words (the switch says what the household declared). */
function headWords(i: HouseholdSegments["items"][number]): string | null {
  if (i.decision === "confirmed") return i.declared ? "Trưởng thôn đã xác nhận" : "Trưởng thôn ghi hộ mình thuộc nhóm này";
  if (i.decision === "rejected") return "Trưởng thôn chưa đồng ý, bác hỏi lại trưởng thôn nhé";
  return i.declared ? "Chờ trưởng thôn xác nhận" : null;
}

/**
 * "Gia đình thuộc nhóm nào?" on the family screen (a chunk of its own): the commune's segments as
 * switches, like the household types; each change is sent at once and the village head confirms.
 */
export default function FamilySegments({ householdId }: { householdId: number }) {
  const s = useServices();
  const toast = useToast();
  const key = `segments:${householdId}`;
  const d = useData<HouseholdSegments>(key, () => segmentEndpoints(s.api).household(householdId), 30_000);
  const [busy, setBusy] = useState<string | null>(null);
  if (!d.data || d.data.items.length === 0) return null;
  const items = d.data.items;
  const set = async (segmentId: string, on: boolean) => {
    setBusy(segmentId);
    try {
      const declared = items.filter((i) => (i.segmentId === segmentId ? on : i.declared)).map((i) => i.segmentId);
      s.cache.set(key, await segmentEndpoints(s.api).declare(householdId, declared), Date.now());
    } catch (err) {
      toast(err instanceof ApiError ? err.message : "Chưa lưu được, bác thử lại nhé.");
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="card" aria-labelledby="segments-h" data-testid="family-segments">
      <h2 id="segments-h">Gia đình thuộc nhóm nào?</h2>
      <p className="muted">Xã đặt chỉ tiêu riêng cho từng nhóm. Bác bật nhóm nào đúng với nhà mình, trưởng thôn sẽ xác nhận.</p>
      {items.map((i) => {
        const words = headWords(i);
        return (
          <label key={i.segmentId} className="toggle" data-on={i.declared} data-segment={i.segmentId}>
            <input type="checkbox" role="switch" className="sr-only" checked={i.declared} disabled={busy !== null} onChange={(e) => void set(i.segmentId, e.target.checked)} />
            <span className="grow">
              {i.name}
              {words && <span className="muted segment-note" style={{ display: "block", fontSize: 15 }}>{words}</span>}
            </span>
            <span className="state" aria-hidden="true">{i.declared ? "Có" : "Không"}</span>
            <span className="switch" aria-hidden="true" />
          </label>
        );
      })}
    </section>
  );
}
