import { isIP } from "node:net";
import cron from "node-cron";
import { z } from "zod";
import { formatZodIssues } from "./format-issues";

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * A Zalo variable: absent means "not configured"; present but empty or blank is a mistake (a deployment
 * that meant to set it), never a silent switch to sandbox mode.
 */
const zaloText = z
  .string()
  .trim()
  .min(1, "is set but empty: remove the variable, or give it its value")
  .optional();

/**
 * TRUST_PROXY: which hops may set X-Forwarded-For/-Proto/-Host. Unset: none (the socket's address is
 * the client). A number: that many proxies in front of the bot. Otherwise a comma-separated list of
 * addresses or CIDRs (or loopback / linklocal / uniquelocal). "true" (trust anyone) is refused: any
 * client could then claim any address.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((s, ctx): number | string[] | false => {
    if (s === undefined || s === "" || s === "false" || s === "0") return false;
    if (/^\d+$/.test(s)) return Number(s);
    const parts = s.split(",").map((x) => x.trim()).filter((x) => x !== "");
    const bad = parts.filter((x) => !isProxyAddress(x));
    if (bad.length > 0 || parts.length === 0) {
      ctx.addIssue({
        code: "custom",
        message: `"${bad.join(", ") || s}" is not a hop count, an address or a CIDR (e.g. TRUST_PROXY=1 or TRUST_PROXY=127.0.0.1,10.0.0.0/8); "true" is not accepted`,
      });
      return z.NEVER;
    }
    return parts;
  });

function isProxyAddress(x: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(x)) return true;
  const [addr, bits, ...rest] = x.split("/");
  if (rest.length > 0 || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

/** Environment variables, parsed once at start. Unknown variables are ignored. */
export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** Unset: 127.0.0.1 in sandbox (the simulator has no login), 0.0.0.0 in live mode. See listenHost(). */
  HOST: optionalText,
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: optionalText.pipe(z.url().optional()),
  TRUST_PROXY: trustProxy,
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

  /** A request (headers and body) must arrive within this time, or the connection is cut (slow-body attacks). */
  REQUEST_TIMEOUT_MS: positiveInt(30_000),
  /** An idle socket (no byte either way) is closed after this time. */
  CONNECTION_TIMEOUT_MS: positiveInt(75_000),
  /** How long an idle keep-alive connection stays open between requests (above a proxy's own idle timeout). */
  KEEP_ALIVE_TIMEOUT_MS: positiveInt(72_000),
  /** Largest request body accepted on /api and every other route but the webhook (bytes). */
  BODY_LIMIT_BYTES: positiveInt(256 * 1024),
  /** Largest webhook body accepted from Zalo (its largest event, a 2,000-character text, is under 20 KB). */
  WEBHOOK_BODY_LIMIT_BYTES: positiveInt(256 * 1024),
  /**
   * Requests per minute from one IP address to /api/* and /zalo/* (429 beyond). Generous on purpose:
   * a whole commune can reach the bot through one carrier-grade NAT address. Never applies to the webhook.
   */
  RATE_LIMIT_PER_MINUTE: positiveInt(3000),
  /** Failed officer or admin-token logins from one IP address per 15 minutes before it gets 429. */
  RATE_LIMIT_AUTH_FAILURES: positiveInt(20),
  /** Mini app logins (each one calls Zalo's Graph API) per minute from one IP address. */
  RATE_LIMIT_LOGIN_PER_MINUTE: positiveInt(300),
  /** Invite-code and link-code attempts per hour by one person (per user, not per IP). */
  RATE_LIMIT_CODES_PER_HOUR: positiveInt(20),

  ZALO_APP_ID: zaloText,
  ZALO_APP_SECRET: zaloText,
  ZALO_OA_ID: zaloText,
  ZALO_OA_SECRET_KEY: zaloText,
  ZALO_OPENAPI_BASE_URL: z.url().default("https://openapi.zalo.me"),
  ZALO_OAUTH_BASE_URL: z.url().default("https://oauth.zaloapp.com"),
  ZALO_GRAPH_BASE_URL: z.url().default("https://graph.zalo.me"),
  /** A refresh token handed out by Zalo's API explorer; used once when the database holds no token yet. */
  ZALO_INITIAL_REFRESH_TOKEN: zaloText,
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

  /** Folder of the nightly backups; default `backups/` beside the database. */
  BACKUP_DIR: optionalText,
  /** When (node-cron, in the commune's time zone); "off" disables the scheduled backup. Default 02:30 every night. */
  BACKUP_CRON: z
    .string()
    .trim()
    .default("30 2 * * *")
    .refine((s) => s === "off" || cron.validate(s), "a cron expression such as \"30 2 * * *\" (02:30 every night), or \"off\""),
  /** How many backups the folder keeps (the oldest are deleted after each scheduled backup). */
  BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
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

/**
 * Sandbox when no Zalo credential is set; live when all four are; anything in between is an error.
 * Sandbox is refused on a production start (NODE_ENV=production or a PUBLIC_BASE_URL): its simulator
 * mints sessions for anyone, so a deployment that lost its credentials must stop, not fall back.
 */
export function zaloMode(env: Env): ZaloMode {
  const missing = ZALO_CREDENTIAL_KEYS.filter((k) => env[k] === undefined);
  if (missing.length === ZALO_CREDENTIAL_KEYS.length) {
    const why = [
      ...(env.NODE_ENV === "production" ? ["NODE_ENV=production"] : []),
      ...(env.PUBLIC_BASE_URL !== undefined ? [`PUBLIC_BASE_URL is set (${env.PUBLIC_BASE_URL})`] : []),
    ];
    if (why.length > 0) {
      throw new ConfigError("environment", [
        `${ZALO_CREDENTIAL_KEYS.join(", ")}: missing, and sandbox mode (the built-in Zalo simulator, no login) is not allowed here: ${why.join(" and ")}. Set the four Zalo credentials for live mode; for a local sandbox, unset ${why.length > 1 ? "both" : "it"}.`,
      ]);
    }
    return { kind: "sandbox" };
  }
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

/** Where the server listens: HOST if set; otherwise loopback only in sandbox, every interface in live mode. */
export function listenHost(env: Env, mode: ZaloMode): { host: string; explicit: boolean } {
  if (env.HOST !== undefined) return { host: env.HOST, explicit: true };
  return { host: mode.kind === "sandbox" ? "127.0.0.1" : "0.0.0.0", explicit: false };
}

/** True for an address only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}
