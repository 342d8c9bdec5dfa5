import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../auth/api-error";
import type { Env } from "../config/env";

/**
 * Routes under a per-IP request budget: the API and the OA connection pages. Not the webhook (a 429
 * makes Zalo retry and finally disable it), not the health checks, the mini app's static files or the
 * sandbox simulator.
 */
const LIMITED = /^\/(api|zalo)\//;

const limited = (req: FastifyRequest) => LIMITED.test(req.routeOptions.url ?? req.url);

/** "Vui lòng đợi khoảng 40 giây" / "khoảng 3 phút": plain words for a resident. */
export function waitText(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  return s < 90 ? `${s} giây` : `${Math.ceil(s / 60)} phút`;
}

export function rateLimitedError(seconds: number): ApiError {
  return new ApiError("rate_limited", `Có quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi khoảng ${waitText(seconds)} rồi thử lại.`);
}

/**
 * @fastify/rate-limit, registered before every route plugin so that a route can carry its own
 * `config.rateLimit` (per user, tighter) over this per-IP default. The key is `req.ip`, which honours
 * TRUST_PROXY only: an X-Forwarded-For from a client that is not a configured proxy changes nothing.
 * (IPv6 clients share their /64, the plugin's default.) A refusal is a 429 with Retry-After and an
 * ApiError body, rendered by the app's error handlers as `{ error: { code: "rate_limited", message } }`.
 */
export async function registerRateLimits(app: FastifyInstance, env: Pick<Env, "RATE_LIMIT_PER_MINUTE">): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: env.RATE_LIMIT_PER_MINUTE,
    timeWindow: 60_000,
    allowList: (req) => !limited(req),
    errorResponseBuilder: (_req, ctx) => rateLimitedError(ctx.ttl / 1000),
  });
  // The usual deployment mistake: a reverse proxy in front and TRUST_PROXY unset. Every client then
  // shares the proxy's address (one request budget, one login-failure budget): say so once.
  let warned = false;
  app.addHook("onRequest", async (req) => {
    if (warned || req.headers["x-forwarded-for"] === undefined || req.ip !== req.socket?.remoteAddress) return;
    warned = true;
    req.log.warn(
      { peer: req.ip },
      "requests carry X-Forwarded-For from a peer that is not a trusted proxy: if a reverse proxy is in front of the bot, set TRUST_PROXY (e.g. 1), otherwise every client shares its address for rate limits and login-failure budgets",
    );
  });
}

/** Failed logins counted per IP address; past the budget every attempt from that address waits. */
export interface FailureBudget {
  /** Seconds to wait when the address has spent its budget; undefined when it may try. */
  blocked(req: FastifyRequest): Promise<number | undefined>;
  fail(req: FastifyRequest): Promise<void>;
}

/** A failure budget on the plugin's own store (needs registerRateLimits first). */
export function failureBudget(app: FastifyInstance, max: number, windowMs: number): FailureBudget {
  // allowList: [] so the per-route default above (which skips paths outside /api and /zalo) does not apply.
  const limiter = app.createRateLimit({ max, timeWindow: windowMs, allowList: [] });
  return {
    async blocked(req) {
      const r = await limiter(req, { increment: false });
      return !r.isAllowed && r.remaining <= 0 ? Math.max(1, r.ttlInSeconds) : undefined;
    },
    async fail(req) {
      await limiter(req);
    },
  };
}
