import type { FastifyInstance, FastifyRequest } from "fastify";
import type { CallKind } from "./faults";
import { applyFault, header } from "./http-util";
import type { RateDecision } from "./rate-limit";
import type { Simulator } from "./simulator";
import { checkAccessToken } from "./tokens";
import { Z, zaloError } from "./zalo-errors";

/** Route options for an openapi.zalo.me route: which fault queue applies to it. */
export function openapi(kind: CallKind = "other") {
  return { config: { zaloKind: kind } };
}

function kindOf(req: FastifyRequest): CallKind {
  const cfg = req.routeOptions.config as { zaloKind?: CallKind } | undefined;
  return cfg?.zaloKind ?? "other";
}

/**
 * What every openapi.zalo.me call goes through, in this order:
 * count it, rate-limit headers (X-RateLimit-Limit / X-RateLimit-Remain) on
 * every answer, queued faults, -32 past the per-minute limit, then the
 * `access_token` header (-216 unknown or missing, -220 expired).
 */
export function installOpenApiGuard(app: FastifyInstance, sim: Simulator): void {
  const decisions = new WeakMap<FastifyRequest, RateDecision>();

  app.addHook("onRequest", async (req, reply) => {
    sim.ctx.state.stats.apiCalls += 1;
    const d = sim.ctx.rateLimiter.hit();
    decisions.set(req, d);
    reply.header("X-RateLimit-Limit", String(d.limit));
    reply.header("X-RateLimit-Remain", String(d.remain));
  });

  app.addHook("preHandler", async (req, reply) => {
    if (await applyFault(sim, kindOf(req), "zalo", reply)) return reply;
    const d = decisions.get(req);
    if (d && !d.allowed) {
      sim.ctx.state.stats.rateLimited += 1;
      return reply.send(zaloError(Z.RATE_LIMIT));
    }
    const code = checkAccessToken(sim.ctx, header(req, "access_token"));
    if (code !== 0) return reply.send(zaloError(code));
    return undefined;
  });
}
