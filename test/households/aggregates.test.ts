import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AnswerValue } from "../../shared/criteria";
import type { HouseholdView, VillageDashboard } from "../../shared/contracts";
import { createGdsApp, DEMO, key, type GdsTestApp } from "./support";

let t: GdsTestApp;
beforeEach(async () => {
  // Thousands of changes from one admin within a minute: past the per-user rate limit, not its subject here.
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
});
afterEach(async () => t.close());

async function register(user: string, villageId: string, label: string, flags: { business?: boolean; producer?: boolean } = {}): Promise<HouseholdView> {
  const r = await t.call<HouseholdView>(user, "POST", "/api/households", { villageId, label, flags });
  expect(r.status).toBe(201);
  return r.body;
}

async function answer(user: string, householdId: number, changes: { criterionId: string; value: AnswerValue; note?: string; idempotencyKey?: string }[]) {
  return t.call(user, "POST", `/api/households/${householdId}/answers`, { changes: changes.map((c) => ({ idempotencyKey: key(), ...c })) });
}

async function dashboard(villageId = "thon-dong-xuan"): Promise<VillageDashboard> {
  const r = await t.call<VillageDashboard>(DEMO.officer, "GET", `/api/villages/${villageId}/dashboard`);
  expect(r.status).toBe(200);
  return r.body;
}

const crit = (d: VillageDashboard, id: string) => d.criteria.find((c) => c.criterionId === id)!;

