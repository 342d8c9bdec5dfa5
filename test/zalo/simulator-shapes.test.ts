import { afterEach, describe, expect, it } from "vitest";
import { startStack, waitFor, type Stack } from "../support/stack";

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const inbox = (s: Stack) => s.services.database.sqlite.prepare("SELECT event_name, status, subject_id, raw FROM inbox_events ORDER BY id").all() as { event_name: string; status: string; subject_id: string; raw: string }[];

describe("the simulator emits the documented shapes, and the bot copes (through the control API)", () => {
  it("12-digit timestamps, user_submit_info without user_id_by_app, an anonymous chat", async () => {
    stack = await startStack();
    const control = (path: string, body: unknown) =>
      fetch(`${stack!.sim.url}/simulator${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

    expect((await control("/api/events/timestamp-digits", { digits: 12 })).status).toBe(200);
    const user = "8500000000000000001";
    const before = Date.now();
    await stack.sim.sim.sendText(user, "xin chào");
    await waitFor(() => inbox(stack!).some((r) => r.event_name === "user_send_text" && r.status === "done"), 10_000, "text handled");
    const text = inbox(stack).find((r) => r.event_name === "user_send_text")!;
    expect(JSON.parse(text.raw).timestamp).toMatch(/^\d{12}$/);
    expect(stack.services.users.get(user)?.lastInteractionAt).toBeGreaterThanOrEqual(before);

    await stack.sim.sim.submitInfo(user, { name: "Nguyễn Văn A", phone: "0912345678" });
    await waitFor(() => inbox(stack!).some((r) => r.event_name === "user_submit_info" && r.status === "done"), 10_000, "submit info handled");
    expect(JSON.parse(inbox(stack).find((r) => r.event_name === "user_submit_info")!.raw)).not.toHaveProperty("user_id_by_app");

    const res = await control("/api/anonymous/anon-4f2a/text", { text: "cho hỏi làm căn cước ở đâu" });
    expect(res.status).toBe(200);
    await waitFor(() => inbox(stack!).some((r) => r.event_name === "anonymous_send_text" && r.status === "done"), 10_000, "anonymous chat handled");
    const anon = inbox(stack).find((r) => r.event_name === "anonymous_send_text")!;
    expect(anon).toMatchObject({ subject_id: "anon:anon-4f2a" });
    expect(stack.services.users.get("anon-4f2a")).toBeUndefined();
    // As webhook/tin-nhan/su-kien-nguoi-dung-an-danh-gui-tin-nhan shows it: conversation_id inside message,
    // a user_id_by_app at the end (its meaning undocumented; the bot ignores it either way).
    const body = JSON.parse(anon.raw);
    expect(Object.keys(body)).toEqual(["event_name", "app_id", "sender", "recipient", "message", "timestamp", "user_id_by_app"]);
    expect(Object.keys(body.message)).toEqual(["conversation_id", "text", "msg_id"]);
    expect(body.message.conversation_id).toBe(((await (await fetch(`${stack.sim.url}/simulator/api/anonymous/anon-4f2a`)).json()) as { conversation_id: string }).conversation_id);
    // The other reading, without user_id_by_app, on request.
    expect((await control("/api/anonymous/anon-77/text", { text: "xin chào", user_id_by_app: null })).status).toBe(200);
    await waitFor(() => inbox(stack!).some((r) => r.event_name === "anonymous_send_text" && r.subject_id === "anon:anon-77" && r.status === "done"), 10_000, "second anonymous chat handled");
    expect(JSON.parse(inbox(stack).find((r) => r.subject_id === "anon:anon-77")!.raw)).not.toHaveProperty("user_id_by_app");
  });
});
