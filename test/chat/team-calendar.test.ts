/**
 * Issue 15, the mobile team's calendar: officers create, edit, move and cancel sessions through the API
 * (zod at the boundary, Vietnamese errors that change nothing, every change audited with before/after);
 * a village head reads only their village; the chat and the morning-of reminder read the edited calendar
 * at once; a restart never brings back from the commune file a session the commune moved or cancelled;
 * the import/export round trip in the commune file's shape.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuditLog } from "../../bot/audit/audit-log";
import { ManualClock } from "../../bot/clock";
import { communeConfigSchema } from "../../bot/config/commune";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { tempDir } from "../support/env";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/** Vietnam is UTC+7: a local wall time as epoch ms. */
const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);
const MONDAY = vn(2026, 11, 23, 9); // Monday 23/11/2026 09:00

interface Session {
  id: number;
  villageId: string;
  date: string;
  start: string;
  end: string;
  place: string;
  status: string;
  papers: string[];
  procedures: string[];
  note: string | null;
  movedFrom: string | null;
  weekday: string;
  dateText: string;
}

type Caller = (who: string | null, method: "GET" | "POST" | "PATCH", url: string, payload?: unknown) => Promise<{ status: number; body: any }>;

function helpers(call: Caller) {
  const calendar = async (who: string = DEMO.officer) => (await call(who, "GET", "/api/officer/team-sessions")).body as { items: Session[]; villages: { id: string }[]; priorityProcedures: string[]; papers: string[] };
  const find = async (villageId: string, date: string, start?: string) => (await calendar()).items.find((x) => x.villageId === villageId && x.date === date && (start === undefined || x.start === start) && x.status === "scheduled");
  return { calendar, find };
}

function audit(db: GdsTestApp["services"]["database"]["db"]) {
  return new AuditLog(db).list({ limit: 1000 }).filter((e) => e.action.startsWith("team_session"));
}

