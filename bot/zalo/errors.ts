/** How a failed Zalo call is handled (oa-api.md §6). */
export type ZaloFailureKind =
  /** -32, HTTP 5xx without a Zalo error, network trouble: try again later. */
  | "retryable"
  /** The messaging rules forbid it now (7-day window, not a follower, blocked, night): never retry as is. */
  | "outside_window"
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
export const OUTSIDE_WINDOW_CODES = new Set([-213, -217, -227, -230, -232, -234, -244]);
export const TOKEN_CODES = new Set([-216, -220]);

export function classifyZaloCode(code: number): ZaloFailureKind {
  if (RETRYABLE_CODES.has(code)) return "retryable";
  if (OUTSIDE_WINDOW_CODES.has(code)) return "outside_window";
  if (TOKEN_CODES.has(code)) return "token";
  return "permanent";
}

export class ZaloDisconnectedError extends Error {
  constructor(reason: string) {
    super(`Zalo disconnected: ${reason}`);
    this.name = "ZaloDisconnectedError";
  }
}
