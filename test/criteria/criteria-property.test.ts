/**
 * Property (issue 15: "edits never break aggregates"): random criteria sets adopted from the console,
 * interleaved with random household edits (answers, confirmations, household types, archiving,
 * moves, segment declarations), through the real app and the real recount worker. After every
 * adoption and every few edits, the kept counts equal a recount from the raw rows (the aggregates'
 * check and the segments' check both at 0 differences) and the catalogue every reader sees is the
 * adopted one.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerValue } from "../../shared/criteria";
import { CATALOGUES } from "../../shared/criteria";
import type { CatalogueView, HouseholdView } from "../../shared/contracts";
import type { CriteriaAdminView } from "../../shared/contracts/criteria";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp;
beforeAll(async () => {
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
});
afterAll(async () => t.close());

const BASE = CATALOGUES["gia-dinh-so"]!;
const DEFAULTS = BASE.criteria.map((c) => c.id);
const OPTIONAL = BASE.optional.map((c) => c.id);
const OWN = [
  { id: "hoc-ky-nang-so", pillar: "xa-hoi-so" as const, label: "Có người trong hộ học lớp kỹ năng số của xã", help: "Đạt khi có người trong hộ đã học một buổi kỹ năng số của xã.", relevance: { mayDecline: false } },
  {
    id: "ban-hang-san-tmdt",
    pillar: "kinh-te-so" as const,
    label: "Hộ kinh doanh bán hàng trên sàn thương mại điện tử",
    help: "Đạt khi hộ kinh doanh có gian hàng trên một sàn thương mại điện tử.",
    relevance: { flags: ["business" as const], mayDecline: true, declineHint: "Hộ không bán hàng hóa" },
  },
];

const choice = fc.record({
  exclude: fc.subarray(DEFAULTS, { maxLength: 6 }),
  include: fc.subarray(OPTIONAL),
  extra: fc.subarray(OWN),
  rename: fc.option(fc.constantFrom(...DEFAULTS), { nil: undefined }),
});

describe("criteria adoptions interleaved with household edits", () => {
  it("keep every kept count equal to a recount (fast-check, real worker)", async () => {
    const villages = ["thon-dong-xuan", "thon-ha-tien", "lang-dak-ro"];
    const segments = ["dang-vien", "doan-vien"];
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await t.call<HouseholdView>(`74${String(i).padStart(2, "0")}`, "POST", "/api/households", { villageId: villages[i % 3], label: `Hộ số ${i + 1}, cụm ${(i % 4) + 1}`, flags: { business: i % 4 === 0 } });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    const h = fc.nat({ max: ids.length - 1 });
    const op = fc.oneof(
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("adopt" as const), c: choice }) },
      { weight: 5, arbitrary: fc.record({ kind: fc.constant("meet" as const), h, skip: fc.nat({ max: 25 }), verify: fc.boolean() }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("answer" as const), h, c: fc.nat({ max: 40 }), v: fc.constantFrom<AnswerValue>("dat", "chua_dat", "khong_ap_dung") }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("flags" as const), h, business: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("status" as const), h, archived: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("move" as const), h, v: fc.nat({ max: villages.length - 1 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant("declare" as const), h, set: fc.subarray(segments) }) },
    );
    const ops = fc.sample(op, { numRuns: 120, seed: 20261130 });
    const check = async (where: string) => {
      const r = await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
      expect(r.body, where).toMatchObject({ differences: 0 });
      expect(t.services.segments.repo.check(false), where).toEqual([]);
    };
    let adopted = 0;
    let keys = new Set<string>();
    for (const [n, o] of ops.entries()) {
      const cat = t.services.gds.catalogue;
      if (o.kind === "adopt") {
        const view = (await t.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria")).body;
        const relabel = o.c.rename && !o.c.exclude.includes(o.c.rename) ? { [o.c.rename]: { label: `Tên theo tỉnh cho tiêu chí ${o.c.rename}` } } : {};
        const r = await t.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: view.version, choice: { exclude: o.c.exclude, include: o.c.include, extra: o.c.extra, relabel } });
        expect([200, 202], JSON.stringify(r.body)).toContain(r.status);
        await t.services.criteria.service.settled();
        const now = (await t.call<CatalogueView>("7400", "GET", "/api/catalogue")).body;
        expect(now.key).toBe(r.body.key);
        expect(now.criteria.map((c) => c.id).sort()).toEqual([...DEFAULTS.filter((id) => !o.c.exclude.includes(id)), ...o.c.include, ...o.c.extra.map((c) => c.id)].sort());
        keys.add(now.key);
        adopted++;
        await check(`after adoption ${n}`);
        continue;
      }
      const hid = ids[o.h]!;
      let res: { status: number; body: unknown };
      if (o.kind === "meet") {
        const view = (await t.call<HouseholdView>(DEMO.admin, "GET", `/api/households/${hid}`)).body;
        const todo = view.criteria.filter((c) => c.status !== "na");
        res = await t.call(DEMO.admin, "POST", `/api/households/${hid}/answers`, { changes: todo.map((c, i) => ({ criterionId: c.id, value: i === o.skip ? "chua_dat" : "dat", idempotencyKey: key() })) });
        if (o.verify && res.status === 200) for (const c of todo) await t.call(DEMO.admin, "POST", `/api/households/${hid}/verifications`, { criterionId: c.id, verified: true, idempotencyKey: key() });
      } else if (o.kind === "answer") {
        const c = cat.criteria[o.c % cat.criteria.length]!;
        res = await t.call(DEMO.admin, "POST", `/api/households/${hid}/answers`, { changes: [{ criterionId: c.id, value: o.v, idempotencyKey: key() }] });
      } else if (o.kind === "flags") res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { flags: { business: o.business } });
      else if (o.kind === "status") res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { status: o.archived ? "archived" : "active" });
      else if (o.kind === "move") res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { villageId: villages[o.v]! });
      else res = await t.call(DEMO.admin, "PUT", `/api/households/${hid}/segments`, { declared: o.set });
      // Archived households refuse edits (409); an answer a criterion does not allow is refused (422).
      expect([200, 409, 422], `${o.kind} ${JSON.stringify(res.body)}`).toContain(res.status);
      if (n % 15 === 14) await check(`after op ${n}`);
    }
    await check("at the end");
    expect(adopted).toBeGreaterThanOrEqual(10);
    expect(keys.size).toBeGreaterThanOrEqual(5);
  }, 300_000);
});
