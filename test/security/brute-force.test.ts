/**
 * Guessing attacks (hole 6 of issue 9): 6-digit chat-link codes from many new OA accounts, invite
 * codes from one or many mini-app accounts, and the per-route limits on login, invites and link codes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { INVITE_LIMITS, LINK_LIMITS } from "../../bot/households/link-codes";
import { ROUTE_LIMITS } from "../../bot/households/routes";
import { createGdsApp, type GdsTestApp } from "../households/support";
import { settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

let stack: Stack | undefined;
let t: GdsTestApp | undefined;
afterEach(async () => {
  await stack?.close();
  await t?.close();
  stack = undefined;
  t = undefined;
});

const MINUTE = 60_000;

async function say(s: Stack, oaUserId: string, text: string): Promise<string[]> {
  const before = s.sim.sim.inbox(oaUserId).length;
  expect((await s.sim.sim.sendText(oaUserId, text)).delivered).toBe(true);
  await settle(s);
  return s.sim.sim.inbox(oaUserId).slice(before).map((m) => m.text);
}

async function post(s: Stack, path: string, body: unknown, session?: string) {
  const res = await fetch(`${s.appUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("chat-link codes: a failure budget for the whole commune, replies that name no household", () => {
  it("new OA accounts cannot renew the budget: after 30 wrong codes commune-wide even a right code waits for the window", async () => {
    const clock = new ManualClock(Date.parse("2026-07-15T03:00:00Z"));
    stack = await startStack({ clock });
    const minted = stack.sim.sim.mintMiniAppToken("8600000000000000801");
    const session = (await post(stack, "/api/auth/zalo", { accessToken: minted.access_token })).body.session as string;
    expect((await post(stack, "/api/households", { villageId: "thon-ha-tien", label: "Hộ ông Bùi Văn Tám, xóm 4" }, session)).status).toBe(201);

    // One wrong code from each of 30 fresh accounts: under every per-account limit. (The chat passes
    // the code to linkOaUserByCode; the last one goes through the chat to show the answer.)
    expect(LINK_LIMITS.global).toBe(30);
    const households = stack.services.gds.households;
    for (let i = 0; i < LINK_LIMITS.global - 1; i++) {
      expect(households.linkOaUserByCode(`88000000000000${String(10000 + i)}`, "123456")).toMatchObject({ ok: false, reason: "invalid" });
    }
    const last = await say(stack, "8800000000000019999", "123456");
    expect(last.at(-1)).toBe("Mã liên kết không đúng. Hãy kiểm tra lại 6 chữ số trong ứng dụng “Gia đình số”.");
    stack.advance(5 * MINUTE);
    const code = (await post(stack, "/api/me/oa-link-code", {}, session)).body.code as string;
    expect(code).toMatch(/^\d{6}$/);

    // The next account guesses right: refused like everyone, nothing linked, the code still unused.
    const guess = await say(stack, "8800000000000099999", code);
    expect(guess.at(-1)).toBe("Gần đây có quá nhiều mã liên kết bị nhập sai, nên tạm thời chưa nhận mã. Bác vui lòng gửi lại mã sau 10 phút.");
    const sqlite = stack.services.database.sqlite;
    expect(sqlite.prepare("SELECT count(*) AS n FROM household_members WHERE oa_user_id IS NOT NULL").get()).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT used_at FROM oa_link_codes WHERE code = ?").get(code)).toEqual({ used_at: null });

    // Once the window has passed, the code links, and the reply does not say which household it is.
    stack.advance(10 * MINUTE + 1000);
    const ok = await say(stack, "8600000000000000802", code);
    expect(ok.at(-1)).toBe("Đã liên kết khung chat này với hộ của bác trong ứng dụng “Gia đình số”.");
    expect(ok.join("\n")).not.toMatch(/Bùi Văn Tám|xóm 4/);
  });
});

describe("invite codes: failure budgets per person and commune-wide", () => {
  const WRONG = "ZZZZ2222";
  const headers = (app: GdsTestApp, id: string) => ({ ...app.as(id), "content-type": "application/json" });
  const join = (app: GdsTestApp, id: string, code: string) => app.app.inject({ method: "POST", url: "/api/households/join", headers: headers(app, id), payload: { code } });

  it("ten wrong invite codes lock that person for 15 minutes, even with the right code", async () => {
    t = await createGdsApp();
    const h = (await t.call("6600001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ bà Triệu Thị Mười" })).body;
    const invite = (await t.call("6600001", "POST", `/api/households/${h.id}/invites`)).body.code as string;
    expect(INVITE_LIMITS.perSubject).toBe(10);
    for (let i = 0; i < INVITE_LIMITS.perSubject; i++) {
      const r = await join(t, "6600666", WRONG);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.message).toBe("Mã mời không đúng. Hãy kiểm tra lại với người đã gửi mã.");
    }
    const locked = await join(t, "6600666", invite);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toEqual({ code: "rate_limited", message: "Bác đã nhập sai mã mời 10 lần. Vui lòng thử lại sau 15 phút." });
    expect((await t.call("6600666", "GET", "/api/me")).body.household).toBeNull();
    // Another person is not affected.
    expect((await join(t, "6600002", invite)).statusCode).toBe(200);
    t.clock.advance(15 * MINUTE);
    expect((await join(t, "6600666", invite)).statusCode).toBe(200);
  });

  it("many accounts share one commune-wide budget: after 100 wrong codes a right one is refused to a new account", async () => {
    t = await createGdsApp();
    const h = (await t.call("6700001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Kha Văn Một" })).body;
    const invite = (await t.call("6700001", "POST", `/api/households/${h.id}/invites`)).body.code as string;
    const accounts = INVITE_LIMITS.global / INVITE_LIMITS.perSubject;
    for (let a = 0; a < accounts; a++) {
      for (let i = 0; i < INVITE_LIMITS.perSubject; i++) expect((await join(t, `67009${String(a).padStart(2, "0")}`, WRONG)).statusCode).toBe(404);
    }
    const fresh = await join(t, "6700999", invite);
    expect(fresh.statusCode).toBe(429);
    expect(fresh.json().error.message).toBe("Gần đây có quá nhiều mã mời bị nhập sai, nên tạm thời chưa nhận mã mời. Vui lòng thử lại sau 15 phút.");
    expect((await t.call("6700999", "GET", "/api/me")).body.household).toBeNull();
    t.clock.advance(15 * MINUTE);
    expect((await join(t, "6700999", invite)).statusCode).toBe(200);
  });
});

describe("per-route limits (@fastify/rate-limit)", () => {
  it("link-code creation and joining are limited per signed-in person, not per address", async () => {
    t = await createGdsApp();
    const h = (await t.call("6800001", "POST", "/api/households", { villageId: "lang-dak-ro", label: "Hộ A Lưu, làng Đắk Rơ" })).body;
    const invite = (await t.call("6800001", "POST", `/api/households/${h.id}/invites`)).body.code as string;
    for (let i = 0; i < ROUTE_LIMITS.codesPerHour; i++) expect((await t.call("6800001", "POST", "/api/me/oa-link-code")).status).toBe(200);
    const tooMany = await t.call("6800001", "POST", "/api/me/oa-link-code");
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.error).toEqual({ code: "rate_limited", message: "Bác đã lấy mã liên kết quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 1 giờ." });

    // Joining (again: already a member, answered 200) from one account until the route refuses.
    expect((await t.call("6800002", "POST", "/api/households/join", { code: invite })).status).toBe(200);
    for (let i = 1; i < ROUTE_LIMITS.codesPerHour; i++) expect((await t.call("6800002", "POST", "/api/households/join", { code: invite })).status).toBe(200);
    const joinLimited = await t.call("6800002", "POST", "/api/households/join", { code: invite });
    expect(joinLimited.status).toBe(429);
    expect(joinLimited.body.error.message).toBe("Bác đã nhập mã mời quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 1 giờ.");

    // Someone else behind the same address is not affected.
    expect((await t.call("6800003", "POST", "/api/households/join", { code: invite })).status).toBe(200);
    const other = await t.call("6800001", "POST", "/api/households/join", { code: invite });
    expect(other.status).toBe(200);
  });

  it("login: each attempt asks Zalo, so one address gets a bounded number per minute", async () => {
    t = await createGdsApp();
    const login = (accessToken: string, remoteAddress = "203.0.113.7") => t!.app.inject({ method: "POST", url: "/api/auth/zalo", remoteAddress, payload: { accessToken } });
    // Every attempt counts, well-formed or not (Zalo is unreachable here: a well-formed one answers 503).
    expect((await login("a-made-up-zalo-token")).statusCode).toBe(503);
    for (let i = 1; i < ROUTE_LIMITS.loginPerMinute; i++) expect((await login("")).statusCode).toBe(400);
    const r = await login("a-made-up-zalo-token");
    expect(r.statusCode).toBe(429);
    expect(r.json().error).toEqual({ code: "rate_limited", message: "Bác đã đăng nhập quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau 1 phút." });
    // Another address is not affected.
    expect((await login("a-made-up-zalo-token", "198.51.100.9")).statusCode).toBe(503);
  });
});
