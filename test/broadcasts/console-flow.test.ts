/**
 * Issue 14, "broadcasts as officers expect", at the API against the real app and the simulator: live
 * counts that create nothing, the exact text per channel (the title reaches the group), the sentence
 * to confirm, send now or at a chosen minute (persisted across a restart, cancellable), recurring
 * schedules in words (edit, pause), the live report with Vietnamese failure reasons and a resend,
 * drafts only when saved, every action in the audit log.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { newConversation } from "../../bot/chat/conversation-repo";
import { ManualClock } from "../../bot/clock";
import { cronWords, weeklyCron, weeklyParts } from "../../bot/broadcasts/cron-words";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Vietnam is UTC+7: a local wall time as epoch ms. */
const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);
const DAY = 24 * 3600_000;
const TOKEN = "flow-officer-token";
const auth = { authorization: `Bearer ${TOKEN}` };
const OA_GROUPS = ["g-dong-xuan-1", "g-dong-xuan-2", "g-ha-tien", "g-dak-ro"];
const dir = mkdtempSync(join(tmpdir(), "gds-bc-flow-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

let clock: ManualClock;
async function boot(at: number, dbPath?: string): Promise<Stack> {
  clock = new ManualClock(at);
  const st = await startStack({ clock, env: { ADMIN_TOKEN: TOKEN, ...(dbPath ? { DATABASE_PATH: dbPath } : {}) } });
  for (const v of st.services.config.commune.villages) for (const g of v.zaloGroups) st.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
  return st;
}
const call = async (method: string, url: string, payload?: unknown) => {
  const r = await s!.app.inject({ method: method as any, url, headers: auth, ...(payload !== undefined ? { payload: payload as any } : {}) });
  return { status: r.statusCode, body: r.body ? r.json() : undefined };
};
const broadcastCount = () => s!.services.broadcasts.repo.listBroadcasts(10_000).length;

describe("cron in words", () => {
  it("reads schedules as officers say them, and round-trips the editable ones", () => {
    expect(cronWords("0 14 * * 5")).toBe("Thứ Sáu hằng tuần, 14:00");
    expect(cronWords("0 7 * * *")).toBe("Hằng ngày, 07:00");
    expect(cronWords("30 16 * * 1-5")).toBe("Thứ Hai đến Thứ Sáu, 16:30");
    expect(cronWords("0 19 * * 3")).toBe("Thứ Tư hằng tuần, 19:00");
    expect(cronWords("0 8 * * 1,3,5")).toBe("Thứ Hai, Thứ Tư và Thứ Sáu, 08:00");
    expect(cronWords("0 9 * * 6,0")).toBe("Thứ Bảy và Chủ nhật, 09:00");
    expect(cronWords("0 9 * * 7")).toBe("Chủ nhật hằng tuần, 09:00");
    expect(cronWords("0 8 1 * *")).toBe("Ngày 1 hằng tháng, 08:00");
    expect(cronWords("0 7,17 * * *")).toBe("Hằng ngày, 07:00 và 17:00");
    for (const w of ["0 14 * * 5", "30 16 * * 1-5", "0 7 * * *"].map(cronWords)) expect(w).not.toMatch(/cron|\*|ISO|W\d/);
    expect(weeklyParts("30 16 * * 1-5")).toEqual({ time: "16:30", weekdays: [1, 2, 3, 4, 5] });
    expect(weeklyParts("0 8 1 * *")).toBeUndefined();
    expect(weeklyCron("14:00", [5])).toBe("0 14 * * 5");
    expect(weeklyCron("07:05", [0, 1, 2, 3, 4, 5, 6])).toBe("5 7 * * *");
    expect(() => cronWords("bad")).toThrow();
  });
});

describe("the broadcast flow officers expect", () => {
  it("live counts create nothing; each channel's exact text; the confirmation sentence; an empty audience says why; drafts only when saved", async () => {
    s = await boot(vn(2026, 12, 2, 10, 0)); // Wednesday 2 Dec, 10:00
    await new Resident(s, "7000000000000000103").say("chào"); // Tân Phúc's head wrote today: he can relay
    const before = broadcastCount();
    const body = { title: "Đội lưu động về thôn", text: "Sáng thứ Bảy 8 giờ tại nhà văn hoá. Bà con mang căn cước.", audience: { kind: "village_groups" } };
    const plan = await call("POST", "/api/officer/broadcasts/plan", body);
    expect(plan.status).toBe(200);
    expect(plan.body.counts).toMatchObject({ group: 4, relay: 1 });
    expect(plan.body.relay).toEqual({ heads: 1, recipients: 1, stuck: 0 });
    expect(plan.body.empty).toBeNull();
    expect(plan.body.texts.group).toBe("📢 Đội lưu động về thôn\n\nSáng thứ Bảy 8 giờ tại nhà văn hoá. Bà con mang căn cước.");
    expect(plan.body.texts.relay.villageName).toBe("Thôn Tân Phúc");
    expect(plan.body.texts.relay.text).toMatch(/^📣 Nhờ trưởng thôn chuyển tin sau vào nhóm Zalo của Thôn Tân Phúc[^]*\n\n📢 Đội lưu động về thôn\n\n/);
    expect(plan.body.confirmation).toBe("Gửi tới 4 nhóm Zalo thôn, 1 trưởng thôn chuyển tiếp, ngay bây giờ (10:00 thứ Tư 2/12).");
    // A chosen time, in words.
    const later = await call("POST", "/api/officer/broadcasts/plan", { ...body, audience: { kind: "village_groups", villageIds: ["thon-dong-xuan", "thon-ha-tien"] }, sendAt: vn(2026, 12, 4, 14, 0) });
    expect(later.body.confirmation).toBe("Gửi tới 3 nhóm Zalo thôn, lúc 14:00 thứ Sáu 4/12.");
    // The counts follow the picked villages and kinds.
    expect((await call("POST", "/api/officer/broadcasts/plan", { audience: { kind: "village_groups", villageIds: ["thon-ha-tien"] } })).body.counts.group).toBe(1);
    const heads = await call("POST", "/api/officer/broadcasts/plan", { audience: { kind: "village_heads" } });
    expect(heads.body.total).toBe(4);
    expect(heads.body.counts.cs).toBe(1); // only Tân Phúc's head wrote within 7 days
    // Residents who wrote recently: 8 days ago is outside Zalo's window.
    const now = clock.now();
    const [fresh, old] = ["8800000000000000051", "8800000000000000052"];
    s.services.users.touch(fresh, now - DAY);
    s.services.users.touch(old, now - 8 * DAY);
    for (const u of [fresh, old]) s.services.chat.conversations.save({ ...newConversation(u, now), villageId: "thon-ha-tien" });
    const recent = await call("POST", "/api/officer/broadcasts/plan", { title: "Tin", text: "Tin", audience: { kind: "recent_residents", villageIds: ["thon-ha-tien"] } });
    expect(recent.body).toMatchObject({ total: 1, counts: { cs: 1 } });
    expect(recent.body.texts).toEqual({ cs: "Tin" });
    // Nobody: the reason, in words.
    const nobody = await call("POST", "/api/officer/broadcasts/plan", { audience: { kind: "recent_residents", villageIds: ["lang-dak-ro"] } });
    expect(nobody.body.empty).toBe("Không có ai ở các thôn đã chọn nhắn tin cho trang Zalo của xã trong 7 ngày qua.");
    expect(nobody.body.confirmation).toBe("Không có ai nhận được tin này qua Zalo.");
    const unreachable = await call("POST", "/api/officer/broadcasts/plan", { audience: { kind: "village_heads", villageIds: ["lang-dak-ro"] } });
    expect(unreachable.body.empty).toMatch(/^Không ai trong số 1 người nhận này nhận được tin qua Zalo lúc này\. Lý do: Chưa có Zalo của người này\.$/);
    // Not one row was written by all that previewing.
    expect(broadcastCount()).toBe(before);
    // "Lưu nháp" keeps one; sending that draft later reuses it.
    const saved = await call("POST", "/api/officer/broadcasts", { ...body, action: "draft" });
    expect(saved.status).toBe(201);
    expect(saved.body.status).toBe("draft");
    expect(broadcastCount()).toBe(before + 1);
    const sent = await call("POST", "/api/officer/broadcasts", { ...body, text: `${body.text} Cảm ơn bà con.`, action: "now", draftId: saved.body.id });
    expect(sent.body).toMatchObject({ id: saved.body.id, status: "queued", counts: { group: 4 } });
    expect(broadcastCount()).toBe(before + 1);
    // Sending a draft that already went is refused in words.
    const again = await call("POST", "/api/officer/broadcasts", { ...body, action: "now", draftId: saved.body.id });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe("Bản nháp này đã được gửi hoặc đã xoá.");
    await settle(s);
    // The title the officer typed reaches every OA group.
    for (const g of OA_GROUPS) expect(s.sim.sim.groupMessages(g).map((m) => m.text)).toEqual([`📢 Đội lưu động về thôn\n\n${body.text} Cảm ơn bà con.`]);
    const audit = ((await call("GET", "/api/officer/audit")).body as { action: string }[]).map((a) => a.action);
    expect(audit.slice(0, 3)).toEqual(["broadcast.send", "broadcast.draft_update", "broadcast.create"]);
    // Bad input changes nothing and says why in Vietnamese.
    const bad = await call("POST", "/api/officer/broadcasts", { ...body, action: "at", sendAt: now - 60_000 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toEqual({ code: "bad_request", message: "Giờ hẹn gửi đã qua: chọn một giờ sau bây giờ." });
    const empty = await call("POST", "/api/officer/broadcasts", { ...body, title: " " });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain("Cần tiêu đề.");
    expect(broadcastCount()).toBe(before + 1);
  });

  it("a broadcast scheduled for a minute goes at that minute, even across a restart; a cancelled one never goes", async () => {
    const db = join(dir, "scheduled.sqlite");
    s = await boot(vn(2026, 12, 4, 10, 0), db);
    const at = vn(2026, 12, 4, 14, 0);
    const body = { title: "Họp dân", text: "Mời bà con họp lúc 19 giờ tối nay.", audience: { kind: "village_groups", villageIds: ["thon-ha-tien"] } };
    const kept = await call("POST", "/api/officer/broadcasts", { ...body, action: "at", sendAt: at + 25_000 }); // rounded to the minute
    expect(kept.body).toMatchObject({ status: "scheduled", sendAt: at });
    const dropped = await call("POST", "/api/officer/broadcasts", { ...body, title: "Tin huỷ", text: "Tin này sẽ bị huỷ.", action: "at", sendAt: at });
    const cancel = await call("POST", `/api/officer/broadcasts/${dropped.body.id}/cancel`);
    expect(cancel.body).toMatchObject({ status: "draft", sendAt: null });
    expect((await call("POST", `/api/officer/broadcasts/${dropped.body.id}/cancel`)).status).toBe(409);
    // 13:59: not yet.
    s.setTime(at - 60_000);
    await s.services.broadcasts.scheduler.tickAsync(at - 60_000);
    await settle(s);
    expect(s.sim.sim.groupMessages("g-ha-tien")).toHaveLength(0);
    await s.close();

    // The bot restarts over the same database; its first tick at 14:00 sends it.
    s = await boot(at, db);
    await s.services.broadcasts.scheduler.tickAsync(at);
    await settle(s);
    expect(s.sim.sim.groupMessages("g-ha-tien").map((m) => m.text)).toEqual(["📢 Họp dân\n\nMời bà con họp lúc 19 giờ tối nay."]);
    const report = await call("GET", `/api/officer/broadcasts/${kept.body.id}/report`);
    expect(report.body.broadcast.status).toBe("queued");
    expect(report.body.summary).toMatchObject({ total: 1, sent: 1, percent: 100 });
    expect((await call("GET", `/api/officer/broadcasts/${dropped.body.id}/report`)).body.broadcast.status).toBe("draft");
    const audit = ((await call("GET", "/api/officer/audit")).body as { action: string; target: string }[]).map((a) => `${a.action} ${a.target}`);
    expect(audit).toContain(`broadcast.cancel broadcast:${dropped.body.id}`);
  });

  it("recurring schedules in words, edited by day and time and text, paused; an officer's own weekly message", async () => {
    s = await boot(vn(2026, 12, 3, 9, 0)); // Thursday
    const list = (await call("GET", "/api/officer/broadcast-schedules")).body as any[];
    const digest = list.find((x) => x.kind === "tickets_digest");
    expect(digest.words).toBe("Thứ Hai đến Thứ Sáu, 16:30");
    expect(digest.weekly).toEqual({ time: "16:30", weekdays: [1, 2, 3, 4, 5] });
    const tip = list.find((x) => x.kind === "legal_tip");
    expect(tip.textEditable).toBe(true);
    expect(tip.sample).toContain("Pháp luật trong tuần");
    // Text on a data-built schedule is refused in words.
    const refused = await call("PATCH", `/api/officer/broadcast-schedules/${digest.id}`, { template: "x" });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("soạn tự động");
    const badTime = await call("PATCH", `/api/officer/broadcast-schedules/${tip.id}`, { time: "25:00", weekdays: [5] });
    expect(badTime.status).toBe(400);
    expect(badTime.body.error.message).toContain("Giờ gửi phải có dạng 14:00.");
    // Friday 14:00 with the officer's own text.
    const edited = await call("PATCH", `/api/officer/broadcast-schedules/${tip.id}`, { time: "14:00", weekdays: [5], template: "⚖️ Pháp luật: bà con nhớ đăng ký tạm trú khi ở lại quá 30 ngày." });
    expect(edited.body).toMatchObject({ cron: "0 14 * * 5", words: "Thứ Sáu hằng tuần, 14:00" });
    s.setTime(vn(2026, 12, 4, 14, 0));
    await s.services.broadcasts.scheduler.tickAsync(vn(2026, 12, 4, 14, 0));
    await settle(s);
    expect(s.sim.sim.groupMessages("g-ha-tien").map((m) => m.text)).toEqual(["⚖️ Pháp luật: bà con nhớ đăng ký tạm trú khi ở lại quá 30 ngày."]);
    // Paused: next Friday nothing goes.
    expect((await call("PATCH", `/api/officer/broadcast-schedules/${tip.id}`, { enabled: false })).body.enabled).toBe(false);
    s.setTime(vn(2026, 12, 11, 14, 0));
    await s.services.broadcasts.scheduler.tickAsync(vn(2026, 12, 11, 14, 0));
    await settle(s);
    expect(s.sim.sim.groupMessages("g-ha-tien")).toHaveLength(1);

    // The officer's own weekly message: every Monday 07:30 to Hạ Tiến's group, with its title.
    const mine = await call("POST", "/api/officer/broadcast-schedules", { name: "Lịch tiếp dân", text: "Xã tiếp dân sáng thứ Hai và thứ Năm.", audience: { kind: "village_groups", villageIds: ["thon-ha-tien"] }, time: "07:30", weekdays: [1] });
    expect(mine.status).toBe(201);
    expect(mine.body.words).toBe("Thứ Hai hằng tuần, 07:30");
    expect((await call("POST", "/api/officer/broadcast-schedules", { name: "Lịch tiếp dân", text: "x", audience: { kind: "officers" }, time: "07:30", weekdays: [] })).status).toBe(400);
    s.setTime(vn(2026, 12, 14, 7, 30));
    await s.services.broadcasts.scheduler.tickAsync(vn(2026, 12, 14, 7, 30));
    await settle(s);
    expect(s.sim.sim.groupMessages("g-ha-tien").at(-1)!.text).toBe("📢 Lịch tiếp dân\n\nXã tiếp dân sáng thứ Hai và thứ Năm.");
    const audit = ((await call("GET", "/api/officer/audit")).body as { action: string }[]).map((a) => a.action);
    expect(audit.filter((a) => a.startsWith("schedule."))).toEqual(["schedule.create", "schedule.update", "schedule.update"]);
  });

  it("the report counts to 100%; a refused message is listed with its reason in Vietnamese and sent again", async () => {
    s = await boot(vn(2026, 12, 2, 10, 0));
    const resident = "8800000000000000061";
    const now = clock.now();
    s.sim.sim.upsertUser(resident, { follower: true, last_interaction_at: now - DAY });
    s.services.users.touch(resident, now - DAY, { isFollower: true });
    s.services.chat.conversations.save({ ...newConversation(resident, now), villageId: "thon-ha-tien" });
    s.sim.sim.pushFaults("message", [{ code: -201 }]);
    const sent = await call("POST", "/api/officer/broadcasts", { title: "Tiêm chủng", text: "Thứ Bảy tiêm chủng tại trạm y tế.", audience: { kind: "recent_residents", villageIds: ["thon-ha-tien"] }, action: "now" });
    expect(sent.body.status).toBe("queued");
    await settle(s);
    const r1 = (await call("GET", `/api/officer/broadcasts/${sent.body.id}/report`)).body;
    expect(r1.summary).toMatchObject({ total: 1, refused: 1, percent: 100 });
    const failed = r1.deliveries[0];
    expect(failed).toMatchObject({ status: "failed", canResend: true, failure: "Nội dung tin không hợp lệ với Zalo (quá dài hoặc có ký tự lạ)." });
    expect((await call("POST", `/api/officer/broadcasts/${sent.body.id}/resend`, { outboxIds: [999999] })).status).toBe(409);
    const resent = await call("POST", `/api/officer/broadcasts/${sent.body.id}/resend`, {});
    expect(resent.body).toEqual({ resent: 1 });
    await settle(s);
    const r2 = (await call("GET", `/api/officer/broadcasts/${sent.body.id}/report`)).body;
    expect(r2.summary).toMatchObject({ total: 1, sent: 1, refused: 0, percent: 100 });
    expect(r2.deliveries[0]).toMatchObject({ failure: null, canResend: false });
    expect(s.sim.sim.inbox(resident).map((m) => m.text)).toEqual(["Thứ Bảy tiêm chủng tại trạm y tế."]); // the text already names it: no title line
    expect((await call("POST", `/api/officer/broadcasts/${sent.body.id}/resend`, {})).body.error.message).toBe("Không có tin lỗi nào để gửi lại.");
    const audit = ((await call("GET", "/api/officer/audit")).body as { action: string }[]).map((a) => a.action);
    expect(audit[0]).toBe("broadcast.resend");
  });
});
