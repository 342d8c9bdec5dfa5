import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startBot, waitForHttp, type BotProcess } from "../support/child";
import { tempDir } from "../support/env";
import { waitFor } from "../support/stack";

describe("npm start without Zalo credentials (sandbox)", () => {
  const tmp = tempDir();
  let bot: BotProcess | undefined;
  afterAll(() => {
    bot?.child.kill("SIGKILL");
    tmp.cleanup();
  });

  it("runs the bot wired to the built-in simulator with the demo commune and stops cleanly", async () => {
    const port = await freePort();
    // No Zalo variable at all (an empty one is a configuration error, see test/security/boot.test.ts),
    // and not a production start (sandbox refuses NODE_ENV=production).
    const env: Record<string, string> = { PORT: String(port), NODE_ENV: "development", DATABASE_PATH: join(tmp.dir, "sandbox.sqlite") };
    bot = startBot(env);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/readyz`);
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { checks: { zalo: { detail: { state: string } } } };
    expect(ready.checks.zalo.detail.state).toBe("connected");
    expect(bot.output()).toContain("SANDBOX");
    expect(bot.output()).toContain(`${base}/simulator/`);
    const page = await fetch(`${base}/simulator/`);
    expect(page.headers.get("content-type")).toContain("text/html");
    // The demo's OA-owned village groups exist in the simulator.
    const groups = (await (await fetch(`${base}/simulator/api/groups`)).json()) as { group_id: string }[];
    expect(groups.map((g) => g.group_id)).toContain("g-dong-xuan-1");
    // A resident's message goes through the signed webhook into the inbox and is handled.
    const sent = await fetch(`${base}/simulator/api/users/8500000000000000001/text`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "xin chào" }),
    });
    expect(await sent.json()).toMatchObject({ delivered: true });
    await waitFor(async () => ((await fetch(`${base}/simulator/api/webhook/deliveries`).then((r) => r.json())) as { status: string }[]).some((d: { status: string }) => d.status === "ok"), 5000);
    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
  });
});
