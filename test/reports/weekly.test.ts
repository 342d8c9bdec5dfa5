import cron from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import { cutoffAt, cutoffCron, lastClosedWeek, weekKey, weeksInIsoYear } from "../../bot/reports/iso-week";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const CUTOFF = { weekday: 5, time: "16:00", timeZone: "Asia/Ho_Chi_Minh" };
const cutoffCronOfDemo = cutoffCron(CUTOFF);

describe("ISO weeks in Asia/Ho_Chi_Minh", () => {
  it("handles week 53 and the turn of the year", () => {
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    // Friday 1 January 2027, 16:00 in Việt Nam = 09:00 UTC: the cut-off of 2026-W53.
    expect(new Date(cutoffAt({ isoYear: 2026, isoWeek: 53 }, CUTOFF)).toISOString()).toBe("2027-01-01T09:00:00.000Z");
    expect(weekKey(lastClosedWeek(Date.parse("2027-01-01T09:00:00Z"), CUTOFF))).toBe("2026-W53");
    expect(weekKey(lastClosedWeek(Date.parse("2027-01-01T08:59:59Z"), CUTOFF))).toBe("2026-W52");
    // Sunday 3 January 2027 at 23:30 in Việt Nam is still 2026-W53; Monday is 2027-W01.
    expect(weekKey(lastClosedWeek(Date.parse("2027-01-03T16:30:00Z"), CUTOFF))).toBe("2026-W53");
    expect(weekKey(lastClosedWeek(Date.parse("2027-01-08T09:00:00Z"), CUTOFF))).toBe("2027-W01");
  });

  it("the cron job fires at Friday 16:00 Việt Nam time", () => {
    const task = cron.createTask(cutoffCronOfDemo, () => undefined, { timezone: "Asia/Ho_Chi_Minh" });
    try {
      for (const next of task.getNextRuns(3)) {
        const local = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", weekday: "long", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(next);
        expect(local).toBe("Friday 16:00");
      }
      expect(task.match(new Date("2027-01-01T09:00:00Z"))).toBe(true);
      expect(task.match(new Date("2027-01-01T16:00:00Z"))).toBe(false);
    } finally {
      void task.destroy();
    }
  });
});

