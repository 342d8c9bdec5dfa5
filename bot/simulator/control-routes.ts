import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { chatPageHtml } from "./chat-page";
import { controlGroupRoutes } from "./control-group-routes";
import { controlSystemRoutes } from "./control-system-routes";
import { controlUserRoutes } from "./control-user-routes";
import { installJsonParser } from "./http-util";
import type { Simulator } from "./simulator";
import { uploadContent } from "./uploads";
import { ControlError } from "./zalo-errors";

/**
 * The control API (<controlPrefix>/api/...) and the chat page
 * (<controlPrefix>/), in their own encapsulated context. Errors are
 * `{error: "<clear message>"}` with 400/404.
 */
export async function controlRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;
  installJsonParser(app);

  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof ControlError) return reply.code(err.status).send({ error: err.message });
    const status = err.statusCode ?? 500;
    if (status >= 500) req.log.error(err);
    return reply.code(status >= 400 && status < 600 ? status : 500).send({ error: err.message || "error" });
  });

  app.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").header("cache-control", "no-store").send(chatPageHtml(sim.options.controlPrefix)));

  app.get("/media/:attachmentId", async (req, reply) => {
    const p = z.object({ attachmentId: z.string().min(1).max(200) }).safeParse(req.params);
    const content = p.success ? uploadContent(sim.ctx, p.data.attachmentId) : undefined;
    if (!content) throw new ControlError(404, "no such attachment");
    return reply.type(content.mime).send(content.data);
  });

  await app.register(controlUserRoutes, { sim });
  await app.register(controlGroupRoutes, { sim });
  await app.register(controlSystemRoutes, { sim });
}
