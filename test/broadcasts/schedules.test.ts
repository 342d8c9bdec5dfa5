import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { newConversation } from "../../bot/chat/conversation-repo";
import { ManualClock } from "../../bot/clock";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/** Vietnam is UTC+7: a local wall time as epoch ms. */
const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);
const DAY = 24 * 3600 * 1000;

describe("scheduled reminders against the simulator", () => {
  let s: Stack;
  let clock: ManualClock;
  const auth = { authorization: "Bearer officer-token" };

  async function boot(at: number) {
    clock = new ManualClock(at);
    s = await startStack({ clock, env: { ADMIN_TOKEN: "officer-token" } });
    for (const v of s.services.config.commune.villages) {
      for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
    }
  }
  const advance = (ms: number) => s.advance(ms);
  afterEach(async () => s?.close());

  it("the weekly post goes into OA-owned groups; a hand-made group is relayed through its village head; a second firing sends nothing", async () => {
    await boot(vn(2026, 11, 25, 18, 0));
    // The head of Thôn Tân Phúc (whose group he made by hand) chatted with the OA today.
    await new Resident(s, "7000000000000000103").say("chào");
    advance(60 * 60_000); // Wednesday 19:00: the legal tip
    s.services.broadcasts.scheduler.tick(clock.now());
    s.services.broadcasts.scheduler.tick(clock.now()); // the same minute again (restart within the minute)
    await settle(s);
    for (const g of ["g-dong-xuan-1", "g-dong-xuan-2", "g-ha-tien", "g-dak-ro"]) {
      const msgs = s.sim.sim.groupMessages(g);
      expect(msgs, g).toHaveLength(1);
      expect(msgs[0]!.text).toContain("Pháp luật trong tuần");
    }
    expect(s.sim.sim.groupMessages("tan-phuc-thu-cong")).toHaveLength(0);
    const relay = (await new Resident(s, "7000000000000000103").inbox()).at(-1)!;
    expect(relay.text).toContain("Nhờ trưởng thôn chuyển tin sau vào nhóm Zalo của Thôn Tân Phúc");
    expect(relay.text).toContain("Pháp luật trong tuần");
    const schedules = (await s.app.inject({ method: "GET", url: "/api/officer/broadcast-schedules", headers: auth })).json() as { kind: string; firings: { outcome: string; broadcastId: number }[] }[];
    const tip = schedules.find((x) => x.kind === "legal_tip")!;
    expect(tip.firings).toHaveLength(1);
    const report = (await s.app.inject({ method: "GET", url: `/api/officer/broadcasts/${tip.firings[0]!.broadcastId}/report`, headers: auth })).json() as {
      summary: { total: number; sent: number; relayed: number };
      deliveries: { targetId: string; channel: string; reason: string }[];
    };
    expect(report.summary).toMatchObject({ total: 5, sent: 5, relayed: 1 });
    expect(report.deliveries.find((d) => d.targetId === "tan-phuc-thu-cong")!.reason).toContain("trưởng thôn tự lập");
  });

  it("the weekly legal tip is the one officers keep in the console: an edit reaches the next Wednesday's post", async () => {
    await boot(vn(2026, 11, 25, 18, 0));
    const list = (await s.app.inject({ method: "GET", url: "/api/officer/legal-tips", headers: auth })).json() as { items: { id: number }[]; nextId: number };
    const edited = await s.app.inject({
      method: "PUT",
      url: `/api/officer/legal-tips/${list.nextId}`,
      headers: auth,
      payload: { title: "Đăng ký tạm trú trên VNeID", text: "Người ở lại trên 30 ngày khai báo tạm trú qua ứng dụng VNeID, không phải lên trụ sở." },
    });
    expect(edited.statusCode).toBe(200);
    advance(60 * 60_000); // Wednesday 19:00
    s.services.broadcasts.scheduler.tick(clock.now());
    await settle(s);
    const msgs = s.sim.sim.groupMessages("g-ha-tien");
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.text).toContain("Pháp luật trong tuần: Đăng ký tạm trú trên VNeID");
    expect(msgs[0]!.text).toContain("khai báo tạm trú qua ứng dụng VNeID");
  });

  it("Friday: heads are reminded before 16:00 by what Zalo allows; a head with no Zalo is reported unreachable", async () => {
    await boot(vn(2026, 11, 27, 13, 30));
    await new Resident(s, "7000000000000000101").say("chào"); // Đông Xuân's head talks to the OA
    s.sim.sim.upsertUser("7000000000000000102", { follower: true, last_interaction_at: clock.now() - 20 * DAY }); // Hạ Tiến: follower, silent
    s.services.users.touch("7000000000000000102", clock.now() - 20 * DAY, { isFollower: true });
    advance(30 * 60_000); // 14:00 = 16:00 minus the 120-minute lead
    s.services.broadcasts.scheduler.tick(clock.now());
    await settle(s);
    const donXuan = (await new Resident(s, "7000000000000000101").inbox()).at(-1)!;
    expect(donXuan.text).toContain("hạn gửi báo cáo của thôn là 16:00 Thứ Sáu");
    const haTien = s.sim.sim.inbox("7000000000000000102");
    expect(haTien.map((m) => m.channel)).toEqual(["promotion"]);
    const b = (await s.app.inject({ method: "GET", url: "/api/officer/broadcasts", headers: auth })).json()[0];
    const report = (await s.app.inject({ method: "GET", url: `/api/officer/broadcasts/${b.id}/report`, headers: auth })).json() as { deliveries: { targetId: string; channel: string }[] };
    expect(Object.fromEntries(report.deliveries.map((d) => [d.targetId, d.channel]))).toEqual({
      "7000000000000000101": "cs",
      "7000000000000000102": "promotion",
      "7000000000000000103": "none", // never wrote to the OA: no channel reaches him
      "head:lang-dak-ro": "none",
    });
  });

  it("a promotion at 22:30 waits until 06:00, and a resident silent for 8 days gets no consultation message", async () => {
    await boot(vn(2026, 11, 24, 22, 30));
    const follower = "8800000000000000001";
    const stranger = "8800000000000000002";
    s.sim.sim.upsertUser(follower, { follower: true, last_interaction_at: clock.now() - 8 * DAY });
    s.sim.sim.upsertUser(stranger, { follower: false, last_interaction_at: clock.now() - 8 * DAY });
    s.services.users.touch(follower, clock.now() - 8 * DAY, { isFollower: true });
    s.services.users.touch(stranger, clock.now() - 8 * DAY);
    for (const u of [follower, stranger]) s.services.chat.conversations.save({ ...newConversation(u, clock.now()), villageId: "thon-ha-tien" });
    const created = await s.app.inject({
      method: "POST",
      url: "/api/officer/broadcasts",
      headers: auth,
      payload: { title: "Họp thôn", text: "Mời bà con họp thôn tối thứ Bảy.", audience: { kind: "residents", villageIds: ["thon-ha-tien"] } },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().preview).toMatchObject({ promotion: 1, relay: 1, cs: 0 });
    const sent = await s.app.inject({ method: "POST", url: `/api/officer/broadcasts/${created.json().id}/send`, headers: auth });
    expect(sent.statusCode).toBe(200);
    await settle(s);
    expect(s.sim.sim.inbox(follower)).toHaveLength(0); // night: nothing yet
    expect(s.sim.sim.stats().byEndpoint["POST /v3.0/oa/message/cs"] ?? 0).toBe(0);
    advance(7 * 3600_000 + 31 * 60_000); // 06:01
    await settle(s);
    expect(s.sim.sim.inbox(follower).map((m) => [m.channel, m.text])).toEqual([["promotion", "Mời bà con họp thôn tối thứ Bảy."]]);
    expect(s.sim.sim.inbox(stranger)).toHaveLength(0);
    expect((await s.app.inject({ method: "POST", url: `/api/officer/broadcasts/${created.json().id}/send`, headers: auth })).statusCode).toBe(409);
  });

  it("'dừng nhận tin' takes a resident out of broadcasts; receipts reach the delivery report", async () => {
    await boot(vn(2026, 11, 24, 9, 0));
    const a = new Resident(s, "8800000000000000011");
    const b = new Resident(s, "8800000000000000012");
    for (const r of [a, b]) {
      await r.say("lich luu dong");
      await r.say("2");
    }
    const [stopped] = await b.say("dừng nhận tin");
    expect(stopped!.text).toContain("Đã dừng gửi tin nhắc");
    const created = (await s.app.inject({ method: "POST", url: "/api/officer/broadcasts", headers: auth, payload: { title: "Tin", text: "Tin của xã", audience: { kind: "residents" } } })).json();
    await s.app.inject({ method: "POST", url: `/api/officer/broadcasts/${created.id}/send`, headers: auth });
    await settle(s);
    const got = (await a.inbox()).at(-1)!;
    expect(got.text).toBe("Tin của xã");
    expect((await b.inbox()).at(-1)!.text).not.toBe("Tin của xã");
    await fetch(`${s.sim.url}/simulator/api/users/${a.userId}/received`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message_id: got.message_id }) });
    await fetch(`${s.sim.url}/simulator/api/users/${a.userId}/seen`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ message_ids: [got.message_id] }) });
    await settle(s);
    const report = (await s.app.inject({ method: "GET", url: `/api/officer/broadcasts/${created.id}/report`, headers: auth })).json();
    expect(report.summary).toMatchObject({ total: 2, sent: 1, received: 1, seen: 1, unreachable: 1 });
    const audit = (await s.app.inject({ method: "GET", url: "/api/officer/audit", headers: auth })).json() as { action: string }[];
    // The audit log is the commune's one log (the first start also records seeding the commune's data).
    expect(audit.map((x) => x.action).filter((a) => a.startsWith("broadcast."))).toEqual(["broadcast.send", "broadcast.create"]);
  });

  it("after downtime, a firing at most 6 hours late is sent late; an older one is skipped and logged", async () => {
    await boot(vn(2026, 11, 26, 10, 0)); // schedules exist since Thursday
    advance(29 * 3600_000); // the server was down; back at 15:00 Friday: the 14:00 reminder was missed
    s.services.broadcasts.scheduler.tick(clock.now());
    const schedules = (await s.app.inject({ method: "GET", url: "/api/officer/broadcast-schedules", headers: auth })).json();
    const reminder = schedules.find((x: { kind: string }) => x.kind === "report_reminder");
    expect(reminder.firings.map((f: { outcome: string }) => f.outcome)).toEqual(["late"]);
    // Down from Friday 15:00 to Saturday 22:00: Saturday 09:00's nudges and 07:00's team post are too old.
    advance(31 * 3600_000);
    s.services.broadcasts.scheduler.tick(clock.now());
    const after = (await s.app.inject({ method: "GET", url: "/api/officer/broadcast-schedules", headers: auth })).json();
    const team = after.find((x: { kind: string }) => x.kind === "team_visit");
    // Friday 07:00 (8 h late at 15:00) and Saturday 07:00 (15 h late at 22:00): both too old.
    expect(team.firings.map((f: { outcome: string }) => f.outcome)).toEqual(["skipped_missed", "skipped_missed"]);
  });
});

