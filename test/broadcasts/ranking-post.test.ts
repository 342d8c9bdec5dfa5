import { describe, expect, it } from "vitest";
import { ScheduleContent, type ReportSignals } from "../../bot/broadcasts/schedule-content";
import type { TeamScheduleRepo } from "../../bot/chat/team-schedule-repo";
import { demoCommune } from "../support/env";

const row = { id: 1, kind: "ranking", name: "Xếp hạng thứ Sáu", cron: "0 17 * * 5", enabled: true, template: null, audience: null, updatedBy: "seed", updatedAt: 0, seedKey: "default:ranking" } as const;

function post(verified: boolean): string {
  const reports: ReportSignals = {
    villagesWithoutReport: () => [],
    thisWeek: () => ({ label: "tuần 23/11–29/11/2026", dueAt: 0, notReported: [] }),
    ranking: () => [
      { villageId: "a", name: "Thôn Đông Xuân", rank: 1, percent: 50, needed: 3, verified },
      { villageId: "b", name: "Thôn Hạ Tiến", rank: 1, percent: 50, needed: 3, verified },
      { villageId: "c", name: "Thôn Tân Phúc", rank: 3, percent: 0, needed: 9, verified },
    ],
  };
  const content = new ScheduleContent(demoCommune(), {} as TeamScheduleRepo, () => reports);
  return content.build(row as never, Date.parse("2026-11-27T10:00:00Z"))[0]!.text!;
}

describe("the Friday ranking post", () => {
  it("gives villages with equal figures the same rank", () => {
    expect(post(false)).toMatch(/1\. Thôn Đông Xuân: 50%[^\n]*\n1\. Thôn Hạ Tiến: 50%[^\n]*\n3\. Thôn Tân Phúc: 0%/);
  });

  it("says when the commune ranks on what village heads confirmed", () => {
    expect(post(true)).toContain("50% hộ đạt “Gia đình số” (trưởng thôn đã xác nhận)");
    expect(post(false)).not.toContain("xác nhận");
  });
});
