import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ZaloEvent } from "../../bot/zalo/events";
import { createTestApp, type TestApp } from "../support/app";
import { sampleEvents, sign, signedRequest, textEvent } from "../support/zalo-events";

describe("POST /webhooks/zalo", () => {
  let t: TestApp;
  let handled: ZaloEvent[];

  beforeEach(async () => {
    t = await createTestApp();
    handled = [];
    t.services.registry.onAny((e) => {
      handled.push(e);
    });
    t.services.worker.start();
  });
  afterEach(async () => t.close());

  const rows = () => t.services.database.sqlite.prepare("SELECT * FROM inbox_events ORDER BY id").all() as { status: string; event_key: string; num_retry: number | null }[];

  it("stores a signed text event delivered 5 times once and handles it once", async () => {
    const body = textEvent("8000000000000000007", "lam sao kich hoat dinh danh muc 2", "msg-dup-1");
    const first = await t.app.inject(signedRequest(body));
    expect(first.statusCode).toBe(200);
    for (let retry = 1; retry <= 4; retry++) {
      const res = await t.app.inject(signedRequest(body, { num_retry: String(retry) }));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true, stored: false });
    }
    await t.services.worker.drain();
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toMatchObject({ status: "done", event_key: "user_send_text:msg-dup-1" });
    expect(handled.filter((e) => e.event_name === "user_send_text")).toHaveLength(1);
  });

  it("refuses forged, altered, unsigned and non-JSON requests and stores none of them", async () => {
    const body = textEvent("8000000000000000007", "xin chào", "msg-forged");
    const payload = JSON.stringify(body);
    const good = sign(payload);
    const forged = `mac=${"0".repeat(64)}`;
    const altered = payload.replace("xin chào", "xin chàp"); // one character changed, same signature
    const cases = [
      { payload, headers: { "x-zevent-signature": forged } },
      { payload: altered, headers: { "x-zevent-signature": good } },
      { payload, headers: { "x-zevent-signature": good.slice(4) } }, // no mac= prefix
      { payload, headers: {} }, // missing header
      { payload: "not json{", headers: { "x-zevent-signature": good } },
      { payload: JSON.stringify({ ...body, app_id: "1234" }), headers: { "x-zevent-signature": sign(JSON.stringify({ ...body, app_id: "1234" })) } },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: "POST", url: "/webhooks/zalo", payload: c.payload, headers: { "content-type": "application/json", ...c.headers } });
      expect([400, 401]).toContain(res.statusCode);
    }
    await t.services.worker.drain();
    expect(rows()).toHaveLength(0);
    expect(handled).toHaveLength(0);
  });

  it("changes one byte anywhere and the MAC check fails", async () => {
    const payload = JSON.stringify(textEvent("8000000000000000007", "thử", "msg-byte"));
    const header = sign(payload);
    const bytes = Buffer.from(payload);
    for (let i = 0; i < bytes.length; i += 7) {
      const copy = Buffer.from(bytes);
      copy[i] = copy[i]! ^ 0x01;
      const res = await t.app.inject({ method: "POST", url: "/webhooks/zalo", payload: copy, headers: { "content-type": "application/json", "x-zevent-signature": header } });
      expect([400, 401]).toContain(res.statusCode);
    }
    expect(rows()).toHaveLength(0);
  });

  it("answers Zalo's unsigned {} probe with 200 and stores nothing", async () => {
    const res = await t.app.inject({ method: "POST", url: "/webhooks/zalo", payload: "{}", headers: { "content-type": "application/json" } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, probe: true });
    expect(rows()).toHaveLength(0);
  });

  it("keeps a signed but malformed event as rejected, answers 200, never handles it", async () => {
    const bad = { ...textEvent("8000000000000000007", "x", "msg-bad"), message: { msg_id: "msg-bad" } }; // text missing
    const unknown = { ...textEvent("8000000000000000007", "x", "msg-unknown"), event_name: "user_send_hologram" };
    for (const body of [bad, unknown]) {
      const res = await t.app.inject(signedRequest(body));
      expect(res.statusCode).toBe(200);
      expect(res.json()).toHaveProperty("rejected");
    }
    await t.services.worker.drain();
    expect(rows().map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(handled).toHaveLength(0);
  });

  it("accepts every documented event family and hands each to its handlers", async () => {
    const samples = sampleEvents();
    for (const [name, body] of Object.entries(samples)) {
      const res = await t.app.inject(signedRequest(body));
      expect(res.statusCode, name).toBe(200);
      expect(res.json(), name).toMatchObject({ ok: true, stored: true, event: name });
    }
    await t.services.worker.drain();
    expect(new Set(handled.map((e) => e.event_name))).toEqual(new Set(Object.keys(samples)));
    expect(rows().every((r) => r.status === "done")).toBe(true);
  });
});
