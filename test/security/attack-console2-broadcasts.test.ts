/**
 * Attacks on the officers' broadcast flow (bot/broadcasts) through the real app and the simulator:
 * schedules that spam every minute, thousands of schedules, one-offs in the past or years ahead,
 * a row sent twice by a double send / cancel race, a resend of a message that was delivered.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, waitFor, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);
const MIN = 60_000;
const TOKEN = "attack2-officer-token";
const auth = { authorization: `Bearer ${TOKEN}` };

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});
async function boot(at: number): Promise<Stack> {
  s = await startStack({ clock: new ManualClock(at), env: { ADMIN_TOKEN: TOKEN } });
  for (const v of s.services.config.commune.villages) for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
  return s;
}
const call = async (method: string, url: string, payload?: unknown) => {
  const r = await s!.app.inject({ method: method as any, url, headers: auth, ...(payload !== undefined ? { payload: payload as any } : {}) });
  return { status: r.statusCode, body: r.body ? r.json() : undefined };
};
const outboxRows = (origin?: string) =>
  (s!.services.database.sqlite.prepare(`SELECT count(*) AS n FROM outbox${origin ? " WHERE origin = ?" : ""}`).get(...(origin ? [origin] : [])) as { n: number }).n;
const GROUPS = { kind: "village_groups" };

describe("attack: recurring schedules", () => {
  it("a schedule edited to fire every minute (or every hour) is refused: a resident gets at most one message a day from it", async () => {
    await boot(vn(2026, 12, 2, 10, 0));
    const created = await call("POST", "/api/officer/broadcast-schedules", { name: "Nhắc đóng quỹ", text: "Bà con nhớ đóng quỹ.", audience: GROUPS, time: "08:00", weekdays: [1] });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    for (const cron of ["* * * * *", "*/5 * * * *", "0 * * * *", "0 7,8,9 * * *", "0-59 8 * * 1"]) {
      const r = await call("PATCH", `/api/officer/broadcast-schedules/${id}`, { cron });
      expect(r.status, cron).toBe(400);
    }
    expect(s!.services.broadcasts.repo.schedule(id)!.cron).toBe("0 8 * * 1");
    // The minutes pass: nothing fires from it.
    const before = s!.services.broadcasts.repo.listBroadcasts(10_000).length;
    for (let i = 0; i < 3; i++) {
      s!.advance(MIN);
      await s!.services.broadcasts.scheduler.tickAsync(s!.services.config.clock.now());
    }
    expect(s!.services.broadcasts.repo.listBroadcasts(10_000).length).toBe(before);
  });

  it("a daily firing at one time stays allowed (the shipped schedules' shape)", async () => {
    await boot(vn(2026, 12, 2, 10, 0));
    const created = await call("POST", "/api/officer/broadcast-schedules", { name: "Nhắc họp", text: "Họp thôn tối nay.", audience: GROUPS, time: "08:00", weekdays: [1] });
    for (const cron of ["0 7 * * *", "30 16 * * 1-5", "0 8 1 * *"]) expect((await call("PATCH", `/api/officer/broadcast-schedules/${created.body.id}`, { cron })).status, cron).toBe(200);
  });

  it("thousands of schedules: the officer's own schedules are capped", async () => {
    await boot(vn(2026, 12, 2, 10, 0));
    let refused = 0;
    for (let i = 0; i < 120; i++) {
      const r = await call("POST", "/api/officer/broadcast-schedules", { name: `Lịch ${i}`, text: "Nội dung.", audience: GROUPS, time: "08:00", weekdays: [1] });
      if (r.status !== 201) {
        expect(r.status).toBe(409);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(s!.services.broadcasts.repo.schedules().filter((x) => x.kind === "custom").length).toBeLessThanOrEqual(100);
  });
});

