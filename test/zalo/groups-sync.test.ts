import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { Resident } from "../support/resident";
import { startStack, waitFor, type Stack } from "../support/stack";
import { AUTH, bootWithGroups, postToVillage, row, settleGroups } from "./groups-support";

describe("groups change under us: sync with Zalo's group APIs and refused posts", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("at start, every page of getgroupsofoa and each group's getgroup fill the registry; a configured group Zalo does not know is not posted into", async () => {
    s = await bootWithGroups((st) => {
      // 60 more groups of the OA: more than one page of the list.
      for (let i = 0; i < 60; i++) st.sim.sim.upsertGroup({ group_id: `g-extra-${i}`, name: `Nhóm phụ ${i}`, owned_by_oa: true, asset_type: "gmf10" });
      st.sim.sim.upsertGroup({ group_id: "g-ha-tien", name: "Tổ CNS Hạ Tiến", owned_by_oa: true, status: "disabled", asset_type: "gmf50", member_user_ids: ["8200000000000000001", "8200000000000000002"] });
      // Đắk Rơ's configured group is not the OA's on Zalo (wrong id, or another OA's group).
      st.sim.sim.upsertGroup({ group_id: "g-dak-ro", name: "Tổ CNS làng Đắk Rơ", owned_by_oa: false });
    });
    const byEndpoint = s.sim.sim.stats().byEndpoint;
    expect(byEndpoint["GET /v3.0/oa/group/getgroupsofoa"]).toBeGreaterThanOrEqual(2);
    expect(byEndpoint["GET /v3.0/oa/group/getgroup"]).toBeGreaterThanOrEqual(63);
    const all = s.services.groups.registry.all();
    expect(all.filter((r) => r.groupId.startsWith("g-extra-"))).toHaveLength(60);
    expect(row(s, "g-extra-59")).toMatchObject({ status: "active", maxMembers: 10, memberCount: 0, villageId: null });
    expect(row(s, "g-ha-tien")).toMatchObject({ status: "disabled", zaloStatus: "disabled", memberCount: 2, maxMembers: 50, villageId: "thon-ha-tien" });
    expect(row(s, "g-dak-ro")).toMatchObject({ status: "not_owned", statusReason: "getgroup: -403" });
    expect(row(s, "tan-phuc-thu-cong")).toMatchObject({ status: "not_owned", statusReason: "hand_made" });
    expect(row(s, "g-dong-xuan-1")?.lastSyncAt).not.toBeNull();

    // Officers see each village's groups with members against the limit.
    const view = (await s.app.inject({ method: "GET", url: "/api/officer/groups", headers: AUTH })).json() as {
      villages: { villageId: string; groups: { groupId: string; status: string; usedForPosts: boolean; handMade: boolean; memberCount: number | null; maxMembers: number | null }[] }[];
      otherGroups: unknown[];
    };
    const haTien = view.villages.find((v) => v.villageId === "thon-ha-tien")!.groups[0]!;
    expect(haTien).toMatchObject({ status: "disabled", usedForPosts: false, memberCount: 2, maxMembers: 50 });
    expect(view.villages.find((v) => v.villageId === "thon-tan-phuc")!.groups[0]).toMatchObject({ handMade: true, usedForPosts: false });
    expect(view.otherGroups).toHaveLength(60);

    // Nothing is posted into the disabled or the foreign group: both villages' posts go through their heads.
    const report = await postToVillage(s, "thon-ha-tien", "Thông báo thu gom rác thứ Bảy.");
    expect(report.deliveries.find((d) => d.targetId === "g-ha-tien")).toMatchObject({ channel: "none", reason: expect.stringContaining("đang bị khoá") });
    const dakRo = await postToVillage(s, "lang-dak-ro", "Thông báo thu gom rác thứ Bảy.");
    expect(dakRo.deliveries[0]!.reason).toContain("không còn do tài khoản Zalo của xã quản lý");
    expect(s.sim.sim.stats().byEndpoint["POST /v3.0/oa/group/message"] ?? 0).toBe(0);
  });

  it("a post refused with -237 (package lapsed) or -403 (not the OA's) marks the group; the next post is re-planned", async () => {
    s = await bootWithGroups();
    await new Resident(s, "7000000000000000102").say("chào");
    expect(row(s, "g-ha-tien")?.status).toBe("active");
    expect(row(s, "g-dong-xuan-1")?.status).toBe("active");
    // Zalo changes without any event: the package lapses; the other group is taken from the OA.
    s.sim.sim.upsertGroup({ group_id: "g-ha-tien", name: "Tổ CNS Hạ Tiến", owned_by_oa: true, status: "disabled" });
    s.sim.sim.upsertGroup({ group_id: "g-dong-xuan-1", name: "Tổ CNS Đông Xuân - cụm 1", owned_by_oa: false });

    const first = await postToVillage(s, "thon-ha-tien", "Lịch cắt điện ngày mai.");
    expect(first.deliveries.find((d) => d.targetId === "g-ha-tien")!.channel).toBe("group"); // the bot could not know yet
    await waitFor(() => row(s, "g-ha-tien")?.status === "disabled", 10_000, "the -237 marks the group");
    expect(row(s, "g-ha-tien")?.statusReason).toBe("send refused: -237");
    await postToVillage(s, "thon-dong-xuan", "Lịch cắt điện ngày mai.");
    await waitFor(() => row(s, "g-dong-xuan-1")?.status === "not_owned", 10_000, "the -403 marks the group");
    expect(row(s, "g-dong-xuan-2")?.status).toBe("active");

    const next = await postToVillage(s, "thon-ha-tien", "Lịch cắt điện đã đổi.");
    expect(next.deliveries.find((d) => d.targetId === "g-ha-tien")).toMatchObject({ channel: "relay", reason: expect.stringContaining("đang bị khoá") });
    expect((await new Resident(s, "7000000000000000102").inbox()).at(-1)!.text).toContain("Lịch cắt điện đã đổi.");
  });

  it("the sync runs again a day later, and a start without a Zalo connection is retried, never crashing", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 1, 0));
    s = await startStack({ clock, connect: false, env: { ADMIN_TOKEN: "officer-token" } });
    for (const v of s.services.config.commune.villages) for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
    const sync = s.services.groups.sync;
    await sync.tick(clock.now()); // not connected yet: fails, logged
    expect(sync.syncedAt()).toBeUndefined();
    await s.services.tokens.connectWithRefreshToken(s.sim.sim.issueGrant().refresh_token);
    await sync.tick(clock.now() + 60_000); // too soon to retry
    expect(sync.syncedAt()).toBeUndefined();
    s.advance(16 * 60_000);
    await sync.tick(clock.now());
    expect(sync.syncedAt()).toBe(clock.now());
    const firstSync = clock.now();

    s.sim.sim.upsertGroup({ group_id: "g-dak-ro", name: "Tổ CNS làng Đắk Rơ", owned_by_oa: true, status: "disabled" });
    s.advance(3600_000);
    await sync.tick(clock.now());
    expect(sync.syncedAt()).toBe(firstSync);
    expect(row(s, "g-dak-ro")?.status).toBe("active");
    s.advance(24 * 3600_000);
    await sync.tick(clock.now());
    expect(sync.syncedAt()).toBe(clock.now());
    expect(row(s, "g-dak-ro")?.status).toBe("disabled");

    // The next day Zalo fails the list: retried after 15 minutes, not at every minute's tick.
    const lists = () => s.sim.sim.stats().byEndpoint["GET /v3.0/oa/group/getgroupsofoa"] ?? 0;
    s.sim.sim.pushFaults("group", [{ code: -32 }]);
    s.advance(24 * 3600_000);
    const before = lists();
    await sync.tick(clock.now());
    expect(lists()).toBe(before + 1);
    s.advance(60_000);
    await sync.tick(clock.now());
    expect(lists()).toBe(before + 1);
    s.advance(15 * 60_000);
    await sync.tick(clock.now());
    expect(sync.syncedAt()).toBe(clock.now());
    await settleGroups(s);
  });

  it("officers only: the groups view needs an officer, and a bad village id is refused in plain words", async () => {
    s = await bootWithGroups();
    expect((await s.app.inject({ method: "GET", url: "/api/officer/groups" })).statusCode).toBe(401);
    const bad = await s.app.inject({ method: "GET", url: "/api/officer/groups?villageId=DROP%20TABLE", headers: AUTH });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: { code: "bad_request", message: "Mã thôn không hợp lệ." } });
    expect((await s.app.inject({ method: "GET", url: "/api/officer/groups?villageId=thon-khong-co", headers: AUTH })).statusCode).toBe(404);
  });
});
