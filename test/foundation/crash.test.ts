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

const ROWS = 500;
const USERS = 50;

describe("outbox across a SIGKILL", () => {
  const tmp = tempDir();
  let sim: StartedSimulator;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await sim?.close();
    tmp.cleanup();
  });

  it("a bot killed with SIGKILL while draining 500 rows, then restarted, delivers each row exactly once", async () => {
    sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000, retryTimeScale: 0.0005 });
    const dbPath = join(tmp.dir, "bot.sqlite");
    const users = Array.from({ length: USERS }, (_, i) => `83000000000000${String(i).padStart(5, "0")}`);
    for (const u of users) sim.sim.upsertUser(u, { follower: true, last_interaction_at: sim.sim.clock.now() });

    // 500 messages queued before the bot starts (10 per resident, in order).
    const handle = openDatabase(dbPath);
    const outbox = new Outbox(new OutboxRepo(handle.db), systemClock);
    outbox.enqueue(
      ...Array.from({ length: ROWS }, (_, i) => ({
        dedupeKey: `crash:${i}`,
        channel: "cs" as const,
        recipientId: users[i % USERS]!,
        message: { kind: "text" as const, text: `Tin nhắn số ${i}` },
      })),
    );
    handle.close();
    // Zalo answers each send a little slowly, so several are in flight when the process dies.
    sim.sim.pushFaults("message", Array.from({ length: ROWS * 2 }, () => ({ delay_ms: 15 })));

    const port = await freePort();
    sim.sim.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/zalo`);
    // The simulator shows a message in its history as soon as it accepts it: short history checks for
    // the rows in flight at the kill (production waits up to 2 minutes for a late delivery).
    const env = liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath, { OUTBOX_HISTORY_CHECKS_MS: "300,1000" });
    bot = startBot(env);
    await waitFor(() => sim.sim.stats().messagesSent >= 150, 30_000, "150 messages delivered before the kill");
    bot.child.kill("SIGKILL");
    const first = await bot.exited;
    expect(first.signal).toBe("SIGKILL");
    const deliveredBeforeKill = sim.sim.stats().messagesSent;
    const statuses = countStatuses(dbPath);
    expect(deliveredBeforeKill).toBeLessThan(ROWS);

    bot = startBot(env);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`);
    await waitFor(() => countStatuses(dbPath).sent === ROWS, 60_000, "all rows sent after restart");
    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);

    const delivered = new Map<string, number>();
    for (const u of users) for (const m of sim.sim.inbox(u)) delivered.set(m.text, (delivered.get(m.text) ?? 0) + 1);
    const duplicates = [...delivered].filter(([, n]) => n > 1);
    expect(duplicates).toEqual([]);
    expect(delivered.size).toBe(ROWS);
    expect(sim.sim.stats().messagesSent).toBe(ROWS);
    // Each resident still got their messages in order.
    for (const [i, u] of users.entries()) {
      const expected = Array.from({ length: ROWS / USERS }, (_, k) => `Tin nhắn số ${i + k * USERS}`);
      expect(sim.sim.inbox(u).map((m) => m.text)).toEqual(expected);
    }
    console.info(`crash test: ${deliveredBeforeKill} delivered before SIGKILL; rows at kill: ${JSON.stringify(statuses)}`);
  });
});

function countStatuses(path: string): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare("SELECT status, count(*) AS n FROM outbox GROUP BY status").all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}