describe("weekly snapshots", () => {
  it("a snapshot in a 53-week year lands in the right week, and stays frozen", async () => {
    // Thursday 31 December 2026, 10:00 in Việt Nam.
    t = await createGdsApp({ clock: undefined });
    t.clock.set(Date.parse("2026-12-31T03:00:00Z"));
    const h = (await t.call("6001", "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ ông Cuối Năm" })).body;
    const all = t.services.gds.catalogue.criteria.filter((c) => !c.relevance.flags).map((c) => ({ criterionId: c.id, value: c.relevance.mayDecline ? "khong_ap_dung" : "dat", idempotencyKey: key() }));
    await t.call("6001", "POST", `/api/households/${h.id}/answers`, { changes: all });
    const scheduler = t.services.gds.snapshotScheduler;
    expect(scheduler.expression).toBe("0 16 * * 5");
    // Before the cut-off the job freezes the week before (catch-up semantics: last closed week).
    t.clock.set(Date.parse("2027-01-01T08:59:00Z"));
    expect(scheduler.runNow("cron")).toBe("2026-W52");
    // At 16:00 on Friday 1 January 2027: week 53 of 2026.
    t.clock.set(Date.parse("2027-01-01T09:00:00Z"));
    expect(scheduler.runNow("cron")).toBe("2026-W53");
    expect(scheduler.runNow("cron")).toBeNull(); // never twice
    const meta = t.services.gds.snapshots.meta("2026-W53")!;
    expect(meta).toMatchObject({ isoYear: 2026, isoWeek: 53, trigger: "cron", cutoffAt: Date.parse("2027-01-01T09:00:00Z") });

    // A change after the cut-off does not touch the frozen week; it shows in the live week.
    t.clock.set(Date.parse("2027-01-02T02:00:00Z"));
    await t.call("6001", "POST", `/api/households/${h.id}/answers`, { changes: [{ criterionId: "gui-dinh-vi", value: "chua_dat", idempotencyKey: key() }] });
    const frozen = await t.call(DEMO.officer, "GET", "/api/reports/weeks/2026-W53");
    expect(frozen.status).toBe(200);
    expect(frozen.body).toMatchObject({ week: "2026-W53", source: "snapshot", previousWeek: "2026-W52", cutoffAt: "2027-01-01T09:00:00.000Z" });
    const hatien = (b: any) => b.villages.find((v: { villageId: string }) => v.villageId === "thon-ha-tien");
    expect(hatien(frozen.body)).toMatchObject({ fullyMet: 1, rank: 1 });
    expect(hatien(frozen.body).change.fullyMetPercent).toBe(0);
    const live = await t.call(DEMO.officer, "GET", "/api/reports/weeks/current");
    expect(live.body).toMatchObject({ week: "2026-W53", source: "snapshot" });

    // Next Friday (2027-W01): the change since week 53 shows.
    t.clock.set(Date.parse("2027-01-08T09:00:00Z"));
    expect(scheduler.runNow("cron")).toBe("2027-W01");
    const w1 = await t.call(DEMO.officer, "GET", "/api/reports/weeks/2027-W01");
    expect(w1.body.previousWeek).toBe("2026-W53");
    // 1 of 187 households (0.5%) → 0 of 187: -0.5 points.
    expect(hatien(w1.body)).toMatchObject({ fullyMet: 0, change: { fullyMetPercent: -0.5 } });
    expect(hatien(w1.body).change.criteria["gui-dinh-vi"]).toBe(-100);
    const trend = await t.call(DEMO.officer, "GET", "/api/reports/trend?weeks=5");
    expect(trend.body.weeks.map((w: { week: string }) => w.week)).toEqual(["2027-W01", "2026-W53", "2026-W52"]);
    expect(weekKey({ isoYear: 2026, isoWeek: 53 })).toBe("2026-W53");
    // A past week that was never frozen has no figures; a future week is refused.
    expect((await t.call(DEMO.officer, "GET", "/api/reports/weeks/2026-W40")).status).toBe(404);
    expect((await t.call(DEMO.officer, "GET", "/api/reports/weeks/2027-W30")).status).toBe(422);
  });

  it("a frozen week keeps the verified count and the basis it was ranked on", async () => {
    t = await createGdsApp({ commune: (c) => ({ ...c, target: { ...c.target, basis: "verified" } }) });
    const app = t;
    app.clock.set(Date.parse("2026-07-16T03:00:00Z")); // Thursday 2026-W29
    const h = (await app.call(DEMO.headHaTien, "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ đã kiểm tra", joinAsMember: false })).body;
    const todo: string[] = h.criteria.filter((c: { status: string }) => c.status !== "na").map((c: { id: string }) => c.id);
    await app.call(DEMO.headHaTien, "POST", `/api/households/${h.id}/answers`, { changes: todo.map((criterionId) => ({ criterionId, value: "dat", idempotencyKey: key() })) });
    for (const criterionId of todo) await app.call(DEMO.headHaTien, "POST", `/api/households/${h.id}/verifications`, { criterionId, verified: true, idempotencyKey: key() });
    app.clock.set(Date.parse("2026-07-17T09:00:00Z"));
    expect(app.services.gds.snapshotScheduler.runNow("cron")).toBe("2026-W29");
    // After the cut-off the village head withdraws one confirmation: the frozen week does not move.
    app.clock.set(Date.parse("2026-07-18T02:00:00Z"));
    await app.call(DEMO.headHaTien, "POST", `/api/households/${h.id}/verifications`, { criterionId: todo[0], verified: false, idempotencyKey: key() });
    const frozen = (await app.call(DEMO.officer, "GET", "/api/reports/weeks/2026-W29")).body;
    const ht = frozen.villages.find((v: { villageId: string }) => v.villageId === "thon-ha-tien");
    expect(ht).toMatchObject({ rank: 1, fullyMet: 1, fullyMetVerified: 1, basis: "verified" });
    expect(frozen.totals).toMatchObject({ fullyMetVerified: 1, basis: "verified" });
    expect((await app.call(DEMO.officer, "GET", "/api/villages/thon-ha-tien/dashboard")).body).toMatchObject({ fullyMet: 1, fullyMetVerified: 0 });
    const trend = (await app.call(DEMO.officer, "GET", "/api/reports/trend?weeks=2")).body;
    expect(trend.weeks[0]).toMatchObject({ week: "2026-W29", basis: "verified", totals: { fullyMet: 1, fullyMetVerified: 1 } });
  });

  it("catches up a cut-off missed while the bot was down", async () => {
    t = await createGdsApp();
    t.clock.set(Date.parse("2026-07-18T01:00:00Z")); // Saturday: Friday's cut-off passed
    expect(t.services.gds.snapshotScheduler.runNow("catch_up")).toBeNull(); // nothing registered yet: nothing to freeze
    await t.call("6101", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ bà Bắt Kịp" });
    const r = await t.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze");
    expect(r.body).toEqual({ week: "2026-W29", frozen: true });
    expect(t.services.gds.snapshots.meta("2026-W29")).toMatchObject({ trigger: "catch_up", frozenAt: Date.parse("2026-07-18T01:00:00Z") });
  });
});

