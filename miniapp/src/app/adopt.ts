import type { HouseholdView, Me } from "../api/types";
import type { AppServices } from "./services";

/** After registering or joining: the household is mine now. */
export function adoptHousehold(s: AppServices, h: HouseholdView): void {
  const now = Date.now();
  s.cache.set(`household:${h.id}`, h, now);
  const me = s.cache.get<Me>("me");
  if (me) s.cache.set("me", { ...me, household: { id: h.id, villageId: h.villageId, label: h.label } }, now);
}
