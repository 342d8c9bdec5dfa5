import { afterEach, describe, expect, it } from "vitest";
import { client, Receiver, startSim, waitFor } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
let rx: Receiver | undefined;
afterEach(async () => {
  await sim?.close();
  await rx?.close();
  sim = undefined;
  rx = undefined;
});

const DAY = 86_400_000;
/** Epoch ms of a Vietnam (UTC+7) wall-clock time. */
const vn = (y: number, m: number, d: number, hh: number, mm = 0) => Date.UTC(y, m - 1, d, hh, mm) - 7 * 3600_000;

async function setup(extra: Parameters<typeof startSim>[0] = {}) {
  sim = await startSim(extra);
  const c = client(sim);
  await c.ctl("POST", "/clock", { set_ms: vn(2026, 3, 10, 9), frozen: true });
  const token = await c.grant();
  return { c, token, s: sim };
}

describe("consultation (cs) messages", () => {
  it("needs an interaction within 7 days: -232 never, -230 too old", async () => {
    const { c, token } = await setup();
    await c.ctl("POST", "/users", { user_id: "never" });
    expect((await c.sendCs(token, "never", { text: "chào" })).json).toEqual({
      error: -232,
      message: "User has not interacted with the OA, or the last interaction has expired",
    });

    const now = (await c.ctl("GET", "/clock")).json.now_ms;
    await c.ctl("POST", "/users", { user_id: "old", last_interaction_at: now - 8 * DAY });
    expect((await c.sendCs(token, "old", { text: "chào" })).json.error).toBe(-230);

    await c.ctl("POST", "/users", { user_id: "recent", last_interaction_at: now - 6 * DAY });
    const ok = await c.sendCs(token, "recent", { text: "chào" });
    expect(ok.json.error).toBe(0);
    expect(ok.json.data.quota).toBeUndefined(); // past 48 h: paid, no quota object

    expect((await c.sendCs(token, "nobody", { text: "chào" })).json).toEqual({ error: -201, message: "user_id is invalid" });
  });

  it("reports the 8 free replies in 48 h as a string quota, then sends paid (no quota object)", async () => {
    const { c, token, s } = await setup();
    await c.ctl("POST", "/users/u1/text", { text: "hỏi" });
    for (let i = 1; i <= 8; i += 1) {
      const r = await c.sendCs(token, "u1", { text: `trả lời ${i}` });
      expect(r.json).toEqual({
        error: 0,
        message: "Success",
        data: { message_id: expect.stringMatching(/^\d+$/), user_id: "u1", quota: { quota_type: "reply", remain: String(8 - i), total: "8" } },
      });
    }
    const ninth = await c.sendCs(token, "u1", { text: "trả lời 9" });
    expect(ninth.json.error).toBe(0);
    expect(ninth.json.data.quota).toBeUndefined();
    expect(s.sim.stats().paidConsultations).toBe(1);

    // A new interaction restores the free allowance.
    await c.ctl("POST", "/users/u1/text", { text: "hỏi nữa" });
    expect((await c.sendCs(token, "u1", { text: "ok" })).json.data.quota.remain).toBe("7");

    const q = await c.api("POST", "/v3.0/oa/quota/message", token, { user_id: "u1" });
    expect(q.json.data).toMatchObject({ last_interaction: expect.stringMatching(/^\d+$/), cs_reply: { remain: 7, total: 8 } });
    expect(q.json.data.promotion).toMatchObject({ daily_total: 1 });
  });

  it("with paidConsultation=false, the 9th reply is -211", async () => {
    const { c, token } = await setup({ paidConsultation: false });
    await c.ctl("POST", "/users/u1/follow");
    for (let i = 0; i < 8; i += 1) expect((await c.sendCs(token, "u1", { text: "x" })).json.error).toBe(0);
    expect((await c.sendCs(token, "u1", { text: "x" })).json).toEqual({ error: -211, message: "Out of quota" });
  });

  it("rejects bad messages with -201 / -233 and never a 500", async () => {
    const { c, token } = await setup();
    await c.ctl("POST", "/users/u1/text", { text: "hỏi" });
    const btn = (i: number) => ({ title: `Nút ${i}`, type: "oa.query.hide", payload: `#${i}` });
    const cases: [unknown, number][] = [
      [{ text: "a".repeat(2001) }, -201],
      [{}, -201],
      [{ text: "x", attachment: { type: "template", payload: { buttons: [1, 2, 3, 4, 5, 6].map(btn) } } }, -201],
      [{ text: "x", attachment: { type: "template", payload: { buttons: [{ title: "t".repeat(101), type: "oa.query.show", payload: "a" }] } } }, -201],
      [{ text: "x", attachment: { type: "template", payload: { buttons: [{ title: "t", type: "oa.bogus", payload: "a" }] } } }, -201],
      [{ attachment: { type: "template", payload: { template_type: "media", elements: [] } } }, -201],
      [{ attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: "https://x.example/a.jpg" }, { media_type: "image", url: "https://x.example/b.jpg" }] } } }, -201],
      [{ attachment: { type: "template", payload: { template_type: "list", elements: [] } } }, -233],
      [{ attachment: { type: "file", payload: { token: "abc" } } }, -233],
      [{ text: "x", attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: "nope" }] } } }, -201],
    ];
    for (const [message, code] of cases) {
      const r = await c.sendCs(token, "u1", message);
      expect(r.status, JSON.stringify(message).slice(0, 80)).toBe(200);
      expect(r.json.error, JSON.stringify(message).slice(0, 80)).toBe(code);
    }
    expect((await c.sendCs(token, "u1", { text: "a".repeat(2001) })).json.message).toBe("text is invalid");
    const noRecipient = await c.api("POST", "/v3.0/oa/message/cs", token, { message: { text: "x" } });
    expect(noRecipient.json.error).toBe(-201);
    const notJson = await fetch(`${sim!.url}/v3.0/oa/message/cs`, {
      method: "POST",
      headers: { access_token: token, "content-type": "application/json" },
      body: "{oops",
    });
    expect(notJson.status).toBe(200);
    expect(((await notJson.json()) as { error: number }).error).toBe(-201);
    const five = await c.sendCs(token, "u1", { text: "x", attachment: { type: "template", payload: { buttons: [1, 2, 3, 4, 5].map(btn) } } });
    expect(five.json.error).toBe(0);
  });

  it("blocked users answer -217", async () => {
    const { c, token } = await setup();
    await c.ctl("POST", "/users/u1/follow");
    await c.ctl("POST", "/users/u1/block", { blocked: true });
    expect((await c.sendCs(token, "u1", { text: "x" })).json.error).toBe(-217);
    expect((await c.sendCs(token, "u1", { text: "x" }, "promotion")).json.error).toBe(-217);
  });
});

