import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../bot/db/connection";
import { integrityCheck, listBackups } from "../../bot/ops/backup";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { freePort, liveBotEnv, startBot, waitForHttp, type BotProcess } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";
import { sign, textEvent } from "../support/zalo-events";

const SEEDED = 60_000;
const USERS = 40;

/** Runs one of the npm admin commands (through tsx, as `npm run <name>` does). */
function command(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", `bot/ops/cli/${script}.ts`, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

/** The rows of the tables that carry the commune's data, for comparing two databases. */
function snapshot(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return Object.fromEntries(
      ["inbox_events", "outbox", "zalo_users", "role_grants"].map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]),
    );
  } finally {
    db.close();
  }
}

function eventKeys(path: string): Set<string> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare("SELECT event_key FROM inbox_events").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

describe("backup while serving, restore", () => {
  const tmp = tempDir();
  let sim: StartedSimulator | undefined;
  let bot: BotProcess | undefined;
  afterAll(async () => {
    bot?.child.kill("SIGKILL");
    await sim?.close();
    tmp.cleanup();
  });

  it("backs up a bot under webhook load, keeps N nightly backups, restores into a fresh path with the same data, refuses to restore under a running bot", async () => {
    const dbPath = join(tmp.dir, "bot.sqlite");
    const nightlyDir = join(tmp.dir, "nightly");
    // A database with some weight, so the copy takes a while.
    const seed = openDatabase(dbPath);
    const insert = seed.sqlite.prepare("INSERT INTO inbox_events (event_key, event_name, subject_id, raw, status, received_at, handled_at) VALUES (?, 'user_send_text', ?, ?, 'done', ?, ?)");
    seed.sqlite.transaction(() => {
      for (let i = 0; i < SEEDED; i++) insert.run(`seed:${i}`, `u${i % 500}`, JSON.stringify({ text: `tin nhắn cũ số ${i} `.repeat(8) }), i, i);
    })();
    seed.close();

    sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000 });
    const users = Array.from({ length: USERS }, (_, i) => `84000000000000${String(i).padStart(5, "0")}`);
    for (const u of users) sim.sim.upsertUser(u, { follower: true, last_interaction_at: sim.sim.clock.now() });
    const port = await freePort();
    const env = liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath, {
      // The scheduled backup every 2 seconds here (02:30 every night by default), keeping 2.
      BACKUP_CRON: "*/2 * * * * *",
      BACKUP_KEEP: "2",
      BACKUP_DIR: nightlyDir,
    });
    bot = startBot(env);
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 60_000);

    // Load: 8 senders posting signed webhooks as fast as the bot acknowledges them.
    const acked: { key: string; at: number; ms: number }[] = [];
    let loading = true;
    let n = 0;
    const sender = async () => {
      while (loading) {
        const i = n++;
        const ev = textEvent(users[i % USERS]!, `câu hỏi số ${i}`, `load-${i}`);
        const payload = JSON.stringify(ev);
        const t0 = Date.now();
        const res = await fetch(`http://127.0.0.1:${port}/webhooks/zalo`, {
          method: "POST",
          body: payload,
          headers: { "content-type": "application/json", "x-zevent-signature": sign(payload) },
        });
        await res.arrayBuffer();
        if (res.status === 200) acked.push({ key: `user_send_text:load-${i}`, at: Date.now(), ms: Date.now() - t0 });
      }
    };
    const senders = Array.from({ length: 8 }, () => sender());
    await waitFor(() => acked.length >= 200, 30_000, "200 webhooks acknowledged");

    // 1. A backup while the bot serves: everything acknowledged before it started is in it.
    const ackedBefore = acked.map((a) => a.key);
    const started = Date.now();
    const during = await command("backup", ["--db", dbPath, "--out", join(tmp.dir, "manual", "during.sqlite")]);
    const finished = Date.now();
    expect(during.out).toContain("Backup written");
    expect(during.code).toBe(0);
    const duringPath = join(tmp.dir, "manual", "during.sqlite");
    expect(integrityCheck(duringPath)).toEqual(["ok"]);
    const inDuring = eventKeys(duringPath);
    expect(ackedBefore.filter((k) => !inDuring.has(k))).toEqual([]);
    expect(inDuring.has("seed:0") && inDuring.has(`seed:${SEEDED - 1}`)).toBe(true);
    const ackedWhile = acked.filter((a) => a.at > started && a.at < finished);
    console.info(
      `backup under load: ${finished - started} ms (command included); ${ackedWhile.length} webhooks acknowledged meanwhile, slowest ack ${Math.max(0, ...ackedWhile.map((a) => a.ms))} ms`,
    );

    // 2. The scheduled backups run inside the bot and keep the newest 2.
    await waitFor(() => listBackups(nightlyDir).length >= 2, 30_000, "two scheduled backups");
    const firstTwo = listBackups(nightlyDir).map((b) => b.name);
    await waitFor(() => listBackups(nightlyDir).some((b) => !firstTwo.includes(b.name)), 30_000, "a third scheduled backup");
    await new Promise((r) => setTimeout(r, 300));
    expect(listBackups(nightlyDir).length).toBeLessThanOrEqual(2);
    expect(listBackups(nightlyDir).map((b) => b.name)).not.toContain(firstTwo[0]);
    expect(readdirSync(nightlyDir).filter((n) => n.endsWith(".partial"))).toEqual([]);
    expect(integrityCheck(listBackups(nightlyDir).at(-1)!.path)).toEqual(["ok"]);

    loading = false;
    await Promise.all(senders);
    // Everything handled and answered, then a backup of the quiet bot.
    await waitFor(() => {
      const db = new Database(dbPath, { readonly: true });
      try {
        const open = db.prepare("SELECT count(*) FROM inbox_events WHERE status = 'pending'").pluck().get() as number;
        const unsent = db.prepare("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").pluck().get() as number;
        return open === 0 && unsent === 0;
      } finally {
        db.close();
      }
    }, 60_000, "the inbox handled and the outbox sent");
    const quietPath = join(tmp.dir, "manual", "quiet.sqlite");
    expect((await command("backup", ["--db", dbPath, "--out", quietPath])).code).toBe(0);

    // 3. Restore refuses while the bot runs on the database, and changes nothing.
    const refused = await command("restore", [duringPath, "--db", dbPath]);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/A bot is running on .*bot\.sqlite \(process \d+|is open in another process/);
    expect(refused.out).toContain("Nothing was changed");
    expect(readdirSync(tmp.dir).filter((n) => n.includes(".replaced-"))).toEqual([]);

    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    bot = undefined;
    const live = snapshot(dbPath);
    expect(live.inbox_events!.length).toBeGreaterThan(SEEDED + ackedBefore.length);

    // 4. Restore into a fresh path: the same data as the bot had, integrity ok.
    const freshPath = join(tmp.dir, "restored", "bot.sqlite");
    const restored = await command("restore", [quietPath, "--db", freshPath]);
    expect(restored.out).toContain("integrity ok");
    expect(restored.code).toBe(0);
    expect(integrityCheck(freshPath)).toEqual(["ok"]);
    expect(snapshot(freshPath)).toEqual(live);

    // 5. Restore over the stopped bot's database: the replaced file is kept aside, whole.
    const over = await command("restore", [duringPath, "--db", dbPath]);
    expect(over.code).toBe(0);
    const aside = readdirSync(tmp.dir).filter((n) => /^bot\.sqlite\.replaced-\d{8}T\d{6}$/.test(n));
    expect(aside).toHaveLength(1);
    expect(existsSync(join(tmp.dir, `${aside[0]}-wal`))).toBe(false);
    expect(snapshot(join(tmp.dir, aside[0]!))).toEqual(live);
    expect(eventKeys(dbPath)).toEqual(inDuring);

    // 6. A bot starts on the restored copy (the copy carries no lease of the process it was taken from).
    const port2 = await freePort();
    bot = startBot({ ...env, PORT: String(port2), DATABASE_PATH: freshPath, BACKUP_CRON: "off" });
    await waitForHttp(`http://127.0.0.1:${port2}/healthz`, 60_000).catch((err) => {
      throw new Error(`${(err as Error).message}\n${bot?.output()}`);
    });
    bot.child.kill("SIGTERM");
    expect((await bot.exited).code).toBe(0);
    bot = undefined;
  }, 240_000);
});
