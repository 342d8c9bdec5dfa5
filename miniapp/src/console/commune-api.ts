/** The console's calls for the commune's villages and people (bot/commune/routes.ts), typed by shared/contracts/commune.ts. */
import type { ApiClient } from "../api/client";
import { saveDownload } from "./download";
import type { CommuneEdit, CommuneEditResponse, CommuneHistory, CommuneImportResponse, CommuneView, StaffLinkCodeResponse, StaffPerson } from "../../../shared/contracts/commune";

export type { CommuneEdit, CommuneEditResponse, CommuneHistory, CommuneImportResponse, CommuneView, StaffLinkCodeResponse, StaffPerson };

/** An edit without the version: the page adds the version it shows. */
export type CommuneEditInput = CommuneEdit extends infer E ? (E extends { baseVersion: number } ? Omit<E, "baseVersion"> : never) : never;

export function communeEndpoints(api: ApiClient) {
  return {
    view: () => api.call<CommuneView>("GET", "/api/admin/commune"),
    edit: (e: CommuneEdit) => api.call<CommuneEditResponse>("POST", "/api/admin/commune/edits", e),
    linkCode: (personKey: string) => api.call<StaffLinkCodeResponse>("POST", `/api/admin/commune/people/${encodeURIComponent(personKey)}/link-code`),
    history: () => api.call<CommuneHistory>("GET", "/api/admin/commune/history?limit=100"),
    importFile: (doc: unknown, apply: boolean, baseVersion?: number) =>
      api.call<CommuneImportResponse>("POST", "/api/admin/commune/import", { doc, apply, ...(baseVersion !== undefined ? { baseVersion } : {}) }),
    /** The commune file as the browser saves it (xa-<name>-<date>.json). */
    exportFile: (): Promise<string> => saveDownload(api, "/api/admin/commune/export", "du-lieu-xa.json", "application/json"),
  };
}
