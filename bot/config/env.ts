import { z } from "zod";
import { formatZodIssues } from "./format-issues";

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** Environment variables, parsed once at start. Unknown variables are ignored. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  DATABASE_PATH: z.string().min(1).default("data/gia-dinh-so.sqlite"),
  DB_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
  /** How long a write waits for a lock held by another process before failing (the event loop waits too). */
  DB_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(10_000).default(250),
  /** How long this process's claim on the database lasts without renewal (a second process refuses to start meanwhile). */
  PROCESS_LEASE_MS: z.coerce.number().int().min(3_000).max(600_000).default(30_000),
  COMMUNE_CONFIG: z.string().min(1).default("bot/config/communes/demo.json"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ADMIN_TOKEN: optionalText,
  /** Origins the mini app runs on inside Zalo, allowed to call /api and /miniapp across origins (CORS). */
  MINIAPP_ORIGINS: z
    .string()
    .default("https://h5.zdn.vn,https://h5.zadn.vn")
    .transform((s) => s.split(",").map((x) => x.trim()).filter((x) => x !== ""))
    .pipe(
      z.array(
        z.string().refine((o) => {
          try {
            return new URL(o).origin === o;
          } catch {
            return false;
          }
        }, "each origin is scheme://host[:port] with no path or trailing slash, e.g. https://h5.zdn.vn"),
      ),
    ),

  ZALO_APP_ID: optionalText,
  ZALO_APP_SECRET: optionalText,
  ZALO_OA_ID: optionalText,
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_OPENAPI_BASE_URL: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE_URL: z.url().default("https://oauth.zaloapp.com"),
  ZALO_GRAPH_BASE_URL: z.url().default("https://graph.zalo.me"),
  /** A refresh token handed out by Zalo's API explorer; used once when the database holds no token yet. */
  ZALO_INITIAL_REFRESH_TOKEN: optionalText,
  ZALO_HTTP_TIMEOUT_MS: positiveInt(10_000),
  /** Refresh the OA access token this long before it expires (Zalo's lasts 25 h). */
  ZALO_TOKEN_REFRESH_MARGIN_SEC: positiveInt(6 * 3600),

  OUTBOX_RATE_PER_MINUTE: positiveInt(3000),
  OUTBOX_CONCURRENCY: positiveInt(4),
  OUTBOX_MAX_ATTEMPTS: positiveInt(6),
  OUTBOX_BACKOFF_BASE_MS: positiveInt(2_000),
  OUTBOX_BACKOFF_MAX_MS: positiveInt(10 * 60_000),
  /** When to look in Zalo's history for a send that may have arrived (timeout, 502/504), in ms after the failure; resent only if no look finds it. */
  OUTBOX_HISTORY_CHECKS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, "comma-separated milliseconds, e.g. 3000,15000,45000,120000")
    .default("3000,15000,45000,120000")
    .transform((v) => v.split(",").map(Number)),
  INBOX_CONCURRENCY: positiveInt(16),
  INBOX_MAX_ATTEMPTS: positiveInt(5),
});

export type Env = z.infer<typeof envSchema>;

export const ZALO_CREDENTIAL_KEYS = ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_ID", "ZALO_OA_SECRET_KEY"] as const;

export type ZaloMode =
  | { kind: "sandbox" }
  | { kind: "live"; appId: string; appSecret: string; oaId: string; oaSecretKey: string };

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration in ${source}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseEnv(raw: NodeJS.ProcessEnv): Env {
  const result = envSchema.safeParse(raw);
  if (!result.success) throw new ConfigError("environment", formatZodIssues(result.error));
  return result.data;
}

/** Sandbox when no Zalo credential is set; live when all four are; anything in between is an error. */
export function zaloMode(env: Env): ZaloMode {
  const missing = ZALO_CREDENTIAL_KEYS.filter((k) => env[k] === undefined);
  if (missing.length === ZALO_CREDENTIAL_KEYS.length) return { kind: "sandbox" };
  if (missing.length > 0) {
    throw new ConfigError(
      "environment",
      missing.map((k) => `${k}: missing (set all four Zalo credentials for live mode, or none for sandbox)`),
    );
  }
  return {
    kind: "live",
    appId: env.ZALO_APP_ID!,
    appSecret: env.ZALO_APP_SECRET!,
    oaId: env.ZALO_OA_ID!,
    oaSecretKey: env.ZALO_OA_SECRET_KEY!,
  };
}
