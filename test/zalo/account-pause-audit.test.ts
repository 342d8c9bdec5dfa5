import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { startStack, type Stack } from "../support/stack";

/**
 * Issue 11 item 6, around the pause itself: who sees it (officers, village heads), who resumes it and
 * the audit of both, a manual pause, and the message to the admin officer where the OA can still send
 * one. Errors are injected through the simulator's fault queue as Zalo documents them
 * (`{"error": -321, "message": "..."}`), so the real client and the real sender meet them.
 */
const ADMIN = "2073657895127295082"; // demo.json admin officer (mini app id)
const ADMIN_OA = "7000000000000000201"; // the same person's OA user id
const OFFICER = "1387344835909987243";
const HEAD = "1779371821204890306"; // head of Thôn Đông Xuân
const RESIDENT_APP = "5550000000000000001";

let s: Stack;
afterEach(async () => s?.close());

async function start() {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, 3, 0)); // 10:00 in Vietnam
  // One send at a time: each queued fault meets exactly the call the test expects.
  s = await startStack({ clock, env: { OUTBOX_CONCURRENCY: "1" } });
  return clock;
}

const auth = (appUserId: string) => ({ authorization: `Bearer ${s.services.gds.auth.issue(appUserId).session}` });
const get = async (who: Record<string, string>) => s.app.inject({ method: "GET", url: "/api/officer/outbox/pause", headers: who });
const status = (key: string) => (s.services.database.sqlite.prepare("SELECT status FROM outbox WHERE dedupe_key = ?").get(key) as { status: string }).status;

function enqueue(user: string, key: string, clock: ManualClock) {
  s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: clock.now() });
  s.services.outbox.enqueue({ dedupeKey: key, channel: "cs", recipientId: user, message: { kind: "text", text: `Tin ${key}` } });
}

async function settle() {
  await s.services.sender.idle();
  await new Promise((r) => setTimeout(r, 50));
  await s.services.sender.idle();
}

