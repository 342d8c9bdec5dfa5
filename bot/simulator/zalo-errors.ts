/**
 * Zalo error codes and messages (shared/zalo/oa-api.md §6, from Zalo's
 * "phu-luc/ma-loi" page). OA Open API errors are answered with HTTP 200 and
 * `{error, message}`, as Zalo does.
 */
export const Z = {
  OK: 0,
  RATE_LIMIT: -32,
  ATTACHMENT_EXPIRED: -100,
  SEND_FAILED: -200,
  INVALID_PARAM: -201,
  PARAM_LIMIT: -210,
  OUT_OF_QUOTA: -211,
  NOT_FOLLOWER: -213,
  TOKEN_INVALID: -216,
  USER_BLOCKED: -217,
  TOKEN_EXPIRED: -220,
  NO_INTERACTION_7D: -230,
  NO_INTERACTION: -232,
  MESSAGE_TYPE_INVALID: -233,
  NIGHT_TIME: -234,
  GROUP_DISABLED: -237,
  INVALID_PROOF: -242,
  NOT_IN_GROUP: -403,
} as const;

export const ZALO_MESSAGES: Record<number, string> = {
  0: "Success",
  [-32]: "Your application reached limit call api",
  [-100]: "attachment_id was expired",
  [-200]: "Send message failed",
  [-201]: "Parameter is invalid",
  [-204]: "Offical Account is disable",
  [-205]: "Offical Account is not exist",
  [-209]: "Not supported this api",
  [-210]: "Parameter exceeds allowable limit",
  [-211]: "Out of quota",
  [-212]: "App has not registed this api",
  [-213]: "User has not followed OA",
  [-214]: "Article is being processed",
  [-216]: "Access token is invalid",
  [-217]: "User has blocked invitation from OA",
  [-218]: "Out of quota receive",
  [-219]: "App is removed or disabled",
  [-220]: "access_token is expired or removed",
  [-221]: "The OA needs to be verified to use this feature",
  [-223]: "Official Account has not authorized this API",
  [-224]: "The OA needs to upgrade OA Tier Package to use this feature",
  [-227]: "User is banned or has been inactive for more than 45 days",
  [-230]: "User has not interacted with the OA in the past 7 days",
  [-232]: "User has not interacted with the OA, or the last interaction has expired",
  [-233]: "message type is invalid or not support",
  [-234]: "This message cannot be sent at night (10:00PM - 6:00AM)",
  [-235]: "This API does not support this type of OA",
  [-237]: "The group is disabled",
  [-240]: "MessageV2 API has been shut down, please switch to MessageV3",
  [-242]: "Invalid appsecret_proof provided in the API argument",
  [-244]: "User has restricted this message type from your OA",
  [-248]: "Violates our platform standards",
  [-403]: "OA is not in group",
};

export interface ZaloErrorBody {
  error: number;
  message: string;
}

export interface ZaloOkBody<T = unknown> {
  error: 0;
  message: "Success";
  data: T;
}

export type ZaloBody<T = unknown> = ZaloErrorBody | ZaloOkBody<T>;

export function zaloError(code: number, message?: string): ZaloErrorBody {
  return { error: code, message: message ?? ZALO_MESSAGES[code] ?? "Unknown error" };
}

/** -201 "<field> is invalid", the format Zalo uses for bad parameters. */
export function invalidParam(field: string): ZaloErrorBody {
  return zaloError(Z.INVALID_PARAM, `${field} is invalid`);
}

export function zaloOk<T>(data: T): ZaloOkBody<T> {
  return { error: 0, message: "Success", data };
}

/** Thrown inside openapi handlers to answer a Zalo error (caught by the route wrapper). */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    message?: string,
  ) {
    super(message ?? ZALO_MESSAGES[code] ?? "Unknown error");
  }
  body(): ZaloErrorBody {
    return { error: this.code, message: this.message };
  }
}

/**
 * OAuth (oauth.zaloapp.com) error body.
 * GUESS: the shape `{error: -14xxx, error_name, error_reason, error_description}`
 * with HTTP 200 comes from ChatbotX PR #1019 (they saw error_name/error_reason/
 * error_description, sometimes with HTTP 200); the numeric codes other than
 * -14003 were not found in any source and are chosen by this simulator.
 */
export interface OAuthErrorBody {
  error: number;
  error_name: string;
  error_reason: string;
  error_description: string;
}

export const OAUTH = {
  INVALID_APP: { code: -14001, name: "Invalid app_id" },
  INVALID_SECRET: { code: -14002, name: "Invalid secret_key" },
  INVALID_PARAM: { code: -14003, name: "Invalid parameter" },
  INVALID_REFRESH: { code: -14014, name: "Invalid refresh token" },
  INVALID_CODE: { code: -14019, name: "Invalid authorization code" },
  INVALID_VERIFIER: { code: -14021, name: "Invalid code verifier" },
  SERVER_ERROR: { code: -14000, name: "Internal error" },
} as const;

export function oauthError(kind: { code: number; name: string }, reason: string): OAuthErrorBody {
  return { error: kind.code, error_name: kind.name, error_reason: reason, error_description: reason };
}

/** Thrown by control-API actions; answered as HTTP status + {error: message}. */
export class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
