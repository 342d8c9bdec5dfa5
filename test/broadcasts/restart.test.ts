import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConversationRepo, newConversation } from "../../bot/chat/conversation-repo";
import { openDatabase } from "../../bot/db/connection";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { ZaloUsersRepo } from "../../bot/zalo/users-repo";
import { freePort, liveBotEnv, startBot, waitForHttp, type BotProcess } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const N = 1000;

describe("a 1,000-recipient broadcast across a SIGKILL", () => {
  const tmp = tempDir();
  let sim: StartedSimulator;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await sim?.close();
    tmp.cleanup();
  });

  it("delivers to each recipient exactly once after a restart in the middle", async () => {
    sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000, retryTimeScale: 0.0005, echoOaSends: false });
    const dbPath = join(tmp.dir, "bot.sqlite");
    const now = Date.now();
    const residents = Array.from({ length: N }, (_, i) => `87000000000000${String(i).padStart(5, "0")}`);
    // 1,000 residents of Thôn Đông Xuân who wrote to the OA this week.
    const handle = openDatabase(dbPath);
    const users = new ZaloUsersRepo(handle.db);
    const conversations = new ConversationRepo(handle.db);
    handle.db.transaction(() => {
      for (const u of residents) {
        users.touch(u, now - 3600_000);
        conversations.save({ ...newConversation(u, now), villageId: "thon-dong-xuan" });
      }
    });
    handle.close();
    for (const u of residents) sim.sim.upsertUser(u, { follower: true, last_interaction_at: sim.sim.clock.now() - 3600_000 });
    sim.sim.pushFaults("message", Array.from({ length: N * 2 }, () => ({ delay_ms: 5 })));

    const port = await freePort();
    // The simulator shows a message in its history as soon as it accepts it: short history checks for
    // the rows in flight at the kill (production waits up to 2 minutes for a late delivery).
    const env = liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath, { ADMIN_TOKEN: "officer-token", OUTBOX_HISTORY_CHECKS_MS: "300,1000" });
    sim.sim.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/zalo`);
    bot = startBot(env);
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`);
    const headers = { authorization: "Bearer officer-token", "content-type": "application/json" };
    const created = (await (
      await fetch(`${base}/api/officer/broadcasts`, {
        method: "POST",
        headers,
        body: JSON.stringify({ title: "Họp thôn", text: "Mời bà con dự họp thôn Đông Xuân 19:00 thứ Bảy.", audience: { kind: "residents", villageIds: ["thon-dong-xuan"] } }),
      })
    ).json()) as { id: number; preview: Record<string, number> };
    expect(created.preview).toMatchObject({ cs: N });
    expect((await fetch(`${base}/api/officer/broadcasts/${created.id}/send`, { method: "POST", headers, body: "{}" })).status).toBe(200);
    await waitFor(() => sim.sim.stats().messagesSent >= 300, 30_000, "300 delivered before the kill");
    bot.child.kill("SIGKILL");
    await bot.exited;
    const beforeRestart = sim.sim.stats().messagesSent;
    expect(beforeRestart).toBeLessThan(N);

    bot = startBot(env);
    await waitForHttp(`${base}/healthz`);
    await waitFor(async () => {
      const r = (await (await fetch(`${base}/api/officer/broadcasts/${created.id}/report`, { headers })).json()) as { summary: { sent: number } };
      return r.summary.sent === N;
    }, 60_000, "every delivery sent");
    bot.child.kill("SIGTERM");
    await bot.exited;

    const counts = residents.map((u) => sim.sim.inbox(u).filter((m) => m.text === "Mời bà con dự họp thôn Đông Xuân 19:00 thứ Bảy.").length);
    expect(counts.filter((c) => c !== 1)).toEqual([]);
    expect(sim.sim.stats().messagesSent).toBe(N);
  });
});
