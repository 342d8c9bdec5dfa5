import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { SANDBOX_CREDENTIALS } from "../../bot/sandbox";
import { createServices, type ZaloCredentials } from "../../bot/services";
import { demoCommune, TEST_CREDENTIALS, tempDir, testEnv, testLogger } from "../support/env";

const nowhere = { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" };

function services(dbPath: string, credentials: ZaloCredentials) {
  return createServices({ env: testEnv({ DATABASE_PATH: dbPath }), commune: demoCommune(), credentials, endpoints: { ...nowhere }, clock: systemClock, logger: testLogger() });
}

describe("token pairs record the app and OA they belong to", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("a sandbox database started with live credentials is not 'connected' and does not use the sandbox token", async () => {
    const dbPath = join(tmp.dir, "bot.sqlite");
    const sandbox = services(dbPath, SANDBOX_CREDENTIALS);
    sandbox.tokens.storeGrant({ accessToken: "sandbox-access", refreshToken: "sandbox-refresh", expiresInSec: 90_000 }, "initial_refresh_token");
    expect(sandbox.tokens.status().state).toBe("connected");
    const row = sandbox.tokenRepo.current()!;
    expect({ appId: row.appId, oaId: row.oaId }).toEqual({ appId: SANDBOX_CREDENTIALS.appId, oaId: SANDBOX_CREDENTIALS.oaId });
    await sandbox.stop();

    const live = services(dbPath, TEST_CREDENTIALS);
    const app = await buildApp(live);
    try {
      const status = live.tokens.status();
      expect(status.state).toBe("never");
      expect(status.state !== "connected" && status.reason).toContain("another Zalo app or OA");
      await expect(live.tokens.getAccessToken()).rejects.toThrow(/another Zalo app or OA/);
      const ready = await app.inject({ method: "GET", url: "/readyz" });
      expect(ready.statusCode).toBe(503);
      expect(JSON.stringify(ready.json())).not.toContain('"connected"');

      // Connecting this OA stores a pair of its own: connected, and that token is the one used.
      live.tokens.storeGrant({ accessToken: "live-access", refreshToken: "live-refresh", expiresInSec: 90_000 }, "authorization_code");
      expect(live.tokens.status().state).toBe("connected");
      await expect(live.tokens.getAccessToken()).resolves.toBe("live-access");
    } finally {
      await app.close();
      await live.stop();
    }
  });
});
