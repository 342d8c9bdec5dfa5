import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { parseEnv } from "../../bot/config/env";
import { miniAppStatic } from "../../bot/ops/miniapp-static";
import { prepareSandbox } from "../../bot/sandbox";
import { createServices, type Services } from "../../bot/services";
import { demoCommune, tempDir, testLogger } from "../support/env";

export interface SandboxStack {
  url: string;
  services: Services;
  sim: ReturnType<typeof prepareSandbox>["sim"];
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The bot exactly as `npm start` runs it without Zalo credentials (sandbox: the simulator mounted in
 * the same server, same origin as /miniapp/), over a temp SQLite file, serving the mini app built in
 * miniapp/www (where `npm run miniapp:build` puts it).
 */
export async function startSandboxStack(): Promise<SandboxStack> {
  const tmp = tempDir();
  const env = parseEnv({ NODE_ENV: "test", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", DATABASE_PATH: join(tmp.dir, "miniapp.sqlite") });
  const commune = demoCommune();
  const sandbox = prepareSandbox(commune);
  const services = createServices({ env, commune, credentials: sandbox.credentials, endpoints: sandbox.endpoints, clock: systemClock, logger: testLogger() });
  const app = await buildApp(services, {
    extraPlugins: [
      sandbox.plugin,
      async (a) => {
        // Until bot/app.ts registers it: the same plugin, the same default directory.
        if (!a.hasRoute({ method: "GET", url: "/miniapp/config.json" })) await a.register(miniAppStatic, { services });
      },
    ],
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  await sandbox.connect(services, url);
  await services.startWorkers();
  return {
    url,
    services,
    sim: sandbox.sim,
    app,
    async close() {
      await app.close();
      await services.stop();
      await sandbox.close();
      tmp.cleanup();
    },
  };
}
