import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { CommitQueue } from "../../bot/db/commit-queue";
import { openDatabase } from "../../bot/db/connection";
import { tempDir } from "../support/env";
import { startStack, waitFor, type Stack } from "../support/stack";

/**
 * Makes every data-changing statement of one connection fail with SQLITE_IOERR_WRITE (what SQLite
 * reports when the disk refuses a write) until the returned function is called.
 */
function injectIoErrors(sqlite: Database.Database): () => void {
  const proto = Object.getPrototypeOf(sqlite.prepare("SELECT 1")) as Record<"run" | "get" | "all", (...a: unknown[]) => unknown>;
  const originals = { run: proto.run, get: proto.get, all: proto.all };
  for (const m of ["run", "get", "all"] as const) {
    proto[m] = function (this: { database: Database.Database; source: string }, ...args: unknown[]) {
      if (this.database === sqlite && /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b|\bRETURNING\b/i.test(this.source)) {
        throw new Database.SqliteError("disk I/O error", "SQLITE_IOERR_WRITE");
      }
      return originals[m].apply(this, args);
    };
  }
  return () => Object.assign(proto, originals);
}

describe("commit queue under database faults", () => {
  const tmp = tempDir();

  it("a batch the disk refuses: every caller gets the error, nothing is left open, the next batch commits", async () => {
    const handle = openDatabase(join(tmp.dir, "q.sqlite"));
    const { sqlite } = handle;
    sqlite.exec("CREATE TABLE t (v TEXT NOT NULL)");
    const q = new CommitQueue(sqlite);
    const insert = (v: string) => () => sqlite.prepare("INSERT INTO t (v) VALUES (?)").run(v);
    // One job's own error stays with that job.
    const mixed = await Promise.allSettled([q.run(insert("a")), q.run(() => sqlite.prepare("INSERT INTO t (v) VALUES (NULL)").run()), q.run(insert("b"))]);
    expect(mixed.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    // The disk is full: the whole batch is refused, each caller is told.
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma("page_count", { simple: true }))}`);
    const big = "x".repeat(50_000);
    const full = await Promise.allSettled([q.run(insert(big)), q.run(insert("c")), q.run(insert(big))]);
    expect(full.every((r) => r.status === "rejected" && /SQLITE_FULL/.test(String((r.reason as { code?: string }).code)))).toBe(true);
    expect(sqlite.inTransaction).toBe(false);
    // Another process holds the lock: refused quickly (short busy timeout), then fine again.
    sqlite.pragma("max_page_count = 1073741823");
    sqlite.pragma("busy_timeout = 100");
    const other = new Database(join(tmp.dir, "q.sqlite"));
    other.exec("BEGIN EXCLUSIVE");
    const t0 = Date.now();
    await expect(q.run(insert("d"))).rejects.toMatchObject({ code: "SQLITE_BUSY" });
    expect(Date.now() - t0).toBeLessThan(1_000);
    other.exec("ROLLBACK");
    other.close();
    await q.run(insert("e"));
    expect((sqlite.prepare("SELECT v FROM t ORDER BY rowid").all() as { v: string }[]).map((r) => r.v)).toEqual(["a", "b", "e"]);
    handle.close();
    tmp.cleanup();
  });
});

describe("I/O errors while sending and handling", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("every write fails for 3 s: nothing escapes, nothing is lost, nothing is doubled", async () => {
    s = await startStack({ sim: { retryTimeScale: 1, retryScheduleMs: [1_000, 2_000, 4_000, 8_000] } });
    const users = Array.from({ length: 6 }, (_, i) => `87100000000000${String(i).padStart(5, "0")}`);
    for (const u of users) s.sim.sim.upsertUser(u, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    // Sends under way when the errors start (each takes a moment at Zalo).
    s.sim.sim.pushFaults("message", Array.from({ length: 30 }, () => ({ delay_ms: 100 })));
    s.services.outbox.enqueue(
      ...Array.from({ length: 30 }, (_, i) => ({ dedupeKey: `io:${i}`, channel: "cs" as const, recipientId: users[i % users.length]!, message: { kind: "text" as const, text: `Tin số ${i}` } })),
    );
    await waitFor(() => (s.services.outboxRepo.countByStatus().sent ?? 0) >= 3, 10_000, "sending under way");
    const restore = injectIoErrors(s.services.database.sqlite);
    const asked = users.map((u, i) => s.sim.sim.sendText(u, `Cho hỏi số ${i}`));
    await new Promise((r) => setTimeout(r, 3_000));
    const ready = await s.app.inject({ method: "GET", url: "/readyz" });
    restore();
    expect(ready.statusCode).toBe(503);
    await Promise.all(asked);
    await waitFor(() => (s.services.inboxRepo.countByStatus().done ?? 0) >= users.length, 30_000, "every question handled");
    await waitFor(() => {
      const c = s.services.outboxRepo.countByStatus();
      return !c.pending && !c.sending;
    }, 30_000, "every row settled");
    // Everything settled as sent (the 30 and the bot's replies), and Zalo got each row exactly once.
    const counts = s.services.outboxRepo.countByStatus();
    expect(Object.keys(counts)).toEqual(["sent"]);
    expect(counts.sent).toBeGreaterThanOrEqual(30 + users.length);
    expect(users.reduce((n, u) => n + s.sim.sim.inbox(u).length, 0)).toBe(counts.sent);
    const texts = users.flatMap((u) => s.sim.sim.inbox(u).map((m) => m.text)).filter((t) => t.startsWith("Tin số"));
    expect(texts.sort()).toEqual(Array.from({ length: 30 }, (_, i) => `Tin số ${i}`).sort());
    expect(s.services.inboxRepo.countByStatus().failed).toBeUndefined();
  });
});
