/**
 * Routes registered only when shared/contracts/api.ts lists them (method and path), so the typed
 * contract the mini app and the console call and the server's routes never drift apart.
 */
import { errorHandlerFor } from "./error-handler";
import type { RateLimitOptions } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { API_ROUTES, type ApiRoute } from "../../shared/contracts/api";

export type DocumentedRoute = (
  method: ApiRoute["method"],
  path: string,
  handler: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  rateLimit?: RateLimitOptions,
) => void;

/** `route(method, path, handler, rateLimit?)` on `api`; throws at start-up for a route the contract does not list. */
export function documentedRoutes(api: FastifyInstance): DocumentedRoute {
  const documented = new Set(API_ROUTES.map((r) => `${r.method} ${r.path}`));
  return (method, path, handler, rateLimit) => {
    if (!documented.has(`${method} ${path}`)) throw new Error(`route ${method} ${path} is not in shared/contracts/api.ts`);
    api.route({ method, url: path, handler, ...(rateLimit ? { config: { rateLimit } } : {}) });
  };
}

/**
 * A route scope of the API: the one error handler (Vietnamese answers, 5xx logged with `where`),
 * answers never cached (personal data; the app's hook says it too, a scope stays safe on its own),
 * and `route` that accepts only documented routes.
 */
export function apiScope(api: FastifyInstance, where: string): DocumentedRoute {
  api.setErrorHandler(errorHandlerFor(where));
  api.addHook("onSend", async (_req, reply) => {
    reply.header("cache-control", "no-store");
  });
  return documentedRoutes(api);
}