describe("the mobile team's calendar API", () => {
  let t: GdsTestApp;
  afterEach(async () => t?.close());

  const boot = async () => {
    t = await createGdsApp({ clock: new ManualClock(MONDAY) });
    return helpers((who, method, url, payload) => t.call(who, method, url, payload));
  };

  it("creates, edits, moves and cancels a session; each change is audited with before and after", async () => {
    const { calendar } = await boot();
    const cal = await calendar();
    expect(cal.items).toHaveLength(8); // the commune file's sessions, seeded on the first start
    expect(cal.priorityProcedures.length).toBeGreaterThan(0);

    const created = await t.call(DEMO.officer, "POST", "/api/officer/team-sessions", {
      villageId: "thon-tan-phuc",
      date: "2026-12-05",
      start: "08:00",
      end: "11:00",
      place: "Nhà văn hóa thôn Tân Phúc",
      procedures: [cal.priorityProcedures[0]],
      note: "Mang theo sổ hộ khẩu cũ nếu còn",
    });
    expect(created.status).toBe(201);
    const s = created.body.session as Session;
    expect(s).toMatchObject({ villageId: "thon-tan-phuc", date: "2026-12-05", weekday: "Thứ Bảy", dateText: "05/12", status: "scheduled", procedures: [cal.priorityProcedures[0]] });
    expect(s.papers).toEqual(cal.papers); // the team's usual papers when left out

    const edited = await t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${s.id}`, { place: "Sân nhà văn hóa thôn Tân Phúc", end: "11:30", papers: ["Căn cước"] });
    expect(edited.status).toBe(200);
    expect(edited.body.session).toMatchObject({ place: "Sân nhà văn hóa thôn Tân Phúc", end: "11:30", papers: ["Căn cước"], movedFrom: null });

    const moved = await t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${s.id}`, { date: "2026-12-06", start: "13:30", end: "16:30" });
    expect(moved.status).toBe(200);
    expect(moved.body.session).toMatchObject({ date: "2026-12-06", weekday: "Chủ nhật", start: "13:30", movedFrom: "08:00 Thứ Bảy 05/12" });

    const cancelled = await t.call(DEMO.officer, "POST", `/api/officer/team-sessions/${s.id}/cancel`, { reason: "Tổ đi tập huấn" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.session).toMatchObject({ status: "cancelled", cancelReason: "Tổ đi tập huấn" });
    expect(cancelled.body.warnings).toEqual([]);
    // Kept, shown as cancelled: not deleted.
    expect((await calendar()).items.find((x) => x.id === s.id)?.status).toBe("cancelled");
    // A cancelled session is not edited any more.
    expect((await t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${s.id}`, { place: "X" })).status).toBe(409);

    const trail = audit(t.services.database.db).reverse();
    expect(trail.map((e) => e.action)).toEqual(["team_session.create", "team_session.edit", "team_session.move", "team_session.cancel"]);
    for (const e of trail) {
      expect(e.target).toBe(`team_session:${s.id}`);
      expect(e.actor).toContain(DEMO.officer);
    }
    expect(trail[0]!.before).toBeUndefined();
    expect(trail[0]!.after).toMatchObject({ place: "Nhà văn hóa thôn Tân Phúc", date: "2026-12-05" });
    expect(trail[1]!.before).toMatchObject({ place: "Nhà văn hóa thôn Tân Phúc", endTime: "11:00" });
    expect(trail[1]!.after).toMatchObject({ place: "Sân nhà văn hóa thôn Tân Phúc", endTime: "11:30", papers: ["Căn cước"] });
    expect(trail[2]!.before).toMatchObject({ date: "2026-12-05", startTime: "08:00" });
    expect(trail[2]!.after).toMatchObject({ date: "2026-12-06", startTime: "13:30", movedFrom: "2026-12-05 08:00" });
    expect(trail[3]!.before).toMatchObject({ status: "scheduled" });
    expect(trail[3]!.after).toMatchObject({ status: "cancelled", cancelReason: "Tổ đi tập huấn" });
  });

  it("refuses bad input in Vietnamese and changes nothing; an overlap is a warning the officer may override", async () => {
    const { calendar } = await boot();
    const before = JSON.stringify((await calendar()).items);
    const base = { villageId: "thon-dong-xuan", date: "2026-12-05", start: "08:00", end: "11:00", place: "Nhà văn hóa thôn Đông Xuân" };
    const refused = async (payload: unknown, status: number, message: RegExp, url = "/api/officer/team-sessions", method: "POST" | "PATCH" = "POST") => {
      const r = await t.call(DEMO.officer, method, url, payload);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.message).toMatch(message);
      return r;
    };
    await refused({ ...base, end: "07:30" }, 400, /Giờ kết thúc phải sau giờ bắt đầu/);
    await refused({ ...base, date: "2026-11-20" }, 400, /Ngày 20\/11\/2026 đã qua: buổi mới phải từ hôm nay trở đi/);
    await refused({ ...base, villageId: "thon-khong-co" }, 400, /Xã không có thôn “thon-khong-co”/);
    await refused({ ...base, date: "2026-02-30" }, 400, /Ngày này không có trên lịch/);
    await refused({ ...base, start: "8h" }, 400, /Giờ phải có dạng giờ:phút/);
    await refused({ ...base, place: "  " }, 400, /Nơi làm việc còn thiếu/);
    await refused({ ...base, extra: 1 }, 400, /không được phép/);
    // Đông Xuân already has 12/12 08:00–11:30: the same start is refused, a crossing time is a warning.
    await refused({ ...base, date: "2026-12-12" }, 409, /Thôn Đông Xuân đã có buổi 08:00–11:30 tại Nhà văn hóa thôn Đông Xuân ngày 12\/12\/2026, cùng giờ bắt đầu/);
    const overlap = await refused({ ...base, date: "2026-12-12", start: "10:00", end: "12:00" }, 409, /trùng giờ với buổi này\. Nếu vẫn muốn lưu, bấm “Vẫn lưu”/);
    expect(overlap.body.error.details).toMatchObject({ allowOverlap: true });
    const existing = (await calendar()).items.find((x) => x.villageId === "thon-dong-xuan" && x.date === "2026-12-12")!;
    await refused({ end: "07:00" }, 400, /Giờ kết thúc phải sau giờ bắt đầu/, `/api/officer/team-sessions/${existing.id}`, "PATCH");
    await refused({ date: "2026-11-01" }, 400, /đã qua/, `/api/officer/team-sessions/${existing.id}`, "PATCH");
    await refused({ place: "x" }, 404, /Không tìm thấy buổi/, "/api/officer/team-sessions/99999", "PATCH");
    expect(JSON.stringify((await calendar()).items)).toBe(before);
    expect(audit(t.services.database.db)).toEqual([]);

    const forced = await t.call(DEMO.officer, "POST", "/api/officer/team-sessions", { ...base, date: "2026-12-12", start: "10:00", end: "12:00", allowOverlap: true });
    expect(forced.status).toBe(201);
    expect(audit(t.services.database.db)).toHaveLength(1);
  });

  it("a village head reads only their village's sessions and cannot edit; a resident reads nothing", async () => {
    await boot();
    const own = await t.call(DEMO.headDongXuan, "GET", "/api/villages/thon-dong-xuan/team-sessions");
    expect(own.status).toBe(200);
    expect(own.body.canEdit).toBe(false);
    expect(own.body.items.map((x: Session) => x.villageId)).toEqual(["thon-dong-xuan", "thon-dong-xuan"]);
    expect(own.body.villages).toEqual([{ id: "thon-dong-xuan", name: "Thôn Đông Xuân" }]);
    const other = await t.call(DEMO.headDongXuan, "GET", "/api/villages/thon-ha-tien/team-sessions");
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain("trưởng thôn của thôn này");
    for (const [method, url] of [
      ["GET", "/api/officer/team-sessions"],
      ["POST", "/api/officer/team-sessions"],
      ["PATCH", "/api/officer/team-sessions/1"],
      ["POST", "/api/officer/team-sessions/1/cancel"],
    ] as const) {
      expect((await t.call(DEMO.headDongXuan, method, url, {})).status, `${method} ${url}`).toBe(403);
      expect((await t.call("8123456789", method, url, {})).status, `${method} ${url}`).toBe(403);
      expect((await t.call(null, method, url, {})).status, `${method} ${url}`).toBe(401);
    }
    expect((await t.call("8123456789", "GET", "/api/villages/thon-dong-xuan/team-sessions")).status).toBe(403);
    // Officers read any village's.
    expect((await t.call(DEMO.officer, "GET", "/api/villages/thon-ha-tien/team-sessions")).body.items).toHaveLength(2);
  });

  it("exports the calendar in the commune file's shape and replaces it on another install (transactional, audited)", async () => {
    await boot();
    const cal = helpers((who, method, url, payload) => t.call(who, method, url, payload));
    const dx = (await cal.find("thon-dong-xuan", "2026-12-12"))!;
    await t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${dx.id}`, { date: "2026-12-19", note: "Dời vì trùng họp thôn", papers: ["Căn cước"] });
    const ht = (await cal.find("thon-ha-tien", "2026-12-12"))!;
    await t.call(DEMO.officer, "POST", `/api/officer/team-sessions/${ht.id}/cancel`, {});
    const exported = t.services.chat.team.exportSessions();
    expect(exported).toHaveLength(7); // the cancelled one is left out
    expect(exported.find((x) => x.villageId === "thon-dong-xuan" && x.date === "2026-12-19")).toMatchObject({ start: "08:00", note: "Dời vì trùng họp thôn", papers: ["Căn cước"] });
    // Sessions with the team's usual papers do not repeat them in the file.
    expect(exported.filter((x) => x.papers !== undefined)).toHaveLength(1);
    // The commune file's schema takes it as it is.
    const raw = JSON.parse(readFileSync("bot/config/communes/demo.json", "utf8"));
    raw.mobileTeam.sessions = exported;
    expect(communeConfigSchema.safeParse(raw).success).toBe(true);
    await t.close();

    // A fresh install: the file's sessions, then the import replaces them all.
    t = await createGdsApp({ clock: new ManualClock(MONDAY) });
    const team = t.services.chat.team;
    expect(team.exportSessions()).not.toEqual(exported);
    // A bad list changes nothing.
    const fresh = team.exportSessions();
    expect(() => team.replaceSessions([...exported, { ...exported[0], villageId: "khong-co" }], "admin-token")).toThrow(/Buổi thứ 8 của lịch tổ lưu động: Xã không có thôn “khong-co”/);
    expect(() => team.replaceSessions([exported[0], exported[0]], "admin-token")).toThrow(/trùng với một buổi khác/);
    expect(() => team.replaceSessions([{ ...exported[0], end: "07:00" }], "admin-token")).toThrow(/giờ kết thúc phải sau giờ bắt đầu/);
    expect(() => team.checkSessions([{ ...exported[0], end: "07:00" }])).toThrow(/giờ kết thúc phải sau giờ bắt đầu/);
    expect(team.checkSessions(exported)).toHaveLength(7);
    expect(team.exportSessions()).toEqual(fresh);
    expect(team.replaceSessions(exported, "admin-token")).toBe(7);
    expect(team.exportSessions()).toEqual(exported);
    const entry = new AuditLog(t.services.database.db).list({ action: "team_sessions.replace" })[0]!;
    expect(entry).toMatchObject({ actor: "admin-token", target: "team_sessions", before: fresh, after: exported });
  });

  it("a restart never brings back from the commune file a session the commune moved or cancelled", async () => {
    const dir = tempDir();
    const dbPath = join(dir.dir, "restart.sqlite");
    try {
      t = await createGdsApp({ clock: new ManualClock(MONDAY), dbPath });
      const { find, calendar } = helpers((who, method, url, payload) => t.call(who, method, url, payload));
      const dx = (await find("thon-dong-xuan", "2026-12-12"))!;
      expect((await t.call(DEMO.officer, "PATCH", `/api/officer/team-sessions/${dx.id}`, { date: "2026-12-19" })).status).toBe(200);
      const ht = (await find("thon-ha-tien", "2026-12-12"))!;
      expect((await t.call(DEMO.officer, "POST", `/api/officer/team-sessions/${ht.id}/cancel`, {})).status).toBe(200);
      const before = (await calendar()).items;
      await t.close();

      t = await createGdsApp({ clock: new ManualClock(MONDAY), dbPath });
      const again = helpers((who, method, url, payload) => t.call(who, method, url, payload));
      expect((await again.calendar()).items).toEqual(before);
      expect(await again.find("thon-dong-xuan", "2026-12-12")).toBeUndefined();
      expect(await again.find("thon-ha-tien", "2026-12-12")).toBeUndefined();
      // A database from before the seeding record (sessions there, no record): marked seeded, nothing added.
      const sqlite = t.services.database.sqlite;
      sqlite.prepare("DELETE FROM team_schedule_seed").run();
      await t.close();
      t = await createGdsApp({ clock: new ManualClock(MONDAY), dbPath });
      expect((await helpers((who, method, url, payload) => t.call(who, method, url, payload)).calendar()).items).toEqual(before);
      expect(t.services.chat.schedule.seeded()?.source).toBe("existing");
    } finally {
      await t?.close();
      // @ts-expect-error closed above
      t = undefined;
      dir.cleanup();
    }
  });
});

describe("the chat and the reminders read the edited calendar at once", () => {
  let s: Stack;
  let clock: ManualClock;
  afterEach(async () => s?.close());

  const boot = async (at: number) => {
    clock = new ManualClock(at);
    s = await startStack({ clock, env: { ADMIN_TOKEN: "officer-token" } });
    for (const v of s.services.config.commune.villages) {
      for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
    }
  };
  const call: Caller = async (_who, method, url, payload) => {
    const res = await s.app.inject({ method, url, headers: { authorization: `Bearer ${s.services.gds.auth.issue(DEMO.officer).session}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.json() };
  };
  const teamPosts = (groupId: string) => s.sim.sim.groupMessages(groupId).filter((m) => m.text.includes("Tổ dịch vụ công lưu động"));

  it("the resident's question is answered with the session just added, then without it once cancelled", async () => {
    await boot(MONDAY);
    const { find } = helpers(call);
    const r = new Resident(s, "8600000000000015001");
    await r.say("chào");
    await r.say("lịch lưu động");
    const [first] = await r.say("dong xuan");
    expect(first!.text).toContain("Thứ Bảy 28/11/2026, 08:00–11:30 tại Nhà văn hóa thôn Đông Xuân");
    expect(first!.text).not.toContain("03/12/2026");

    const added = await call(null, "POST", "/api/officer/team-sessions", { villageId: "thon-dong-xuan", date: "2026-12-03", start: "14:00", end: "16:30", place: "Sân bóng thôn Đông Xuân" });
    expect(added.status).toBe(201);
    const [second] = await r.say("lịch tổ lưu động");
    expect(second!.text).toContain("Thứ Năm 03/12/2026, 14:00–16:30 tại Sân bóng thôn Đông Xuân");

    // Cancel the 28/11 one, move the new one: the next answer says so at once.
    const sat = (await find("thon-dong-xuan", "2026-11-28"))!;
    expect((await call(null, "POST", `/api/officer/team-sessions/${sat.id}/cancel`, { reason: "Mưa bão" })).status).toBe(200);
    expect((await call(null, "PATCH", `/api/officer/team-sessions/${added.body.session.id}`, { date: "2026-12-04" })).status).toBe(200);
    const [third] = await r.say("lịch tổ lưu động");
    expect(third!.text).not.toContain("28/11/2026");
    expect(third!.text).not.toContain("03/12/2026, 14:00");
    expect(third!.text).toContain("Thứ Sáu 04/12/2026, 14:00–16:30 tại Sân bóng thôn Đông Xuân (đã dời từ 14:00 Thứ Năm 03/12)");
  });

  it("the morning-of reminder skips a cancelled session, announces a moved one on its new day, and the officer hears it had been announced", async () => {
    await boot(MONDAY);
    const { find } = helpers(call);
    const dx = (await find("thon-dong-xuan", "2026-11-28"))!;
    expect((await call(null, "POST", `/api/officer/team-sessions/${dx.id}/cancel`, {})).status).toBe(200);
    const ht = (await find("thon-ha-tien", "2026-11-28"))!;
    const moved = await call(null, "PATCH", `/api/officer/team-sessions/${ht.id}`, { date: "2026-11-29", start: "14:00", end: "16:30" });
    expect(moved.body.warnings).toEqual([]); // nothing announced it yet

    s.setTime(vn(2026, 11, 28, 7, 0)); // Saturday 07:00
    s.services.broadcasts.scheduler.tick(clock.now());
    await settle(s);
    expect(teamPosts("g-dong-xuan-1")).toEqual([]);
    expect(teamPosts("g-ha-tien")).toEqual([]);

    s.setTime(vn(2026, 11, 29, 7, 0)); // Sunday 07:00
    s.services.broadcasts.scheduler.tick(clock.now());
    await settle(s);
    const posts = teamPosts("g-ha-tien");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.text).toContain("Hôm nay, Tổ dịch vụ công lưu động xã Hòa Sơn về Thôn Hạ Tiến");
    expect(posts[0]!.text).toContain("Chủ nhật 29/11/2026, 14:00–16:30");
    expect(teamPosts("g-dak-ro")).toHaveLength(1); // the unchanged one as before

    // A new place after the reminder went, then cancelled: each time the officer is told the village heard of it at 07:00.
    s.setTime(vn(2026, 11, 29, 8, 15));
    const place = await call(null, "PATCH", `/api/officer/team-sessions/${ht.id}`, { place: "Sân bóng thôn Hạ Tiến" });
    expect(place.body.warnings).toEqual([expect.stringMatching(/^Tin nhắc lịch tổ lưu động đã gửi cho Thôn Hạ Tiến lúc 07:00 ngày 29\/11.*buổi này đã đổi nơi làm việc/)]);
    expect((await call(null, "PATCH", `/api/officer/team-sessions/${ht.id}`, { note: "Mang theo ô" })).body.warnings).toEqual([]);
    const late = await call(null, "POST", `/api/officer/team-sessions/${ht.id}/cancel`, { reason: "Máy in hỏng" });
    expect(late.status).toBe(200);
    expect(late.body.warnings).toHaveLength(1);
    expect(late.body.warnings[0]).toMatch(/^Tin nhắc lịch tổ lưu động đã gửi cho Thôn Hạ Tiến lúc 07:00 ngày 29\/11, báo buổi 14:00 Chủ nhật 29\/11\. Bà con có thể vẫn đến theo lịch cũ: hãy báo cho thôn biết buổi này đã huỷ/);
  });
});
