import { Agent, request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";

describe("a graceful stop is not held by a kept-alive connection", () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.services.stop().catch(() => undefined);
  });

  it("a request in flight when the stop begins is answered, then its keep-alive socket is closed and the stop ends", async () => {
    t = await createTestApp();
    let entered!: () => void;
    const inHandler = new Promise<void>((r) => (entered = r));
    t.app.get("/__slow", async () => {
      entered();
      await new Promise((r) => setTimeout(r, 300));
      return { ok: true };
    });
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const port = (t.app.server.address() as { port: number }).port;
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    const answer = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/__slow", agent }, (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.on("error", reject);
      req.end();
    });
    await inHandler;
    const started = Date.now();
    await t.app.close(); // KEEP_ALIVE_TIMEOUT_MS is 72 s: without the fix this waits that long
    const took = Date.now() - started;
    const res = await answer;
    agent.destroy();
    expect(res.status).toBe(200);
    expect(res.connection).toBe("close");
    expect(took).toBeLessThan(5_000);
  }, 20_000);
});
