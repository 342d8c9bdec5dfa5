import type { FastifyInstance } from "fastify";

export interface ReadinessCheck {
  name: string;
  check(): { ok: boolean; detail?: unknown };
}

/** GET /healthz: the process answers. GET /readyz: database and Zalo connection, 503 if any fails. */
export async function healthRoutes(app: FastifyInstance, deps: { checks: ReadinessCheck[] }): Promise<void> {
  app.get("/healthz", async () => ({ ok: true }));
  app.get("/readyz", async (_req, reply) => {
    const results: Record<string, { ok: boolean; detail?: unknown }> = {};
    for (const c of deps.checks) {
      try {
        results[c.name] = c.check();
      } catch (err) {
        results[c.name] = { ok: false, detail: (err as Error).message };
      }
    }
    const ok = Object.values(results).every((r) => r.ok);
    return reply.code(ok ? 200 : 503).send({ ok, checks: results });
  });
}