describe("item 6: the pause, its audit and who is told", () => {
  it("-321: the admin officer gets a Zalo message (the OA can still send free consultation messages); officers and heads see the banner; only officers resume", async () => {
    const clock = await start();
    s.sim.sim.upsertUser(ADMIN_OA, { follower: true, last_interaction_at: clock.now() });
    s.sim.sim.pushFaults("message", [{ code: -321 }]); // the row meets it; the notice to the admin goes through
    enqueue("8610000000000000101", "notice-1", clock);
    await settle();
    expect(status("notice-1")).toBe("pending");
    const told = s.sim.sim.inbox(ADMIN_OA);
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("Tài khoản Zalo của xã hết tiền");
    expect(told[0]!.text).toContain("không tin nào bị mất");

    const officer = (await get(auth(OFFICER))).json();
    expect(officer).toMatchObject({ paused: true, canResume: true, current: { source: "zalo", code: -321, reason: "Tài khoản Zalo của xã hết tiền, Zalo không cho gửi tin." } });
    expect(officer.current.advice).toContain("Gửi tiếp");
    expect(officer.history).toHaveLength(1);
    expect(officer.history[0].notifiedAt).not.toBeNull();
    expect(officer.zalo).toEqual({ connected: true, notice: null });

    // A village head sends relays: sees the banner, no button, no audit list; cannot resume.
    const head = await get(auth(HEAD));
    expect(head.statusCode).toBe(200);
    expect(head.json()).toMatchObject({ paused: true, canResume: false, history: [], current: { code: -321 } });
    expect((await s.app.inject({ method: "POST", url: "/api/officer/outbox/resume", headers: auth(HEAD) })).statusCode).toBe(403);
    // A resident sees nothing.
    expect((await get(auth(RESIDENT_APP))).statusCode).toBe(403);
    expect(status("notice-1")).toBe("pending");

    const resumed = await s.app.inject({ method: "POST", url: "/api/officer/outbox/resume", headers: auth(ADMIN) });
    expect(resumed.statusCode).toBe(200);
    expect(resumed.json().resumed).toMatchObject({ code: -321, resumedBy: `Phạm Minh Tuấn (${ADMIN})` });
    await settle();
    expect(status("notice-1")).toBe("sent");
    expect((await s.app.inject({ method: "POST", url: "/api/officer/outbox/resume", headers: auth(ADMIN) })).statusCode).toBe(409);
    const audit = (await get(auth(OFFICER))).json();
    expect(audit).toMatchObject({ paused: false, current: null });
    expect(audit.history[0]).toMatchObject({ source: "zalo", code: -321, resumedBy: `Phạm Minh Tuấn (${ADMIN})`, resumedAt: new Date(clock.now()).toISOString() });
  });

  it("-204 (OA disabled): no message is attempted (the OA cannot send anything); the banner says Zalo locked the account", async () => {
    const clock = await start();
    s.sim.sim.upsertUser(ADMIN_OA, { follower: true, last_interaction_at: clock.now() });
    s.sim.sim.pushFaults("message", [{ code: -204 }]);
    enqueue("8610000000000000201", "locked-1", clock);
    enqueue("8610000000000000202", "locked-2", clock);
    await settle();
    // Had a notice been tried, it would have gone out (no fault left).
    expect(s.sim.sim.inbox(ADMIN_OA)).toHaveLength(0);
    expect(s.sim.sim.stats().messagesSent).toBe(0);
    expect([status("locked-1"), status("locked-2")]).toEqual(["pending", "pending"]);
    const banner = (await get(auth(OFFICER))).json();
    expect(banner.current).toMatchObject({ code: -204, reason: "Zalo tạm khoá tài khoản Zalo của xã." });
    expect(banner.current.detail).toContain("-204");
    expect(banner.history[0].notifiedAt).toBeNull();
  });

  it("an officer pauses by hand (reason required, audited); nothing goes out until resumed", async () => {
    const clock = await start();
    const bad = await s.app.inject({ method: "POST", url: "/api/officer/outbox/pause", headers: auth(OFFICER), payload: { reason: " " } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("lý do");
    expect((await get(auth(OFFICER))).json().paused).toBe(false);

    const head = await s.app.inject({ method: "POST", url: "/api/officer/outbox/pause", headers: auth(HEAD), payload: { reason: "Thử" } });
    expect(head.statusCode).toBe(403);

    const ok = await s.app.inject({ method: "POST", url: "/api/officer/outbox/pause", headers: auth(OFFICER), payload: { reason: "Tin họp thôn ghi sai giờ, đang sửa" } });
    expect(ok.statusCode).toBe(200);
    expect((await s.app.inject({ method: "POST", url: "/api/officer/outbox/pause", headers: auth(OFFICER), payload: { reason: "lần nữa" } })).statusCode).toBe(409);
    enqueue("8610000000000000301", "manual-1", clock);
    await settle();
    expect(status("manual-1")).toBe("pending");
    expect(s.sim.sim.stats().messagesSent).toBe(0);
    const ready = (await s.app.inject({ method: "GET", url: "/readyz" })).json();
    expect(ready.checks.sending).toMatchObject({ degraded: true, detail: { state: "paused", source: "officer" } });
    const banner = (await get(auth(HEAD))).json();
    expect(banner.current).toMatchObject({ source: "officer", code: null, pausedBy: `Võ Thị Lan (${OFFICER})` });
    expect(banner.current.reason).toContain("Tin họp thôn ghi sai giờ");

    clock.advance(60_000);
    expect((await s.app.inject({ method: "POST", url: "/api/officer/outbox/resume", headers: auth(ADMIN) })).statusCode).toBe(200);
    await settle();
    expect(status("manual-1")).toBe("sent");
    const h = (await get(auth(OFFICER))).json().history[0];
    expect(h).toMatchObject({ source: "officer", message: "Tin họp thôn ghi sai giờ, đang sửa", pausedBy: `Võ Thị Lan (${OFFICER})`, resumedBy: `Phạm Minh Tuấn (${ADMIN})` });
    expect(Date.parse(h.resumedAt) - Date.parse(h.since)).toBe(60_000);
  });
});
