/** The console's calls for the commune's criteria set (shared/contracts/criteria.ts), typed as the bot answers. */
import { ApiError, OFFLINE_MESSAGE, TIMEOUT_MESSAGE, type ApiClient } from "../api/client";
import type { CriteriaAdminView, CriteriaAdoptRequest, CriteriaAdoptResponse, CriteriaPreview, CriteriaPreviewRequest } from "../../../shared/contracts/criteria";
import { fieldIssues, type FieldIssue } from "./criteria-draft";

export type { CriteriaAdminView, CriteriaAdoptResponse, CriteriaPreview };

/** A refused request whose answer named the fields (`error.details.issues`), as the form shows them. */
export class FieldsError extends ApiError {
  constructor(
    message: string,
    status: number,
    code: string | undefined,
    readonly issues: FieldIssue[],
  ) {
    super("http", message, status, code);
  }
}

const BASE = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/+$/, "");

/**
 * A POST whose refusal keeps the issues by field (ApiClient keeps the message only). Without a session,
 * or on a 401, the client's own call answers (it ends the PC's session as everywhere else).
 */
async function post<T>(api: ApiClient, path: string, body: unknown): Promise<T> {
  const session = api.session();
  if (!session) return api.call<T>("POST", path, body);
  let res: Response;
  try {
    res = await fetch(`${BASE}${path}`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json", authorization: `Bearer ${session}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
  } catch (err) {
    throw (err as Error)?.name === "TimeoutError" ? new ApiError("timeout", TIMEOUT_MESSAGE) : new ApiError("offline", OFFLINE_MESSAGE);
  }
  if (res.status === 401) return api.call<T>("POST", path, body);
  const answer = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: { issues?: { path: (string | number)[]; message: string }[] } } } | null;
  if (res.ok) return answer as T;
  const e = answer?.error;
  const message = e?.message ?? (res.status >= 500 ? "Máy chủ của xã đang bận. Bác thử lại sau ít phút nhé." : "Máy chủ của xã chưa nhận yêu cầu này.");
  throw new FieldsError(message, res.status, e?.code, Array.isArray(e?.details?.issues) ? fieldIssues(e.details.issues) : []);
}

export function criteriaEndpoints(api: ApiClient) {
  return {
    view: () => api.call<CriteriaAdminView>("GET", "/api/admin/criteria"),
    preview: (b: CriteriaPreviewRequest) => post<CriteriaPreview>(api, "/api/admin/criteria/preview", b),
    /** 202: the households are recounted in the background; `recount.state` says when the new set is live. */
    adopt: (b: CriteriaAdoptRequest) => post<CriteriaAdoptResponse>(api, "/api/admin/criteria", b),
  };
}
