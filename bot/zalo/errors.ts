/** How a failed Zalo call is handled (oa-api.md §6). */
export type ZaloFailureKind =
  /** -32, HTTP 5xx without a Zalo error, network trouble: try again later. */
  | "retryable"
  /** The messaging rules forbid it now (7-day window, not a follower, blocked, night): never retry as is. */
  | "outside_window"
  /** -234: Zalo does not deliver this message type at night (22:00–06:00 Vietnam time): wait for 06:00. */
  | "night"
  /** -218 (per-user receive limit), -211 (out of quota): resets later; retry after the reset. */
  | "quota"
  /**
   * The whole account cannot send (OA disabled, deleted or unverified, app removed or not linked, package
   * or permission missing, Zalo Cloud Account needed or out of money): every message would fail the same
   * way, so the whole queue pauses until an officer resumes it.
   */
  | "account"
  /** -216/-220 still after one refresh and one retry. */
  | "token"
  /** No usable OA token: the OA must be (re)connected; nothing was sent. */
  | "disconnected"
  /** Everything else: a bad request that will fail the same way again. */
  | "permanent";

export interface ZaloFailure {
  ok: false;
  kind: ZaloFailureKind;
  code: number | undefined;
  message: string;
  httpStatus: number | undefined;
  /** True when the request may have reached Zalo (timeout, reset): it may have been delivered. */
  maybeDelivered: boolean;
}

export interface ZaloSuccess<T> {
  ok: true;
  data: T;
}

export type ZaloResult<T> = ZaloSuccess<T> | ZaloFailure;

export const RETRYABLE_CODES = new Set([-32]);
export const OUTSIDE_WINDOW_CODES = new Set([-213, -217, -227, -230, -232, -244]);
export const NIGHT_CODES = new Set([-234]);
export const QUOTA_CODES = new Set([-218, -211]);
/**
 * From Zalo's error table (shared/zalo/oa-api.md §6). -223 has two meanings in the table ("OA has not
 * authorized this API" / "OA reached article quota"): both stop every send of that kind, so it pauses
 * (an officer resumes; nothing is lost either way).
 */
export const ACCOUNT_CODES = new Set([-204, -205, -209, -212, -219, -221, -223, -224, -235, -320, -321]);
export const TOKEN_CODES = new Set([-216, -220]);
/**
 * Account-wide codes after which the OA cannot message anyone at all (OA disabled or deleted, app
 * removed or disabled): telling the admin officer through the OA is pointless, the officers' banner
 * and /readyz are the only channels. After the other account-wide codes the OA still exists and may
 * still send some messages: -320/-321 stop paid messages, but a consultation message within the 8
 * free ones of the 48 h after the person's last interaction costs nothing; -209/-212/-221/-223/-224/
 * -235 refuse one feature or message type (a group post, a promotion…), not the plain consultation
 * text. There one consultation message to the admin officer is worth a try (it may still fail: -230
 * outside the 7-day window, or the same error again).
 */
export const OA_SILENCED_CODES = new Set([-204, -205, -219]);

/** Whether a message to the admin officer through the OA may still go out after this account-wide error. */
export function oaCanStillMessage(code: number | undefined): boolean {
  return code !== undefined && ACCOUNT_CODES.has(code) && !OA_SILENCED_CODES.has(code);
}

export function classifyZaloCode(code: number): ZaloFailureKind {
  if (RETRYABLE_CODES.has(code)) return "retryable";
  if (OUTSIDE_WINDOW_CODES.has(code)) return "outside_window";
  if (NIGHT_CODES.has(code)) return "night";
  if (QUOTA_CODES.has(code)) return "quota";
  if (ACCOUNT_CODES.has(code)) return "account";
  if (TOKEN_CODES.has(code)) return "token";
  return "permanent";
}

export class ZaloDisconnectedError extends Error {
  constructor(reason: string) {
    super(`Zalo disconnected: ${reason}`);
    this.name = "ZaloDisconnectedError";
  }
}
