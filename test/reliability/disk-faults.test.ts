import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { Outbox } from "../../bot/outbox/outbox";
import { OutboxRepo } from "../../bot/outbox/outbox-repo";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { freePort, liveBotEnv, waitForHttp } from "../support/child";
import { statusCounts as counts } from "../support/db-status";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const ROWS = 60;
const USERS = 6;


describe("the real process through a full disk and I/O errors", () => {
  const tmp = tempDir();
  let sim: StartedSimulator;
  let kill: (() => void) | undefined;
  afterAll(async () => {
    kill?.();
    await sim?.close();
    tmp.cleanup();
  });

  it("stays up while every write fails (3 s full, then 3 s I/O errors) during sending and handling; afterwards nothing is lost or doubled", async () => {
    sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000, retryTimeScale: 1, retryScheduleMs: [1_000, 3_000, 6_000, 12_000] });
    const dbPath = join(tmp.dir, "bot.sqlite");
    const faultFile = join(tmp.dir, "fault");
    writeFileSync(faultFile, "");
    const users = Array.from({ length: USERS }, (_, i) => `87200000000000${String(i).padStart(5, "0")}`);
    for (const u of users) sim.sim.upsertUser(u, { follower: true, last_interaction_at: sim.sim.clock.now() });
    const handle = openDatabase(dbPath);
    new Outbox(new OutboxRepo(handle.db), systemClock).enqueue(
      ...Array.from({ length: ROWS }, (_, i) => ({ dedupeKey: `disk:${i}`, channel: "cs" as const, recipientId: users[i % USERS]!, message: { kind: "text" as const, text: `Thông báo ${i}` } })),
    );
    handle.close();
    sim.sim.pushFaults("message", Array.from({ length: ROWS }, () => ({ delay_ms: 80 })));
    const port = await freePort();
    sim.sim.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/zalo`);
    const child = spawn(process.execPath, ["--import", "tsx", "--import", "./test/reliability/support/fault-preload.ts", "bot/main.ts"], {
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", GDS_FAULT_FILE: faultFile, ...liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath, { OUTBOX_CONCURRENCY: "2" }) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    kill = () => child.kill("SIGKILL");
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`);
    await waitFor(() => sim.sim.stats().messagesSent >= 5, 20_000, "sending under way");

    const asked: Promise<unknown>[] = [];
    for (const mode of ["full", "ioerr"] as const) {
      writeFileSync(faultFile, mode);
      asked.push(...users.slice(0, 3).map((u, i) => sim.sim.sendText(u, `Hỏi khi ${mode} ${i}`)));
      await new Promise((r) => setTimeout(r, 3_000));
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(JSON.stringify(await ready.json())).toContain(mode === "full" ? "SQLITE_FULL" : "SQLITE_IOERR");
      expect(child.exitCode).toBeNull();
    }
    writeFileSync(faultFile, "");
    await Promise.all(asked);

    await waitFor(() => (counts(dbPath, "inbox_events").done ?? 0) >= 6, 40_000, "the 6 questions handled");
    await waitFor(() => {
      const c = counts(dbPath, "outbox");
      return !c.pending && !c.sending && (c.sent ?? 0) >= ROWS + 6;
    }, 40_000, "every row sent");
    expect(child.exitCode).toBeNull();
    const c = counts(dbPath, "outbox");
    expect(Object.keys(c)).toEqual(["sent"]);
    expect(counts(dbPath, "inbox_events").failed).toBeUndefined();
    const delivered = users.flatMap((u) => sim.sim.inbox(u).map((m) => m.text));
    expect(delivered).toHaveLength(c.sent!);
    expect(delivered.filter((t) => t.startsWith("Thông báo")).sort()).toEqual(Array.from({ length: ROWS }, (_, i) => `Thông báo ${i}`).sort());
    expect(out).not.toContain("uncaught exception");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    kill = undefined;
  });
});
