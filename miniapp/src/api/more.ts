/** The API calls of a household's other screens (loaded with them). */
import type { ApiClient } from "./client";
import { id } from "./endpoints";
import type { GuideView, HouseholdFlags, HouseholdView, InviteResponse, VillageDashboard, VillageItem, VillageStandings } from "./types";

export function moreEndpoints(api: ApiClient) {
  return {
    guide: (guideId: string) => api.publicGet<GuideView>(`/miniapp/guides/${id(guideId)}.json`),
    villages: () => api.call<{ items: VillageItem[] }>("GET", "/api/villages"),
    register: (b: { villageId: string; label: string; flags: Partial<HouseholdFlags>; memberName?: string; joinAsMember?: boolean }) =>
      api.call<HouseholdView>("POST", "/api/households", b),
    join: (code: string, memberName?: string) => api.call<HouseholdView>("POST", "/api/households/join", { code, ...(memberName ? { memberName } : {}) }),
    leave: () => api.call<{ ok: true }>("DELETE", "/api/me/household"),
    updateHousehold: (hid: number, patch: { label?: string; flags?: Partial<HouseholdFlags> }) => api.call<HouseholdView>("PATCH", `/api/households/${hid}`, patch),
    invite: (hid: number) => api.call<InviteResponse>("POST", `/api/households/${hid}/invites`),
    villageDashboard: (vid: string) => api.call<VillageDashboard>("GET", `/api/villages/${id(vid)}/dashboard`),
    standings: () => api.call<VillageStandings>("GET", "/api/villages/standings"),
  };
}

export type MoreEndpoints = ReturnType<typeof moreEndpoints>;

const made = new WeakMap<ApiClient, MoreEndpoints>();
/** One set per client. */
export function moreFor(api: ApiClient): MoreEndpoints {
  let e = made.get(api);
  if (!e) made.set(api, (e = moreEndpoints(api)));
  return e;
}
