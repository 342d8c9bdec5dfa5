import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../bot/app";
import { systemClock, type Clock } from "../../bot/clock";
import { createServices, type Services } from "../../bot/services";
import type { ZaloEndpoints } from "../../bot/zalo/endpoints";
import { demoCommune, TEST_CREDENTIALS, tempDir, testEnv, testLogger } from "./env";

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  dbPath: string;
  endpoints: ZaloEndpoints;
  close(): Promise<void>;
}

/** The real app over a real SQLite file in a temp dir. Workers are not started unless asked. */
export async function createTestApp(
  opts: { env?: Record<string, string>; endpoints?: ZaloEndpoints; clock?: Clock; startWorkers?: boolean } = {},
): Promise<TestApp> {
  const tmp = tempDir();
  const dbPath = join(tmp.dir, "test.sqlite");
  const env = testEnv({ DATABASE_PATH: dbPath, ...opts.env });
  const endpoints = opts.endpoints ?? { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" };
  const services = createServices({
    env,
    commune: demoCommune(),
    credentials: TEST_CREDENTIALS,
    endpoints,
    clock: opts.clock ?? systemClock,
    logger: testLogger(),
  });
  const app = await buildApp(services);
  if (opts.startWorkers) await services.startWorkers();
  return {
    app,
    services,
    dbPath,
    endpoints,
    async close() {
      await app.close();
      await services.stop();
      tmp.cleanup();
    },
  };
}
