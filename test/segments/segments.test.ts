/**
 * Household segments and their targets (issue 15), through the real app over a real SQLite file:
 * the admin defines and edits segments (audited, live), households declare, village heads confirm
 * (kept apart, each only where they may), progress per segment equals a per-household recount after
 * random edits (and the aggregates' own check stays at 0), the Excel file equals the JSON.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { criterionStatus, type AnswerValue } from "../../shared/criteria";
import type { HouseholdView } from "../../shared/contracts";
import type { HouseholdSegments, SegmentAdminView, SegmentList, SegmentProgress } from "../../shared/contracts/segments";
import { SEGMENT_COLUMNS } from "../../bot/segments/segments-xlsx";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp;
beforeEach(async () => {
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
});
afterEach(async () => t.close());

async function register(user: string, villageId: string, label: string, flags: { business?: boolean; producer?: boolean } = {}): Promise<HouseholdView> {
  const r = await t.call<HouseholdView>(user, "POST", "/api/households", { villageId, label, flags });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
type Answer = HouseholdSegments & { error: { code: string; message: string } };
const declare = (user: string, hid: number, declared: string[]) => t.call<Answer>(user, "PUT", `/api/households/${hid}/segments`, { declared });
const decide = (user: string, hid: number, segmentId: string, decision: "confirmed" | "rejected" | null) =>
  t.call<Answer>(user, "POST", `/api/households/${hid}/segments/decisions`, { segmentId, decision });
const item = (h: HouseholdSegments, id: string) => h.items.find((i) => i.segmentId === id)!;

describe("segments defined by the commune", () => {
  it("are seeded from the commune file, and the admin's edits are audited (before/after) and live", async () => {
    const list = await t.call<SegmentList>("7001", "GET", "/api/segments");
    expect(list.status).toBe(200);
    expect(list.body.items.map((s) => [s.id, s.targetPercent])).toEqual([
      ["can-bo-giao-vien", 100],
      ["dang-vien", 95],
      ["doan-vien", 95],
      ["hoi-phu-nu", 70],
      ["hoi-nong-dan", 70],
      ["ho-kinh-doanh", 80],
    ]);
    // Only the admin edits; the role is checked before the input.
    for (const who of ["7001", DEMO.officer, DEMO.headDongXuan]) {
      const r = await t.call(who, "POST", "/api/admin/segments", { name: "x" });
      expect(r.status).toBe(403);
      expect(r.body.error.message).toContain("quản trị viên");
      expect((await t.call(who, "PATCH", "/api/admin/segments/dang-vien", { targetPercent: 1 })).status).toBe(403);
    }
    const created = await t.call(DEMO.admin, "POST", "/api/admin/segments", { name: "  Gia đình   người có công ", targetPercent: 90 });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: "gia-dinh-nguoi-co-cong", name: "Gia đình người có công", targetPercent: 90, position: 6, status: "active" });
    // Bad input: a clear Vietnamese message, nothing saved.
    const bad = await t.call(DEMO.admin, "POST", "/api/admin/segments", { name: "Hội Cựu chiến binh", targetPercent: 150 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Chỉ tiêu nhiều nhất 100%");
    expect((await t.call(DEMO.admin, "POST", "/api/admin/segments", { name: "gia đình NGƯỜI có công", targetPercent: 50 })).status).toBe(409);
    expect((await t.call(DEMO.admin, "PATCH", "/api/admin/segments/khong-co", { targetPercent: 50 })).status).toBe(404);
    expect((await t.call(DEMO.admin, "PATCH", "/api/admin/segments/dang-vien", {})).status).toBe(400);

    t.clock.advance(60_000);
    const edited = await t.call(DEMO.admin, "PATCH", "/api/admin/segments/gia-dinh-nguoi-co-cong", { targetPercent: 95 });
    expect(edited.status).toBe(200);
    expect(edited.body.targetPercent).toBe(95);
    // Live: every reader sees it at once, no restart.
    expect((await t.call<SegmentList>("7001", "GET", "/api/segments")).body.items.find((s) => s.id === "gia-dinh-nguoi-co-cong")?.targetPercent).toBe(95);
    const archived = await t.call(DEMO.admin, "PATCH", "/api/admin/segments/ho-kinh-doanh", { status: "archived" });
    expect(archived.body.status).toBe("archived");
    expect((await t.call<SegmentList>("7001", "GET", "/api/segments")).body.items.map((s) => s.id)).not.toContain("ho-kinh-doanh");

    const admin = await t.call<SegmentAdminView>(DEMO.admin, "GET", "/api/admin/segments");
    expect(admin.status).toBe(200);
    expect(admin.body.items).toHaveLength(7);
    const [last, prev, first] = admin.body.history;
    expect(last).toMatchObject({ segmentId: "ho-kinh-doanh", kind: "update", by: DEMO.admin, before: { status: "active" }, after: { status: "archived" } });
    expect(prev).toMatchObject({ segmentId: "gia-dinh-nguoi-co-cong", kind: "update", before: { targetPercent: 90 }, after: { targetPercent: 95 } });
    expect(first).toMatchObject({ segmentId: "gia-dinh-nguoi-co-cong", kind: "create", before: null, after: { targetPercent: 90 } });
    expect(Date.parse(prev!.at) - Date.parse(first!.at)).toBe(60_000);
    expect(admin.body.history.filter((h) => h.kind === "seed")).toHaveLength(6);
    // A refused edit left no trace; the same state again is no edit.
    const rows = t.services.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'segments.edit'").get() as { n: number };
    expect(rows.n).toBe(9);
    await t.call(DEMO.admin, "PATCH", "/api/admin/segments/dang-vien", { targetPercent: 95 });
    expect((t.services.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'segments.edit'").get() as { n: number }).n).toBe(9);
  });

  it("the seed runs once: a restart keeps the commune's own edits", async () => {
    await t.call(DEMO.admin, "PATCH", "/api/admin/segments/dang-vien", { targetPercent: 90, name: "Gia đình đảng viên" });
    const dbPath = t.dbPath;
    await t.app.close();
    await t.services.stop();
    const again = await createGdsApp({ dbPath });
    try {
      const list = await again.call<SegmentList>("7001", "GET", "/api/segments");
      expect(list.body.items.find((s) => s.id === "dang-vien")).toMatchObject({ name: "Gia đình đảng viên", targetPercent: 90 });
      expect(list.body.items).toHaveLength(6);
    } finally {
      await again.app.close();
      await again.services.stop();
    }
    t = await createGdsApp(); // afterEach closes this one
  });
});

describe("the commune file round trip (for the commune export/import)", () => {
  it("exports the segments as the commune file writes them and imports them into another install: same segments, audited", async () => {
    await t.call(DEMO.admin, "PATCH", "/api/admin/segments/dang-vien", { targetPercent: 90 });
    await t.call(DEMO.admin, "POST", "/api/admin/segments", { name: "Gia đình người có công", targetPercent: 85 });
    await t.call(DEMO.admin, "PATCH", "/api/admin/segments/ho-kinh-doanh", { status: "archived" });
    const file = t.services.segments.service.exportForFile();
    expect(file).toHaveLength(6);
    expect(file.find((x) => x.id === "dang-vien")!.targetPercent).toBe(90);
    // The commune file's schema accepts it as it is.
    const { parseCommuneConfig } = await import("../../bot/config/commune");
    const { demoCommune } = await import("../support/env");
    expect(parseCommuneConfig({ ...demoCommune(), segments: file }).segments).toEqual(file);
    // The same segments, in the same order (positions are renumbered by the file's order).
    const same = (l: SegmentList["items"]) => l.map(({ position: _p, ...x }) => x);
    const list = same((await t.call<SegmentList>("7001", "GET", "/api/segments")).body.items);

    // A fresh install seeded from the exported file.
    const fresh = await createGdsApp({ commune: (c) => ({ ...c, segments: file }) });
    // An install with its own segments, importing the file.
    const other = await createGdsApp();
    try {
      expect(same((await fresh.call<SegmentList>("7001", "GET", "/api/segments")).body.items)).toEqual(list);
      expect(other.services.segments.service.importFromFile(file, DEMO.admin)).toBe(3); // dang-vien edited, one added, ho-kinh-doanh archived
      expect(same((await other.call<SegmentList>("7001", "GET", "/api/segments")).body.items)).toEqual(list);
      expect(other.services.segments.service.importFromFile(file, DEMO.admin)).toBe(0);
      const history = (await other.call<SegmentAdminView>(DEMO.admin, "GET", "/api/admin/segments")).body.history;
      expect(history.filter((h) => h.kind !== "seed")).toHaveLength(3);
    } finally {
      await fresh.close();
      await other.close();
    }
  });
});

describe("membership: declared by the household, confirmed by the village head", () => {
  it("keeps declared and confirmed apart, each only where the caller may", async () => {
    const a = await register("7101", "thon-dong-xuan", "Hộ ông Nguyễn Văn An, xóm 1");
    const b = await register("7102", "thon-dong-xuan", "Hộ bà Trần Thị Bé, xóm 2");
    const c = await register("7103", "thon-ha-tien", "Hộ ông Lê Văn Cường, xóm 3");

    let r = await declare("7101", a.id, ["dang-vien", "hoi-phu-nu"]);
    expect(r.status).toBe(200);
    expect(r.body.canDecide).toBe(false);
    expect(item(r.body, "dang-vien")).toEqual({ segmentId: "dang-vien", name: "Gia đình có đảng viên", declared: true, decision: null, member: true });
    expect(item(r.body, "doan-vien")).toMatchObject({ declared: false, member: false });

    // Another household, another village's head: the same refusal as for a missing household.
    for (const [who, hid] of [["7102", a.id], ["7103", a.id], ["7101", 999_999]] as const) {
      expect((await t.call(who, "GET", `/api/households/${hid}/segments`)).status).toBe(403);
      const put = await declare(who, hid, ["dang-vien"]);
      expect(put.status).toBe(403);
      expect(put.body.error.message).toBe("Bác chỉ xem và sửa được thông tin của hộ mình.");
    }
    expect((await decide(DEMO.headHaTien, a.id, "dang-vien", "confirmed")).status).toBe(403);
    // The household itself cannot confirm its own declaration.
    const self = await decide("7101", a.id, "dang-vien", "confirmed");
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain("trưởng thôn");
    // Bad input changes nothing.
    expect((await declare("7101", a.id, ["khong-co-nhom-nay"])).status).toBe(422);
    expect((await declare("7101", a.id, ["dang-vien", "dang-vien"])).status).toBe(400);
    expect((await t.call("7101", "PUT", `/api/households/${a.id}/segments`, { declared: "dang-vien" })).status).toBe(400);
    expect((await decide(DEMO.headDongXuan, a.id, "dang-vien", "maybe" as never)).status).toBe(400);
    expect(item((await t.call<HouseholdSegments>("7101", "GET", `/api/households/${a.id}/segments`)).body, "dang-vien")).toMatchObject({ declared: true, decision: null });

    // The head of the village confirms one and rejects the other; the household's declaration stays as it was.
    r = await decide(DEMO.headDongXuan, a.id, "dang-vien", "confirmed");
    expect(r.status).toBe(200);
    expect(r.body.canDecide).toBe(true);
    r = await decide(DEMO.headDongXuan, a.id, "hoi-phu-nu", "rejected");
    expect(item(r.body, "dang-vien")).toMatchObject({ declared: true, decision: "confirmed", member: true });
    expect(item(r.body, "hoi-phu-nu")).toMatchObject({ declared: true, decision: "rejected", member: false });
    // The head adds a household that did not declare; an officer may too, anywhere.
    r = await decide(DEMO.headDongXuan, b.id, "can-bo-giao-vien", "confirmed");
    expect(item(r.body, "can-bo-giao-vien")).toMatchObject({ declared: false, decision: "confirmed", member: true });
    expect((await decide(DEMO.officer, c.id, "hoi-nong-dan", "confirmed")).status).toBe(200);
    // A changed declaration clears the head's decision: they look again.
    await declare("7101", a.id, ["dang-vien"]);
    r = await declare("7101", a.id, ["dang-vien", "hoi-phu-nu"]);
    expect(item(r.body, "hoi-phu-nu")).toMatchObject({ declared: true, decision: null, member: true });
    expect(item(r.body, "dang-vien")).toMatchObject({ declared: true, decision: "confirmed" });
    const row = t.services.database.sqlite.prepare("SELECT declared_by, decided_by FROM household_segments WHERE household_id = ? AND segment_id = 'dang-vien'").get(a.id);
    expect(row).toEqual({ declared_by: "7101", decided_by: DEMO.headDongXuan });

    // The resident's own data download lists the groups and the head's decisions (Decree 13: access).
    const mine = await t.call<{ household: { segments: { segment: string; declared: boolean; decision: string | null }[] } }>("7101", "GET", "/api/me/data");
    expect(mine.status).toBe(200);
    expect(mine.body.household.segments).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ segment: "Gia đình có đảng viên", declared: true, decision: "confirmed" }),
        expect.objectContaining({ segment: "Gia đình có hội viên Hội Phụ nữ", declared: true, decision: null }),
      ]),
    );

    // Progress: officers see every village, a head only theirs, a household nothing.
    expect((await t.call("7101", "GET", "/api/segments/progress")).status).toBe(403);
    expect((await t.call("7101", "GET", "/api/segments/progress.xlsx")).status).toBe(403);
    const head = await t.call<SegmentProgress>(DEMO.headDongXuan, "GET", "/api/segments/progress");
    expect(head.status).toBe(200);
    expect(head.body.villages.map((v) => v.id)).toEqual(["thon-dong-xuan"]);
    const dv = head.body.segments.find((s) => s.segmentId === "dang-vien")!;
    expect(dv.totals).toMatchObject({ members: 1, awaiting: 0, fullyMet: 0, required: 1, needed: 1, reached: false });
    const officer = await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress");
    expect(officer.body.villages.map((v) => v.id)).toEqual(["thon-dong-xuan", "thon-ha-tien", "thon-tan-phuc", "lang-dak-ro"]);
    expect(officer.body.segments.find((s) => s.segmentId === "hoi-nong-dan")!.totals.members).toBe(1);
    expect(officer.body.segments.find((s) => s.segmentId === "hoi-phu-nu")!.totals).toMatchObject({ members: 1, awaiting: 1 });

    // An archived household leaves every segment's count.
    await t.call(DEMO.headDongXuan, "PATCH", `/api/households/${b.id}`, { status: "archived" });
    const after = await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress");
    expect(after.body.segments.find((s) => s.segmentId === "can-bo-giao-vien")!.totals.members).toBe(0);
  });

  it("a household's memberships go with the household when its last member erases their data", async () => {
    const a = await register("7201", "thon-dong-xuan", "Hộ ông Phạm Văn Dũng, xóm 4");
    const b = await register("7202", "thon-dong-xuan", "Hộ bà Võ Thị Em, xóm 4");
    await declare("7201", a.id, ["dang-vien", "doan-vien"]);
    await declare("7202", b.id, ["dang-vien"]);
    await decide(DEMO.headDongXuan, a.id, "dang-vien", "confirmed");
    const before = (await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body;
    expect(before.segments.find((s) => s.segmentId === "dang-vien")!.totals.members).toBe(2);
    const erased = t.services.privacy.service.erase({ appUserId: "7201" }, { kind: "self" });
    expect(erased.counts.household_segments).toBe(2);
    const left = t.services.database.sqlite.prepare("SELECT household_id, segment_id FROM household_segments").all();
    expect(left).toEqual([{ household_id: b.id, segment_id: "dang-vien" }]);
    const after = (await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body;
    expect(after.segments.find((s) => s.segmentId === "dang-vien")!.totals.members).toBe(1);
    // The head who decided: their id leaves the kept rows when they erase their own data.
    await decide(DEMO.headDongXuan, b.id, "dang-vien", "confirmed");
    t.services.privacy.service.erase({ appUserId: DEMO.headDongXuan }, { kind: "self" });
    const kept = t.services.database.sqlite.prepare("SELECT decided_by FROM household_segments WHERE household_id = ?").get(b.id) as { decided_by: string };
    expect(kept.decided_by).toMatch(/^erased:/);
  });
});

/** The recount: every active household's membership and "đạt" from the raw rows, in TypeScript. */
function recount(): Map<string, { members: number; awaiting: number; fullyMet: number; fullyMetVerified: number }> {
  const sqlite = t.services.database.sqlite;
  const cat = t.services.gds.catalogue;
  const hs = sqlite.prepare("SELECT id, village_id, is_business, is_producer FROM households WHERE status = 'active'").all() as {
    id: number;
    village_id: string;
    is_business: number;
    is_producer: number;
  }[];
  const answers = new Map<number, Map<string, { value: AnswerValue; verified: boolean }>>();
  for (const a of sqlite.prepare("SELECT household_id, criterion_id, value, verified_at FROM household_answers").all() as {
    household_id: number;
    criterion_id: string;
    value: AnswerValue;
    verified_at: number | null;
  }[]) {
    const m = answers.get(a.household_id) ?? new Map();
    m.set(a.criterion_id, { value: a.value, verified: a.verified_at !== null });
    answers.set(a.household_id, m);
  }
  const rows = sqlite.prepare("SELECT household_id, segment_id, declared, decision FROM household_segments").all() as {
    household_id: number;
    segment_id: string;
    declared: number;
    decision: string | null;
  }[];
  const out = new Map<string, { members: number; awaiting: number; fullyMet: number; fullyMetVerified: number }>();
  const byId = new Map(hs.map((h) => [h.id, h]));
  for (const r of rows) {
    const h = byId.get(r.household_id);
    if (!h) continue;
    const member = (r.declared === 1 && r.decision !== "rejected") || r.decision === "confirmed";
    if (!member) continue;
    const flags = { business: h.is_business === 1, producer: h.is_producer === 1 };
    const a = answers.get(h.id) ?? new Map();
    let met = true;
    let verified = true;
    for (const c of cat.criteria) {
      const st = criterionStatus(c, flags, a.get(c.id)?.value);
      if (st === "na") continue;
      if (st !== "met") met = false;
      if (st !== "met" || !a.get(c.id)?.verified) verified = false;
    }
    const k = `${r.segment_id}|${h.village_id}`;
    const o = out.get(k) ?? { members: 0, awaiting: 0, fullyMet: 0, fullyMetVerified: 0 };
    o.members++;
    if (r.declared === 1 && r.decision === null) o.awaiting++;
    if (met) o.fullyMet++;
    if (verified) o.fullyMetVerified++;
    out.set(k, o);
  }
  return out;
}

