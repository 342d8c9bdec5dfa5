import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "../../shared/contracts";
import { createGdsApp, DEMO, key, type GdsTestApp } from "./support";

let t: GdsTestApp;
let mine: number;
let theirs: number;
let otherVillage: number;

/** A valid body for each household route, so only the access check can refuse it. */
const BODIES: Record<string, unknown> = {
  "PATCH /api/households/:householdId": { label: "Hộ ông Lạ Văn Mặt" },
  "POST /api/households/:householdId/answers": { changes: [{ criterionId: "vneid-muc-2", value: "dat", idempotencyKey: "access-test-key-1" }] },
  "POST /api/households/:householdId/verifications": { criterionId: "vneid-muc-2", verified: true, idempotencyKey: "access-test-key-2" },
  "PUT /api/households/:householdId/segments": { declared: ["dang-vien"] },
  "POST /api/households/:householdId/segments/decisions": { segmentId: "dang-vien", decision: "confirmed" },
};
/** Routes only the village head (or an officer) may call, even on a household of their own village. */
const HEAD_ONLY = new Set(["/api/households/:householdId/verifications", "/api/households/:householdId/segments/decisions"]);

beforeAll(async () => {
  t = await createGdsApp();
  const reg = async (user: string, villageId: string, label: string) => (await t.call(user, "POST", "/api/households", { villageId, label })).body.id as number;
  mine = await reg("8001", "thon-dong-xuan", "Hộ ông Nguyễn Văn Mình");
  theirs = await reg("8002", "thon-dong-xuan", "Hộ bà Trần Thị Hàng Xóm");
  otherVillage = await reg("8003", "thon-ha-tien", "Hộ ông Lê Văn Xa");
  await t.call("8002", "POST", `/api/households/${theirs}/answers`, BODIES["POST /api/households/:householdId/answers"]);
});
afterAll(async () => t.close());

const householdRoutes = API_ROUTES.filter((r) => r.path.includes(":householdId"));