describe("transaction and promotion messages", () => {
  it("transaction needs an interaction within a year", async () => {
    const { c, token } = await setup();
    const now = (await c.ctl("GET", "/clock")).json.now_ms;
    await c.ctl("POST", "/users", { user_id: "a", last_interaction_at: now - 200 * DAY });
    await c.ctl("POST", "/users", { user_id: "b", last_interaction_at: now - 400 * DAY });
    expect((await c.sendCs(token, "a", { text: "Biên nhận hồ sơ" }, "transaction")).json.error).toBe(0);
    expect((await c.sendCs(token, "b", { text: "Biên nhận hồ sơ" }, "transaction")).json.error).toBe(-232);
  });

  it("promotion: followers only, one per Vietnamese day, 06:00-21:59 only", async () => {
    const { c, token } = await setup();
    await c.ctl("POST", "/users", { user_id: "nf" });
    expect((await c.sendCs(token, "nf", { text: "Thông báo" }, "promotion")).json).toEqual({ error: -213, message: "User has not followed OA" });

    await c.ctl("POST", "/users", { user_id: "f", follower: true });
    expect((await c.sendCs(token, "f", { text: "Thông báo 1" }, "promotion")).json.error).toBe(0);
    expect((await c.sendCs(token, "f", { text: "Thông báo 2" }, "promotion")).json).toEqual({ error: -211, message: "Out of quota" });

    // 22:30 the same day: night.
    await c.ctl("POST", "/clock", { set_ms: vn(2026, 3, 10, 22, 30) });
    expect((await c.sendCs(token, "f", { text: "x" }, "promotion")).json.error).toBe(-234);
    // 05:59 next day: still night.
    await c.ctl("POST", "/clock", { set_ms: vn(2026, 3, 11, 5, 59) });
    expect((await c.sendCs(token, "f", { text: "x" }, "promotion")).json.error).toBe(-234);
    // 06:00 next day (23:00 UTC the previous day): a new Vietnamese day.
    await c.ctl("POST", "/clock", { set_ms: vn(2026, 3, 11, 6, 0) });
    expect((await c.sendCs(token, "f", { text: "Thông báo 3" }, "promotion")).json.error).toBe(0);
    const inbox = (await c.ctl("GET", "/users/f/inbox")).json as any[];
    expect(inbox.map((m) => [m.channel, m.text])).toEqual([
      ["promotion", "Thông báo 1"],
      ["promotion", "Thông báo 3"],
    ]);
  });
});

