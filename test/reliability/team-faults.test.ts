/**
 * Issue 15's mobile team calendar under database faults, through the real app over a real SQLite file:
 * another process holds the write lock longer than the busy timeout, or the disk is full or refuses
 * writes (test/reliability/support/fault-preload.ts). The officer gets a Vietnamese "try again",
 * nothing is written, what the chat tells residents about the next sessions is unchanged, and the same
 * change goes through afterwards.
 */
import { describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO, type GdsTestApp } from "../households/support";
import { during, expectTryAgain, fingerprint, type Fault, faultSuite } from "./support/console-faults";

const suite = faultSuite();
let t: GdsTestApp;

/** Monday 23/11/2026 09:00 in Vietnam (UTC+7). */
const MONDAY = Date.UTC(2026, 10, 23, 2);

/** What the chat answers about the team, village by village, and the calendar as the reminders read it. */
function live(t: GdsTestApp) {
  const team = t.services.chat.team;
  const now = t.clock.now();
  return JSON.stringify({ chat: t.services.config.commune.villages.map((v) => team.describeUpcoming(v, now)), sessions: team.exportSessions() });
}

describe.each<Fault>(["lock", "full", "ioerr"])("the team calendar edited while the database refuses writes (%s)", (fault) => {
  it("create, edit, move, cancel: 'try again', nothing written, the chat's answer unchanged; each goes through afterwards", async () => {
    t = await suite.open({ clock: new ManualClock(MONDAY), env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const cal = (await t.call<{ items: { id: number; villageId: string; date: string; status: string }[]; priorityProcedures: string[] }>(DEMO.officer, "GET", "/api/officer/team-sessions")).body;
    const existing = cal.items.find((s) => s.status === "scheduled")!;
    let createdId = 0;
    const edits: { what: string; run: () => Promise<{ status: number; body: any }> }[] = [
      {
        what: "add a session",
        run: async () => {
          const r = await t.call(DEMO.officer, "POST", "/api/officer/team-sessions", { villageId: "thon-tan-phuc", date: "2026-11-28", start: "08:00", end: "11:00", place: "Nhà văn hóa thôn Tân Phúc", procedures: [cal.priorityProcedures[0]] });
          if (r.status === 201) createdId = r.body.session.id;
          return r;
        },
      },
      { what: "edit a session's place", run: () => t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${existing.id}`, { place: "Sân trường tiểu học", papers: ["Căn cước"] }) },
      { what: "move a session", run: () => t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${existing.id}`, { date: "2026-11-29", start: "13:30", end: "16:30" }) },
      { what: "cancel a session", run: () => t.call(DEMO.officer, "POST", `/api/officer/team-sessions/${createdId}/cancel`, { reason: "Tổ đi tập huấn" }) },
    ];
    for (const e of edits) {
      const before = { db: fingerprint(sqlite), live: live(t) };
      const refused = await during(fault, t.dbPath, suite.disk, e.run);
      expectTryAgain(refused, e.what);
      expect(fingerprint(sqlite), `${e.what}: nothing written`).toEqual(before.db);
      expect(live(t), `${e.what}: the chat's answer unchanged`).toBe(before.live);
      const ok = await e.run();
      expect(ok.status, `${e.what} afterwards: ${JSON.stringify(ok.body)}`).toBeLessThan(300);
      expect(live(t), `${e.what} afterwards: the chat reads it at once`).not.toBe(before.live);
    }
    const tanPhuc = t.services.config.commune.villages.find((v) => v.id === "thon-tan-phuc")!;
    expect(t.services.chat.team.describeUpcoming(tanPhuc, t.clock.now())).not.toContain("28/11");
  }, 60_000);
});
