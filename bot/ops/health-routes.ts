import type { FastifyInstance } from "fastify";

export interface CheckResult {
  ok: boolean;
  /** Working, with a problem to look at (e.g. a token refresh that got no answer while sends still go out). */
  degraded?: boolean;
  detail?: unknown;
}

export interface ReadinessCheck {
  name: string;
  check(): CheckResult;
}

/**
 * GET /healthz: the process answers. GET /readyz: every check; 503 if any fails, 200 with
 * `status: "degraded"` when all pass but one reports a problem, else 200 `status: "ok"`.
 */
export async function healthRoutes(app: FastifyInstance, deps: { checks: ReadinessCheck[] }): Promise<void> {
  app.get("/healthz", async () => ({ ok: true }));
  app.get("/readyz", async (_req, reply) => {
    const results: Record<string, CheckResult> = {};
    for (const c of deps.checks) {
      try {
        results[c.name] = c.check();
      } catch (err) {
        results[c.name] = { ok: false, detail: (err as Error).message };
      }
    }
    const all = Object.values(results);
    const ok = all.every((r) => r.ok);
    const status = !ok ? "not_ready" : all.some((r) => r.degraded) ? "degraded" : "ok";
    return reply.code(ok ? 200 : 503).send({ ok, status, checks: results });
  });
}

/**
 * The database is ready when it answers and its last write went through: a database that reads but
 * refuses every write (full disk, lock held elsewhere, I/O error) is not. The process lease renews a
 * row every few seconds, so the last write is never old even when nothing else happens.
 */
export function databaseCheck(db: {
  sqlite: { prepare(sql: string): { get(): unknown } };
  health: { status(): { ok: boolean; lastWriteAt: number | undefined; since?: number; error?: string } };
}): ReadinessCheck {
  return {
    name: "database",
    check: () => {
      db.sqlite.prepare("SELECT 1").get();
      const w = db.health.status();
      const lastWriteAt = w.lastWriteAt === undefined ? undefined : new Date(w.lastWriteAt).toISOString();
      if (!w.ok) return { ok: false, detail: { state: "writes failing", error: w.error, since: new Date(w.since!).toISOString(), lastWriteAt } };
      return { ok: true, detail: { state: "ok", lastWriteAt } };
    },
  };
}

type TokenStatus =
  | { state: "connected"; accessExpiresAt: number }
  | { state: "degraded"; accessExpiresAt: number; retryAt: number; reason: string; notice?: string }
  | { state: "never" | "disconnected"; reason: string; notice?: string };

/**
 * Zalo: connected → ready; degraded (a refresh got no answer, the access token still works) → ready
 * with a warning; disconnected (refresh refused, token expired) or never connected → not ready.
 */
export function zaloCheck(tokens: { status(): TokenStatus }): ReadinessCheck {
  return {
    name: "zalo",
    check: () => {
      const s = tokens.status();
      switch (s.state) {
        case "connected":
          return { ok: true, detail: { state: "connected", accessExpiresAt: new Date(s.accessExpiresAt).toISOString() } };
        case "degraded":
          return {
            ok: true,
            degraded: true,
            detail: { state: "degraded", reason: s.reason, notice: s.notice, accessExpiresAt: new Date(s.accessExpiresAt).toISOString(), nextRefreshAt: new Date(s.retryAt).toISOString() },
          };
        default:
          // `notice`: the same in plain Vietnamese for officers (what happened, what to do).
          return { ok: false, detail: { state: "Zalo disconnected", reason: s.reason, notice: s.notice } };
      }
    },
  };
}
