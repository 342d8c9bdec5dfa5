import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGdsApp, type GdsTestApp } from "../households/support";

/**
 * One 400 answer everywhere (bot/ops/error-handler.ts): a household route, a resident's privacy route
 * and officers' routes answer bad input with the same shape, in Vietnamese, and change nothing.
 */
const ADMIN = "officer-token-for-bad-request-tests-0123456789";
const RESIDENT = "8800000000000000101";

let t: GdsTestApp;
let householdId: number;
let resident: Record<string, string>;
const officer = { authorization: `Bearer ${ADMIN}` };

/** Every row of every table: what a refused request must leave as it was. */
function everything(): string {
  const sqlite = t.services.database.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return JSON.stringify(tables.map((name) => [name, sqlite.prepare(`SELECT * FROM "${name}"`).all()]));
}

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;
/** What Fastify, zod or JSON.parse say in English. */
const ENGLISH = /invalid|expected|required|received|must |unexpected|json|body\/|querystring|zod|string|number|undefined|error:/i;

function checkShape(res: { statusCode: number; json(): any; body: string }, what: string) {
  expect(res.statusCode, what).toBe(400);
  const body = res.json();
  expect(Object.keys(body), what).toEqual(["error"]);
  expect(typeof body.error, what).toBe("object");
  expect(Object.keys(body.error).every((k) => ["code", "message", "details"].includes(k)), what).toBe(true);
  expect(body.error.code, what).toBe("bad_request");
  expect(body.error.message, what).toMatch(VIETNAMESE);
  expect(body.error.message, what).not.toMatch(ENGLISH);
  expect(body.error.message, what).not.toMatch(/\bBạn\b|\bbạn\b/);
  if (body.error.details !== undefined) {
    expect(Object.keys(body.error.details), what).toEqual(["issues"]);
    for (const i of body.error.details.issues) {
      expect(Array.isArray(i.path), what).toBe(true);
      expect(i.message, what).toMatch(VIETNAMESE);
    }
  }
  expect(res.body, what).not.toMatch(/ZodError|stack|"code":"invalid_type"|FST_/);
  return body.error as { code: string; message: string; details?: { issues: { path: (string | number)[]; message: string }[] } };
}

beforeAll(async () => {
  t = await createGdsApp({ env: { ADMIN_TOKEN: ADMIN } });
  resident = t.as(RESIDENT);
  const h = await t.app.inject({ method: "POST", url: "/api/households", headers: resident, payload: { villageId: "thon-dong-xuan", label: "Hộ bà Năm Lúa" } });
  expect(h.statusCode).toBe(201);
  householdId = h.json().id;
});

afterAll(async () => {
  await t.close();
});

