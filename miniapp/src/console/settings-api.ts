/** The console's calls for the commune's general information (bot/commune/routes.ts, op "settings.update"). */
import { ApiError, OFFLINE_MESSAGE, TIMEOUT_MESSAGE, type ApiClient } from "../api/client";
import type { CommuneEditResponse, CommuneSettingsPatch, CommuneView } from "../../../shared/contracts/commune";

export type { CommuneSettingsPatch, CommuneView };
export type SettingsView = CommuneView["settings"];

/** A refused save: the message, and the problems by field ("oneStopDesk.hours", "hotlines"...). */
export class SettingsSaveError extends ApiError {
  constructor(
    message: string,
    status: number,
    readonly fields: Record<string, string>,
  ) {
    super("http", message, status);
  }
}

const BASE = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/+$/, "");

/** The field of an issue's path (["settings", "police", "phone"] → "police.phone"; a hotline's name or number → "hotlines"). */
function fieldOf(path: readonly (string | number)[]): string {
  const p = path[0] === "settings" ? path.slice(1) : path;
  if (p[0] === "hotlines") return "hotlines";
  return p.slice(0, 2).join(".");
}

export function settingsEndpoints(api: ApiClient, admin: boolean) {
  return {
    /** The admin's view, or the officers' (read only). */
    view: () => api.call<CommuneView>("GET", admin ? "/api/admin/commune" : "/api/officer/commune"),
    /** Saves the fields in `patch`; a refusal keeps its problems by field. */
    async save(baseVersion: number, patch: CommuneSettingsPatch): Promise<CommuneEditResponse> {
      const body = { op: "settings.update", baseVersion, settings: patch };
      const session = api.session();
      if (!session) return api.call<CommuneEditResponse>("POST", "/api/admin/commune/edits", body);
      let res: Response;
      try {
        res = await fetch(`${BASE}/api/admin/commune/edits`, {
          method: "POST",
          headers: { accept: "application/json", "content-type": "application/json", authorization: `Bearer ${session}` },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(20_000),
        });
      } catch (err) {
        throw (err as Error)?.name === "TimeoutError" ? new ApiError("timeout", TIMEOUT_MESSAGE) : new ApiError("offline", OFFLINE_MESSAGE);
      }
      // No longer signed in: the client's own call ends the PC's session as everywhere else.
      if (res.status === 401) return api.call<CommuneEditResponse>("POST", "/api/admin/commune/edits", body);
      const answer = (await res.json().catch(() => null)) as { error?: { message?: string; details?: { issues?: { path: (string | number)[]; message: string }[] } } } | null;
      if (res.ok) return answer as unknown as CommuneEditResponse;
      const e = answer?.error;
      const fields: Record<string, string> = {};
      for (const i of Array.isArray(e?.details?.issues) ? e.details.issues : []) {
        const f = fieldOf(i.path);
        fields[f] = fields[f] ? `${fields[f]} ${i.message}` : i.message;
      }
      const message = e?.message ?? (res.status >= 500 ? "Máy chủ của xã đang bận. Bác thử lại sau ít phút nhé." : "Máy chủ của xã chưa nhận thay đổi này.");
      throw new SettingsSaveError(message, res.status, fields);
    },
  };
}
