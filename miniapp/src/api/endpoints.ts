/**
 * The API calls of the first screen (who I am, the criteria, my household, sending answers), typed by
 * the shared contracts (paths as in shared/contracts/api.ts). The other screens' calls travel with
 * them: ./more.ts (household screens), ./staff.ts (village heads, officers).
 */
import type { ApiClient } from "./client";
import type { AnswersResponse, CatalogueView, HouseholdView, Me, MiniAppConfig } from "./types";
import type { AnswerChange } from "../../../shared/contracts/households";

export const id = (v: string | number) => encodeURIComponent(String(v));

export function endpoints(api: ApiClient) {
  return {
    config: () => api.publicGet<MiniAppConfig>("/miniapp/config.json"),
    me: () => api.call<Me>("GET", "/api/me"),
    catalogue: () => api.call<CatalogueView>("GET", "/api/catalogue"),
    household: (hid: number) => api.call<HouseholdView>("GET", `/api/households/${hid}`),
    answers: (hid: number, changes: AnswerChange[]) => api.call<AnswersResponse>("POST", `/api/households/${hid}/answers`, { changes }),
  };
}

export type Endpoints = ReturnType<typeof endpoints>;