describe("every household route refuses another household's id", () => {
  it("covers the household routes of the contract", () => {
    expect(householdRoutes.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      "GET /api/households/:householdId",
      "GET /api/households/:householdId/history",
      "GET /api/households/:householdId/segments",
      "PATCH /api/households/:householdId",
      "POST /api/households/:householdId/answers",
      "POST /api/households/:householdId/invites",
      "POST /api/households/:householdId/segments/decisions",
      "POST /api/households/:householdId/verifications",
      "PUT /api/households/:householdId/segments",
    ]);
  });

  for (const r of householdRoutes) {
    it(`${r.method} ${r.path}`, async () => {
      const body = BODIES[`${r.method} ${r.path}`];
      const url = (id: number) => r.path.replace(":householdId", String(id));
      const snapshot = t.services.database.sqlite.prepare("SELECT (SELECT count(*) FROM answer_history) AS h, (SELECT group_concat(label) FROM households) AS l").get();
      // A household member, on the neighbour's id, another village's id, and an id that does not exist:
      // the same 403, in Vietnamese, and nothing changes.
      for (const id of [theirs, otherVillage, 999_999]) {
        const res = await t.call("8001", r.method, url(id), body);
        expect(res.status, `${r.method} ${url(id)}`).toBe(403);
        expect(res.body.error.message).toBe("Bác chỉ xem và sửa được thông tin của hộ mình.");
      }
      // A village head of another village is refused too; a stranger; no session at all.
      expect((await t.call(DEMO.headHaTien, r.method, url(theirs), body)).status).toBe(403);
      expect((await t.call("8999", r.method, url(theirs), body)).status).toBe(403);
      const anon = await t.call(null, r.method, url(theirs), body);
      expect(anon.status).toBe(401);
      expect(anon.body.error.message).toContain("đăng nhập");
      expect(t.services.database.sqlite.prepare("SELECT (SELECT count(*) FROM answer_history) AS h, (SELECT group_concat(label) FROM households) AS l").get()).toEqual(snapshot);
      // Its own household works (verifications, segment decisions: only the village head or an officer).
      const own = await t.call(HEAD_ONLY.has(r.path) ? DEMO.headDongXuan : "8001", r.method, url(HEAD_ONLY.has(r.path) ? theirs : mine), body);
      expect(own.status, JSON.stringify(own.body)).toBeLessThan(300);
    });
  }

  it("a household sees its own village's totals only; the commune is for officers", async () => {
    expect((await t.call("8001", "GET", "/api/villages/thon-dong-xuan/dashboard")).status).toBe(200);
    expect((await t.call("8001", "GET", "/api/villages/thon-ha-tien/dashboard")).status).toBe(403);
    expect((await t.call("8001", "GET", "/api/villages/thon-dong-xuan/households")).status).toBe(403);
    expect((await t.call("8001", "GET", "/api/commune/dashboard")).status).toBe(403);
    expect((await t.call("8001", "GET", "/api/reports/weeks/current")).status).toBe(403);
    expect((await t.call("8001", "GET", "/api/exports/current.xlsx")).status).toBe(403);
    expect((await t.call(DEMO.headDongXuan, "GET", "/api/villages/thon-ha-tien/households")).status).toBe(403);
    expect((await t.call(DEMO.headDongXuan, "GET", "/api/commune/dashboard")).status).toBe(403);
    const own = await t.call(DEMO.headDongXuan, "GET", "/api/villages/thon-dong-xuan/households?missing=dich-vu-cong&limit=1");
    expect(own.status).toBe(200);
    expect(own.body.items.map((i: { id: number }) => i.id)).toEqual([mine]);
    const next = await t.call(DEMO.headDongXuan, "GET", `/api/villages/thon-dong-xuan/households?missing=dich-vu-cong&after=${own.body.nextAfter}`);
    expect(next.body).toMatchObject({ items: [{ id: theirs, unanswered: expect.arrayContaining(["dich-vu-cong"]) }], nextAfter: null });
    // A village head's weekly report covers their village only.
    const week = await t.call(DEMO.headDongXuan, "GET", "/api/reports/weeks/current");
    expect(week.body.villages.map((v: { villageId: string }) => v.villageId)).toEqual(["thon-dong-xuan"]);
    expect((await t.call(DEMO.officer, "GET", "/api/commune/dashboard")).status).toBe(200);
  });

  it("one Zalo user belongs to at most one household; invites link the family", async () => {
    const again = await t.call("8001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ thứ hai của tôi" });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("Mỗi người chỉ thuộc một hộ");
    const inv = await t.call("8001", "POST", `/api/households/${mine}/invites`);
    expect(inv.status).toBe(201);
    const joined = await t.call("8101", "POST", "/api/households/join", { code: inv.body.code.toLowerCase(), memberName: "Con gái" });
    expect(joined.status).toBe(200);
    expect(joined.body.id).toBe(mine);
    expect(joined.body.members).toHaveLength(2);
    // The new member now sees the household, and still not the neighbour's.
    expect((await t.call("8101", "GET", `/api/households/${mine}`)).status).toBe(200);
    expect((await t.call("8101", "GET", `/api/households/${theirs}`)).status).toBe(403);
    // A member of another household cannot join with the code.
    const other = await t.call("8002", "POST", "/api/households/join", { code: inv.body.code });
    expect(other.status).toBe(409);
    expect((await t.call("8101", "POST", "/api/households/join", { code: "ZZZZZZZZ" })).status).toBe(404);
    // A label with an ID number or a phone number is refused.
    const id = await t.call("8201", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông A, CCCD 040123456789" });
    expect(id.status).toBe(400);
    expect(id.body.error.message).toContain("không được chứa số căn cước");
    expect((await t.call("8201", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông A 0912 345 678" })).status).toBe(400);
    // A resident cannot register a household for others; a village head can, door to door.
    expect((await t.call("8202", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ bà B", joinAsMember: false })).status).toBe(403);
    const assisted = await t.call(DEMO.headDongXuan, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ cụ C (không có điện thoại)" });
    expect(assisted.status).toBe(201);
    expect(assisted.body.members).toEqual([]);
    expect((await t.call(DEMO.headDongXuan, "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ cụ D", joinAsMember: false })).status).toBe(403);
    const answered = await t.call(DEMO.headDongXuan, "POST", `/api/households/${assisted.body.id}/answers`, { changes: [{ criterionId: "dien-thoai-thong-minh", value: "chua_dat", idempotencyKey: key() }] });
    expect(answered.status).toBe(200);
  });
});
