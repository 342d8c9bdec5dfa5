/**
 * The criteria recount (issue 15) against faults, with enough households that it takes seconds:
 *  - another process holds the database's write lock while the counts move: the recount waits it out
 *    (tries again), household writes wait meanwhile with a Vietnamese 503, and the end state equals a
 *    recount from the raw answers;
 *  - kill -9 of the real bot while the households' new progress is being written: after a restart the
 *    bot starts, the counts are rebuilt for the set the admin adopted, and equal a recount again.
 */
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CriteriaAdminView } from "../../shared/contracts/criteria";
import { SessionSigner } from "../../bot/auth/session";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { generate } from "../bench/households";
import { createGdsApp, DEMO, key } from "../households/support";
import { holdLock } from "../reliability/support/console-faults";
import { freePort, liveBotEnv, startBot, waitForHttp } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const tmp = tempDir();
const CHOICE = { exclude: ["ung-dung-nong-nghiep"], include: ["phong-chong-lua-dao", "binh-dan-hoc-vu-so"], relabel: {}, extra: [] };
let sim: StartedSimulator;
const kills: (() => void)[] = [];
beforeAll(async () => {
  sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000 });
});
afterAll(async () => {
  for (const k of kills) k();
  await sim?.close();
  tmp.cleanup();
});

const countsBuiltFor = (dbPath: string) => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return (db.prepare("SELECT value FROM households_meta WHERE key = 'aggregates_catalogue'").get() as { value: string }).value;
  } finally {
    db.close();
  }
};

describe("the criteria recount under faults", () => {
  it("waits out another process's write lock, household writes wait meanwhile, and ends equal to a recount", async () => {
    const dbPath = join(tmp.dir, "lock.sqlite");
    generate(dbPath, 40_000);
    const t = await createGdsApp({ dbPath, env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
    try {
      const reg = await t.call("7201", "POST", "/api/households", { villageId: t.services.config.commune.villages[0]!.id, label: "Hộ ông Phạm Văn Bốn", flags: {} });
      expect(reg.status).toBe(201);
      const view = (await t.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria")).body;
      const oldKey = view.active.key;
      const adopt = await t.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: view.version, choice: CHOICE });
      expect(adopt.status, JSON.stringify(adopt.body)).toBe(202);
      const lock = await holdLock(dbPath);
      let released = false;
      try {
        // The worker cannot write: it says so and tries again; the old set stays in use, writes wait.
        await waitFor(
          async () => (await t.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria")).body.recount.message?.includes("tự thử lại") === true,
          30_000,
          "the console says the recount will try again",
        );
        expect(t.services.gds.catalogue.key).toBe(oldKey);
        const w = await t.call("7201", "POST", `/api/households/${reg.body.id}/answers`, { changes: [{ criterionId: "vneid-muc-2", value: "dat", idempotencyKey: key() }] });
        expect(w.status).toBe(503);
        expect(w.body.error.message).toMatch(/thử lại/);
        await lock.release();
        released = true;
      } finally {
        if (!released) await lock.release();
      }
      await t.services.criteria.service.settled();
      const after = (await t.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria")).body;
      expect(after.recount.state).toBe("idle");
      expect(after.active.key).not.toBe(oldKey);
      expect(countsBuiltFor(dbPath)).toBe(after.active.key);
      const check = await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
      expect(check.body).toMatchObject({ households: 40_001, differences: 0 });
      expect(t.services.segments.repo.check(false)).toEqual([]);
      const w = await t.call("7201", "POST", `/api/households/${reg.body.id}/answers`, { changes: [{ criterionId: "binh-dan-hoc-vu-so", value: "dat", idempotencyKey: key() }] });
      expect(w.status, JSON.stringify(w.body)).toBe(200);
    } finally {
      await t.close();
    }
  }, 180_000);

  it("kill -9 while the new progress is written: the restarted bot rebuilds the counts for the adopted set", async () => {
    const dbPath = join(tmp.dir, "kill.sqlite");
    generate(dbPath, 120_000);
    const boot = async () => {
      const port = await freePort();
      const b = startBot(liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath));
      kills.push(() => b.child.kill("SIGKILL"));
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/healthz`, 90_000);
      const handle = openDatabase(dbPath);
      const session = new SessionSigner(handle.db, systemClock).issue(DEMO.admin).token;
      handle.close();
      const call = async (method: string, url: string, body?: unknown) => {
        const res = await fetch(`${base}${url}`, {
          method,
          headers: { authorization: `Bearer ${session}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, body: (await res.json()) as any };
      };
      return { b, call };
    };
    const first = await boot();
    const view = (await first.call("GET", "/api/admin/criteria")).body as CriteriaAdminView;
    const oldKey = view.active.key;
    const adopt = await first.call("POST", "/api/admin/criteria", { baseVersion: view.version, choice: CHOICE });
    expect(adopt.status).toBe(202);
    const newKey = adopt.body.key as string;
    await waitFor(async () => /Đang ghi tiến độ mới/.test((await first.call("GET", "/api/admin/criteria")).body.recount.message ?? ""), 60_000, "the recount is writing");
    first.b.child.kill("SIGKILL");
    await first.b.exited;
    // Killed half-way: the counts' marker still names the old set.
    expect(countsBuiltFor(dbPath)).toBe(oldKey);

    const again = await boot();
    const after = (await again.call("GET", "/api/admin/criteria")).body as CriteriaAdminView;
    expect(after.active.key).toBe(newKey);
    expect(after.recount.state).toBe("idle");
    expect(countsBuiltFor(dbPath)).toBe(newKey);
    const check = await again.call("POST", "/api/admin/aggregates/check", { fix: false });
    expect(check.body).toMatchObject({ households: 120_000, differences: 0 });
    expect(again.b.output()).not.toContain("uncaught exception");
    again.b.child.kill("SIGKILL");
    await again.b.exited;
  }, 300_000);
});
