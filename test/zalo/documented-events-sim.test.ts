import { afterEach, describe, expect, it } from "vitest";
import { startStack, waitFor, type Stack } from "../support/stack";

/**
 * Issue 11 "the simulator follows the documentation": its control API emits every documented event
 * family (group events excepted: their own routes) with the documented body, and the real bot accepts
 * each one through the real webhook (200, stored, schema-valid: nothing rejected on /readyz). A body
 * that breaks the documented shape is counted on /readyz (item 8).
 */
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const inbox = (s: Stack) =>
  s.services.database.sqlite.prepare("SELECT event_name, status, raw FROM inbox_events ORDER BY id").all() as { event_name: string; status: string; raw: string }[];
const readyCheck = async (s: Stack) =>
  ((await s.app.inject({ method: "GET", url: "/readyz" })).json() as { checks: Record<string, { ok: boolean; degraded?: boolean; detail: { rejected: number; byEvent: Record<string, number> } }> }).checks.webhookEvents!;

describe("the simulator's control API emits each documented event, and the bot accepts it", () => {
  it("every family: messages, echoes, anonymous chats, follows, receipts, consent, calls, widget, tags, withdrawal, extension purchase", async () => {
    stack = await startStack();
    const s = stack;
    const control = (method: "GET" | "POST", path: string, body?: unknown) =>
      fetch(`${s.sim.url}/simulator${path}`, { method, ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}) });

    const names = ((await (await control("GET", "/api/events")).json()) as { events: string[] }).events;
    for (const family of [
      "user_send_text",
      "user_send_location",
      "oa_send_text",
      "anonymous_send_text",
      "anonymous_send_image",
      "anonymous_send_sticker",
      "anonymous_send_file",
      "oa_send_anonymous_text",
      "oa_send_anonymous_file",
      "follow",
      "user_submit_info",
      "user_seen_message",
      "oa_send_consent",
      "user_reply_consent",
      "user_call_oa",
      "oa_call_user",
      "widget_interaction_accepted",
      "widget_failed_to_sync_user_external_id",
      "add_user_to_tag",
      "remove_user_from_tag",
      "remove_tag",
      "update_user_info",
      "user_withdraw",
      "extension_purchased",
    ]) {
      expect(names).toContain(family);
    }
    expect(names.some((n) => n.includes("group"))).toBe(false);

    const bodies: Record<string, Record<string, unknown>> = {};
    for (const name of names) {
      const res = await control("POST", `/api/events/${name}`, { user_id: "8700000000000000001", anonymous_id: "a1b2c3d4e5f60718293a" });
      expect(res.status, name).toBe(200);
      const out = (await res.json()) as { event_name: string; delivered: boolean; body: Record<string, unknown> };
      expect(out, name).toMatchObject({ event_name: name, delivered: true });
      bodies[name] = out.body;
    }

    // Shapes as documented: no app_id on the extension purchase, conversation_id inside anonymous messages,
    // a call's status_code as a JSON number, the consent's user named by phone.
    expect(bodies.extension_purchased).not.toHaveProperty("app_id");
    expect(bodies.extension_purchased).toMatchObject({ event_name: "extension_purchased", extension_sub_info: { duration_month: "1" } });
    expect((bodies.anonymous_send_text!.message as Record<string, unknown>).conversation_id).toMatch(/^[0-9a-f]{20}$/);
    expect(bodies.oa_send_anonymous_text!.sender).toEqual({ id: s.sim.sim.options.oaId });
    expect(typeof bodies.user_call_oa!.status_code).toBe("number");
    expect(bodies.oa_send_consent).toMatchObject({ phone: expect.any(String), request_type: "SENT" });
    expect(bodies.user_submit_info).not.toHaveProperty("user_id_by_app");

    // Every delivery answered 200; every event stored and handled, none rejected.
    // Plus the OA's echoes of its answers to the four anonymous_send_* events (oa_send_anonymous_text).
    await waitFor(() => inbox(s).length === names.length + 4, 15_000, `all events stored (${inbox(s).length} of ${names.length + 4})`);
    await waitFor(() => inbox(s).every((r) => r.status === "done"), 15_000, "all events handled");
    expect(s.sim.sim.deliveries().every((d) => d.status === "ok" && d.http_status === 200)).toBe(true);
    expect(new Set(inbox(s).map((r) => r.event_name))).toEqual(new Set(names));
    expect(await readyCheck(s)).toEqual({ ok: true, detail: { rejected: 0, byEvent: {} } });

    // The same with another documented timestamp width (the widget pages' examples have 11 digits).
    expect((await control("POST", "/api/events/timestamp-digits", { digits: 11 })).status).toBe(200);
    const widget = (await (await control("POST", "/api/events/widget_failed_to_sync_user_external_id", {})).json()) as { body: { timestamp: string } };
    expect(widget.body.timestamp).toMatch(/^\d{11}$/);
    await waitFor(() => inbox(s).filter((r) => r.event_name === "widget_failed_to_sync_user_external_id" && r.status === "done").length === 2, 10_000, "11-digit widget event handled");

    // The other reading of the "tag created" page (its example says add_user_to_tag, with `tag: {name}` only).
    expect((await control("POST", "/api/events/add_user_to_tag", { fields: { tag: { name: "thon-moi" } } })).status).toBe(200);
    await waitFor(() => inbox(s).filter((r) => r.event_name === "add_user_to_tag" && r.status === "done").length === 2, 10_000, "tag-created reading handled");

    // A body that breaks the documented shape is answered 200, stored as rejected and counted (item 8).
    const broken = await control("POST", "/api/events/user_send_text", { omit: ["message"] });
    expect(broken.status).toBe(200);
    await waitFor(async () => (await readyCheck(s)).detail.rejected === 1, 10_000, "rejected counted");
    expect(await readyCheck(s)).toMatchObject({ ok: true, degraded: true, detail: { rejected: 1, byEvent: { user_send_text: 1 } } });
  }, 60_000);

  it("the control API refuses what it cannot emit, with a clear error", async () => {
    stack = await startStack();
    const post = (path: string, body: unknown) =>
      fetch(`${stack!.sim.url}/simulator${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const unknown = await post("/api/events/user_send_group_text", {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(/unknown or group event/);
    expect((await post("/api/events/follow", { colour: "red" })).status).toBe(400);
    expect((await post("/api/events/follow", { fields: { timestamp: 5 } })).status).toBe(400);
    expect(stack.sim.sim.deliveries()).toEqual([]);
  }, 30_000);
});
