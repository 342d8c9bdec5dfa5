/**
 * Issue 14: officers log in to the console on a PC without a password, by a QR code approved from the
 * mini app or by a one-time link asked for in the OA chat. Attacked as well: other people's codes,
 * a photographed QR code without the PC's secret, replayed links, residents asking for a link,
 * sessions ended by the admin, guessing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

const OA = { admin: "7000000000000000201", officer: "7000000000000000202", headDongXuan: "7000000000000000101" } as const;
const UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36";

let t: GdsTestApp | undefined;
let stack: Stack | undefined;
afterEach(async () => {
  await t?.close();
  await stack?.close();
  t = undefined;
  stack = undefined;
});

async function pc(app: GdsTestApp, method: "GET" | "POST" | "DELETE", url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const res = await app.app.inject({ method, url, headers: { "user-agent": UA, ...headers }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.json() as any };
}
const bearer = (session: string) => ({ authorization: `Bearer ${session}` });

describe("logging in on a PC with a QR code approved from the mini app", () => {
  it("the PC gets one session after an officer approves; it works on officer routes, once, and is listed for the admin", async () => {
    t = await createGdsApp();
    const qr = await pc(t, "POST", "/api/console/login-requests");
    expect(qr.status).toBe(201);
    expect(qr.body.qrText).toBe(`GDS-MAY-TINH:${qr.body.requestId}`);
    const poll = () => pc(t!, "POST", "/api/console/login-requests/poll", { requestId: qr.body.requestId, pollSecret: qr.body.pollSecret });
    expect((await poll()).body.status).toBe("waiting");

    // A resident (no role) and a village head scan it: refused, the PC still waits.
    for (const who of ["8600000000000000901", DEMO.headDongXuan]) {
      const r = await t.call(who, "POST", "/api/console/login-requests/approve", { code: qr.body.qrText });
      expect(r.status).toBe(403);
      expect(r.body.error.message).toContain("cán bộ xã");
    }
    expect((await poll()).body.status).toBe("waiting");

    // Before approving, the phone shows which PC asked and when; the PC is not let in by looking.
    const seen = await t.call(DEMO.officer, "POST", "/api/console/login-requests/inspect", { code: qr.body.qrText });
    expect(seen.status).toBe(200);
    expect(seen.body.device).toBe("Chrome trên Windows");
    expect((await poll()).body.status).toBe("waiting");
    expect((await t.call("8600000000000000901", "POST", "/api/console/login-requests/inspect", { code: qr.body.qrText })).status).toBe(403);
    // The officer scans the code with the mini app (the text as scanned).
    expect((await t.call(DEMO.officer, "POST", "/api/console/login-requests/approve", { code: qr.body.qrText })).status).toBe(200);
    // Approving again (or someone else) is refused: one approval per code.
    expect((await t.call(DEMO.admin, "POST", "/api/console/login-requests/approve", { code: qr.body.qrText })).status).toBe(409);

    const got = await poll();
    expect(got.body.status).toBe("approved");
    const session = got.body.session as string;
    // The same secret again: no second session.
    expect((await poll()).body).toEqual({ status: "used" });

    const dash = await pc(t, "GET", "/api/commune/dashboard", undefined, bearer(session));
    expect(dash.status).toBe(200);
    const me = await pc(t, "GET", "/api/me", undefined, bearer(session));
    expect(me.body.appUserId).toBe(DEMO.officer);
    expect(me.body.roles.officer).toBe(true);

    const list = await t.call(DEMO.admin, "GET", "/api/admin/console-sessions");
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ appUserId: DEMO.officer, via: "qr", device: UA.slice(0, 120) });
    // Only the admin lists or ends PC sessions.
    expect((await t.call(DEMO.officer, "GET", "/api/admin/console-sessions")).status).toBe(403);
  });

  it("a photo of the QR code is not enough: polling needs the PC's secret, and a wrong one looks like an unknown code", async () => {
    t = await createGdsApp();
    const qr = (await pc(t, "POST", "/api/console/login-requests")).body;
    expect((await t.call(DEMO.officer, "POST", "/api/console/login-requests/approve", { code: qr.requestId })).status).toBe(200);
    const other = (await pc(t, "POST", "/api/console/login-requests")).body;
    const stolen = await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr.requestId, pollSecret: other.pollSecret });
    const unknown = await pc(t, "POST", "/api/console/login-requests/poll", { requestId: other.pollSecret, pollSecret: other.pollSecret });
    expect(stolen.status).toBe(404);
    expect(unknown.status).toBe(404);
    expect(stolen.body).toEqual(unknown.body);
    // The real PC still gets its session.
    expect((await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr.requestId, pollSecret: qr.pollSecret })).body.status).toBe("approved");
    // Malformed input: 400 in Vietnamese, nothing created.
    const bad = await pc(t, "POST", "/api/console/login-requests/poll", { requestId: "x", pollSecret: 3 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/[ăâđêôơư]/);
  });

  it("a QR code expires after 3 minutes: it cannot be approved, the PC is told to ask for a new one", async () => {
    t = await createGdsApp();
    const qr = (await pc(t, "POST", "/api/console/login-requests")).body;
    t.clock.advance(3 * 60_000 + 1);
    expect((await t.call(DEMO.officer, "POST", "/api/console/login-requests/approve", { code: qr.requestId })).status).toBe(404);
    expect((await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr.requestId, pollSecret: qr.pollSecret })).body).toEqual({ status: "expired" });
  });

  it("the admin ends a PC session: its next request gets 401, the officer's phone session still works", async () => {
    t = await createGdsApp();
    const qr = (await pc(t, "POST", "/api/console/login-requests")).body;
    await t.call(DEMO.officer, "POST", "/api/console/login-requests/approve", { code: qr.requestId });
    const session = (await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr.requestId, pollSecret: qr.pollSecret })).body.session as string;
    const sid = (await t.call(DEMO.admin, "GET", "/api/admin/console-sessions")).body.items[0].sid as string;
    expect((await t.call(DEMO.admin, "DELETE", `/api/admin/console-sessions/${sid}`)).status).toBe(200);
    const after = await pc(t, "GET", "/api/me", undefined, bearer(session));
    expect(after.status).toBe(401);
    expect(after.body.error.message).toContain("đã kết thúc");
    expect((await pc(t, "POST", "/api/console/session/refresh", undefined, bearer(session))).status).toBe(401);
    expect((await t.call(DEMO.officer, "GET", "/api/me")).status).toBe(200);
    expect((await t.call(DEMO.admin, "GET", "/api/admin/console-sessions")).body.items).toEqual([]);
  });

  it("a PC session is renewed hour by hour but never past 12 hours after the approval; a role taken away ends it", async () => {
    t = await createGdsApp();
    const qr = (await pc(t, "POST", "/api/console/login-requests")).body;
    await t.call(DEMO.officer, "POST", "/api/console/login-requests/approve", { code: qr.requestId });
    let session = (await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr.requestId, pollSecret: qr.pollSecret })).body.session as string;
    for (let h = 0; h < 11; h++) {
      t.clock.advance(55 * 60_000);
      const r = await pc(t, "POST", "/api/console/session/refresh", undefined, bearer(session));
      expect(r.status).toBe(200);
      session = r.body.session;
    }
    t.clock.advance(2 * 3600_000); // past 12 h after the approval
    expect((await pc(t, "POST", "/api/console/session/refresh", undefined, bearer(session))).status).toBe(401);
    // A phone session cannot be renewed here (the mini app logs in with Zalo again).
    expect((await t.call(DEMO.officer, "POST", "/api/console/session/refresh")).status).toBe(400);

    // An officer by the admin's grant logs a PC in; the grant is taken away: the PC loses the officer's screens.
    const granted = "6200000000000000555";
    expect((await t.call(DEMO.admin, "POST", "/api/admin/roles", { appUserId: granted, role: "officer", name: "Cán bộ tăng cường" })).status).toBe(201);
    const qr2 = (await pc(t, "POST", "/api/console/login-requests")).body;
    expect((await t.call(granted, "POST", "/api/console/login-requests/approve", { code: qr2.requestId })).status).toBe(200);
    const pcSession = (await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr2.requestId, pollSecret: qr2.pollSecret })).body.session as string;
    expect((await pc(t, "GET", "/api/commune/dashboard", undefined, bearer(pcSession))).status).toBe(200);
    expect((await t.call(DEMO.admin, "DELETE", `/api/admin/roles/${granted}?role=officer`)).status).toBe(200);
    // The PC session ends for good (401), not only the officer's screens.
    expect((await pc(t, "GET", "/api/commune/dashboard", undefined, bearer(pcSession))).status).toBe(401);
  });

  it("a person who erases their data leaves no login, link or PC session behind, and the PC is logged out", async () => {
    t = await createGdsApp();
    const granted = "6200000000000000556";
    expect((await t.call(DEMO.admin, "POST", "/api/admin/roles", { appUserId: granted, role: "officer", name: "Cán bộ tạm thời" })).status).toBe(201);
    const qr = (await pc(t, "POST", "/api/console/login-requests")).body;
    await t.call(granted, "POST", "/api/console/login-requests/approve", { code: qr.requestId });
    const session = (await pc(t, "POST", "/api/console/login-requests/poll", { requestId: qr.requestId, pollSecret: qr.pollSecret })).body.session as string;
    const sid = (await t.call(DEMO.admin, "GET", "/api/admin/console-sessions")).body.items[0].sid as string;
    // The admin's own id on a revoked session of the erased person's is anonymised too (it is the admin's, so it stays here).
    const token = (await t.call(granted, "POST", "/api/me/data/erasure-request")).body.confirmationToken as string;
    expect((await t.call(granted, "POST", "/api/me/data/erase", { confirmationToken: token })).status).toBe(200);
    const sqlite = t.services.database.sqlite;
    expect(sqlite.prepare("SELECT count(*) AS n FROM console_logins WHERE app_user_id = ?").get(granted)).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM console_sessions WHERE app_user_id = ? OR sid = ?").get(granted, sid)).toEqual({ n: 0 });
    expect((await pc(t, "GET", "/api/me", undefined, bearer(session))).status).toBe(401);
  });

  it("guessing: the login endpoints without a session are rate limited per address", async () => {
    t = await createGdsApp();
    let limited = 0;
    for (let i = 0; i < 15; i++) {
      const r = await pc(t, "POST", "/api/console/link-login", { token: `${"a".repeat(28)}${String(i).padStart(4, "0")}` });
      if (r.status === 429) limited++;
      else expect(r.status).toBe(404);
    }
    expect(limited).toBeGreaterThan(0);
  });
});

describe("a one-time link asked for in the OA chat", () => {
  async function say(s: Stack, oaUserId: string, text: string): Promise<string[]> {
    const before = s.sim.sim.inbox(oaUserId).length;
    expect((await s.sim.sim.sendText(oaUserId, text)).delivered).toBe(true);
    await settle(s);
    return s.sim.sim.inbox(oaUserId).slice(before).map((m) => m.text);
  }
  async function post(s: Stack, path: string, body: unknown, session?: string) {
    const res = await fetch(`${s.appUrl}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": UA, ...(session ? bearer(session) : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

  it("an officer gets a link that logs one PC in, once, within 10 minutes; a resident and a village head typing the same words get no link", async () => {
    const clock = new ManualClock(Date.parse("2026-11-30T01:30:00Z")); // 08:30 in Vietnam
    stack = await startStack({ clock, env: { PUBLIC_BASE_URL: "https://gds.hoason.example.vn" } });
    const answers = await say(stack, OA.officer, "Dang nhap may tinh");
    const text = answers.join("\n");
    expect(text).toContain("hết hạn lúc 08:40");
    const token = text.match(/#ma=([A-Za-z0-9_-]{32})/)?.[1];
    expect(token).toBeDefined();
    expect(answers).toHaveLength(1); // the link only: no resident's welcome for an officer
    expect(text).toContain("https://gds.hoason.example.vn/console/#ma=");

    const first = await post(stack, "/api/console/link-login", { token });
    expect(first.status).toBe(200);
    const me = await fetch(`${stack.appUrl}/api/me`, { headers: bearer(first.body.session) });
    expect(((await me.json()) as any).appUserId).toBe(DEMO.officer);
    const again = await post(stack, "/api/console/link-login", { token });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toContain("đăng nhập máy tính");

    // A resident and a village head: the words are a question like any other, never a link.
    for (const who of ["8600000000000000777", OA.headDongXuan]) {
      const got = (await say(stack, who, "đăng nhập máy tính")).join("\n");
      expect(got).not.toContain("#ma=");
      expect(got.length).toBeGreaterThan(0);
    }
    const sqlite = stack.services.database.sqlite;
    expect(sqlite.prepare("SELECT count(*) AS n FROM console_logins WHERE kind = 'link'").get()).toEqual({ n: 1 });
  });

  it("a link not used within 10 minutes does not work", async () => {
    const clock = new ManualClock(Date.parse("2026-11-30T01:30:00Z"));
    stack = await startStack({ clock, env: { PUBLIC_BASE_URL: "https://gds.hoason.example.vn" } });
    const token = (await say(stack, OA.admin, "đăng nhập trên máy tính")).join("\n").match(/#ma=([A-Za-z0-9_-]{32})/)?.[1];
    expect(token).toBeDefined();
    stack.advance(10 * 60_000 + 1);
    expect((await post(stack, "/api/console/link-login", { token })).status).toBe(404);
  });
});