describe("village heads' Friday reports", () => {
  it("due Friday 16:00; late and missing reports visible to officers", async () => {
    t = await createGdsApp();
    t.clock.set(Date.parse("2026-07-17T08:00:00Z")); // Friday 15:00 in Việt Nam, week 2026-W29
    const body = { smartphoneUsers: 420, installed: 300, activated: 250, regularUsers: 120, difficulties: "Nhiều người già chưa biết dùng", proposals: "Xin thêm đoàn viên hỗ trợ" };
    const onTime = await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/current", body);
    expect(onTime.status).toBe(200);
    expect(onTime.body).toMatchObject({ week: "2026-W29", late: false, revision: 1, dueAt: "2026-07-17T09:00:00.000Z" });
    let overview = await t.call(DEMO.officer, "GET", "/api/reports/village-reports?week=2026-W29");
    expect(overview.body.items.map((i: { villageId: string; state: string }) => [i.villageId, i.state])).toEqual([
      ["thon-dong-xuan", "on_time"],
      ["thon-ha-tien", "pending"],
      ["thon-tan-phuc", "pending"],
      ["lang-dak-ro", "pending"],
    ]);
    t.clock.set(Date.parse("2026-07-17T10:30:00Z")); // 17:30: after the deadline
    const late = await t.call(DEMO.headHaTien, "PUT", "/api/villages/thon-ha-tien/reports/2026-W29", { ...body, smartphoneUsers: 300, installed: 100, activated: 90, regularUsers: 40 });
    expect(late.body.late).toBe(true);
    // Correcting an on-time report later keeps it on time.
    const fixed = await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/2026-W29", { ...body, regularUsers: 130 });
    expect(fixed.body).toMatchObject({ late: false, revision: 2, regularUsers: 130 });
    overview = await t.call(DEMO.officer, "GET", "/api/reports/village-reports?week=2026-W29");
    expect(overview.body.items.map((i: { state: string }) => i.state)).toEqual(["on_time", "late", "missing", "missing"]);
    expect(overview.body.provinceApp).toBe("i-Hà Tĩnh");
    // Checks: numbers that cannot be, another village's head, a household.
    const bad = await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/current", { ...body, installed: 500 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("Số người đã cài đặt không thể lớn hơn số người dùng điện thoại thông minh");
    expect((await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-ha-tien/reports/current", body)).status).toBe(403);
    expect((await t.call("6201", "PUT", "/api/villages/thon-dong-xuan/reports/current", body)).status).toBe(403);
    // A village head sees their own village's state only.
    const own = await t.call(DEMO.headDongXuan, "GET", "/api/reports/village-reports?week=2026-W29");
    expect(own.body.items.map((i: { villageId: string }) => i.villageId)).toEqual(["thon-dong-xuan"]);
  });
});