describe("inbox, buttons and conversation", () => {
  it("round-trips a button tap as user_send_text with the payload", async () => {
    rx = await new Receiver().start();
    const { c, token } = await setup({ webhookUrl: rx.url });
    await c.ctl("POST", "/users/u1/text", { text: "hướng dẫn" });
    const sent = await c.sendCs(token, "u1", {
      text: "Chọn bước:",
      attachment: {
        type: "template",
        payload: {
          buttons: [
            { title: "Bước 1: Cài VNeID", type: "oa.query.hide", payload: "#guide:vneid:1" },
            { title: "Xem trang", type: "oa.open.url", payload: { url: "https://dichvucong.gov.vn" } },
            { title: "Gọi tổ công nghệ", type: "oa.open.phone", payload: { phone_code: "84912345678" } },
          ],
        },
      },
    });
    expect(sent.json.error).toBe(0);
    const inbox = (await c.ctl("GET", "/users/u1/inbox")).json as any[];
    expect(inbox).toEqual([
      {
        message_id: sent.json.data.message_id,
        channel: "cs",
        text: "Chọn bước:",
        buttons: [
          { title: "Bước 1: Cài VNeID", type: "oa.query.hide", payload: "#guide:vneid:1" },
          { title: "Xem trang", type: "oa.open.url", payload: { url: "https://dichvucong.gov.vn" } },
          { title: "Gọi tổ công nghệ", type: "oa.open.phone", payload: { phone_code: "84912345678" } },
        ],
        at: expect.any(Number),
      },
    ]);

    const tap = await c.ctl("POST", "/users/u1/tap", { index: 0 });
    expect(tap.json).toMatchObject({ action: "sent_text", text: "#guide:vneid:1", delivered: true });
    const ev = rx.events("user_send_text").find((e) => e.body.message.text === "#guide:vneid:1");
    expect(ev?.body.message.msg_id).toBe(tap.json.msg_id);
    expect(ev?.body.sender).toEqual({ id: "u1" });

    const url = await c.ctl("POST", "/users/u1/tap", { message_id: sent.json.data.message_id, index: 1 });
    expect(url.json).toMatchObject({ action: "open_url", url: "https://dichvucong.gov.vn" });
    expect((await c.ctl("POST", "/users/u1/tap", { index: 7 })).status).toBe(400);
    expect((await c.ctl("POST", "/users/zz/tap", { index: 0 })).status).toBe(404);
    expect((await c.ctl("POST", "/users/u1/tap", { index: "a" })).status).toBe(400);
  });

  it("lists every sent message in /v2.0/oa/conversation, newest first", async () => {
    const { c, token } = await setup();
    await c.ctl("POST", "/users/u1/text", { text: "m1" });
    const ids: string[] = [];
    for (const t of ["r1", "r2", "r3"]) {
      await c.ctl("POST", "/clock", { advance_ms: 1000 });
      ids.push((await c.sendCs(token, "u1", { text: t })).json.data.message_id);
    }
    const page = await c.getData("/v2.0/oa/conversation", token, { user_id: "u1", offset: 0, count: 10 });
    expect(page.json.error).toBe(0);
    const items = page.json.data as any[];
    expect(items.map((i) => [i.src, i.message])).toEqual([
      [0, "r3"],
      [0, "r2"],
      [0, "r1"],
      [1, "m1"],
    ]);
    expect(items[0].message_id).toBe(ids[2]);
    expect(items[0].from_id).toBe(sim!.sim.options.oaId);
    expect(items[0].to_id).toBe("u1");
    expect(typeof items[0].time).toBe("number");
    expect(items[0].time).toBeGreaterThan(items[1].time);
    const second = await c.getData("/v2.0/oa/conversation", token, { user_id: "u1", offset: 1, count: 2 });
    expect((second.json.data as any[]).map((i) => i.message)).toEqual(["r2", "r1"]);
    expect((await c.getData("/v2.0/oa/conversation", token, { user_id: "u1", offset: 0, count: 11 })).json.error).toBe(-210);
  });

  it("image messages: by url, and by attachment_id with 7-day expiry (-100)", async () => {
    const { c, token, s } = await setup();
    await c.ctl("POST", "/users/u1/text", { text: "ảnh?" });
    const byUrl = await c.sendCs(token, "u1", {
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", url: "https://x.example/a.png" }] } },
    });
    expect(byUrl.json.error).toBe(0);
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    const form = new FormData();
    form.append("file", new Blob([png], { type: "image/png" }), "a.png");
    const up = await fetch(`${s.url}/v2.0/oa/upload/image`, { method: "POST", headers: { access_token: token }, body: form });
    const upJson = (await up.json()) as any;
    expect(upJson.error).toBe(0);
    const id = upJson.data.attachment_id as string;
    const byId = await c.sendCs(token, "u1", {
      text: "Lịch tiêm",
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: id }] } },
    });
    expect(byId.json.error).toBe(0);
    const inbox = (await c.ctl("GET", "/users/u1/inbox")).json as any[];
    expect(inbox[0].image).toEqual({ url: "https://x.example/a.png" });
    expect(inbox[1].image).toEqual({ attachment_id: id });
    const media = await fetch(`${s.url}/simulator/media/${id}`);
    expect(media.headers.get("content-type")).toBe("image/png");

    await c.ctl("POST", "/clock", { advance_ms: 7 * DAY });
    await c.ctl("POST", "/users/u1/text", { text: "vẫn ở đây" });
    const fresh = await c.grant(); // the old access token expired too (25 h)
    const expired = await c.sendCs(fresh, "u1", {
      attachment: { type: "template", payload: { template_type: "media", elements: [{ media_type: "image", attachment_id: id }] } },
    });
    expect(expired.json).toEqual({ error: -100, message: "attachment_id was expired" });
  });

  it("echo events are emitted for API sends unless echoOaSends is false", async () => {
    rx = await new Receiver().start();
    const { c, token } = await setup({ webhookUrl: rx.url, echoOaSends: false });
    await c.ctl("POST", "/users/u1/text", { text: "a" });
    await c.sendCs(token, "u1", { text: "b" });
    await sim!.sim.idle();
    await waitFor(() => rx!.events("user_send_text").length === 1, 2000);
    expect(rx.events("oa_send_text")).toHaveLength(0);
  });
});