describe("attack: one-off broadcasts", () => {
  it("in the past, at this very minute, years ahead, a negative or fractional time: refused, nothing created", async () => {
    const now = vn(2026, 12, 2, 10, 0, );
    await boot(now + 30_000);
    const before = s!.services.broadcasts.repo.listBroadcasts(10_000).length;
    for (const sendAt of [now - MIN, now + 30_000, now + 5 * 365 * 24 * 3600_000, -1, now + 1.5, Number.MAX_SAFE_INTEGER]) {
      const r = await call("POST", "/api/officer/broadcasts", { title: "Họp", text: "Họp thôn.", audience: GROUPS, action: "at", sendAt });
      expect(r.status, String(sendAt)).toBe(400);
    }
    expect(s!.services.broadcasts.repo.listBroadcasts(10_000).length).toBe(before);
  });

  it("send twice, send after a cancel race, cancel after it went: each message goes once", async () => {
    const now = vn(2026, 12, 2, 10, 0);
    await boot(now);
    const b = await call("POST", "/api/officer/broadcasts", { title: "Họp", text: "Họp thôn tối nay.", audience: GROUPS, action: "at", sendAt: now + 2 * MIN });
    expect(b.status).toBe(201);
    const id = b.body.id as number;
    const [a, c] = await Promise.all([call("POST", `/api/officer/broadcasts/${id}/send`), call("POST", `/api/officer/broadcasts/${id}/send`)]);
    expect([a.status, c.status].sort()).toEqual([200, 409]);
    // Its minute comes: the scheduler does not send it again; a cancel now is refused.
    s!.advance(3 * MIN);
    await s!.services.broadcasts.scheduler.tickAsync(s!.services.config.clock.now());
    expect((await call("POST", `/api/officer/broadcasts/${id}/cancel`)).status).toBe(409);
    const rows = s!.services.database.sqlite.prepare("SELECT recipient_id AS r, count(*) AS n FROM outbox WHERE origin = ? GROUP BY recipient_id").all(`broadcast:${id}`) as { r: string; n: number }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((x) => x.n === 1)).toBe(true);
  });

  it("a resend of delivered messages, of another broadcast's rows, or of nothing is refused and sends nothing", async () => {
    const now = vn(2026, 12, 2, 10, 0);
    await boot(now);
    const one = await call("POST", "/api/officer/broadcasts", { title: "Họp", text: "Họp thôn tối nay.", audience: GROUPS, action: "now" });
    const two = await call("POST", "/api/officer/broadcasts", { title: "Họp 2", text: "Họp thôn tối mai.", audience: GROUPS, action: "now" });
    expect([one.status, two.status]).toEqual([201, 201]);
    await waitFor(() => (s!.services.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending','sending')").get() as { n: number }).n === 0, 10_000, "sent");
    const total = outboxRows();
    const report = (await call("GET", `/api/officer/broadcasts/${one.body.id}/report`)).body;
    const delivered = report.deliveries.filter((x: any) => x.outboxId !== null).map((x: any) => x.outboxId as number);
    expect(delivered.length).toBeGreaterThan(0);
    const otherIds = (await call("GET", `/api/officer/broadcasts/${two.body.id}/report`)).body.deliveries.map((x: any) => x.outboxId).filter((x: any) => x !== null);
    for (const body of [{}, { outboxIds: delivered }, { outboxIds: otherIds }, { outboxIds: [999999] }]) {
      const r = await call("POST", `/api/officer/broadcasts/${one.body.id}/resend`, body);
      expect(r.status, JSON.stringify(body) + JSON.stringify(r.body)).toBe(409);
    }
    expect(outboxRows()).toBe(total);
    expect((s!.services.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n).toBe(0);
  });
});

describe("attack: the Friday reports' reminder button", () => {
  it("pressed twice (a double click, two officers at once) reminds each village head once, not twice", async () => {
    await boot(vn(2026, 12, 4, 9, 0)); // Friday 4 Dec, 09:00
    // The heads wrote to the OA this week: they can be messaged.
    for (const v of s!.services.config.commune.villages) if (v.head.zaloUserId) await new Resident(s!, v.head.zaloUserId).say("chào");
    const first = await call("POST", "/api/officer/reports/remind-missing");
    expect(first.status).toBe(200);
    expect(first.body.villageIds.length).toBeGreaterThan(0);
    const again = await call("POST", "/api/officer/reports/remind-missing");
    expect(again.status).toBe(409);
    const perHead = s!.services.database.sqlite.prepare("SELECT recipient_id AS r, count(*) AS n FROM outbox WHERE origin LIKE 'broadcast:%' GROUP BY recipient_id").all() as { r: string; n: number }[];
    expect(perHead.length).toBeGreaterThan(0);
    expect(perHead.every((x) => x.n === 1)).toBe(true);
    // An hour later, with villages still missing, reminding again is allowed.
    s!.advance(61 * MIN);
    expect((await call("POST", "/api/officer/reports/remind-missing")).status).toBe(200);
  });
});

describe("attack: the confirmation clicked twice", () => {
  it("the same broadcast sent now twice in a row (a double click on Gửi) goes once; another text, or the same later, still goes", async () => {
    const now = vn(2026, 12, 2, 10, 0);
    await boot(now);
    const body = { title: "Họp thôn", text: "Tối nay 19 giờ họp thôn tại nhà văn hoá.", audience: GROUPS, action: "now" };
    const [a, b] = await Promise.all([call("POST", "/api/officer/broadcasts", body), call("POST", "/api/officer/broadcasts", body)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(s!.services.broadcasts.repo.listBroadcasts(100).filter((x) => x.title === "Họp thôn").length).toBe(1);
    expect((await call("POST", "/api/officer/broadcasts", { ...body, text: "Tối mai 19 giờ họp thôn tại nhà văn hoá." })).status).toBe(201);
    s!.advance(11 * MIN);
    expect((await call("POST", "/api/officer/broadcasts", body)).status).toBe(201);
  });
});

describe("attack: the broadcasts' audit trail read by any officer", () => {
  it("shows the broadcasts' and schedules' actions, not the admin's commune history with the staff's Zalo and app ids", async () => {
    await boot(vn(2026, 12, 2, 10, 0));
    const admin = { authorization: `Bearer ${s!.services.gds.auth.issue(DEMO.admin).session}` };
    const officer = { authorization: `Bearer ${s!.services.gds.auth.issue(DEMO.officer).session}` };
    const doc = JSON.parse((await s!.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: admin })).body);
    const preview = (await s!.app.inject({ method: "POST", url: "/api/admin/commune/import", headers: admin, payload: { doc, apply: false } })).json();
    const imported = await s!.app.inject({ method: "POST", url: "/api/admin/commune/import", headers: admin, payload: { doc, apply: true, baseVersion: preview.version } });
    expect(imported.statusCode).toBe(200);
    expect((await call("POST", "/api/officer/broadcasts", { title: "Họp", text: "Họp thôn tối nay.", audience: GROUPS, action: "draft" })).status).toBe(201);
    // The admin's own history has the import; an officer is refused it.
    expect((await s!.app.inject({ method: "GET", url: "/api/admin/commune/history", headers: officer })).statusCode).toBe(403);
    const trail = await s!.app.inject({ method: "GET", url: "/api/officer/audit", headers: officer });
    expect(trail.statusCode).toBe(200);
    const actions = (trail.json() as { action: string }[]).map((a) => a.action);
    expect(actions).toContain("broadcast.create");
    expect(actions.every((a) => /^(broadcast|schedule|nudges)\./.test(a))).toBe(true);
    const staffIds = [...s!.services.config.commune.villages.flatMap((v) => [v.head.zaloUserId, v.head.appUserId]), ...s!.services.config.commune.officers.flatMap((o) => [o.zaloUserId, o.appUserId])].filter((x): x is string => !!x);
    expect(staffIds.length).toBeGreaterThan(0);
    for (const id of staffIds) expect(trail.body).not.toContain(id);
  });
});

