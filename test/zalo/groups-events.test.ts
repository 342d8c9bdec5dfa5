import { afterEach, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/env";
import { Resident } from "../support/resident";
import type { Stack } from "../support/stack";
import { AUTH, bootWithGroups, control, postToVillage, row, settleGroups } from "./groups-support";
import { rawRequest } from "./support";

const OA = TEST_CREDENTIALS.oaId;
const APP = TEST_CREDENTIALS.appId;
const HA_TIEN_HEAD = "7000000000000000102";

/** The documented group lifecycle body (webhook/nhom-chat-gmf/*): no sender, recipient or name. */
const lifecycle = (eventName: string, groupId: string, users?: string[], timestamp = String(Date.now())) =>
  JSON.stringify({ oa_id: OA, group_id: groupId, event_name: eventName, app_id: APP, timestamp, ...(users ? { users: users.map((id) => ({ id })) } : {}) });

/** The raw bodies the bot stored for an event name (what Zalo, here the simulator, actually sent). */
const storedBodies = (s: Stack, eventName: string) =>
  (s.services.database.sqlite.prepare("SELECT raw FROM inbox_events WHERE event_name = ? ORDER BY id").all(eventName) as { raw: string }[]).map((r) => JSON.parse(r.raw) as Record<string, unknown>);

describe("groups change under us: lifecycle events keep the registry and the planner right", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("a documented delete_group marks the group deleted, and the next village post goes to the village head instead", async () => {
    s = await bootWithGroups();
    await new Resident(s, HA_TIEN_HEAD).say("chào"); // the head can be reached (7-day window)
    expect(row(s, "g-ha-tien")).toMatchObject({ status: "active", villageId: "thon-ha-tien", maxMembers: 100 });

    const res = await s.app.inject(rawRequest(lifecycle("delete_group", "g-ha-tien", undefined, "154390853474")));
    expect(res.statusCode).toBe(200);
    await settleGroups(s);
    expect(row(s, "g-ha-tien")).toMatchObject({ status: "deleted", lastEvent: "delete_group" });

    const report = await postToVillage(s, "thon-ha-tien", "Tối nay 19:30 họp thôn tại nhà văn hoá.");
    // The simulator still has the group (only the event said it is gone): nothing was posted into it.
    expect(s.sim.sim.groupMessages("g-ha-tien")).toHaveLength(0);
    const d = report.deliveries.find((x) => x.targetId === "g-ha-tien")!;
    expect(d.channel).toBe("relay");
    expect(d.reason).toContain("đã bị xoá");
    const relayed = (await new Resident(s, HA_TIEN_HEAD).inbox()).at(-1)!;
    expect(relayed.text).toContain("Tối nay 19:30 họp thôn");
  });

  it("the simulator's delete sends the documented body; Zalo then stops listing the group and refuses posts to it with -403", async () => {
    s = await bootWithGroups();
    const r = await control(s, "/groups/g-dong-xuan-1/delete");
    expect(r.delivered).toBe(true);
    await settleGroups(s);
    const [body] = storedBodies(s, "delete_group");
    expect(Object.keys(body!).sort()).toEqual(["app_id", "event_name", "group_id", "oa_id", "timestamp"]);
    expect(body).toMatchObject({ oa_id: OA, app_id: APP, group_id: "g-dong-xuan-1" });
    expect(row(s, "g-dong-xuan-1")?.status).toBe("deleted");

    const list = await s.services.zalo.listGroups(0, 50);
    expect(list.ok && list.data.groups.map((g) => g.groupId)).not.toContain("g-dong-xuan-1");
    const detail = await s.services.zalo.getGroup("g-dong-xuan-1");
    expect(!detail.ok && detail.code).toBe(-403);
    const send = await s.services.zalo.sendGroupMessage("g-dong-xuan-1", { kind: "text", text: "thử" });
    expect(!send.ok && send.code).toBe(-403);
    expect(row(s, "g-dong-xuan-1")?.status).toBe("deleted"); // a refusal does not undo what the event said

    // The village's other group still gets the post; the deleted one is relayed through the head.
    await new Resident(s, "7000000000000000101").say("chào");
    const report = await postToVillage(s, "thon-dong-xuan", "Lịch tiêm phòng cho trẻ tuần sau.");
    expect(s.sim.sim.groupMessages("g-dong-xuan-2").map((m) => m.text)).toEqual(["Lịch tiêm phòng cho trẻ tuần sau."]);
    expect(report.deliveries.find((x) => x.targetId === "g-dong-xuan-1")).toMatchObject({ channel: "relay", reason: expect.stringContaining("đã bị xoá") });
    expect(report.deliveries.find((x) => x.targetId === "g-dong-xuan-2")!.channel).toBe("group");
  });

  it("update_group_info (no name in the body) renames the group from getgroup", async () => {
    s = await bootWithGroups();
    const r = await control(s, "/groups/g-dak-ro/rename", { name: "Tổ CNS làng Đắk Rơ (mới)" });
    expect(r.delivered).toBe(true);
    await settleGroups(s);
    const [body] = storedBodies(s, "update_group_info");
    expect(Object.keys(body!).sort()).toEqual(["app_id", "event_name", "group_id", "oa_id", "timestamp"]);
    expect(row(s, "g-dak-ro")).toMatchObject({ name: "Tổ CNS làng Đắk Rơ (mới)", lastEvent: "update_group_info", status: "active" });
    const view = (await s.app.inject({ method: "GET", url: "/api/officer/groups?villageId=lang-dak-ro", headers: AUTH })).json() as { villages: { groups: { name: string }[] }[] };
    expect(view.villages[0]!.groups[0]!.name).toBe("Tổ CNS làng Đắk Rơ (mới)");
  });

  it("members joining and leaving (user_join_group, user_out_group, or user_leave_group as the page is named) update the count", async () => {
    const members = ["8100000000000000001", "8100000000000000002", "8100000000000000003"];
    s = await bootWithGroups((st) => st.sim.sim.upsertGroup({ group_id: "g-ha-tien", name: "Tổ CNS Hạ Tiến", owned_by_oa: true, member_user_ids: members, asset_type: "gmf50" }));
    expect(row(s, "g-ha-tien")).toMatchObject({ memberCount: 3, maxMembers: 50 });

    const left = await control(s, "/groups/g-ha-tien/remove", { user_id: members[0] });
    expect(left.delivered).toBe(true);
    await settleGroups(s);
    const [body] = storedBodies(s, "user_out_group");
    expect(body).toMatchObject({ group_id: "g-ha-tien", users: [{ id: members[0] }] });
    expect(row(s, "g-ha-tien")).toMatchObject({ memberCount: 2, lastEvent: "user_out_group" });

    await control(s, "/groups/g-ha-tien/join", { user_ids: ["8100000000000000004", "8100000000000000005"] });
    await settleGroups(s);
    expect(row(s, "g-ha-tien")?.memberCount).toBe(4);

    // The page's own name, straight through the webhook: counted at once (and read again from getgroup).
    s.sim.sim.ctx.state.groups.get("g-ha-tien")!.member_user_ids.pop();
    expect((await s.app.inject(rawRequest(lifecycle("user_leave_group", "g-ha-tien", ["8100000000000000005"])))).statusCode).toBe(200);
    await settleGroups(s);
    expect(row(s, "g-ha-tien")).toMatchObject({ memberCount: 3, lastEvent: "user_leave_group" });

    const view = (await s.app.inject({ method: "GET", url: "/api/officer/groups?villageId=thon-ha-tien", headers: AUTH })).json() as { villages: { groups: { memberCount: number; maxMembers: number; status: string }[] }[] };
    expect(view.villages[0]!.groups[0]).toMatchObject({ memberCount: 3, maxMembers: 50, status: "active" });
  });

  it("admin changes are recorded; create_group makes a new group known with its details", async () => {
    s = await bootWithGroups();
    await control(s, "/groups/g-ha-tien/join", { user_id: "8100000000000000009" });
    const a = await control(s, "/groups/g-ha-tien/admins", { user_ids: ["8100000000000000009"], action: "add" });
    expect(a.delivered).toBe(true);
    await settleGroups(s);
    expect(storedBodies(s, "add_group_admin")[0]).toMatchObject({ group_id: "g-ha-tien", users: [{ id: "8100000000000000009" }] });
    expect(row(s, "g-ha-tien")).toMatchObject({ lastEvent: "add_group_admin", status: "active" });

    const c = await control(s, "/groups/create", { group_id: "g-moi", name: "Nhóm mới của xã", member_user_ids: ["8100000000000000010"], asset_type: "gmf10" });
    expect(c.delivered).toBe(true);
    await settleGroups(s);
    expect(row(s, "g-moi")).toMatchObject({ name: "Nhóm mới của xã", status: "active", memberCount: 1, maxMembers: 10, villageId: null, lastEvent: "create_group" });
    const view = (await s.app.inject({ method: "GET", url: "/api/officer/groups", headers: AUTH })).json() as { otherGroups: { groupId: string }[] };
    expect(view.otherGroups.map((g) => g.groupId)).toEqual(["g-moi"]);
  });
});
