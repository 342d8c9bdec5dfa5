/**
 * Attacks on the one-time console login link asked for in the OA chat (issue 14), through the real
 * stack and the simulator: who gets a link, forged webhooks, anonymous chats, and where the link's
 * secret ends up after it was sent (officer screens that show outgoing messages).
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";
import { macFor, rawRequest, textEvent } from "../support/zalo-events";

/** OA-scoped ids of the demo commune's staff (bot/config/communes/demo.json `zaloUserId`). */
const OA = { admin: "7000000000000000201", officer: "7000000000000000202", headDongXuan: "7000000000000000101", volunteer: "7000000000000000301" } as const;
const TOKEN = /#ma=([A-Za-z0-9_-]{32})/;

/** Holes found: skipped until fixed; ATTACK_HOLES=1 runs them (they fail while the hole is open). */
const hole = it; // every hole found here is fixed; ATTACK_HOLES is no longer needed

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

async function boot(): Promise<Stack> {
  const clock = new ManualClock(Date.parse("2026-11-30T01:30:00Z")); // Monday 08:30 in Vietnam
  stack = await startStack({ clock, env: { PUBLIC_BASE_URL: "https://gds.hoason.example.vn" } });
  return stack;
}

async function say(s: Stack, oaUserId: string, text: string): Promise<string> {
  const before = s.sim.sim.inbox(oaUserId).length;
  expect((await s.sim.sim.sendText(oaUserId, text)).delivered).toBe(true);
  await settle(s);
  return s.sim.sim
    .inbox(oaUserId)
    .slice(before)
    .map((m) => m.text)
    .join("\n");
}

