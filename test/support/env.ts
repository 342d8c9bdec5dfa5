import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCommuneConfig } from "../../bot/config/commune";
import { parseEnv, type Env } from "../../bot/config/env";
import { createLogger } from "../../bot/logger";

export const TEST_CREDENTIALS = {
  appId: "4400000000000000001",
  appSecret: "test-app-secret",
  oaId: "5500000000000000001",
  oaSecretKey: "test-oa-secret-key",
};

/** A fresh directory for one test's SQLite file; removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), "gds-test-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function testEnv(overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    ZALO_APP_ID: TEST_CREDENTIALS.appId,
    ZALO_APP_SECRET: TEST_CREDENTIALS.appSecret,
    ZALO_OA_ID: TEST_CREDENTIALS.oaId,
    ZALO_OA_SECRET_KEY: TEST_CREDENTIALS.oaSecretKey,
    ...overrides,
  });
}

export const demoCommune = () => loadCommuneConfig("bot/config/communes/demo.json");
export const testLogger = () => createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
