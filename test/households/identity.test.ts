import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { startStack, waitFor, type Stack } from "../support/stack";
import { createGdsApp, DEMO } from "./support";

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function login(s: Stack, accessToken: string) {
  const res = await fetch(`${s.appUrl}/api/auth/zalo`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ accessToken }) });
  return { status: res.status, body: (await res.json()) as any };
}

async function api(s: Stack, session: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${s.appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe("identity: Zalo Graph /v2.0/me with appsecret_proof, then our own session", () => {
  it("verifies the mini app token with the simulator and issues a session", async () => {
    stack = await startStack();
    const minted = stack.sim.sim.mintMiniAppToken("8000000000000000777");
    const r = await login(stack, minted.access_token);
    expect(r.status).toBe(200);
    expect(r.body.me).toMatchObject({ appUserId: minted.user_id_by_app, roles: { officer: false, admin: false, villageHeadOf: [] }, household: null });
    expect(Date.parse(r.body.expiresAt)).toBeGreaterThan(Date.now());
    const me = await api(stack, r.body.session, "GET", "/api/me");
    expect(me.body.appUserId).toBe(minted.user_id_by_app);
    const reg = await api(stack, r.body.session, "POST", "/api/households", { villageId: "lang-dak-ro", label: "Hộ A Ring, làng Đắk Rơ" });
    expect(reg.status).toBe(201);
    expect((await api(stack, r.body.session, "GET", "/api/me")).body.household).toMatchObject({ id: reg.body.id, villageId: "lang-dak-ro" });

    const bad = await login(stack, "not-a-zalo-token-at-all");
    expect(bad.status).toBe(401);
    expect(bad.body.error.message).toBe("Zalo không xác nhận được tài khoản. Hãy đóng ứng dụng rồi mở lại để đăng nhập lại.");
    const forged = await api(stack, `${r.body.session.slice(0, -4)}AAAA`, "GET", "/api/me");
    expect(forged.status).toBe(401);
  });

  it("says so when Zalo refuses our appsecret_proof (wrong app secret in the config)", async () => {
    stack = await startStack({ sim: { appSecret: "a-different-secret" }, connect: false, startWorkers: false });
    const r = await login(stack, stack.sim.sim.mintMiniAppToken("8000000000000000778").access_token);
    expect(r.status).toBe(500);
    expect(r.body.error).toMatchObject({ code: "misconfigured" });
    expect(r.body.error.message).toContain("khóa ứng dụng Zalo");
  });

  it("an officer known by their OA id gets the role once the OA has seen their user_id_by_app", async () => {
    stack = await startStack();
    const officerOaId = "7000000000000000202"; // demo.json: Võ Thị Lan, zaloUserId
    const minted = stack.sim.sim.mintMiniAppToken(officerOaId);
    // The test app id differs from the sandbox's: the config's appUserId does not match here.
    expect((await login(stack, minted.access_token)).body.me.roles.officer).toBe(false);
    await stack.sim.sim.sendText(officerOaId, "xin chào");
    await waitFor(() => stack!.services.users.get(officerOaId)?.userIdByApp === minted.user_id_by_app, 10_000, "zalo_users row");
    const r = await login(stack, minted.access_token);
    expect(r.body.me.roles).toMatchObject({ officer: true, admin: false });
    expect((await api(stack, r.body.session, "GET", "/api/commune/dashboard")).status).toBe(200);
  });
});

describe("linking the OA chat to the household", () => {
  it("through user_id_by_app, or a 6-digit code typed in chat (single use, five tries)", async () => {
    const t = await createGdsApp();
    try {
      const h = (await t.call("7001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Chat Văn Một" })).body;
      await t.call("7001", "POST", `/api/households/${h.id}/answers`, { changes: [{ criterionId: "vneid-muc-2", value: "dat", idempotencyKey: "link-test-1" }] });
      const households = t.services.gds.households;
      expect(households.linkOaUser("7001", "oa-7001")).toEqual({ linked: true, householdId: h.id });
      expect(households.linkOaUser("no-household", "oa-x")).toEqual({ linked: false });
      const oa = households.householdForOaUser("oa-7001")!;
      expect(oa).toMatchObject({ householdId: h.id, villageId: "thon-dong-xuan", fullyMet: false });
      expect(oa.missing.map((m) => m.id)).not.toContain("vneid-muc-2");
      expect(oa.missing.find((m) => m.id === "dich-vu-cong")).toMatchObject({ guideId: "dich-vu-cong" });

      // The code flow: a second member without user_id_by_app.
      const inv = (await t.call("7001", "POST", `/api/households/${h.id}/invites`)).body;
      await t.call("7002", "POST", "/api/households/join", { code: inv.code });
      const code = await t.call("7002", "POST", "/api/me/oa-link-code");
      expect(code.status).toBe(200);
      expect(code.body.code).toMatch(/^\d{6}$/);
      expect(code.body.instructions).toContain(code.body.code);
      const wrong = code.body.code === "000000" ? "111111" : "000000";
      expect(households.linkOaUserByCode("oa-7002", wrong)).toMatchObject({ ok: false, reason: "invalid" });
      const ok = households.linkOaUserByCode("oa-7002", ` ${code.body.code.slice(0, 3)} ${code.body.code.slice(3)} `);
      // The reply does not name the household: a right guess must learn nothing.
      expect(ok).toMatchObject({ ok: true, householdId: h.id, message: "Đã liên kết khung chat này với hộ của bác trong ứng dụng “Gia đình số”." });
      expect(JSON.stringify(ok)).not.toContain("Chat Văn Một");
      expect(households.linkOaUserByCode("oa-9999", code.body.code)).toMatchObject({ ok: false, reason: "invalid" });
      expect(households.householdForOaUser("oa-7002")?.householdId).toBe(h.id);
      expect((await t.call("7002", "GET", `/api/households/${h.id}`)).body.members.filter((m: { chatLinked: boolean }) => m.chatLinked)).toHaveLength(2);

      // Guessing: locked after five wrong codes, even with the right one.
      const fresh = (await t.call("7001", "POST", "/api/me/oa-link-code")).body.code as string;
      for (let i = 0; i < 5; i++) households.linkOaUserByCode("oa-guesser", fresh === "123456" ? "654321" : "123456");
      expect(households.linkOaUserByCode("oa-guesser", fresh)).toMatchObject({ ok: false, reason: "locked" });
      t.clock.advance(16 * 60_000);
      expect(households.linkOaUserByCode("oa-guesser", fresh)).toMatchObject({ ok: false, reason: "expired" });
      // Someone without a household gets no code.
      expect((await t.call("7999", "POST", "/api/me/oa-link-code")).status).toBe(409);
    } finally {
      await t.close();
    }
  });

  it("sessions expire; roles are looked up on every request", async () => {
    const clock = new ManualClock(Date.parse("2026-07-15T03:00:00Z"));
    const t = await createGdsApp({ clock });
    try {
      const headers = t.as(DEMO.officer);
      expect((await t.app.inject({ method: "GET", url: "/api/commune/dashboard", headers })).statusCode).toBe(200);
      clock.advance(61 * 60_000);
      const expired = await t.app.inject({ method: "GET", url: "/api/me", headers });
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.message).toBe("Phiên đăng nhập đã hết hạn. Hãy mở lại ứng dụng để đăng nhập lại.");
      // A role granted in the database by an admin applies at once, and so does its removal.
      const user = "5550001";
      expect((await t.call(user, "GET", "/api/villages/lang-dak-ro/households")).status).toBe(403);
      const g = await t.call(DEMO.admin, "POST", "/api/admin/roles", { appUserId: user, role: "village_head", villageId: "lang-dak-ro", name: "Y Đức" });
      expect(g.status).toBe(201);
      expect((await t.call(user, "GET", "/api/villages/lang-dak-ro/households")).status).toBe(200);
      expect((await t.call(DEMO.officer, "POST", "/api/admin/roles", { appUserId: "1", role: "officer" })).status).toBe(403);
      expect((await t.call(DEMO.admin, "DELETE", `/api/admin/roles/${user}?role=village_head&villageId=lang-dak-ro`)).status).toBe(200);
      expect((await t.call(user, "GET", "/api/villages/lang-dak-ro/households")).status).toBe(403);
    } finally {
      await t.close();
    }
  });
});
