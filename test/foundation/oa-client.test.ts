import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

// A 1×1 PNG.
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");

describe("Zalo OA client against the simulator", () => {
  let s: Stack;
  const user = "8400000000000000001";
  beforeAll(async () => {
    s = await startStack({ startWorkers: false });
    s.sim.sim.upsertUser(user, { display_name: "Bà Năm", follower: true, last_interaction_at: s.sim.sim.clock.now() });
  });
  afterAll(async () => s.close());

  it("sends text, buttons and an image, each with Zalo's message id", async () => {
    const text = await s.services.zalo.sendText(user, "Chào bà");
    const buttons = await s.services.zalo.sendMessage("cs", user, {
      kind: "buttons",
      text: "Bước 1/5",
      buttons: [{ type: "query_hide", title: "Tiếp", payload: "#tiep" }, { type: "phone", title: "Gọi cán bộ", phone: "84912000201" }],
    });
    const upload = await s.services.zalo.uploadImage(PNG, "buoc-1.png", "image/png");
    expect(upload.ok).toBe(true);
    const image = await s.services.zalo.sendMessage("cs", user, { kind: "image", attachmentId: upload.ok ? upload.data.attachmentId : "", text: "Ảnh minh hoạ" });
    for (const r of [text, buttons, image]) expect(r).toMatchObject({ ok: true, data: { messageId: expect.stringMatching(/^\d+$/) } });
    const inbox = s.sim.sim.inbox(user);
    expect(inbox.map((m) => m.text)).toEqual(["Chào bà", "Bước 1/5", "Ảnh minh hoạ"]);
    expect(inbox[1]!.buttons.map((b) => b.type)).toEqual(["oa.query.hide", "oa.open.phone"]);
    expect(inbox[2]!.image).toBeDefined();
  });

  it("refuses an upload that is not a jpg/png as a permanent error", async () => {
    const r = await s.services.zalo.uploadImage(Buffer.from("GIF89a not really"), "x.png", "image/png");
    expect(r).toMatchObject({ ok: false, kind: "permanent", code: -201 });
  });

  it("reads user detail, the follower list, tags and the quota", async () => {
    const detail = await s.services.zalo.getUserDetail(user);
    expect(detail).toMatchObject({ ok: true, data: { display_name: "Bà Năm", user_is_follower: true } });
    expect(await s.services.zalo.tagFollower(user, "thon-dong-xuan")).toMatchObject({ ok: true });
    const tags = await s.services.zalo.listTags();
    expect(tags.ok && tags.data).toContain("thon-dong-xuan");
    const list = await s.services.zalo.listFollowers({ offset: 0, count: 50, tagName: "thon-dong-xuan" });
    expect(list.ok && list.data.users.map((u) => u.user_id)).toEqual([user]);
    expect(await s.services.zalo.untagFollower(user, "thon-dong-xuan")).toMatchObject({ ok: true });
    const quota = await s.services.zalo.getMessageQuota(user);
    expect(quota.ok && quota.data).toHaveProperty("cs_reply");
  });

  it("sorts failures: promotion at night or to a non-follower is outside the window, a bad group is permanent", async () => {
    s.sim.sim.upsertUser("8400000000000000002", { follower: false, last_interaction_at: s.sim.sim.clock.now() });
    const notFollower = await s.services.zalo.sendMessage("promotion", "8400000000000000002", { kind: "text", text: "Tin truyền thông" });
    expect(notFollower).toMatchObject({ ok: false, kind: "outside_window", code: -213 });
    const group = await s.services.zalo.sendGroupMessage("g-unknown", { kind: "text", text: "x" });
    expect(group).toMatchObject({ ok: false, kind: "permanent", code: -403 });
  });

  it("reads the body of an error sent with HTTP 500 and retries nothing by itself", async () => {
    s.sim.sim.pushFaults("message", [{ code: -216, http_status: 500 }, { code: -216, http_status: 500 }]);
    const r = await s.services.zalo.sendText(user, "x");
    // -216 twice: refreshed once, retried once, then reported as a token problem.
    expect(r).toMatchObject({ ok: false, kind: "token", code: -216, httpStatus: 500 });
  });

  it("reports a network failure as retryable", async () => {
    const saved = s.endpoints.openapi;
    s.endpoints.openapi = "http://127.0.0.1:9";
    const r = await s.services.zalo.sendText(user, "x");
    s.endpoints.openapi = saved;
    expect(r).toMatchObject({ ok: false, kind: "retryable", maybeDelivered: false });
  });
});
