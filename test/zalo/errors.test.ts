import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { startStack, type Stack } from "../support/stack";

/**
 * Error answers as Zalo's error table documents them (developers.zalo.me/docs/official-account/phu-luc/
 * ma-loi; shared/zalo/oa-api.md §6): `{"error": <code>, "message": "<text>"}`, injected through the
 * simulator's fault queue so the real client and the real sender meet them.
 */
const OFFICER = "1387344835909987243"; // demo.json officer (test/households/support.ts DEMO.officer)

let s: Stack;
afterEach(async () => s?.close());

const row = (key: string) =>
  s.services.database.sqlite.prepare("SELECT status, attempts, next_attempt_at, error_code, error_message FROM outbox WHERE dedupe_key = ?").get(key) as {
    status: string;
    attempts: number;
    next_attempt_at: number;
    error_code: number | null;
    error_message: string | null;
  };

async function start(vnHour: number) {
  const clock = new ManualClock(Date.UTC(2026, 10, 25, vnHour - 7 < 0 ? vnHour + 17 : vnHour - 7, 0) - (vnHour - 7 < 0 ? 24 * 3600_000 : 0));
  s = await startStack({ clock });
  return clock;
}

function enqueue(user: string, key: string, clock: ManualClock) {
  s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: clock.now() });
  s.services.outbox.enqueue({ dedupeKey: key, channel: "cs", recipientId: user, message: { kind: "text", text: `Tin ${key}` } });
}

describe("item 6: Zalo's error codes", () => {
  it("-234 at night: the message waits for 06:00 Vietnam time and then goes out, no attempt used", async () => {
    const clock = await start(23); // 23:00 in Vietnam
    s.sim.sim.pushFaults("message", [{ code: -234 }]);
    enqueue("8600000000000000001", "night-1", clock);
    await s.services.sender.idle();
    const six = Date.UTC(2026, 10, 25, 23, 0); // 06:00 on the 26th in Vietnam
    expect(row("night-1")).toMatchObject({ status: "pending", attempts: 0, next_attempt_at: six, error_code: -234 });
    s.setTime(six);
    await s.services.sender.idle();
    expect(row("night-1").status).toBe("sent");
  });

  it("-218 out of quota: tried again after the reset, and said so", async () => {
    const clock = await start(15);
    s.sim.sim.pushFaults("message", [{ code: -218 }]);
    enqueue("8600000000000000002", "quota-1", clock);
    await s.services.sender.idle();
    const midnight = Date.UTC(2026, 10, 25, 17, 0); // 00:00 on the 26th in Vietnam
    expect(row("quota-1")).toMatchObject({ status: "pending", next_attempt_at: midnight, error_code: -218 });
    expect(row("quota-1").error_message).toMatch(/out of quota/);
    s.setTime(midnight);
    await s.services.sender.idle();
    expect(row("quota-1").status).toBe("sent");
  });

  it("-321 (Zalo Cloud Account out of money) pauses the whole queue with the reason on /readyz; an officer resumes; nothing lost", async () => {
    const clock = await start(9);
    // Zalo answers -321 to every send until the account is topped up.
    s.sim.sim.pushFaults("message", Array.from({ length: 10 }, () => ({ code: -321 })));
    const users = ["8600000000000000011", "8600000000000000012", "8600000000000000013"];
    users.forEach((u, i) => enqueue(u, `acct-${i}`, clock));
    await s.services.sender.idle();
    await new Promise((r) => setTimeout(r, 100));
    await s.services.sender.idle();

    // none failed, none sent: all wait
    for (let i = 0; i < users.length; i++) expect(row(`acct-${i}`).status).toBe("pending");
    for (const u of users) expect(s.sim.sim.inbox(u)).toHaveLength(0);
    const ready = (await s.app.inject({ method: "GET", url: "/readyz" })).json();
    expect(ready.checks.sending).toMatchObject({ ok: true, degraded: true, detail: { state: "paused", code: -321 } });

    const auth = { authorization: `Bearer ${s.services.gds.auth.issue(OFFICER).session}` };
    const banner = (await s.app.inject({ method: "GET", url: "/api/officer/outbox/pause", headers: auth })).json();
    expect(banner).toMatchObject({ paused: true, code: -321 });
    expect(banner.notice).toContain("không tin nào bị mất");
    expect((await s.app.inject({ method: "POST", url: "/api/officer/outbox/resume" })).statusCode).toBe(401);

    s.sim.sim.clearFaults(); // the commune tops up its Zalo Cloud Account
    expect((await s.app.inject({ method: "POST", url: "/api/officer/outbox/resume", headers: auth })).statusCode).toBe(200);
    await s.services.sender.idle();
    for (let i = 0; i < users.length; i++) expect(row(`acct-${i}`).status).toBe("sent");
    for (const u of users) expect(s.sim.sim.inbox(u)).toHaveLength(1);
    expect((await s.app.inject({ method: "GET", url: "/readyz" })).json().checks.sending).toEqual({ ok: true, detail: { state: "sending" } });
  });

  it("a token error that persists after one refresh stops refreshing and marks Zalo disconnected", async () => {
    const clock = await start(10);
    const user = "8600000000000000021";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: clock.now() });
    // -216 "Access token is invalid", for the old token and again for the one just refreshed
    s.sim.sim.pushFaults("message", Array.from({ length: 6 }, () => ({ code: -216 })));
    const refreshes = () => s.sim.sim.stats().refreshCalls;
    const before = refreshes();
    expect(await s.services.zalo.sendText(user, "x")).toMatchObject({ ok: false, kind: "token", code: -216 });
    expect(refreshes()).toBe(before + 1);
    for (let i = 0; i < 3; i++) expect(await s.services.zalo.sendText(user, "x")).toMatchObject({ ok: false, kind: "disconnected" });
    expect(refreshes()).toBe(before + 1); // no refresh on every attempt
    const ready = (await s.app.inject({ method: "GET", url: "/readyz" })).json();
    expect(ready.checks.zalo).toMatchObject({ ok: false, detail: { state: "Zalo disconnected" } });
    expect(ready.checks.zalo.detail.reason).toContain("reconnect");
  });
});
