import type { FastifyInstance } from "fastify";
import { graphRoutes } from "./graph-routes";
import { groupRoutes } from "./group-routes";
import { installFormParser, installJsonParser, installMultipartBuffer } from "./http-util";
import { messageRoutes } from "./message-routes";
import { oauthRoutes } from "./oauth-routes";
import { installOpenApiGuard } from "./openapi-guard";
import type { Simulator } from "./simulator";
import { uploadRoutes } from "./upload-routes";
import { userRoutes } from "./user-routes";
import { invalidParam, zaloError } from "./zalo-errors";

/**
 * The three Zalo hosts (openapi.zalo.me, oauth.zaloapp.com, graph.zalo.me)
 * under one prefix; their paths do not overlap. Everything here lives in its
 * own encapsulated context: body parsers, hooks and error handlers do not
 * leak into the host app.
 */
export async function zaloRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;
  const prefix = sim.options.zaloPrefix;
  installJsonParser(app);
  installFormParser(app);
  installMultipartBuffer(app);

  app.addHook("onRequest", async (req) => {
    const url = req.routeOptions.url;
    if (url) sim.ctx.state.countEndpoint(`${req.method} ${url.slice(prefix.length) || "/"}`);
  });

  app.addHook("preSerialization", async (_req, _reply, payload: unknown) => {
    const code = (payload as { error?: unknown } | null)?.error;
    if (typeof code === "number") sim.ctx.state.countError(code);
    return payload;
  });

  // Bad input never becomes a 500: Zalo answers HTTP 200 with an error body.
  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      req.log.error(err);
      return reply.code(500).send(zaloError(-200, `Internal simulator error: ${err.message}`));
    }
    return reply.code(200).send(status === 413 ? zaloError(-210) : invalidParam("body"));
  });

  await app.register(oauthRoutes, { sim });
  await app.register(graphRoutes, { sim });
  await app.register(
    async (api: FastifyInstance) => {
      installOpenApiGuard(api, sim);
      await api.register(messageRoutes, { sim });
      await api.register(groupRoutes, { sim });
      await api.register(userRoutes, { sim });
      await api.register(uploadRoutes, { sim });
    },
    {},
  );
}
