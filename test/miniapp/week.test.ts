import { describe, expect, it } from "vitest";
import { weekDays } from "../../miniapp/src/screens/head/week";

describe("weekDays: an ISO week as the days residents say (issue 13 item 8)", () => {
  it("Monday to Sunday, across months and years", () => {
    expect(weekDays("2026-W49")).toBe("30/11–6/12");
    expect(weekDays("2026-W01")).toBe("29/12–4/1"); // ISO week 1 of 2026 starts in 2025
    expect(weekDays("2020-W53")).toBe("28/12–3/1");
    expect(weekDays("2027-W10")).toBe("8/3–14/3");
  });
  it("anything else is returned as it came", () => {
    expect(weekDays("tuần này")).toBe("tuần này");
  });
});