describe("aggregates", () => {
  it("excludes not-applicable answers from numerator and denominator", async () => {
    const a = await register("9001", "thon-dong-xuan", "Hộ ông Nguyễn Văn An, xóm 1");
    const b = await register("9002", "thon-dong-xuan", "Hộ bà Trần Thị Bé, xóm 1", { business: true });
    // A declines the agriculture app (allowed: mayDecline); B meets it. Only B counts.
    expect((await answer("9001", a.id, [{ criterionId: "ung-dung-nong-nghiep", value: "khong_ap_dung", note: "Không làm nông" }])).status).toBe(200);
    expect((await answer("9002", b.id, [{ criterionId: "ung-dung-nong-nghiep", value: "dat" }])).status).toBe(200);
    let d = await dashboard();
    expect(crit(d, "ung-dung-nong-nghiep")).toMatchObject({ applicable: 1, met: 1, notApplicable: 1, coverage: 100 });
    // A switches to "chưa đạt": back in the denominator, not in the numerator.
    await answer("9001", a.id, [{ criterionId: "ung-dung-nong-nghiep", value: "chua_dat" }]);
    d = await dashboard();
    expect(crit(d, "ung-dung-nong-nghiep")).toMatchObject({ applicable: 2, met: 1, notApplicable: 0, coverage: 50 });

    // Business-only criteria: A (not a business) is out of them, B is in.
    expect(crit(d, "hoa-don-dien-tu")).toMatchObject({ applicable: 1, met: 0, notApplicable: 1 });
    const refused = await answer("9001", a.id, [{ criterionId: "hoa-don-dien-tu", value: "dat" }]);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain("chỉ áp dụng cho hộ kinh doanh");
    // "không áp dụng" on a criterion that applies to everyone is refused.
    const everyone = await answer("9002", b.id, [{ criterionId: "vneid-muc-2", value: "khong_ap_dung" }]);
    expect(everyone.status).toBe(422);
    expect(everyone.body.error.message).toContain("không chọn được “Không áp dụng”");

    // A becomes a business household: the three business criteria now apply to A (unanswered).
    const patched = await t.call<HouseholdView>("9001", "PATCH", `/api/households/${a.id}`, { flags: { business: true } });
    expect(patched.status).toBe(200);
    d = await dashboard();
    expect(crit(d, "hoa-don-dien-tu")).toMatchObject({ applicable: 2, met: 0, notApplicable: 0 });
  });

  it("counts a household meeting all its applicable criteria once", async () => {
    const cat = t.services.gds.catalogue;
    const a = await register("9011", "thon-dong-xuan", "Hộ ông Lê Văn Cường, xóm 3");
    const b = await register("9012", "thon-dong-xuan", "Hộ ông Phạm Văn Dũng, xóm 3");
    // A: every criterion that applies is met; the agriculture app declined; business/producer ones do not apply.
    const all = cat.criteria
      .filter((c) => !c.relevance.flags)
      .map((c) => ({ criterionId: c.id, value: (c.id === "ung-dung-nong-nghiep" ? "khong_ap_dung" : "dat") as AnswerValue }));
    const r = await answer("9011", a.id, all);
    expect(r.status).toBe(200);
    expect(r.body.household.progress).toMatchObject({ fullyMet: true, assessed: true, met: all.length - 1, applicable: all.length - 1 });
    // Answering again (same values, new keys) and a note-only change do not count it twice.
    await answer("9011", a.id, all);
    await answer("9011", a.id, [{ criterionId: "vneid-muc-2", value: "dat", note: "Cả nhà đã có" }]);
    // B meets all but one.
    await answer("9012", b.id, all.map((x) => (x.criterionId === "dich-vu-cong" ? { ...x, value: "chua_dat" as const } : x)));
    let d = await dashboard();
    expect(d.fullyMet).toBe(1);
    expect(d.assessed).toBe(2);
    expect(d.registered).toBe(2);
    expect(d.completeness).toBe(100);
    expect(d.pillars.find((p) => p.pillar === "xa-hoi-so")!.fullyMet).toBe(2);
    expect(d.pillars.find((p) => p.pillar === "chinh-quyen-so")!.fullyMet).toBe(1);
    // Target: 80% of the village's 248 households (config) = 199; one met: 198 more needed.
    expect(d.target).toMatchObject({ base: 248, required: 199, needed: 198, reached: false });
    expect(d.fullyMetPercent).toBe(0.4);
    const commune = await t.call(DEMO.officer, "GET", "/api/commune/dashboard");
    expect(commune.body.totals.fullyMet).toBe(1);
    expect(commune.body.villages[0]).toMatchObject({ villageId: "thon-dong-xuan", rank: 1, fullyMet: 1 });

    // A misses one: no longer counted; archived: out of every count.
    await answer("9011", a.id, [{ criterionId: "gui-dinh-vi", value: "chua_dat" }]);
    d = await dashboard();
    expect(d.fullyMet).toBe(0);
    const archived = await t.call(DEMO.headDongXuan, "PATCH", `/api/households/${b.id}`, { status: "archived" });
    expect(archived.status).toBe(200);
    d = await dashboard();
    expect(d.registered).toBe(1);
    expect(crit(d, "dich-vu-cong")).toMatchObject({ applicable: 1, met: 1 });
  });

  it("changes nothing when the same idempotency key comes twice", async () => {
    const a = await register("9021", "thon-ha-tien", "Hộ ông Đỗ Văn Em, xóm 4");
    const k = key("same");
    const first = await answer("9021", a.id, [{ criterionId: "tai-khoan-ngan-hang", value: "dat", idempotencyKey: k }]);
    expect(first.body.results[0].outcome).toBe("changed");
    // Another change in between, then the first request arrives again (a retry after a lost answer).
    await answer("9021", a.id, [{ criterionId: "tai-khoan-ngan-hang", value: "chua_dat" }]);
    const before = await dashboard("thon-ha-tien");
    const history = (await t.call(DEMO.officer, "GET", `/api/households/${a.id}/history`)).body.items.length;
    const again = await answer("9021", a.id, [{ criterionId: "tai-khoan-ngan-hang", value: "dat", idempotencyKey: k }]);
    expect(again.status).toBe(200);
    expect(again.body.results[0].outcome).toBe("replayed");
    expect(again.body.household.criteria.find((c: { id: string }) => c.id === "tai-khoan-ngan-hang").answer.value).toBe("chua_dat");
    expect(await dashboard("thon-ha-tien")).toEqual({ ...before, asOf: expect.any(String) });
    expect((await t.call(DEMO.officer, "GET", `/api/households/${a.id}/history`)).body.items.length).toBe(history);
    // The same key with other content is refused, and nothing of that batch is saved.
    const reused = await answer("9021", a.id, [
      { criterionId: "vneid-muc-2", value: "dat" },
      { criterionId: "tai-khoan-ngan-hang", value: "khong_ap_dung", idempotencyKey: k },
    ]);
    expect(reused.status).toBe(409);
    expect(reused.body.error.message).toContain("idempotencyKey");
    expect(crit(await dashboard("thon-ha-tien"), "vneid-muc-2").met).toBe(0);
    // Verification keys too.
    await answer("9021", a.id, [{ criterionId: "vneid-muc-2", value: "dat" }]);
    const vk = key("verify");
    const v1 = await t.call(DEMO.headHaTien, "POST", `/api/households/${a.id}/verifications`, { criterionId: "vneid-muc-2", verified: true, idempotencyKey: vk });
    const v2 = await t.call(DEMO.headHaTien, "POST", `/api/households/${a.id}/verifications`, { criterionId: "vneid-muc-2", verified: true, idempotencyKey: vk });
    expect([v1.body.outcome, v2.body.outcome]).toEqual(["changed", "replayed"]);
    expect(crit(await dashboard("thon-ha-tien"), "vneid-muc-2").verified).toBe(1);
  });

  it("keeps history: who, when, from, to", async () => {
    const a = await register("9031", "thon-tan-phuc", "Hộ bà Võ Thị Phương, xóm 5");
    await answer("9031", a.id, [{ criterionId: "ket-noi-internet", value: "chua_dat" }]);
    t.clock.advance(60_000);
    await answer(DEMO.admin, a.id, [{ criterionId: "ket-noi-internet", value: "dat", note: "Đã lắp wifi" }]);
    const v = await t.call(DEMO.officer, "POST", `/api/households/${a.id}/verifications`, { criterionId: "ket-noi-internet", verified: true, idempotencyKey: key() });
    expect(v.status).toBe(200);
    // A village head of another village may not verify here.
    const other = await t.call(DEMO.headDongXuan, "POST", `/api/households/${a.id}/verifications`, { criterionId: "ket-noi-internet", verified: true, idempotencyKey: key() });
    expect(other.status).toBe(403);
    const h = await t.call("9031", "GET", `/api/households/${a.id}/history`);
    expect(h.body.items.map((i: { kind: string; from: string | null; to: string; by: { role: string; you: boolean } }) => [i.kind, i.from, i.to, i.by.role, i.by.you])).toEqual([
      ["verify", "dat", "dat", "officer", false],
      ["answer", "chua_dat", "dat", "officer", false],
      ["answer", null, "chua_dat", "household", true],
    ]);
    expect(Date.parse(h.body.items[1].at) - Date.parse(h.body.items[2].at)).toBe(60_000);
  });

  it("after 10,000 random answer changes (fast-check) the kept aggregates equal a full recompute", async () => {
    const cat = t.services.gds.catalogue;
    const villages = ["thon-dong-xuan", "thon-ha-tien", "lang-dak-ro"];
    const ids: number[] = [];
    for (let i = 0; i < 24; i++) {
      const h = await register(`95${String(i).padStart(2, "0")}`, villages[i % 3]!, `Hộ số ${i + 1}, cụm ${(i % 4) + 1}`, { business: i % 5 === 0, producer: i % 7 === 0 });
      ids.push(h.id);
    }
    const values: AnswerValue[] = ["dat", "chua_dat", "khong_ap_dung"];
    const change = fc.record({
      h: fc.nat({ max: ids.length - 1 }),
      c: fc.nat({ max: cat.criteria.length - 1 }),
      v: fc.nat({ max: 2 }),
      note: fc.boolean(),
    });
    const op = fc.oneof(
      { weight: 90, arbitrary: fc.record({ kind: fc.constant("answer" as const), changes: fc.array(change, { minLength: 1, maxLength: 10 }) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("verify" as const), h: fc.nat({ max: ids.length - 1 }), c: fc.nat({ max: cat.criteria.length - 1 }), on: fc.boolean() }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("flags" as const), h: fc.nat({ max: ids.length - 1 }), business: fc.boolean(), producer: fc.boolean() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("status" as const), h: fc.nat({ max: ids.length - 1 }), archived: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("move" as const), h: fc.nat({ max: ids.length - 1 }), v: fc.nat({ max: villages.length - 1 }) }) },
      // The village head confirms every criterion of a household that declared them all met
      // (sometimes all but one): verified "fully met" counts move, overall and per pillar.
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("confirm" as const), h: fc.nat({ max: ids.length - 1 }), skip: fc.nat({ max: 30 }) }) },
    );
    const TOTAL = 10_000;
    const ops = fc.sample(op, { numRuns: 20_000, seed: 20260717 });
    let changes = 0;
    let accepted = 0;
    let verifiedSeen = 0;
    for (const o of ops) {
      if (changes >= TOTAL) break;
      const hid = ids[(o as { h?: number }).h ?? 0]!;
      let res;
      if (o.kind === "answer") {
        const batch = o.changes.slice(0, TOTAL - changes).map((ch) => {
          const c = cat.criteria[ch.c]!;
          // "không áp dụng" only where the rule may allow it; the rest can still be refused (a
          // business criterion for a household that is not one), which rolls back the whole batch.
          const declinable = c.relevance.mayDecline || c.relevance.flags !== undefined;
          return { criterionId: c.id, value: values[declinable ? ch.v : ch.v % 2]!, ...(ch.note ? { note: `ghi chú ${ch.v}` } : {}) };
        });
        res = await answer(DEMO.admin, ids[o.changes[0]!.h]!, batch);
        if (res.status === 200) changes += (res.body.results as { outcome: string }[]).filter((r) => r.outcome === "changed").length;
      } else if (o.kind === "verify") {
        res = await t.call(DEMO.admin, "POST", `/api/households/${hid}/verifications`, { criterionId: cat.criteria[o.c]!.id, verified: o.on, idempotencyKey: key() });
      } else if (o.kind === "flags") {
        res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { flags: { business: o.business, producer: o.producer } });
      } else if (o.kind === "confirm") {
        const view = (await t.call(DEMO.admin, "GET", `/api/households/${hid}`)).body as HouseholdView;
        const todo = view.criteria.filter((c) => c.status !== "na");
        res = await answer(DEMO.admin, hid, todo.map((c) => ({ criterionId: c.id, value: "dat" as const })));
        if (res.status === 200) changes += (res.body.results as { outcome: string }[]).filter((r) => r.outcome === "changed").length;
        for (const [i, c] of todo.entries()) {
          if (i === o.skip) continue;
          const v = await t.call(DEMO.admin, "POST", `/api/households/${hid}/verifications`, { criterionId: c.id, verified: true, idempotencyKey: key() });
          expect([200, 409, 422], JSON.stringify(v.body)).toContain(v.status);
        }
      } else if (o.kind === "status") {
        res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { status: o.archived ? "archived" : "active" });
      } else {
        res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { villageId: villages[o.v]! });
      }
      expect([200, 409, 422], `${o.kind} ${JSON.stringify(res.body)}`).toContain(res.status);
      if (res.status === 200) accepted++;
      if (accepted % 250 === 0) {
        const check = await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
        expect(check.body).toMatchObject({ differences: 0, samples: [] });
        const totals = (await t.call(DEMO.officer, "GET", "/api/commune/dashboard")).body.totals as VillageDashboard;
        verifiedSeen = Math.max(verifiedSeen, totals.fullyMetVerified);
        expect(totals.fullyMetVerified).toBeLessThanOrEqual(totals.fullyMet);
      }
    }
    expect(changes).toBe(TOTAL);
    expect(accepted).toBeGreaterThan(1000);
    // The run went through households confirmed as fully met, not only self-declared ones.
    expect(verifiedSeen).toBeGreaterThan(0);
    const check = await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ households: ids.length, differences: 0, samples: [], fixed: false });
    // And the dashboards read those kept rows: the commune totals add up to the villages.
    const commune = (await t.call(DEMO.officer, "GET", "/api/commune/dashboard")).body;
    expect(commune.totals.registered).toBe(commune.villages.reduce((a: number, v: { registered: number }) => a + v.registered, 0));
  });

  it("the check reports a tampered count and fixes it", async () => {
    const a = await register("9041", "thon-dong-xuan", "Hộ ông Hồ Văn Giang, xóm 6");
    await answer("9041", a.id, [{ criterionId: "vneid-muc-2", value: "dat" }]);
    t.services.database.sqlite.prepare("UPDATE agg_village_criterion SET met = met + 5 WHERE village_id = 'thon-dong-xuan' AND criterion_id = 'vneid-muc-2'").run();
    t.services.database.sqlite.prepare("UPDATE households SET met = 7 WHERE id = ?").run(a.id);
    const found = await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: true });
    expect(found.body.differences).toBe(2);
    expect(found.body.fixed).toBe(true);
    expect(found.body.samples.map((s: { where: string }) => s.where).sort()).toEqual([`household ${a.id} all`, "village thon-dong-xuan criterion vneid-muc-2"]);
    expect((await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", {})).body.differences).toBe(0);
    expect(crit(await dashboard(), "vneid-muc-2").met).toBe(1);
    // Only an admin may run it.
    expect((await t.call(DEMO.officer, "POST", "/api/admin/aggregates/check", {})).status).toBe(403);
  });
});