describe("a bad request gets the same answer on every kind of route", () => {
  it("invalid fields: a household route, a privacy route and officers' routes, in Vietnamese, nothing changed", async () => {
    const before = everything();
    const cases: [string, InjectOptions][] = [
      ["household: answers", { method: "POST", url: `/api/households/${householdId}/answers`, headers: resident, payload: { changes: [{ criterionId: "vneid-muc-2", value: "co-le", idempotencyKey: "k-0123456789abcdef" }] } }],
      ["household: register", { method: "POST", url: "/api/households", headers: t.as("8800000000000000102"), payload: { villageId: "thon-dong-xuan" } }],
      ["privacy: erase", { method: "POST", url: "/api/me/data/erase", headers: resident, payload: {} }],
      ["officer: erasure", { method: "POST", url: "/api/officer/privacy/erasures", headers: officer, payload: { appUserId: "abc", reference: "" } }],
      ["officer: chat funnel", { method: "GET", url: "/api/officer/chat/funnel?days=abc", headers: officer }],
      ["officer: broadcast", { method: "POST", url: "/api/officer/broadcasts", headers: officer, payload: { title: "", text: "Họp thôn tối nay" } }],
    ];
    const errors = [];
    for (const [what, req] of cases) {
      const e = checkShape(await t.app.inject(req), what);
      expect(e.message, what).toMatch(/^Dữ liệu .+ chưa đúng: /);
      expect(e.details?.issues.length, what).toBeGreaterThan(0);
      errors.push(e);
    }
    // Fields by the names people use, not the contracts' identifiers.
    expect(errors[1]!.message).toContain("Tên hộ còn thiếu.");
    expect(errors[1]!.details!.issues).toContainEqual({ path: ["label"], message: "còn thiếu" });
    expect(errors[0]!.message).toContain("Câu trả lời (dòng 1) không phải một lựa chọn có trong danh sách.");
    expect(errors[2]!.message).toContain("Mã xác nhận còn thiếu.");
    expect(errors[3]!.message).toContain("Mã người dùng (appUserId) chỉ gồm chữ số.");
    expect(errors[3]!.message).toContain("Ghi số hiệu của đơn yêu cầu.");
    expect(errors[4]!.message).toMatch(/^Dữ liệu gửi lên chưa đúng: Số ngày phải là một số/);
    expect(errors[5]!.message).toMatch(/^Dữ liệu thông báo chưa đúng: .*Cần tiêu đề\./);
    expect(everything()).toBe(before);
  });

  it("an unreadable body: the same shape on the three kinds of route, nothing changed", async () => {
    const before = everything();
    const json = { "content-type": "application/json" };
    const cases: [string, InjectOptions][] = [
      ["household", { method: "POST", url: `/api/households/${householdId}/answers`, headers: { ...resident, ...json }, payload: "{không phải json" }],
      ["privacy", { method: "POST", url: "/api/me/data/erase", headers: { ...resident, ...json }, payload: "{không phải json" }],
      ["officer", { method: "POST", url: "/api/officer/privacy/erasures", headers: { ...officer, ...json }, payload: "{không phải json" }],
    ];
    const answers = [];
    for (const [what, req] of cases) answers.push(checkShape(await t.app.inject(req), what));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]).toEqual({ code: "bad_request", message: "Yêu cầu không hợp lệ (dữ liệu gửi lên không đọc được)." });
    expect(everything()).toBe(before);
  });

  it("officers' routes refuse a missing or wrong sign-in with the same shape", async () => {
    const before = everything();
    const none = await t.app.inject({ method: "POST", url: "/api/officer/privacy/erasures", payload: { appUserId: RESIDENT, reference: "Đơn số 1/2026" } });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual({ error: { code: "unauthenticated", message: "Cần đăng nhập bằng tài khoản cán bộ xã." } });
    const notOfficer = await t.app.inject({ method: "GET", url: "/api/officer/chat/funnel", headers: resident });
    expect(notOfficer.statusCode).toBe(403);
    expect(notOfficer.json()).toEqual({ error: { code: "forbidden", message: "Chỉ cán bộ xã dùng được chức năng này." } });
    // Officers' other refusals too: a broadcast that does not exist, a question already mapped.
    const missing = await t.app.inject({ method: "POST", url: "/api/officer/broadcasts/999/send", headers: officer });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ error: { code: "not_found", message: "Không tìm thấy thông báo." } });
    // A resident's route without a sign-in: the same shape, and "bác".
    const signedOut = await t.app.inject({ method: "GET", url: "/api/me" });
    expect(signedOut.statusCode).toBe(401);
    expect(signedOut.json()).toEqual({ error: { code: "unauthenticated", message: "Bác cần đăng nhập bằng Zalo để dùng chức năng này." } });
    // The households API says the same thing the same way.
    const notMine = await t.app.inject({ method: "GET", url: `/api/households/${householdId}`, headers: t.as("8800000000000000109") });
    expect(notMine.statusCode).toBe(403);
    expect(Object.keys(notMine.json().error).sort()).toEqual(["code", "message"]);
    expect(notMine.json().error.message).toMatch(/^Bác /);
    expect(everything()).toBe(before);
  });
});
