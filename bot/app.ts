import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import { useVietnameseValidationMessages } from "../shared/contracts/zod-messages";
import { zaloMode } from "./config/env";
import { householdRoutes } from "./households/routes";
import { registerCors } from "./ops/cors";
import { miniAppStatic } from "./ops/miniapp-static";
import { databaseCheck, healthRoutes, zaloCheck } from "./ops/health-routes";
import { officerGuard } from "./ops/officer-auth";
import type { Services } from "./services";
import { connectRoutes } from "./zalo/connect-routes";
import { webhookRoutes } from "./zalo/webhook-route";

export interface AppOptions {
  /** Registered before listen, e.g. the simulator in sandbox mode. */
  extraPlugins?: ((app: FastifyInstance) => Promise<void>)[];
}

/** The Fastify app over already-built services; tests use it through inject or a port. */
export async function buildApp(services: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const { env } = services.config;
  useVietnameseValidationMessages();
  const app = Fastify({
    loggerInstance: services.config.logger,
    trustProxy: env.PUBLIC_BASE_URL !== undefined,
  });
  registerCors(app, { origins: env.MINIAPP_ORIGINS, sandbox: zaloMode(env).kind === "sandbox" });
  let accepting = true;
  app.addHook("preClose", async () => {
    accepting = false;
  });

  await app.register(healthRoutes, {
    checks: [databaseCheck(services.database), zaloCheck(services.tokens)],
  });
  await app.register(webhookRoutes, {
    intake: services.intake,
    onStored: () => services.worker.kick(),
    accepting: () => accepting,
  });
  await app.register(connectRoutes, {
    connect: services.connect,
    tokens: services.tokens,
    adminToken: env.ADMIN_TOKEN,
    redirectUri: (req: FastifyRequest) => `${env.PUBLIC_BASE_URL ?? `${req.protocol}://${req.host}`}/zalo/callback`,
  });
  const officers = officerGuard(env.ADMIN_TOKEN, (h) => services.gds.auth.authenticate(h));
  await services.chat.routes(officers.guard, officers.officerName)(app);
  await services.broadcasts.routes(officers.guard, officers.officerName)(app);
  await services.privacy.routes(officers.guard, officers.officerName)(app); // before householdRoutes: it checks every API_ROUTES row is registered
  await app.register(householdRoutes, { services: services.gds, commune: services.config.commune });
  await app.register(miniAppStatic, { services });
  for (const plugin of options.extraPlugins ?? []) await plugin(app);
  return app;
}
