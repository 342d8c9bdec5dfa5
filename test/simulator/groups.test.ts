import { afterEach, describe, expect, it } from "vitest";
import { client, expectedMac, OA_ID, Receiver, startSim } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
let rx: Receiver | undefined;
afterEach(async () => {
  await sim?.close();
  await rx?.close();
  sim = undefined;
  rx = undefined;
});

describe("Group Message Framework", () => {
  it("sends only to OA-owned, enabled groups (-403 / -237) and lists their messages", async () => {
    rx = await new Receiver().start();
    sim = await startSim({ webhookUrl: rx.url });
    const c = client(sim);
    const token = await c.grant();
    await c.ctl("POST", "/groups", { group_id: "g-thon1", name: "Thôn 1 - cụm A", owned_by_oa: true, member_user_ids: ["u1", "u2"] });
    await c.ctl("POST", "/groups", { group_id: "g-personal", name: "Nhóm Zalo thôn 2", owned_by_oa: false, member_user_ids: ["u3"] });
    await c.ctl("POST", "/groups", { group_id: "g-old", name: "Thôn 3", owned_by_oa: true, status: "disabled" });

    const send = (groupId: string, text: string) => c.api("POST", "/v3.0/oa/group/message", token, { recipient: { group_id: groupId }, message: { text } });
    expect((await send("g-personal", "x")).json).toEqual({ error: -403, message: "OA is not in group" });
    expect((await send("g-missing", "x")).json.error).toBe(-403);
    expect((await send("g-old", "x")).json).toEqual({ error: -237, message: "The group is disabled" });

    const ok1 = await send("g-thon1", "Nhắc: thứ Sáu họp thôn lúc 19h");
    expect(ok1.json).toEqual({ error: 0, message: "Success", data: { message_id: expect.stringMatching(/^\d+$/), group_id: "g-thon1" } });
    await c.ctl("POST", "/clock", { advance_ms: 1000 });
    const ok2 = await send("g-thon1", "[@u1] nhớ mang sổ hộ khẩu");
    expect(ok2.json.error).toBe(0);

    const msgs = (await c.ctl("GET", "/groups/g-thon1/messages")).json as any[];
    expect(msgs.map((m) => [m.from_oa, m.text])).toEqual([
      [true, "Nhắc: thứ Sáu họp thôn lúc 19h"],
      [true, "[@u1] nhớ mang sổ hộ khẩu"],
    ]);
    const conv = await c.api("GET", "/v3.0/oa/group/conversation?group_id=g-thon1&offset=0&count=10", token);
    expect((conv.json.data as any[]).map((m) => m.message)).toEqual(["[@u1] nhớ mang sổ hộ khẩu", "Nhắc: thứ Sáu họp thôn lúc 19h"]);
    expect((await c.api("GET", "/v3.0/oa/group/conversation?group_id=g-personal", token)).json.error).toBe(-403);

    const list = await c.api("GET", "/v3.0/oa/group/getgroupsofoa?offset=0&count=10", token);
    expect(list.json.data.total).toBe(2);
    expect((list.json.data.groups as any[]).map((g) => [g.group_id, g.status, g.total_member])).toEqual([
      ["g-thon1", "enabled", 2],
      ["g-old", "disabled", 0],
    ]);
    const info = await c.api("GET", "/v3.0/oa/group/getgroup?group_id=g-thon1", token);
    expect(info.json.data.group_info).toMatchObject({ group_id: "g-thon1", name: "Thôn 1 - cụm A", max_member: 100 });
    expect(info.json.data.asset_info.asset_type).toBe("gmf100");
    const members = await c.api("GET", "/v3.0/oa/group/listmember?group_id=g-thon1&offset=0&count=10", token);
    expect((members.json.data.members as any[]).map((m) => m.user_id ?? `oa:${m.oa_id}`)).toEqual([`oa:${OA_ID}`, "u1", "u2"]);

    // Echo of the OA's group post, and a member's post reaching the bot.
    await sim.sim.idle();
    const echo = rx.events("oa_send_group_text")[0]!;
    expect(echo.body).toMatchObject({ sender: { id: OA_ID }, recipient: { id: "g-thon1" }, message: { msg_id: ok1.json.data.message_id } });
    const post = await c.ctl("POST", "/groups/g-thon1/text", { user_id: "u2", text: "Đã nhận ạ" });
    expect(post.json).toMatchObject({ delivered: true, emitted: true });
    const ev = rx.events("user_send_group_text")[0]!;
    expect(ev.body).toMatchObject({ sender: { id: "u2" }, recipient: { id: "g-thon1" }, oa_id: OA_ID, message: { text: "Đã nhận ạ", msg_id: post.json.msg_id } });
    expect(ev.headers["x-zevent-signature"]).toBe(`mac=${expectedMac(ev.raw, ev.body.timestamp)}`);
    // Personal groups never reach the OA.
    expect((await c.ctl("POST", "/groups/g-personal/text", { user_id: "u3", text: "hi" })).json.emitted).toBe(false);
    expect((await c.ctl("POST", "/groups/g-thon1/text", { user_id: "u3", text: "hi" })).status).toBe(400);

    const join = await c.ctl("POST", "/groups/g-thon1/join", { user_id: "u3" });
    expect(join.json.members).toEqual(["u1", "u2", "u3"]);
    expect(rx.events("user_join_group")[0]!.body).toMatchObject({ group_id: "g-thon1", users: [{ id: "u3" }] });
  });

  it("validates control input with clear 400/404 errors", async () => {
    sim = await startSim();
    const c = client(sim);
    const bad = await c.ctl("POST", "/groups", { name: "x" });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain("owned_by_oa");
    expect((await c.ctl("GET", "/groups/nope/messages")).status).toBe(404);
    const tooMany = await c.ctl("POST", "/groups", { name: "x", owned_by_oa: true, asset_type: "gmf10", member_user_ids: Array.from({ length: 11 }, (_, i) => `u${i}`) });
    expect(tooMany.status).toBe(400);
  });
});