function expectProgressEqualsRecount(p: SegmentProgress) {
  const expected = recount();
  for (const s of p.segments) {
    const total = { members: 0, awaiting: 0, fullyMet: 0, fullyMetVerified: 0 };
    for (const v of s.villages) {
      const e = expected.get(`${s.segmentId}|${v.villageId}`) ?? { members: 0, awaiting: 0, fullyMet: 0, fullyMetVerified: 0 };
      expect({ seg: s.segmentId, v: v.villageId, members: v.members, awaiting: v.awaiting, fullyMet: v.fullyMet, fullyMetVerified: v.fullyMetVerified }).toEqual({
        seg: s.segmentId,
        v: v.villageId,
        ...e,
      });
      const required = Math.max(0, Math.ceil((e.members * s.targetPercent) / 100 - 1e-9));
      const counted = p.basis === "verified" ? e.fullyMetVerified : e.fullyMet;
      expect(v.required).toBe(required);
      expect(v.needed).toBe(Math.max(0, required - counted));
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += e[k];
    }
    expect(s.totals).toMatchObject(total);
    expect(s.totals.needed).toBe(Math.max(0, Math.max(0, Math.ceil((total.members * s.targetPercent) / 100 - 1e-9)) - (p.basis === "verified" ? total.fullyMetVerified : total.fullyMet)));
  }
}

