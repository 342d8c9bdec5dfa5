import { useCallback, useMemo } from "react";
import type { AnswerValue, HouseholdView, Me } from "../api/types";
import { withPending } from "../state/household";
import { useData, useServices, useSyncStatus } from "./hooks";

/** Who I am, from the cache at once, refreshed (a first login sends the Zalo token once). */
export function useMe() {
  const s = useServices();
  return useData<Me>("me", async () => (s.api.session() ? s.ep.me() : (await s.api.login()).me), 60_000);
}

/** My household as the screen shows it: the server's answers with the ones still waiting laid over. */
export function useHousehold(hid: number | undefined) {
  const s = useServices();
  const d = useData<HouseholdView>(hid ? `household:${hid}` : null, () => s.ep.household(hid!), 20_000);
  const sync = useSyncStatus();
  const view = useMemo(() => (d.data ? withPending(d.data, s.queue.all()) : undefined), [d.data, s.queue, sync]);
  const pendingIds = useMemo(() => new Set(s.queue.all().filter((p) => p.householdId === hid).map((p) => p.criterionId)), [s.queue, hid, sync]);
  const answer = useCallback(
    (criterionId: string, value: AnswerValue) => {
      if (!hid) return;
      void s.sync.answer({ key: s.newKey(), householdId: hid, criterionId, value, at: Date.now() });
    },
    [s, hid],
  );
  return { ...d, view, pendingIds, sync, answer };
}
