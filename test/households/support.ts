import { join } from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { buildApp } from "../../bot/app";
import { ManualClock } from "../../bot/clock";
import type { CommuneConfig } from "../../bot/config/commune";
import { createServices, type Services } from "../../bot/services";
import type { ZaloEndpoints } from "../../bot/zalo/endpoints";
import { TEST_CREDENTIALS, demoCommune, tempDir, testEnv, testLogger } from "../support/env";

/** Mini-app ids of the demo commune's staff (bot/config/communes/demo.json `appUserId`). */
export const DEMO = {
  admin: "2073657895127295082",
  officer: "1387344835909987243",
  headDongXuan: "1779371821204890306",
  headHaTien: "1725975975938511085",
} as const;

export interface GdsTestApp {
  app: FastifyInstance;
  services: Services;
  clock: ManualClock;
  dbPath: string;
  /** Authorization header of a fresh session for this mini-app user id. */
  as(appUserId: string): Record<string, string>;
  /** app.inject with a session for `appUserId`; returns status and parsed JSON. */
  call<T = any>(appUserId: string | null, method: InjectOptions["method"], url: string, payload?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/**
 * The real app over a real SQLite file, like test/support/app.ts, with a commune config that a test
 * may adjust (criteria catalogue, villages) and a fake clock by default.
 */
export async function createGdsApp(
  opts: { clock?: ManualClock; commune?: (c: CommuneConfig) => CommuneConfig; env?: Record<string, string>; endpoints?: ZaloEndpoints; dbPath?: string } = {},
): Promise<GdsTestApp> {
  const tmp = tempDir();
  const dbPath = opts.dbPath ?? join(tmp.dir, "gds.sqlite");
  const clock = opts.clock ?? new ManualClock(Date.parse("2026-07-15T03:00:00Z"));
  const services = createServices({
    env: testEnv({ DATABASE_PATH: dbPath, ...opts.env }),
    commune: (opts.commune ?? ((c) => c))(demoCommune()),
    credentials: TEST_CREDENTIALS,
    endpoints: opts.endpoints ?? { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
    clock,
    logger: testLogger(),
  });
  const app = await buildApp(services);
  const as = (appUserId: string) => ({ authorization: `Bearer ${services.gds.auth.issue(appUserId).session}` });
  return {
    app,
    services,
    clock,
    dbPath,
    as,
    async call(appUserId, method, url, payload) {
      const res = await app.inject({ method, url, headers: appUserId ? as(appUserId) : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
      let body: unknown = res.body;
      try {
        body = res.json();
      } catch {
        /* not JSON */
      }
      return { status: res.statusCode, body: body as never };
    },
    async close() {
      await app.close();
      await services.stop();
      tmp.cleanup();
    },
  };
}

let keySeq = 0;
/** A fresh idempotency key. */
export const key = (prefix = "k") => `${prefix}-${process.pid}-${++keySeq}-${Math.random().toString(36).slice(2, 8)}`;
