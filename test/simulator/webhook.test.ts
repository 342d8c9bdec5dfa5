import { afterEach, describe, expect, it } from "vitest";
import { APP_ID, client, expectedMac, OA_ID, Receiver, startSim, waitFor } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
let rx: Receiver | undefined;

afterEach(async () => {
  await sim?.close();
  await rx?.close();
  sim = undefined;
  rx = undefined;
});

async function setup(extra: Parameters<typeof startSim>[0] = {}) {
  rx = await new Receiver().start();
  sim = await startSim({ webhookUrl: rx.url, ...extra });
  return { sim, rx, c: client(sim) };
}

describe("webhook emitter", () => {
  it("signs user_send_text with sha256(app_id + raw body + timestamp + OA secret)", async () => {
    const { rx, c } = await setup();
    const r = await c.ctl("POST", "/users/u1/text", { text: "Xin chào cán bộ xã" });
    expect(r.status).toBe(200);
    expect(r.json.delivered).toBe(true);
    expect(r.json.msg_id).toMatch(/^\d+$/);

    const [ev] = rx.events("user_send_text");
    expect(ev).toBeDefined();
    const body = ev!.body;
    expect(typeof body.timestamp).toBe("string");
    expect(body.timestamp).toMatch(/^\d{13}$/);
    expect(body.app_id).toBe(APP_ID);
    expect(body.sender).toEqual({ id: "u1" });
    expect(body.recipient).toEqual({ id: OA_ID });
    expect(body.message).toEqual({ text: "Xin chào cán bộ xã", msg_id: r.json.msg_id });
    expect(typeof body.user_id_by_app).toBe("string");
    expect(body.user_id_by_app).not.toBe("u1");
    expect(ev!.headers["content-type"]).toContain("application/json");
    expect(ev!.headers["x-zevent-signature"]).toBe(`mac=${expectedMac(ev!.raw, body.timestamp)}`);
    expect(ev!.headers["num_retry"]).toBeUndefined();
  });

  it("timestamps follow the sim clock", async () => {
    const { rx, c } = await setup();
    await c.ctl("POST", "/clock", { set_ms: 1_767_225_600_000, frozen: true });
    await c.ctl("POST", "/users/u1/follow", { source: "oa_profile" });
    await waitFor(() => rx.events("follow").length > 0, 5000, "the follow event");
    const [ev] = rx.events("follow");
    expect(ev!.body).toEqual({
      oa_id: OA_ID,
      follower: { id: "u1" },
      user_id_by_app: ev!.body.user_id_by_app,
      event_name: "follow",
      source: "oa_profile",
      app_id: APP_ID,
      timestamp: "1767225600000",
    });
    expect(ev!.headers["x-zevent-signature"]).toBe(`mac=${expectedMac(ev!.raw, "1767225600000")}`);
  });

  it("retries a 500 identically with num_retry on the (scaled) schedule, then disables the webhook", async () => {
    const { rx, c, sim } = await setup({ retryTimeScale: 0.0002 }); // 6, 60, 180, 360, 720 ms
    rx.mode = "fail";
    const r = await c.ctl("POST", "/users/u1/text", { text: "alo" });
    expect(r.json.delivered).toBe(false);
    await waitFor(() => rx.received.length >= 6 && sim.sim.webhookState().enabled === false, 8000, "6 attempts");
    await sim.sim.idle();
    expect(rx.received).toHaveLength(6);
    const first = rx.received[0]!;
    rx.received.forEach((attempt, i) => {
      expect(attempt.raw).toBe(first.raw);
      expect(attempt.headers["x-zevent-signature"]).toBe(first.headers["x-zevent-signature"]);
      expect(attempt.headers["num_retry"]).toBe(i === 0 ? undefined : String(i));
    });
    // Gaps grow like the schedule (30 s, 5 min, 15 min, 30 min, 1 h, scaled).
    const gaps = rx.received.slice(1).map((a, i) => a.at - rx.received[i]!.at);
    expect(gaps[4]!).toBeGreaterThan(gaps[1]!);
    expect(gaps[4]!).toBeGreaterThanOrEqual(700);

    const log = (await c.ctl("GET", "/webhook/deliveries")).json as any[];
    expect(log.map((e) => [e.attempt, e.num_retry, e.status])).toEqual([
      [1, 0, "pending_retry"],
      [2, 1, "pending_retry"],
      [3, 2, "pending_retry"],
      [4, 3, "pending_retry"],
      [5, 4, "pending_retry"],
      [6, 5, "failed"],
    ]);
    expect(log[0].http_status).toBe(500);
    const state = (await c.ctl("GET", "/webhook")).json;
    expect(state.enabled).toBe(false);

    // Disabled: nothing more is sent, and it shows in the log.
    await c.ctl("POST", "/users/u1/text", { text: "còn ai không" });
    expect(rx.received).toHaveLength(6);
    const last = ((await c.ctl("GET", "/webhook/deliveries")).json as any[]).at(-1);
    expect(last).toMatchObject({ status: "failed", error: "webhook_disabled" });

    // Re-enabling through the control API resumes delivery.
    rx.mode = "ok";
    await c.ctl("PUT", "/webhook", { url: rx.url, enabled: true });
    const again = await c.ctl("POST", "/users/u1/text", { text: "đã sửa" });
    expect(again.json.delivered).toBe(true);
  });

  it("counts a slow answer as a failure and the retry then succeeds", async () => {
    const { rx, c, sim } = await setup({ webhookTimeoutMs: 100, retryScheduleMs: [20, 20, 20, 20, 20] });
    rx.mode = (n) => (n === 1 ? { delayMs: 300 } : "ok");
    const r = await c.ctl("POST", "/users/u9/text", { text: "chậm" });
    expect(r.json.delivered).toBe(false);
    await waitFor(() => rx.received.length >= 2, 3000, "retry");
    await sim.sim.idle();
    const log = (await c.ctl("GET", "/webhook/deliveries")).json as any[];
    expect(log.map((e) => [e.status, e.error ?? null])).toEqual([
      ["pending_retry", "timeout"],
      ["ok", null],
    ]);
    expect(rx.received[1]!.headers["num_retry"]).toBe("1");
    expect(rx.received[1]!.raw).toBe(rx.received[0]!.raw);
    expect(sim.sim.webhookState().enabled).toBe(true);
  });

  it("retries when the connection fails", async () => {
    const { rx: first, c, sim } = await setup({ retryScheduleMs: [30, 30, 30, 30, 30] });
    await first.close();
    // Nothing listens there now; point the webhook to a new receiver after the first failure.
    const r = await c.ctl("POST", "/users/u2/text", { text: "mất mạng" });
    expect(r.json.delivered).toBe(false);
    const log = (await c.ctl("GET", "/webhook/deliveries")).json as any[];
    expect(log[0]).toMatchObject({ status: "pending_retry" });
    expect(log[0].error).toMatch(/^connection_error/);
    const second = await new Receiver().start();
    rx = second;
    sim.sim.setWebhookUrl(second.url);
    await waitFor(() => second.received.length >= 1, 3000, "delivery after reconnect");
    expect(second.received[0]!.headers["num_retry"]).toBe("1");
  });

  it("emits oa_send_* echoes for API sends and admin replies (admin_id only for the latter)", async () => {
    const { rx, c } = await setup();
    await c.ctl("POST", "/users/u1/text", { text: "hỏi" });
    const token = await c.grant();
    const sent = await c.sendCs(token, "u1", { text: "trả lời" });
    expect(sent.json.error).toBe(0);
    const echo = await waitFor(() => rx.events("oa_send_text")[0], 3000, "echo");
    expect(echo.body.sender).toEqual({ id: OA_ID });
    expect(echo.body.recipient).toEqual({ id: "u1" });
    expect(echo.body.message).toEqual({ msg_id: sent.json.data.message_id, text: "trả lời" });
    expect(echo.headers["x-zevent-signature"]).toBe(`mac=${expectedMac(echo.raw, echo.body.timestamp)}`);

    const admin = await c.ctl("POST", "/admin/reply", { user_id: "u1", text: "Cán bộ trả lời", admin_id: "admin-7" });
    expect(admin.json.delivered).toBe(true);
    const adminEcho = rx.events("oa_send_text").find((e) => e.body.message.msg_id === admin.json.message_id)!;
    expect(adminEcho.body.sender).toEqual({ id: OA_ID, admin_id: "admin-7" });
    const inbox = (await c.ctl("GET", "/users/u1/inbox")).json as any[];
    expect(inbox.at(-1)).toMatchObject({ text: "Cán bộ trả lời", from_admin: "admin-7", channel: "cs" });
  });

  it("emits the other resident events with Zalo's field shapes", async () => {
    const { rx, c } = await setup();
    expect((await c.ctl("POST", "/users/u5/chatnow")).json).toMatchObject({ emitted: true, delivered: true });
    expect((await c.ctl("POST", "/users/u5/chatnow")).json).toMatchObject({ emitted: false });
    await c.ctl("POST", "/users/u5/image", { url: "https://example.com/a.jpg" });
    await c.ctl("POST", "/users/u5/location", { latitude: 12.68, longitude: 108.05 });
    await c.ctl("POST", "/users/u5/submit-info", { name: "Y Moan", phone: "0912345678", address: "Buôn Ako Dhông" });
    await c.ctl("POST", "/users/u5/unfollow");
    await c.ctl("POST", "/users/u5/follow");
    await c.ctl("POST", "/users/u5/unfollow", { source: "oa_profile" });
    await c.ctl("POST", "/users/u5/withdraw");

    expect(rx.events("user_click_chatnow")[0]!.body).toMatchObject({ oa_id: OA_ID, user_id: "u5" });
    const img = rx.events("user_send_image")[0]!.body;
    expect(img.message.attachments).toEqual([
      { type: "image", payload: { thumbnail: "https://example.com/a.jpg", url: "https://example.com/a.jpg" } },
    ]);
    const loc = rx.events("user_send_location")[0]!.body;
    expect(loc.message.attachments[0].payload.coordinates).toEqual({ latitude: "12.68", longitude: "108.05" });
    const info = rx.events("user_submit_info")[0]!.body;
    expect(info.info).toMatchObject({ name: "Y Moan", phone: 84912345678, address: "Buôn Ako Dhông" });
    expect(info.sender).toEqual({ id: "u5" });
    // unfollow of a non-follower sends nothing; follow then unfollow send one each.
    expect(rx.events("follow")).toHaveLength(1);
    expect(rx.events("unfollow")).toHaveLength(1);
    expect(rx.events("unfollow")[0]!.body.follower).toEqual({ id: "u5" });
    expect(rx.events("user_withdraw")[0]!.body).toMatchObject({ user_id: "u5", oa_id: OA_ID });
    for (const r of rx.received) {
      expect(r.headers["x-zevent-signature"]).toBe(`mac=${expectedMac(r.raw, r.body.timestamp)}`);
    }
  });
});