async function api(s: Stack, method: "GET" | "POST" | "DELETE", path: string, session?: string, body?: unknown) {
  const res = await fetch(`${s.appUrl}${path}`, {
    method,
    headers: { ...(session ? { authorization: `Bearer ${session}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: (text ? JSON.parse(text) : undefined) as any };
}

describe("attack: who can get a console login link from the OA chat", () => {
  it("a forged webhook (wrong signature, another app's id) typing the words as the admin gets no link and stores nothing", async () => {
    const s = await boot();
    const body = textEvent(OA.admin, "đăng nhập máy tính");
    const raw = JSON.stringify(body);
    // Signed with a guessed key, and signed for another app id: both refused.
    const wrongKey = rawRequest(raw, "mac=" + "0".repeat(64));
    const otherApp = JSON.stringify({ ...body, app_id: "4400000000000000999" });
    for (const req of [wrongKey, rawRequest(otherApp, macFor(otherApp, "4400000000000000999"))]) {
      const res = await s.app.inject(req);
      expect(res.statusCode).toBe(401);
    }
    await settle(s);
    const sqlite = s.services.database.sqlite;
    expect(sqlite.prepare("SELECT count(*) AS n FROM console_logins").get()).toEqual({ n: 0 });
    expect(s.sim.sim.inbox(OA.admin).map((m) => m.text).join("\n")).not.toMatch(TOKEN);
  });

  it("a resident, a village head, a volunteer, and an anonymous chat typing the words get no link", async () => {
    const s = await boot();
    for (const who of ["8600000000000000901", OA.headDongXuan, OA.volunteer]) expect(await say(s, who, "đăng nhập máy tính")).not.toMatch(TOKEN);
    // An anonymous chat claiming (through user_id_by_app) to be the officer's mini app id.
    await s.sim.sim.sendAnonymousText("anon-attacker-01", "đăng nhập máy tính", { userIdByApp: DEMO.officer });
    await settle(s);
    const anon = JSON.stringify(s.sim.sim.anonymousChat("anon-attacker-01") ?? {});
    expect(anon).not.toMatch(TOKEN);
    expect(s.services.database.sqlite.prepare("SELECT count(*) AS n FROM console_logins").get()).toEqual({ n: 0 });
  });

  it("a link asked for by the officer is refused after the officer's role is taken away, even within 10 minutes", async () => {
    const s = await boot();
    // An officer by grant, known to the OA as Zalo maps it (user_id_by_app on the signed events).
    const oaOfGranted = "8600000000000000555";
    const granted = s.sim.sim.upsertUser(oaOfGranted).user_id_by_app;
    const admin = s.services.gds.auth.issue(DEMO.admin).session;
    expect(await say(s, oaOfGranted, "chào")).not.toMatch(TOKEN); // Zalo's mapping is now known, no role yet
    expect((await api(s, "POST", "/api/admin/roles", admin, { appUserId: granted, role: "officer", name: "Cán bộ tăng cường" })).status).toBe(201);
    const token = (await say(s, oaOfGranted, "đăng nhập máy tính")).match(TOKEN)?.[1];
    expect(token).toBeDefined();
    expect((await api(s, "DELETE", `/api/admin/roles/${granted}?role=officer`, admin)).status).toBe(200);
    const redeem = await api(s, "POST", "/api/console/link-login", undefined, { token });
    expect(redeem.status).toBe(403);
    expect(redeem.body.session).toBeUndefined();
  });
});

describe("attack: the link's secret after it was sent", () => {
  /**
   * HOLE: the link travels through the outbox, whose rows keep the full text (with the secret) and
   * which any officer reads: GET /api/officer/outbox?status=sent lists every sent row with its payload.
   * An officer (not admin) who reads it within 10 minutes of the admin asking for a link logs a PC in
   * as the admin and reaches the admin's routes (role grants, PC sessions). console_logins keeps only a
   * hash of the token; the outbox undoes that.
   * Fix: send the link with a dedicated origin (e.g. "console-link") and blank its payload as soon as it
   * is sent or given up (keep "[đường dẫn đăng nhập]"), and never list it in officer screens.
   */
  hole("HOLE: an officer cannot read the admin's login link from the outbox list and become admin", async () => {
    const s = await boot();
    const link = await say(s, OA.admin, "đăng nhập máy tính");
    const token = link.match(TOKEN)?.[1];
    expect(token).toBeDefined();

    const officer = s.services.gds.auth.issue(DEMO.officer).session;
    const seen: string[] = [];
    for (const status of ["sent", "pending", "failed", "uncertain", "outside_window"]) {
      const r = await api(s, "GET", `/api/officer/outbox?status=${status}&limit=500`, officer);
      expect(r.status).toBe(200);
      seen.push(r.text);
    }
    expect(seen.join("\n")).not.toContain(token!);
    // And the database keeps no usable copy of the secret once the link was sent.
    const rows = s.services.database.sqlite.prepare("SELECT payload FROM outbox").all() as { payload: string }[];
    expect(rows.map((r) => r.payload).join("\n")).not.toContain(token!);
  });

  /** The consequence, proved end to end (kept as a reproduction of the escalation). */
  hole("HOLE: the link read from the outbox list does not log the officer in as the admin", async () => {
    const s = await boot();
    await say(s, OA.admin, "đăng nhập máy tính");
    const officer = s.services.gds.auth.issue(DEMO.officer).session;
    const list = await api(s, "GET", "/api/officer/outbox?status=sent&limit=500", officer);
    const stolen = list.text.match(TOKEN)?.[1];
    if (stolen === undefined) return; // fixed: nothing to steal
    const pc = await api(s, "POST", "/api/console/link-login", undefined, { token: stolen });
    // Safe: either the link is not readable (above) or it cannot be redeemed by someone else.
    expect(pc.status).not.toBe(200);
    if (pc.status === 200) expect((await api(s, "GET", "/api/admin/console-sessions", pc.body.session)).status).toBe(403);
  });

  /**
   * HOLE: the same secret is shown in a hand-off ticket's conversation (GET /api/officer/tickets/:id):
   * an officer's own OA account that asked a question the bot could not answer (or "gặp cán bộ") has a
   * ticket, and every message sent to that account is listed there, the login link included.
   * Fix: leave console links out of TicketsRepo.conversation (by origin) and blank them after sending.
   */
  hole("HOLE: a ticket's conversation does not show the login link sent to the same OA account", async () => {
    const s = await boot();
    await say(s, OA.admin, "gặp cán bộ");
    await say(s, OA.admin, "1"); // the village, when asked
    const link = await say(s, OA.admin, "đăng nhập máy tính");
    const token = link.match(TOKEN)?.[1];
    expect(token).toBeDefined();
    const officer = s.services.gds.auth.issue(DEMO.officer).session;
    const list = await api(s, "GET", "/api/officer/tickets", officer);
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const t of list.body.items) {
      const d = await api(s, "GET", `/api/officer/tickets/${t.id}`, officer);
      expect(d.status).toBe(200);
      expect(d.text).not.toContain(token!);
    }
  });
});

