import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";

export interface CorsOptions {
  /** Exact origins allowed (MINIAPP_ORIGINS: Zalo's mini app hosts). */
  origins: readonly string[];
  /** Sandbox: also the local dev servers (http://localhost:*, http://127.0.0.1:*). */
  sandbox: boolean;
}

const PATHS = /^\/(api|miniapp)(\/|$)/;
const LOCAL = /^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/;
const ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
const ALLOW_HEADERS = "Authorization, Content-Type";

/**
 * CORS for the mini app inside Zalo: it is loaded from Zalo's hosts and calls the bot on another
 * origin. Only /api/* and /miniapp/*; only the configured origins (plus the bot's own origin, and in
 * sandbox the local dev servers); only the Authorization and Content-Type headers. A foreign origin
 * gets no CORS headers, so the browser keeps the answer from it. No cookies: sessions are bearer tokens.
 */
export function registerCors(app: FastifyInstance, opts: CorsOptions): void {
  const allowed = new Set(opts.origins);
  const allows = (req: FastifyRequest, origin: string) =>
    allowed.has(origin) || origin === `${req.protocol}://${req.host}` || (opts.sandbox && LOCAL.test(origin));
  const path = (req: FastifyRequest) => req.url.split("?", 1)[0]!;

  const headers = (reply: FastifyReply, origin: string) => {
    reply.header("access-control-allow-origin", origin);
    reply.header("vary", "Origin");
  };

  app.addHook("onRequest", async (req, reply) => {
    const origin = req.headers.origin;
    if (!PATHS.test(path(req))) return;
    if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
      // A preflight: answered here, whether or not a route matches, with or without permission.
      reply.header("vary", "Origin");
      if (origin && allows(req, origin)) {
        headers(reply, origin);
        reply.header("access-control-allow-methods", ALLOW_METHODS);
        reply.header("access-control-allow-headers", ALLOW_HEADERS);
        reply.header("access-control-max-age", "600");
      }
      return reply.code(204).send();
    }
    if (origin && allows(req, origin)) headers(reply, origin);
  });
  // Without a route, a preflight would be a 404 before the hook above ever runs on some paths.
  for (const url of ["/api/*", "/miniapp/*"]) app.route({ method: "OPTIONS", url, handler: async (_req, reply) => reply.code(204).send() });
}
