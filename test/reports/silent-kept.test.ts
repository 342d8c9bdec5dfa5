/**
 * "Silent for N weeks" read from the counts kept per village and day (agg_village_activity, migration
 * 0031) equals a count over the households, exactly, after random registrations, answers (a household
 * "changes" when answered), archiving and moves over random days; the aggregates' check recounts the
 * kept rows and fixes a tampered one.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HouseholdView } from "../../shared/contracts";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp;
beforeAll(async () => {
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
});
afterAll(async () => t.close());

const HOUR = 3600_000;

describe("silent households from the kept counts", () => {
  it("equal a count over the households at any moment, after random changes over random days (fast-check)", async () => {
    const villages = t.services.config.commune.villages.map((v) => v.id);
    const ids: number[] = [];
    const op = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("register" as const), v: fc.nat({ max: villages.length - 1 }) }) },
      { weight: 5, arbitrary: fc.record({ kind: fc.constant("answer" as const), h: fc.nat({ max: 1000 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("status" as const), h: fc.nat({ max: 1000 }), archived: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("move" as const), h: fc.nat({ max: 1000 }), v: fc.nat({ max: villages.length - 1 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("wait" as const), hours: fc.integer({ min: 1, max: 120 }) }) },
    );
    const ops = fc.sample(op, { numRuns: 160, seed: 20261130 });
    const repo = t.services.gds.householdsRepo;
    const direct = (since: number) =>
      villages.map((v) => {
        const q = (sql: string, ...a: unknown[]) => (t.services.database.sqlite.prepare(sql).get(...a) as { n: number }).n;
        return {
          villageId: v,
          active: q("SELECT count(*) AS n FROM households WHERE status = 'active' AND village_id = ?", v),
          silent: q("SELECT count(*) AS n FROM households WHERE status = 'active' AND village_id = ? AND updated_at < ?", v, since),
        };
      });
    let n = 0;
    let silentSeen = 0;
    for (const o of ops) {
      if (o.kind === "wait") {
        t.clock.advance(o.hours * HOUR);
        continue;
      }
      if (o.kind === "register" || ids.length === 0) {
        const r = await t.call<HouseholdView>(DEMO.officer, "POST", "/api/households", { villageId: villages[o.kind === "register" ? o.v : 0], label: `Hộ số ${++n}, xóm ${(n % 5) + 1}`, flags: {}, joinAsMember: false });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        ids.push(r.body.id);
        continue;
      }
      const hid = ids[o.h % ids.length]!;
      let res: { status: number; body: unknown };
      if (o.kind === "answer") res = await t.call(DEMO.officer, "POST", `/api/households/${hid}/answers`, { changes: [{ criterionId: "vneid-muc-2", value: n++ % 2 ? "dat" : "chua_dat", idempotencyKey: key() }] });
      else if (o.kind === "status") res = await t.call(DEMO.officer, "PATCH", `/api/households/${hid}`, { status: o.archived ? "archived" : "active" });
      else res = await t.call(DEMO.officer, "PATCH", `/api/households/${hid}`, { villageId: villages[o.v] });
      expect([200, 409], JSON.stringify(res.body)).toContain(res.status);
      const now = t.clock.now();
      for (const back of [0, 7, 30, 100, 24 * 7, 24 * 14]) {
        const since = now - back * HOUR;
        const kept = repo.silentCounts(villages, since);
        expect(kept, `since ${back} h ago`).toEqual(direct(since));
        silentSeen = Math.max(silentSeen, ...kept.map((k) => k.silent));
      }
    }
    expect(silentSeen).toBeGreaterThan(0);
    expect((await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false })).body.differences).toBe(0);
  }, 120_000);

  it("the aggregates' check finds a tampered day count and fixes it", async () => {
    const sqlite = t.services.database.sqlite;
    sqlite.prepare("UPDATE agg_village_activity SET households = households + 2 WHERE rowid = (SELECT min(rowid) FROM agg_village_activity WHERE households > 0)").run();
    const found = (await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: true })).body;
    expect(found.differences).toBe(1);
    expect(found.samples[0].where).toMatch(/active households last changed on day \d+/);
    expect((await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false })).body.differences).toBe(0);
  });
});
