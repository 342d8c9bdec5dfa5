import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
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
}

export type SessionCheck = { ok: true; claims: SessionClaims } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

const PREFIX = "gds1";

/**
 * The API's own short-lived session: `gds1.<base64url JSON>.<base64url HMAC-SHA256>`, signed with a
 * random key kept in the database (created at first start, so nothing secret lives in the config).
 */
export class SessionSigner {
  private readonly keys = new Map<string, Buffer>();
  private current!: { kid: string; secret: Buffer };

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly ttlMs = 60 * 60_000,
  ) {
    this.load();
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
  }

  issue(sub: string, name?: string): { token: string; expiresAt: number } {
    const iat = this.clock.now();
    const claims: SessionClaims & { kid: string } = { kid: this.current.kid, sub, ...(name ? { name } : {}), iat, exp: iat + this.ttlMs };
    const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
    const sig = createHmac("sha256", this.current.secret).update(`${PREFIX}.${body}`).digest("base64url");
    return { token: `${PREFIX}.${body}.${sig}`, expiresAt: claims.exp };
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
    const key = typeof claims.kid === "string" ? this.keys.get(claims.kid) : undefined;
    if (!key) return { ok: false, reason: "bad_signature" };
    const expected = createHmac("sha256", key).update(`${PREFIX}.${body}`).digest();
    const given = Buffer.from(sig, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
    if (typeof claims.sub !== "string" || typeof claims.exp !== "number" || typeof claims.iat !== "number") return { ok: false, reason: "malformed" };
    if (this.clock.now() >= claims.exp) return { ok: false, reason: "expired" };
    return { ok: true, claims: { sub: claims.sub, ...(typeof claims.name === "string" ? { name: claims.name } : {}), iat: claims.iat, exp: claims.exp } };
  }
}
