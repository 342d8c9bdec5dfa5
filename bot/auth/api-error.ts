/**
 * An error a person reads: HTTP status, a stable machine code, and a Vietnamese message. Services
 * throw it; route plugins turn it into `{ error: { code, message, details? } }`.
 */
export type ApiErrorCode =
  | "bad_request"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "unprocessable"
  | "rate_limited"
  | "upstream_unavailable"
  | "misconfigured";

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  upstream_unavailable: 503,
  misconfigured: 500,
};

export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export const forbidden = (message = "Bác không có quyền làm việc này.") => new ApiError("forbidden", message);
