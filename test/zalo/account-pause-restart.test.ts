import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { Outbox } from "../../bot/outbox/outbox";
import { OutboxRepo } from "../../bot/outbox/outbox-repo";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { freePort, liveBotEnv, startBot, waitForHttp, type BotProcess } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

/**
 * Issue 11 item 6: an account-wide error (`{"error": -321, "message": ...}`, Zalo Cloud Account out of
 * money, as Zalo's error table documents it) pauses the whole queue, and the pause is kept in the
 * database: neither a graceful restart nor kill -9 lets the queue run into the same error again, and
 * nothing is lost. The real bot runs as a child process over one SQLite file; the simulator answers
 * for Zalo.
 */
describe("account-wide pause across restarts", () => {
  const tmp = tempDir();
  let sim: StartedSimulator;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await sim?.close();
    tmp.cleanup();
  });

  it("-321 pauses; the pause survives SIGTERM and SIGKILL restarts; the officer's resume is audited and every row goes out once", async () => {
    sim = await startSimulator({ ...TEST_CREDENTIALS, retryTimeScale: 0.0005, echoOaSends: false });
    const dbPath = join(tmp.dir, "bot.sqlite");
    const handle = openDatabase(dbPath);
    const outbox = new Outbox(new OutboxRepo(handle.db), systemClock);
    const recipients = Array.from({ length: 7 }, (_, i) => `86100000000000000${String(i).padStart(2, "0")}`);
    for (const u of recipients) sim.sim.upsertUser(u, { follower: true, last_interaction_at: sim.sim.clock.now() });
    /** Rows written by another process (the sender polls for them), as a broadcast would. */
    const enqueue = (from: number, to: number) =>
      outbox.enqueue(...recipients.slice(from, to).map((u, i) => ({ dedupeKey: `pause-${from + i}`, channel: "cs" as const, recipientId: u, message: { kind: "text" as const, text: `Tin số ${from + i}` } })));
    const statuses = () => (handle.sqlite.prepare("SELECT status FROM outbox WHERE dedupe_key LIKE 'pause-%' ORDER BY id").all() as { status: string }[]).map((r) => r.status);

    // Zalo answers -321 to every send until the commune tops up its account.
    sim.sim.pushFaults("message", Array.from({ length: 200 }, () => ({ code: -321 })));
    const port = await freePort();
    const env = liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath, { ADMIN_TOKEN: "officer-token", OUTBOX_BACKOFF_BASE_MS: "50", OUTBOX_BACKOFF_MAX_MS: "200" });
    sim.sim.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/zalo`);
    const base = `http://127.0.0.1:${port}`;
    const headers = { authorization: "Bearer officer-token" };
    const sending = async () => ((await (await fetch(`${base}/readyz`)).json()) as { checks: { sending: { detail: Record<string, unknown> } } }).checks.sending.detail;

    bot = startBot(env);
    await waitForHttp(`${base}/healthz`);
    enqueue(0, 5);
    await waitFor(async () => (await sending()).state === "paused", 15_000, "the pause");
    const paused = await sending();
    expect(paused).toMatchObject({ state: "paused", source: "zalo", code: -321 });
    expect(String(paused.notice)).toContain("hết tiền");
    await new Promise((r) => setTimeout(r, 300));
    expect(statuses()).toEqual(Array(5).fill("pending"));
    // One error line for the pause, not one per row (the five rows all met -321).
    const pauseLines = (o: string) => o.split("\n").filter((l) => l.includes("all sending paused until an officer resumes it")).length;
    expect(pauseLines(bot.output())).toBe(1);
    const faultsAfterPause = sim.sim.stats().faultsInjected;

    // 1. A graceful restart (a deploy): still paused, and not by meeting -321 again.
    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    bot = startBot(env);
    await waitForHttp(`${base}/healthz`);
    expect(await sending()).toMatchObject({ state: "paused", code: -321, since: paused.since });
    enqueue(5, 6); // queued while paused: waits with the others

    // 2. kill -9: still paused.
    bot.child.kill("SIGKILL");
    await bot.exited;
    bot = startBot(env);
    await waitForHttp(`${base}/healthz`);
    expect(await sending()).toMatchObject({ state: "paused", code: -321, since: paused.since });
    enqueue(6, 7);

    // The account is topped up; the pause holds until an officer says so.
    sim.sim.clearFaults();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(sim.sim.stats().messagesSent).toBe(0);
    expect(sim.sim.stats().faultsInjected).toBe(faultsAfterPause);
    expect(statuses()).toEqual(Array(7).fill("pending"));

    const banner = (await (await fetch(`${base}/api/officer/outbox/pause`, { headers })).json()) as Record<string, any>;
    expect(banner).toMatchObject({ paused: true, code: -321, current: { source: "zalo", code: -321 }, canResume: true });
    expect(banner.current.reason).toBe("Tài khoản Zalo của xã hết tiền, Zalo không cho gửi tin.");
    expect(banner.history).toHaveLength(1);
    expect(banner.history[0]).toMatchObject({ code: -321, resumedAt: null });

    const resumed = await fetch(`${base}/api/officer/outbox/resume`, { method: "POST", headers });
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toMatchObject({ ok: true, resumed: { code: -321, resumedBy: "admin-token", since: paused.since } });
    await waitFor(() => statuses().every((s) => s === "sent"), 15_000, "every row sent");
    expect(recipients.map((u) => sim.sim.inbox(u).length)).toEqual(Array(7).fill(1));
    expect(sim.sim.stats().messagesSent).toBe(7);

    // The audit outlives the pause, and one more restart does not bring the pause back.
    bot.child.kill("SIGKILL");
    await bot.exited;
    bot = startBot(env);
    await waitForHttp(`${base}/healthz`);
    expect(await sending()).toEqual({ state: "sending" });
    const after = (await (await fetch(`${base}/api/officer/outbox/pause`, { headers })).json()) as Record<string, any>;
    expect(after).toMatchObject({ paused: false, current: null });
    expect(after.history[0]).toMatchObject({ source: "zalo", code: -321, since: paused.since, resumedBy: "admin-token" });
    expect(Date.parse(after.history[0].resumedAt)).toBeGreaterThanOrEqual(Date.parse(String(paused.since)));
    bot.child.kill("SIGTERM");
    await bot.exited;
    handle.close();
  }, 120_000);
});