describe("progress per segment against its target", () => {
  it("equals a per-household recount after random edits (fast-check); the aggregates' check stays at 0", async () => {
    const cat = t.services.gds.catalogue;
    const villages = ["thon-dong-xuan", "thon-ha-tien", "lang-dak-ro"];
    const segments = (await t.call<SegmentList>("7001", "GET", "/api/segments")).body.items.map((s) => s.id);
    const ids: number[] = [];
    for (let i = 0; i < 18; i++) ids.push((await register(`73${String(i).padStart(2, "0")}`, villages[i % 3]!, `Hộ số ${i + 1}, cụm ${(i % 4) + 1}`, { business: i % 5 === 0 })).id);
    const h = fc.nat({ max: ids.length - 1 });
    const op = fc.oneof(
      { weight: 5, arbitrary: fc.record({ kind: fc.constant("declare" as const), h, set: fc.subarray(segments) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("decide" as const), h, s: fc.constantFrom(...segments), d: fc.constantFrom("confirmed" as const, "rejected" as const, null) }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constant("meet" as const), h, skip: fc.nat({ max: 20 }), verify: fc.boolean() }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant("answer" as const), h, c: fc.nat({ max: cat.criteria.length - 1 }), v: fc.constantFrom<AnswerValue>("dat", "chua_dat") }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("flags" as const), h, business: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("status" as const), h, archived: fc.boolean() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("move" as const), h, v: fc.nat({ max: villages.length - 1 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant("target" as const), s: fc.constantFrom(...segments), pct: fc.integer({ min: 1, max: 100 }) }) },
    );
    const ops = fc.sample(op, { numRuns: 400, seed: 20261130 });
    let checks = 0;
    let metSeen = 0;
    let verifiedSeen = 0;
    for (const [n, o] of ops.entries()) {
      const hid = ids[(o as { h?: number }).h ?? 0]!;
      let res: { status: number; body: unknown };
      if (o.kind === "declare") res = await declare(DEMO.admin, hid, o.set);
      else if (o.kind === "decide") res = await decide(DEMO.admin, hid, o.s, o.d);
      else if (o.kind === "meet") {
        const view = (await t.call<HouseholdView>(DEMO.admin, "GET", `/api/households/${hid}`)).body;
        const todo = view.criteria.filter((c) => c.status !== "na");
        res = await t.call(DEMO.admin, "POST", `/api/households/${hid}/answers`, { changes: todo.map((c, i) => ({ criterionId: c.id, value: i === o.skip ? "chua_dat" : "dat", idempotencyKey: key() })) });
        if (o.verify) for (const c of todo) await t.call(DEMO.admin, "POST", `/api/households/${hid}/verifications`, { criterionId: c.id, verified: true, idempotencyKey: key() });
      } else if (o.kind === "answer") res = await t.call(DEMO.admin, "POST", `/api/households/${hid}/answers`, { changes: [{ criterionId: cat.criteria[o.c]!.id, value: o.v, idempotencyKey: key() }] });
      else if (o.kind === "flags") res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { flags: { business: o.business } });
      else if (o.kind === "status") res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { status: o.archived ? "archived" : "active" });
      else if (o.kind === "move") res = await t.call(DEMO.admin, "PATCH", `/api/households/${hid}`, { villageId: villages[o.v]! });
      else res = await t.call(DEMO.admin, "PATCH", `/api/admin/segments/${o.s}`, { targetPercent: o.pct });
      // Archived households refuse membership edits (409) and business-only answers may be refused (422).
      expect([200, 409, 422], `${o.kind} ${JSON.stringify(res.body)}`).toContain(res.status);
      if (n % 20 === 19) {
        const p = (await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body;
        expectProgressEqualsRecount(p);
        // The counts the triggers keep equal the grouped recount over the raw rows.
        expect(t.services.segments.repo.check(false)).toEqual([]);
        metSeen = Math.max(metSeen, ...p.segments.map((s) => s.totals.fullyMet));
        verifiedSeen = Math.max(verifiedSeen, ...p.segments.map((s) => s.totals.fullyMetVerified));
        const check = await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
        expect(check.body).toMatchObject({ differences: 0, samples: [] });
        checks++;
      }
    }
    expect(checks).toBe(20);
    // The run went through member households "đạt", self-declared and confirmed.
    expect(metSeen).toBeGreaterThan(0);
    expect(verifiedSeen).toBeGreaterThan(0);
  });

  it("the check finds a tampered kept count and fixes it (admin only)", async () => {
    const a = await register("7601", "thon-dong-xuan", "Hộ ông Hồ Văn Kiểm, xóm 6");
    await declare("7601", a.id, ["dang-vien"]);
    expect((await t.call(DEMO.admin, "POST", "/api/admin/segments/check", {})).body).toEqual({ differences: 0, samples: [], fixed: false });
    t.services.database.sqlite.prepare("UPDATE agg_segment_village SET members = members + 3 WHERE segment_id = 'dang-vien'").run();
    expect((await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body.segments.find((s) => s.segmentId === "dang-vien")!.totals.members).toBe(4);
    expect((await t.call(DEMO.officer, "POST", "/api/admin/segments/check", { fix: true })).status).toBe(403);
    const found = await t.call(DEMO.admin, "POST", "/api/admin/segments/check", { fix: true });
    expect(found.body).toMatchObject({ differences: 1, fixed: true, samples: [{ where: "dang-vien|thon-dong-xuan", kept: { members: 4 }, recounted: { members: 1 } }] });
    expect((await t.call(DEMO.admin, "POST", "/api/admin/segments/check", {})).body.differences).toBe(0);
    expect((await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body.segments.find((s) => s.segmentId === "dang-vien")!.totals.members).toBe(1);
  });

  it("counts under the commune's basis: verified when the commune file says so", async () => {
    await t.close();
    t = await createGdsApp({ commune: (c) => ({ ...c, target: { percent: 80, basis: "verified" } }) });
    const a = await register("7401", "thon-dong-xuan", "Hộ ông Đỗ Văn Giang, xóm 5");
    await declare("7401", a.id, ["dang-vien"]);
    const todo = a.criteria.filter((c) => c.status !== "na");
    await t.call("7401", "POST", `/api/households/${a.id}/answers`, { changes: todo.map((c) => ({ criterionId: c.id, value: "dat", idempotencyKey: key() })) });
    let p = (await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body;
    let dv = p.segments.find((s) => s.segmentId === "dang-vien")!.totals;
    expect(p.basis).toBe("verified");
    expect(dv).toMatchObject({ members: 1, fullyMet: 1, fullyMetVerified: 0, counted: 0, required: 1, needed: 1, reached: false });
    for (const c of todo) await t.call(DEMO.headDongXuan, "POST", `/api/households/${a.id}/verifications`, { criterionId: c.id, verified: true, idempotencyKey: key() });
    p = (await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body;
    dv = p.segments.find((s) => s.segmentId === "dang-vien")!.totals;
    expect(dv).toMatchObject({ fullyMetVerified: 1, counted: 1, countedPercent: 100, needed: 0, reached: true });
  });

  it("the Excel file holds the same table as the JSON", async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await register(`75${i}`, i % 2 ? "thon-ha-tien" : "thon-dong-xuan", `Hộ số ${i + 1}, xóm ${i}`)).id);
    for (const [i, hid] of ids.entries()) await declare(DEMO.admin, hid, i % 3 === 0 ? ["dang-vien", "hoi-phu-nu"] : ["dang-vien"]);
    const view = (await t.call<HouseholdView>(DEMO.admin, "GET", `/api/households/${ids[0]}`)).body;
    await t.call(DEMO.admin, "POST", `/api/households/${ids[0]}/answers`, { changes: view.criteria.filter((c) => c.status !== "na").map((c) => ({ criterionId: c.id, value: "dat", idempotencyKey: key() })) });
    await decide(DEMO.admin, ids[1]!, "dang-vien", "confirmed");

    for (const who of [DEMO.officer, DEMO.headHaTien]) {
      const json = (await t.call<SegmentProgress>(who, "GET", "/api/segments/progress")).body;
      const res = await t.app.inject({ method: "GET", url: "/api/segments/progress.xlsx", headers: t.as(who) });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toContain("spreadsheetml");
      expect(res.headers["content-disposition"]).toMatch(/attachment; filename="nhom-ho-\d{4}-\d{2}-\d{2}\.xlsx"/);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet("Nhóm hộ")!;
      const header = (ws.getRow(4).values as unknown[]).slice(1);
      expect(header).toEqual(["Nhóm hộ", "Thôn", ...SEGMENT_COLUMNS.map((c) => c.header)]);
      const rows: unknown[][] = [];
      ws.eachRow((row, n) => {
        if (n > 4) rows.push(Array.from((row.values as unknown[]).slice(1), (v) => v ?? null));
      });
      const pad = (r: unknown[]) => [...r, ...Array(2 + SEGMENT_COLUMNS.length - r.length).fill(null)];
      const expected = json.segments.flatMap((s) => [
        [s.name, json.villages.length === 1 ? json.villages[0]!.name : "Toàn xã", ...SEGMENT_COLUMNS.map((c) => c.cell(s.totals))],
        ...(json.villages.length > 1 ? s.villages.map((v) => [s.name, v.villageName, ...SEGMENT_COLUMNS.map((c) => c.cell(v))]) : []),
      ]);
      expect(rows.map(pad)).toEqual(expected.map(pad));
      // The figures people read, not only the same function twice: the commune row of "dang-vien".
      const dv = json.segments.find((s) => s.segmentId === "dang-vien")!;
      if (who === DEMO.officer) {
        expect(dv.totals).toMatchObject({ members: 6, awaiting: 5, fullyMet: 1, targetPercent: 95, required: 6, needed: 5 });
        expect(rows.find((r) => r[0] === dv.name && r[1] === "Toàn xã")!.slice(2)).toEqual([0.95, 6, 5, 1, 0.167, 0, 0, 6, 5, "Chưa đạt"]);
      } else {
        expect(json.villages.map((v) => v.id)).toEqual(["thon-ha-tien"]);
        expect(dv.totals.members).toBe(3);
      }
    }
  });
});

