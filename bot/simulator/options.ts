/** Options of the simulator, as the bot and tests pass them. */
export interface SimulatorOptions {
  appId: string;
  appSecret: string;
  oaId: string;
  oaSecretKey: string;
  /** Where events are POSTed; settable later via the control API. */
  webhookUrl?: string;
  /** Prefix for Zalo-host routes, default "" (sandbox mounts at "/zalo-sim"). */
  zaloPrefix?: string;
  /** Prefix of the control API and chat page, default "/simulator". */
  controlPrefix?: string;
  /** Default 90000 (25 h). */
  accessTokenTtlSec?: number;
  /** Default 7776000 (90 days). */
  refreshTokenTtlSec?: number;
  /** Default 4000, counted over all OA API calls (openapi host) per sim-clock minute. */
  rateLimitPerMinute?: number;
  /** Default [30_000, 300_000, 900_000, 1_800_000, 3_600_000]. */
  retryScheduleMs?: number[];
  /** Multiplies the schedule; default 1; tests use e.g. 0.001. */
  retryTimeScale?: number;
  /** Default 2000: a slower answer counts as a failure, like Zalo. */
  webhookTimeoutMs?: number;
  /** Default true: every message the OA sends through the API is echoed as an oa_send_* webhook. */
  echoOaSends?: boolean;
  /** Default true: past the 8 free replies in 48 h a cs message is still sent (charged, no quota object); false → -211. */
  paidConsultation?: boolean;
  /** Default true: the permission page redirects back at once with a code. */
  autoApproveOAuth?: boolean;
  /** Default 13: width of webhook `timestamp` strings; documented examples also show 12 and 11 digits. */
  timestampDigits?: 11 | 12 | 13;
}

export type ResolvedSimulatorOptions = Required<Omit<SimulatorOptions, "webhookUrl">> & { webhookUrl?: string };

export const DEFAULT_RETRY_SCHEDULE_MS = [30_000, 300_000, 900_000, 1_800_000, 3_600_000];

function normalisePrefix(p: string | undefined, fallback: string): string {
  const v = (p ?? fallback).trim();
  if (v === "" || v === "/") return "";
  return `/${v.replace(/^\/+|\/+$/g, "")}`;
}

export function resolveOptions(o: SimulatorOptions): ResolvedSimulatorOptions {
  for (const k of ["appId", "appSecret", "oaId", "oaSecretKey"] as const) {
    if (typeof o[k] !== "string" || o[k].length === 0) throw new Error(`simulator: option ${k} is required`);
  }
  const r: ResolvedSimulatorOptions = {
    appId: o.appId,
    appSecret: o.appSecret,
    oaId: o.oaId,
    oaSecretKey: o.oaSecretKey,
    zaloPrefix: normalisePrefix(o.zaloPrefix, ""),
    controlPrefix: normalisePrefix(o.controlPrefix, "/simulator"),
    accessTokenTtlSec: o.accessTokenTtlSec ?? 90_000,
    refreshTokenTtlSec: o.refreshTokenTtlSec ?? 7_776_000,
    rateLimitPerMinute: o.rateLimitPerMinute ?? 4000,
    retryScheduleMs: [...(o.retryScheduleMs ?? DEFAULT_RETRY_SCHEDULE_MS)],
    retryTimeScale: o.retryTimeScale ?? 1,
    webhookTimeoutMs: o.webhookTimeoutMs ?? 2000,
    echoOaSends: o.echoOaSends ?? true,
    paidConsultation: o.paidConsultation ?? true,
    autoApproveOAuth: o.autoApproveOAuth ?? true,
    timestampDigits: o.timestampDigits ?? 13,
  };
  if (r.controlPrefix === "") throw new Error("simulator: controlPrefix cannot be empty");
  if (o.webhookUrl) r.webhookUrl = o.webhookUrl;
  return r;
}
