import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Statement } from "better-sqlite3";
import { desc } from "drizzle-orm";
import type { Clock } from "../clock";
import type { Db } from "../db/connection";
import { authKeys } from "../db/schema";

/** What a session carries: only who the person is. Roles are looked up on every request. */
export interface SessionClaims {
  /** Mini-app-scoped Zalo user id (Graph /v2.0/me `id`). */
  sub: string;
  name?: string;
  iat: number;
  exp: number;
  /** When Zalo last proved who the person is (the login); a session never outlives auth + max lifetime. */
  auth: number;
  /** A PC session (officers' console): its row in console_sessions, which the admin can end. */
  sid?: string;
}

export type SessionCheck = { ok: true; claims: SessionClaims } | { ok: false; reason: "malformed" | "bad_signature" | "expired" | "revoked" };

const PREFIX = "gds1";
/** A session lasts an hour; however it is re-issued, never more than 12 hours after the Zalo login. */
export const SESSION_TTL_MS = 60 * 60_000;
export const SESSION_MAX_LIFETIME_MS = 12 * 3600_000;

/**
 * The API's own short-lived session: `gds1.<base64url JSON>.<base64url HMAC-SHA256>`, signed with a
 * random key kept in the database (created at first start, so nothing secret lives in the config).
 *
 * Revocation: `session_revocations` holds, per person, a time before which their sessions are refused
 * (after an erasure). The row is keyed by an HMAC of the user id, so the id itself is not kept.
 * Checked on every request with one prepared primary-key lookup.
 */
export class SessionSigner {
  private readonly keys = new Map<string, Buffer>();
  private current!: { kid: string; secret: Buffer };
  /** The oldest signing key: stable, so the revocation key of a person never changes. */
  private revocationSecret!: Buffer;
  private readonly revokedStmt: Statement<[string], { valid_after: number }>;
  private readonly revokeStmt: Statement<[string, number]>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly ttlMs = SESSION_TTL_MS,
    readonly maxLifetimeMs = SESSION_MAX_LIFETIME_MS,
  ) {
    this.load();
    this.revokedStmt = db.$client.prepare("SELECT valid_after FROM session_revocations WHERE user_key = ?");
    this.revokeStmt = db.$client.prepare(
      `INSERT INTO session_revocations (user_key, valid_after) VALUES (?, ?)
       ON CONFLICT (user_key) DO UPDATE SET valid_after = max(valid_after, excluded.valid_after)`,
    );
  }

  private load(): void {
    const rows = this.db.select().from(authKeys).orderBy(desc(authKeys.createdAt)).all();
    if (rows.length === 0) {
      const kid = randomBytes(6).toString("hex");
      const secret = randomBytes(32).toString("hex");
      this.db.insert(authKeys).values({ kid, secret, createdAt: this.clock.now() }).onConflictDoNothing().run();
      return this.load();
    }
    for (const r of rows) this.keys.set(r.kid, Buffer.from(r.secret, "hex"));
    const newest = rows[0]!;
    this.current = { kid: newest.kid, secret: Buffer.from(newest.secret, "hex") };
    this.revocationSecret = Buffer.from(rows[rows.length - 1]!.secret, "hex");
  }

  /**
   * A session for `sub`. `authTime` is when Zalo proved the identity (default: now, a fresh login);
   * a re-issued session keeps the original one and its expiry is capped at authTime + max lifetime.
   */
  issue(sub: string, name?: string, authTime?: number, sid?: string): { token: string; expiresAt: number } {
    const iat = this.clock.now();
    const auth = Math.min(authTime ?? iat, iat);
    const exp = Math.min(iat + this.ttlMs, auth + this.maxLifetimeMs);
    if (exp <= iat) throw new Error("session: the Zalo login is older than the maximum session lifetime");
    const claims: SessionClaims & { kid: string } = { kid: this.current.kid, sub, ...(name ? { name } : {}), iat, auth, exp, ...(sid ? { sid } : {}) };
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    const sig = createHmac("sha256", this.current.secret).update(`${PREFIX}.${body}`).digest("base64url");
    return { token: `${PREFIX}.${body}.${sig}`, expiresAt: exp };
  }

  verify(token: string): SessionCheck {
    const parts = token.split(".");
    if (parts.length !== 3 || parts[0] !== PREFIX) return { ok: false, reason: "malformed" };
    const [, body, sig] = parts as [string, string, string];
    let claims: SessionClaims & { kid?: unknown };
    try {
      claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      return { ok: false, reason: "malformed" };
    }
    if (typeof claims !== "object" || claims === null) return { ok: false, reason: "malformed" };
    const key = typeof claims.kid === "string" ? this.keys.get(claims.kid) : undefined;
    if (!key) return { ok: false, reason: "bad_signature" };
    const expected = createHmac("sha256", key).update(`${PREFIX}.${body}`).digest();
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number" || typeof claims.iat !== "number") return { ok: false, reason: "malformed" };
    // Sessions signed before `auth` existed were issued at the login itself.
    const auth = typeof claims.auth === "number" ? claims.auth : claims.iat;
    const now = this.clock.now();
    if (now >= claims.exp || now >= auth + this.maxLifetimeMs || claims.exp - claims.iat > this.ttlMs) return { ok: false, reason: "expired" };
    const revoked = this.revokedStmt.get(this.userKey(claims.sub));
    if (revoked && claims.iat <= revoked.valid_after) return { ok: false, reason: "revoked" };
    return {
      ok: true,
      claims: { sub: claims.sub, ...(typeof claims.name === "string" ? { name: claims.name } : {}), iat: claims.iat, exp: claims.exp, auth, ...(typeof claims.sid === "string" ? { sid: claims.sid } : {}) },
    };
  }

  /** Every session of `sub` issued at or before `at` stops working (they must log in with Zalo again). */
  revokeAll(sub: string, at = this.clock.now()): void {
    this.revokeStmt.run(this.userKey(sub), at);
  }

  /** The revocation row's key: an HMAC of the id, so the table never holds the id itself. */
  private userKey(sub: string): string {
    return createHmac("sha256", this.revocationSecret).update(`revocation:${sub}`).digest("base64url");
  }
}
