/** The API calls of the household segments ("Gia đình thuộc nhóm nào?"): loaded with those sections only. */
import type { HouseholdSegments } from "../../../shared/contracts/segments";
import type { ApiClient } from "./client";

export type { HouseholdSegments };

export function segmentEndpoints(api: ApiClient) {
  return {
    household: (hid: number) => api.call<HouseholdSegments>("GET", `/api/households/${hid}/segments`),
    declare: (hid: number, declared: string[]) => api.call<HouseholdSegments>("PUT", `/api/households/${hid}/segments`, { declared }),
    decide: (hid: number, segmentId: string, decision: "confirmed" | "rejected" | null) =>
      api.call<HouseholdSegments>("POST", `/api/households/${hid}/segments/decisions`, { segmentId, decision }),
  };
}
