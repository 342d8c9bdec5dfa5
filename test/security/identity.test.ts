/**
 * Attacks on identity and on the official figures: a staff OA account typing a resident's chat-link
 * code (hole 1 of issue 9), one Zalo account registering a whole village (hole 5).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/** demo.json: OA-scoped ids of staff. */
const OA = {
  admin: "7000000000000000201",
  officer: "7000000000000000202",
  headDongXuan: "7000000000000000101",
  volunteer: "7000000000000000301",
} as const;

const STAFF_REFUSAL =
  "Tài khoản Zalo này là tài khoản cán bộ của xã, nên không liên kết được với hộ của người khác. Chưa có gì thay đổi. Hãy để người trong hộ tự gửi mã này từ Zalo của mình.";

let stack: Stack | undefined;
let t: GdsTestApp | undefined;
afterEach(async () => {
  await stack?.close();
  await t?.close();
  stack = undefined;
  t = undefined;
});

async function api(s: Stack, session: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${s.appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function login(s: Stack, oaUserId: string): Promise<{ session: string; appUserId: string }> {
  const minted = s.sim.sim.mintMiniAppToken(oaUserId);
  const res = await fetch(`${s.appUrl}/api/auth/zalo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accessToken: minted.access_token }) });
  const body = (await res.json()) as any;
  expect(res.status).toBe(200);
  return { session: body.session, appUserId: body.me.appUserId };
}

/** Sends a text from an OA account through the simulator; returns the OA's answers. */
async function say(s: Stack, oaUserId: string, text: string): Promise<string[]> {
  const before = s.sim.sim.inbox(oaUserId).length;
  expect((await s.sim.sim.sendText(oaUserId, text)).delivered).toBe(true);
  await settle(s);
  return s.sim.sim.inbox(oaUserId).slice(before).map((m) => m.text);
}

describe("hole 1: a resident became admin through a staff OA account typing their link code", () => {
  it("the admin's OA account typing a resident's code is refused, changes nothing, and the resident gets no role", async () => {
    stack = await startStack({ clock: new ManualClock(Date.parse("2026-07-15T03:00:00Z")) });
    const resident = await login(stack, "8600000000000000901");
    const reg = await api(stack, resident.session, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ bà Lê Thị Cúc, xóm 3" });
    expect(reg.status).toBe(201);
    const code = (await api(stack, resident.session, "POST", "/api/me/oa-link-code")).body.code as string;

    // The admin helps the family door to door and types their code in the OA chat from the admin's own Zalo.
    for (const staffOa of [OA.admin, OA.officer]) {
      const answers = await say(stack, staffOa, code);
      expect(answers.at(-1)).toBe(STAFF_REFUSAL);
    }
    const sqlite = stack.services.database.sqlite;
    expect(sqlite.prepare("SELECT oa_user_id FROM household_members WHERE app_user_id = ?").get(resident.appUserId)).toEqual({ oa_user_id: null });
    expect(sqlite.prepare("SELECT used_at FROM oa_link_codes WHERE code = ?").get(code)).toEqual({ used_at: null });

    const me = await api(stack, resident.session, "GET", "/api/me");
    expect(me.body.roles).toEqual({ officer: false, admin: false, villageHeadOf: [] });
    expect((await api(stack, resident.session, "POST", "/api/admin/roles", { appUserId: resident.appUserId, role: "officer" })).status).toBe(403);
    expect((await api(stack, resident.session, "GET", "/api/commune/dashboard")).status).toBe(403);

    // The resident's own OA account still links with the same (unused) code; the reply names no household.
    const own = await say(stack, "8600000000000000901", code);
    expect(own.at(-1)).toBe("Đã liên kết khung chat này với hộ của bác trong ứng dụng “Gia đình số”.");
    expect(own.join("\n")).not.toContain("Lê Thị Cúc");
  });

  it("a staff OA id already linked to a resident's membership (before this fix) gives the resident no role", async () => {
    t = await createGdsApp();
    const h = (await t.call("6100001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Đỗ Văn Tư" })).body;
    expect(h.id).toBeGreaterThan(0);
    // What the old code wrote when the admin's OA account typed this resident's code.
    t.services.gds.householdsRepo.linkOa("6100001", OA.admin);
    const me = await t.call("6100001", "GET", "/api/me");
    expect(me.body.roles).toEqual({ officer: false, admin: false, villageHeadOf: [] });
    expect((await t.call("6100001", "GET", "/api/admin/roles")).status).toBe(403);
    // Staff roles still come from the person's own proven identity.
    expect((await t.call(DEMO.admin, "GET", "/api/me")).body.roles).toMatchObject({ officer: true, admin: true });
  });

  it("every kind of staff OA account is refused: village head, volunteer, holder of a role grant; their own household links", async () => {
    t = await createGdsApp();
    const households = t.services.gds.households;
    await t.call("6200001", "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ ông Phan Văn Năm" });
    const codeOf = async (appUserId: string) => (await t!.call(appUserId, "POST", "/api/me/oa-link-code")).body.code as string;

    for (const staffOa of [OA.headDongXuan, OA.volunteer]) {
      const code = await codeOf("6200001");
      expect(households.linkOaUserByCode(staffOa, code)).toEqual({ ok: false, reason: "staff_account", message: STAFF_REFUSAL });
      expect(households.householdForOaUser(staffOa)).toBeUndefined();
    }

    // Someone an admin made village head in the database, whose OA account Zalo mapped to that mini-app id.
    expect((await t.call(DEMO.admin, "POST", "/api/admin/roles", { appUserId: "6200099", role: "village_head", villageId: "lang-dak-ro" })).status).toBe(201);
    t.services.users.touch("8700000000000000099", t.clock.now(), { userIdByApp: "6200099" });
    const code = await codeOf("6200001");
    expect(households.linkOaUserByCode("8700000000000000099", code)).toMatchObject({ ok: false, reason: "staff_account" });
    // Their own household: the same person (Zalo's mapping), so the link is made.
    await t.call("6200099", "POST", "/api/households", { villageId: "lang-dak-ro", label: "Hộ Y Đức", joinAsMember: true });
    expect(households.linkOaUserByCode("8700000000000000099", await codeOf("6200099"))).toMatchObject({ ok: true });

    // A config officer's own household, proven by the config entry (zaloUserId and appUserId of one person).
    await t.call(DEMO.officer, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ chị Võ Thị Lan", joinAsMember: true });
    expect(households.linkOaUserByCode(OA.officer, await codeOf(DEMO.officer))).toMatchObject({ ok: true });
    // The resident's code was never used by the refusals: it still links their own chat.
    expect(households.linkOaUserByCode("8700000000000000001", code)).toMatchObject({ ok: true });
  });
});

describe("hole 5: one Zalo account moving the official figures", () => {
  it("one account cannot register a village: register, leave, register again is refused; the left household is flagged", async () => {
    t = await createGdsApp();
    const first = await t.call("6300001", "POST", "/api/households", { villageId: "thon-tan-phuc", label: "Hộ ảo số 1" });
    expect(first.status).toBe(201);
    // Already in a household: no second one.
    const second = await t.call("6300001", "POST", "/api/households", { villageId: "thon-tan-phuc", label: "Hộ ảo số 2" });
    expect(second.status).toBe(409);
    expect((await t.call("6300001", "POST", "/api/households", { villageId: "thon-tan-phuc", label: "Hộ ảo số 2", joinAsMember: false })).status).toBe(403);

    // The attack: register, leave, register... 25 times.
    for (let i = 2; i <= 25; i++) {
      await t.call("6300001", "DELETE", "/api/me/household");
      const r = await t.call("6300001", "POST", "/api/households", { villageId: "thon-tan-phuc", label: `Hộ ảo số ${i}` });
      expect(r.status).toBe(409);
      expect(r.body.error.message).toContain("Mỗi tài khoản chỉ đăng ký một hộ");
    }
    const sqlite = t.services.database.sqlite;
    expect(sqlite.prepare("SELECT count(*) AS n FROM households WHERE created_by = ?").get("6300001")).toEqual({ n: 1 });
    expect(sqlite.prepare("SELECT registered FROM agg_village WHERE village_id = ? AND scope = 'all'").get("thon-tan-phuc")).toEqual({ registered: 1 });

    // The village head sees the household everyone left, and can list only those.
    const head = "6300090";
    await t.call(DEMO.admin, "POST", "/api/admin/roles", { appUserId: head, role: "village_head", villageId: "thon-tan-phuc" });
    // Door-to-door registrations by the head have no member by design: not "left".
    for (const label of ["Hộ cụ Hà Văn Sáu", "Hộ cụ Hà Thị Bảy"]) {
      expect((await t.call(head, "POST", "/api/households", { villageId: "thon-tan-phuc", label })).status).toBe(201);
    }
    const list = await t.call(head, "GET", "/api/villages/thon-tan-phuc/households");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: any) => [i.label, i.members, i.left])).toEqual([
      ["Hộ ảo số 1", 0, true],
      ["Hộ cụ Hà Văn Sáu", 0, false],
      ["Hộ cụ Hà Thị Bảy", 0, false],
    ]);
    const left = await t.call(DEMO.officer, "GET", "/api/villages/thon-tan-phuc/households?left=true");
    expect(left.body.items.map((i: any) => i.label)).toEqual(["Hộ ảo số 1"]);
    // A resident of the village does not see the list.
    expect((await t.call("6300001", "GET", "/api/villages/thon-tan-phuc/households?left=true")).status).toBe(403);

    // Invited back by the head, the account is a member again: no longer flagged.
    const inv = await t.call(head, "POST", `/api/households/${first.body.id}/invites`);
    expect((await t.call("6300001", "POST", "/api/households/join", { code: inv.body.code })).status).toBe(200);
    const after = await t.call(head, "GET", "/api/villages/thon-tan-phuc/households?left=true");
    expect(after.body.items).toEqual([]);
  });

  it("staff register door to door without limit; a resident who joined by invite and left may register their own", async () => {
    t = await createGdsApp();
    for (let i = 1; i <= 3; i++) {
      expect((await t.call(DEMO.headDongXuan, "POST", "/api/households", { villageId: "thon-dong-xuan", label: `Hộ cụ số ${i}, xóm 1` })).status).toBe(201);
    }
    const h = (await t.call("6400001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ bố mẹ, xóm 2" })).body;
    const inv = (await t.call("6400001", "POST", `/api/households/${h.id}/invites`)).body;
    expect((await t.call("6400002", "POST", "/api/households/join", { code: inv.code })).status).toBe(200);
    // The grown-up child moves out: leaves the parents' household (still a member there: the parent) and founds their own.
    expect((await t.call("6400002", "DELETE", "/api/me/household")).status).toBe(200);
    expect((await t.call("6400002", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ con trai, xóm 2" })).status).toBe(201);
  });
});
