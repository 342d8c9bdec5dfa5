import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { Outbox } from "../../bot/outbox/outbox";
import { OutboxRepo } from "../../bot/outbox/outbox-repo";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { freePort, liveBotEnv, startBot, waitForHttp, type BotProcess } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const N = 12;
const TEXT = "Tổ công nghệ số cộng đồng hẹn bà con sáng Chủ nhật.";

/**
 * Issue 10, "Process management": a clean shutdown drains the sends in flight. SIGTERM while Zalo is
 * slow to answer: the process waits for the answers and records them (no row left `sending` for the
 * next start to reconcile), takes no new row, exits 0; nothing is sent twice, nothing lost.
 */
describe("SIGTERM while messages are in flight", () => {
  const tmp = tempDir();
  let sim: StartedSimulator | undefined;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await sim?.close();
    tmp.cleanup();
  });

  it("waits for Zalo's answers, records every send, takes no new row and exits 0", async () => {
    const zalo = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000 });
    sim = zalo;
    const dbPath = join(tmp.dir, "bot.sqlite");
    const users = Array.from({ length: N }, (_, i) => `8900000000000000${String(i).padStart(3, "0")}`);
    for (const u of users) zalo.sim.upsertUser(u, { follower: true, last_interaction_at: zalo.sim.clock.now() });
    // Zalo takes 2.5 s to answer each send.
    zalo.sim.pushFaults("message", users.map(() => ({ delay_ms: 2_500 })));
    const handle = openDatabase(dbPath);
    new Outbox(new OutboxRepo(handle.db), systemClock).enqueue(...users.map((u, i) => ({ dedupeKey: `drain:${i}`, channel: "cs" as const, recipientId: u, message: { kind: "text" as const, text: TEXT } })));
    handle.close();

    const port = await freePort();
    bot = startBot(liveBotEnv(zalo.url, zalo.sim.issueGrant().refresh_token, port, dbPath, { OUTBOX_CONCURRENCY: "4", LOG_LEVEL: "info" }));
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);
    const ro = new Database(dbPath, { readonly: true, fileMustExist: true });
    const statuses = () => Object.fromEntries((ro.prepare("SELECT status, count(*) AS n FROM outbox GROUP BY status").all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    try {
      await waitFor(() => (statuses().sending ?? 0) > 0, 30_000, "sends in flight");
      const inFlight = statuses().sending ?? 0;
      bot.child.kill("SIGTERM");
      const exit = await bot.exited;
      expect(exit.code, bot.output()).toBe(0);
      expect(bot.output()).toContain("shutting down");

      const after = statuses();
      expect(after.sending ?? 0).toBe(0); // every send in flight was answered and recorded
      expect(after.sent ?? 0).toBeGreaterThanOrEqual(inFlight);
      expect(after.pending ?? 0).toBeGreaterThan(0); // no new row taken while stopping
      expect((after.sent ?? 0) + (after.pending ?? 0)).toBe(N);
      // Each recorded send carries Zalo's message id, and Zalo has exactly those messages.
      const sent = ro.prepare("SELECT recipient_id AS recipientId, message_id AS messageId FROM outbox WHERE status = 'sent'").all() as { recipientId: string; messageId: string | null }[];
      for (const r of sent) expect(zalo.sim.inbox(r.recipientId).map((m) => m.message_id)).toEqual([r.messageId]);
      expect(users.reduce((n, u) => n + zalo.sim.inbox(u).length, 0)).toBe(sent.length);
    } finally {
      ro.close();
    }
  }, 120_000);
});
