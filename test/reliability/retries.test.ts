import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HANDLER_PRIORITY, HandlerRegistry } from "../../bot/inbox/handlers";
import { startStack, waitFor, type Stack } from "../support/stack";

describe("retries that wait", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("a send that timed out and reaches Zalo late is found by a later history check, not sent twice", async () => {
    s = await startStack({ env: { ZALO_HTTP_TIMEOUT_MS: "200", OUTBOX_HISTORY_CHECKS_MS: "1000,3000,6000" } });
    const user = "8800000000000000001";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    // Zalo takes the message but records it only after 4.5 s: the looks at 1 s and 3 s do not see it yet.
    s.sim.sim.pushFaults("message", [{ delay_ms: 4_500 }]);
    const enqueuedAt = Date.now();
    const id = s.services.outbox.enqueueOne({ dedupeKey: "late:1", channel: "cs", recipientId: user, message: { kind: "text", text: "Tới muộn" } });
    await waitFor(() => !["pending", "sending"].includes(s.services.outboxRepo.get(id)!.status), 15_000, "row settled");
    // Until the late original has surely landed, so a resend would show as a second message.
    await new Promise((r) => setTimeout(r, Math.max(500, enqueuedAt + 6_000 - Date.now())));
    expect(s.services.outboxRepo.get(id)!.status).toBe("sent");
    expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Tới muộn"]);
  });

  it("a gateway's 502 after Zalo accepted the message is treated like a timeout: found in the history, not resent", async () => {
    s = await startStack({ env: { OUTBOX_HISTORY_CHECKS_MS: "300,1000" } });
    const user = "8800000000000000003";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    // A reverse proxy in front of Zalo: passes the first send through, then answers 502 Bad Gateway.
    let gatewayErrors = 0;
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k))) as Record<string, string>;
        const upstream = await fetch(`${s.sim.url}${req.url}`, { method: req.method, headers, ...(req.method === "POST" ? { body: Buffer.concat(chunks) } : {}) });
        const body = Buffer.from(await upstream.arrayBuffer());
        if (req.method === "POST" && req.url?.startsWith("/v3.0/oa/message/") && gatewayErrors === 0) {
          gatewayErrors++;
          res.writeHead(502, { "content-type": "text/html" }).end("<html><body><h1>502 Bad Gateway</h1></body></html>");
          return;
        }
        res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" }).end(body);
      });
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    try {
      s.services.config.endpoints.openapi = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
      const id = s.services.outbox.enqueueOne({ dedupeKey: "gw:1", channel: "cs", recipientId: user, message: { kind: "text", text: "Qua cổng" } });
      await waitFor(() => !["pending", "sending"].includes(s.services.outboxRepo.get(id)!.status), 10_000, "row settled");
      expect(gatewayErrors).toBe(1);
      expect(s.services.outboxRepo.get(id)).toMatchObject({ status: "sent", attempts: 1 });
      expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Qua cổng"]);
    } finally {
      await new Promise((r) => proxy.close(r));
    }
  });

  it("a failing handler is retried after a delay, not five times within milliseconds", async () => {
    s = await startStack({ env: { INBOX_MAX_ATTEMPTS: "3" } });
    let calls = 0;
    s.services.registry.on("user_send_text", () => {
      calls++;
      throw new Error("handler bug");
    });
    const user = "8800000000000000002";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    await s.sim.sim.sendText(user, "xin chào");
    await waitFor(() => calls >= 1, 5_000, "first attempt");
    await new Promise((r) => setTimeout(r, 500));
    const row = s.services.database.sqlite.prepare("SELECT status, attempts FROM inbox_events WHERE event_name = 'user_send_text'").get() as { status: string; attempts: number };
    expect(calls).toBe(1);
    expect(row).toEqual({ status: "pending", attempts: 1 });
    await waitFor(() => calls >= 2, 10_000, "second attempt after the delay");
  });

  it("identity handlers (linking a chat to its household) run before the chat's, whatever the registration order", () => {
    const r = new HandlerRegistry();
    const chat = () => undefined;
    const link = () => undefined;
    r.on("user_send_text", chat);
    r.withPriority(HANDLER_PRIORITY.identity).on("user_send_text", link);
    expect(r.handlersFor("user_send_text")).toEqual([link, chat]);
  });
});