describe("criteria variants: the catalogue version of every frozen week", () => {
  it("a province's variant adopted at a restart: each week keeps the version it was frozen with, the kept segment counts follow the new criteria", async () => {
    const a = await register("7701", "thon-dong-xuan", "Hộ ông Vũ Văn Biến, xóm 7");
    await declare("7701", a.id, ["dang-vien"]);
    // Everything met except one criterion the variant leaves out.
    const left = "ung-dung-nong-nghiep";
    const todo = a.criteria.filter((c) => c.status !== "na");
    await t.call("7701", "POST", `/api/households/${a.id}/answers`, { changes: todo.map((c) => ({ criterionId: c.id, value: c.id === left ? "chua_dat" : "dat", idempotencyKey: key() })) });
    const dv = async () => (await t.call<SegmentProgress>(DEMO.officer, "GET", "/api/segments/progress")).body;
    const before = await dv();
    expect(before.segments.find((s) => s.segmentId === "dang-vien")!.totals.fullyMet).toBe(0);
    const oldKey = before.catalogueKey;
    expect((await t.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze")).body.frozen).toBe(true);

    // The admin adopts the variant (today: the commune file's criteria choice, read at start).
    const dbPath = t.dbPath;
    const clock = t.clock;
    await t.app.close();
    await t.services.stop();
    clock.advance(7 * 24 * 3600_000);
    t = await createGdsApp({ dbPath, clock, commune: (c) => ({ ...c, criteria: { catalogue: "gia-dinh-so", exclude: [left], include: ["phong-chong-lua-dao"], extra: [] } }) });
    const after = await dv();
    expect(after.catalogueKey).not.toBe(oldKey);
    // The start-up rebuild of the households' counts moved the segment counts with it (triggers).
    expect(after.segments.find((s) => s.segmentId === "dang-vien")!.totals.fullyMet).toBe(1);
    expect(t.services.segments.repo.check(false)).toEqual([]);
    expectProgressEqualsRecount(after);
    expect((await t.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false })).body.differences).toBe(0);

    expect((await t.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze")).body.frozen).toBe(true);
    const trend = (await t.call(DEMO.officer, "GET", "/api/reports/trend?weeks=4")).body as { weeks: { week: string; catalogueKey: string }[] };
    expect(trend.weeks.map((w) => w.catalogueKey)).toEqual([after.catalogueKey, oldKey]); // newest first
    const versions = t.services.database.sqlite.prepare("SELECT key FROM catalogue_versions ORDER BY first_active_at").all() as { key: string }[];
    expect(versions.map((v) => v.key)).toEqual([oldKey, after.catalogueKey]);
    const week = (await t.call(DEMO.officer, "GET", `/api/reports/weeks/${trend.weeks[0]!.week}`)).body as { catalogueKey: string; catalogueChanged: boolean };
    expect(week).toMatchObject({ catalogueKey: after.catalogueKey, catalogueChanged: true });
  });
});
