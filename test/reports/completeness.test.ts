/**
 * Issue 14: reporting completeness (like DHIS2's reporting rates) for the Friday reports: expected,
 * received and on time, per week and per village, through the real API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});
/** Vietnam local time (UTC+7). */
const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);
const report = { smartphoneUsers: 120, installed: 80, activated: 60, regularUsers: 40 };

describe("reporting completeness", () => {
  it("counts expected, received and on-time reports per week and village; a late report is received but not on time; heads see their village only", async () => {
    const clock = new ManualClock(vn(2026, 11, 13, 10)); // Friday 13 Nov (week 46), before the 16:00 deadline
    t = await createGdsApp({ clock });
    const villages = t.services.config.commune.villages.length;
    // Week 46: Đông Xuân on time (10:00); Hạ Tiến late (Saturday).
    expect((await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/current", report)).status).toBe(200);
    clock.set(vn(2026, 11, 14, 9));
    expect((await t.call(DEMO.headHaTien, "PUT", "/api/villages/thon-ha-tien/reports/2026-W46", report)).status).toBe(200);
    // Week 47: only Đông Xuân, on time. Week 48: nobody.
    clock.set(vn(2026, 11, 20, 15, 59));
    expect((await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/current", report)).status).toBe(200);
    clock.set(vn(2026, 11, 30, 9)); // Monday 30 Nov: weeks 46-48 are closed, week 49 is not

    const r = await t.call(DEMO.officer, "GET", "/api/reports/completeness?weeks=3");
    expect(r.status).toBe(200);
    expect(r.body.weeks.map((w: any) => w.week)).toEqual(["2026-W46", "2026-W47", "2026-W48"]);
    expect(r.body.weeks[0]).toMatchObject({ label: "tuần 9/11–15/11/2026", expected: villages, received: 2, onTime: 1 });
    expect(r.body.weeks[1]).toMatchObject({ expected: villages, received: 1, onTime: 1 });
    expect(r.body.weeks[2]).toMatchObject({ received: 0, onTime: 0, receivedPercent: 0 });
    const dx = r.body.villages.find((v: any) => v.villageId === "thon-dong-xuan");
    expect(dx).toMatchObject({ expected: 3, received: 2, onTime: 2, receivedPercent: 66.7, onTimePercent: 66.7 });
    expect(dx.weeks.map((c: any) => c.state)).toEqual(["on_time", "on_time", "missing"]);
    const ht = r.body.villages.find((v: any) => v.villageId === "thon-ha-tien");
    expect(ht.weeks.map((c: any) => c.state)).toEqual(["late", "missing", "missing"]);
    expect(r.body.total).toMatchObject({ expected: 3 * villages, received: 3, onTime: 2 });

    const head = await t.call(DEMO.headHaTien, "GET", "/api/reports/completeness?weeks=3");
    expect(head.body.villages.map((v: any) => v.villageId)).toEqual(["thon-ha-tien"]);
    expect((await t.call("8600000000000000901", "GET", "/api/reports/completeness")).status).toBe(403);
    const bad = await t.call(DEMO.officer, "GET", "/api/reports/completeness?weeks=500");
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("52");
  });
});
