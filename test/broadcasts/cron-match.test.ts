import { describe, expect, it } from "vitest";
import { cronMatches, lastDueAt, localTime, parseCron } from "../../bot/broadcasts/cron-match";
import { nextPromotionSlot } from "../../bot/broadcasts/channel-planner";

const TZ = "Asia/Ho_Chi_Minh";
const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);

describe("cron matching in the commune's time zone", () => {
  it("reads lists, ranges and steps, and refuses bad expressions", () => {
    const s = parseCron("0,30 8-10/2 * * 1-5");
    expect([...s.minutes]).toEqual([0, 30]);
    expect([...s.hours]).toEqual([8, 10]);
    expect(() => parseCron("61 * * * *")).toThrow(/out of range/);
    expect(() => parseCron("* * *")).toThrow(/5 fields/);
  });

  it("Friday 14:00 in Vietnam is Friday 07:00 UTC", () => {
    const spec = parseCron("0 14 * * 5");
    expect(cronMatches(spec, localTime(vn(2026, 11, 27, 14), TZ))).toBe(true);
    expect(cronMatches(spec, localTime(Date.UTC(2026, 10, 27, 14), TZ))).toBe(false);
    expect(localTime(vn(2026, 11, 29, 0, 5), TZ)).toMatchObject({ weekday: 0, hour: 0, minute: 5, day: 29 });
  });

  it("day-of-month and weekday both restricted: either matches (classic cron)", () => {
    const spec = parseCron("0 9 1 * 1");
    expect(cronMatches(spec, localTime(vn(2026, 12, 1, 9), TZ))).toBe(true); // Tuesday the 1st
    expect(cronMatches(spec, localTime(vn(2026, 11, 30, 9), TZ))).toBe(true); // Monday
    expect(cronMatches(spec, localTime(vn(2026, 12, 2, 9), TZ))).toBe(false);
  });

  it("finds the last due minute before now", () => {
    const spec = parseCron("0 7 * * *");
    expect(lastDueAt(spec, vn(2026, 11, 27, 15), 24 * 3600_000, TZ)).toBe(vn(2026, 11, 27, 7));
    expect(lastDueAt(spec, vn(2026, 11, 27, 6, 59), 3600_000, TZ)).toBeUndefined();
  });

  it("promotion slots: daytime now, night waits for 06:00", () => {
    expect(nextPromotionSlot(vn(2026, 11, 24, 12), TZ)).toBe(vn(2026, 11, 24, 12));
    expect(nextPromotionSlot(vn(2026, 11, 24, 22, 30), TZ)).toBe(vn(2026, 11, 25, 6));
    expect(nextPromotionSlot(vn(2026, 11, 25, 2, 10), TZ)).toBe(vn(2026, 11, 25, 6));
    expect(nextPromotionSlot(vn(2026, 11, 25, 21, 59), TZ)).toBe(vn(2026, 11, 25, 21, 59));
  });
});