describe("village tags on followers", () => {
  it("a follower whose village the chat learned gets the village tag through Zalo's tag API, moved when it changes", async () => {
    const clock = new ManualClock(vn(2026, 11, 24, 9, 0));
    const s = await startStack({ clock });
    try {
      const r = new Resident(s, "8800000000000000031");
      await r.follow();
      await r.say("lịch lưu động");
      await r.say("Hạ Tiến");
      expect(await s.services.broadcasts.tagger.run()).toBe(1);
      const detail = await s.services.zalo.getUserDetail(r.userId);
      expect(detail.ok && (detail.data.tags_and_notes_info as { tag_names: string[] }).tag_names).toEqual(["Thôn Hạ Tiến"]);
      expect(await s.services.broadcasts.tagger.run()).toBe(0); // nothing left to do
      s.services.chat.conversations.save({ ...s.services.chat.conversations.get(r.userId)!, villageId: "thon-dong-xuan" });
      expect(await s.services.broadcasts.tagger.run()).toBe(1);
      const moved = await s.services.zalo.getUserDetail(r.userId);
      expect(moved.ok && (moved.data.tags_and_notes_info as { tag_names: string[] }).tag_names).toEqual(["Thôn Đông Xuân"]);
    } finally {
      await s.close();
    }
  });
});
