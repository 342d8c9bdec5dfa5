import { afterEach, describe, expect, it } from "vitest";
import { startStack, waitFor, type Stack } from "../support/stack";

describe("outbox and sender against the simulator", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  const row = (id: number) => s.services.outboxRepo.get(id)!;
  const one = (req: Parameters<Stack["services"]["outbox"]["enqueue"]>[0]) => s.services.outbox.enqueue(req)[0]!.id;
  const settled = (id: number) => !["pending", "sending"].includes(row(id).status);

  it("records a send outside the 7-day window as outside_window and does not retry it", async () => {
    s = await startStack();
    const silent = "8200000000000000001";
    s.sim.sim.upsertUser(silent, { follower: true, last_interaction_at: s.sim.sim.clock.now() - 8 * 24 * 3600 * 1000 });
    const id = one({ dedupeKey: "t:window", channel: "cs", recipientId: silent, message: { kind: "text", text: "Nhắc bác cập nhật VNeID" } });
    await waitFor(() => settled(id), 5000, "row settled");
    await new Promise((r) => setTimeout(r, 300));
    expect(row(id)).toMatchObject({ status: "outside_window", errorCode: -230, attempts: 1 });
    expect(s.sim.sim.stats().byEndpoint["POST /v3.0/oa/message/cs"]).toBe(1);
    expect(s.sim.sim.inbox(silent)).toHaveLength(0);
  });

  it("pauses on -32 and then delivers once; the rate limit uses up no attempt", async () => {
    s = await startStack();
    const user = "8200000000000000002";
    s.sim.sim.upsertUser(user, { last_interaction_at: s.sim.sim.clock.now() });
    s.sim.sim.pushFaults("message", [{ code: -32 }, { code: -32 }]);
    const started = Date.now();
    const id = one({ dedupeKey: "t:ratelimit", channel: "cs", recipientId: user, message: { kind: "text", text: "Lịch tổ lưu động" } });
    await waitFor(() => settled(id), 10_000, "row settled");
    expect(row(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(row(id).messageId).toMatch(/^\d+$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25 + 50); // two backoffs of at least base/2 then base
    expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Lịch tổ lưu động"]);
  });

  it("gives up after the attempt limit on a retryable error and records the error", async () => {
    s = await startStack({ env: { OUTBOX_MAX_ATTEMPTS: "3" } });
    const user = "8200000000000000003";
    s.sim.sim.upsertUser(user, { last_interaction_at: s.sim.sim.clock.now() });
    s.sim.sim.pushFaults("message", [{ http_status: 502 }, { http_status: 502 }, { http_status: 502 }, { http_status: 502 }]);
    const id = one({ dedupeKey: "t:giveup", channel: "cs", recipientId: user, message: { kind: "text", text: "x" } });
    await waitFor(() => settled(id), 10_000, "row settled");
    expect(row(id)).toMatchObject({ status: "failed", attempts: 3 });
    expect(row(id).errorMessage).toContain("after 3 attempts");
  });

  it("marks permanent errors failed at once, and one dedupe key is one message", async () => {
    s = await startStack();
    const user = "8200000000000000004";
    s.sim.sim.upsertUser(user, { last_interaction_at: s.sim.sim.clock.now() });
    const a = s.services.outbox.enqueue({ dedupeKey: "t:once", channel: "cs", recipientId: user, message: { kind: "text", text: "Chỉ một lần" } });
    const b = s.services.outbox.enqueue({ dedupeKey: "t:once", channel: "cs", recipientId: user, message: { kind: "text", text: "Chỉ một lần" } });
    expect(a[0]!.created).toBe(true);
    expect(b[0]).toEqual({ id: a[0]!.id, created: false });
    const groupRow = one({ dedupeKey: "t:group", channel: "group", recipientId: "g-not-owned", message: { kind: "text", text: "Nhắc họp" } });
    await waitFor(() => settled(a[0]!.id) && settled(groupRow), 5000, "rows settled");
    expect(s.sim.sim.inbox(user)).toHaveLength(1);
    expect(row(groupRow)).toMatchObject({ status: "failed", errorCode: -403, attempts: 1 });
  });

  it("keeps each resident's messages in order and sends buttons and group messages", async () => {
    s = await startStack({ env: { OUTBOX_CONCURRENCY: "4" } });
    const people = ["8200000000000000005", "8200000000000000006", "8200000000000000007"];
    for (const p of people) s.sim.sim.upsertUser(p, { last_interaction_at: s.sim.sim.clock.now() });
    s.sim.sim.upsertGroup({ group_id: "g-dong-xuan-1", name: "Tổ CNS Đông Xuân", owned_by_oa: true });
    const requests = people.flatMap((p) =>
      Array.from({ length: 8 }, (_, i) => ({ dedupeKey: `t:order:${p}:${i}`, channel: "cs" as const, recipientId: p, message: { kind: "text" as const, text: `Bước ${i + 1}` } })),
    );
    s.services.outbox.enqueue(...requests);
    s.services.outbox.enqueue(
      {
        dedupeKey: "t:buttons",
        channel: "cs",
        recipientId: people[0]!,
        message: { kind: "buttons", text: "Bước 1/7: Tải ứng dụng", buttons: [{ type: "query_hide", title: "Tiếp", payload: "#tiep" }, { type: "url", title: "Mở CH Play", url: "https://play.google.com/store" }] },
      },
      { dedupeKey: "t:group-ok", channel: "group", recipientId: "g-dong-xuan-1", message: { kind: "text", text: "Thứ Sáu 16:00 hạn báo cáo" } },
    );
    await waitFor(() => s.services.outboxRepo.countByStatus().sent === 26, 10_000, "all sent");
    for (const p of people) expect(s.sim.sim.inbox(p).slice(0, 8).map((m) => m.text)).toEqual(Array.from({ length: 8 }, (_, i) => `Bước ${i + 1}`));
    const last = s.sim.sim.inbox(people[0]!).at(-1)!;
    expect(last.buttons.map((b) => [b.title, b.type])).toEqual([["Tiếp", "oa.query.hide"], ["Mở CH Play", "oa.open.url"]]);
    expect(s.sim.sim.groupMessages("g-dong-xuan-1").map((m) => m.text)).toEqual(["Thứ Sáu 16:00 hạn báo cáo"]);
  });

  it("rejects an invalid message before it enters the outbox", () => {
    return startStack({ startWorkers: false }).then((stack) => {
      s = stack;
      expect(() => s.services.outbox.enqueue({ dedupeKey: "t:long", channel: "cs", recipientId: "1", message: { kind: "text", text: "x".repeat(2001) } })).toThrow();
      const six = Array.from({ length: 6 }, (_, i) => ({ type: "query_hide" as const, title: `N${i}`, payload: `p${i}` }));
      expect(() => s.services.outbox.enqueue({ dedupeKey: "t:six", channel: "cs", recipientId: "1", message: { kind: "buttons", text: "x", buttons: six } })).toThrow();
      expect(s.services.outboxRepo.countByStatus()).toEqual({});
    });
  });

  it("after a timeout it looks in the history instead of sending twice", async () => {
    s = await startStack({ env: { ZALO_HTTP_TIMEOUT_MS: "200" } });
    (s.services.sender as unknown as { o: { reconcileDelaysMs: number[] } }).o.reconcileDelaysMs = [400, 800];
    const user = "8200000000000000008";
    s.sim.sim.upsertUser(user, { last_interaction_at: s.sim.sim.clock.now() });
    // Zalo takes the message but answers too late for our timeout.
    s.sim.sim.pushFaults("message", [{ delay_ms: 500 }]);
    const id = one({ dedupeKey: "t:timeout", channel: "cs", recipientId: user, message: { kind: "text", text: "Chậm nhưng tới" } });
    await waitFor(() => settled(id), 10_000, "row settled");
    expect(row(id).status).toBe("sent");
    expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Chậm nhưng tới"]);
    expect(row(id).messageId).toBe(s.sim.sim.inbox(user)[0]!.message_id);
  });

  it("officers list failed messages and send one again", async () => {
    s = await startStack({ env: { OUTBOX_MAX_ATTEMPTS: "1", ADMIN_TOKEN: "officer-token" } });
    const user = "8200000000000000009";
    s.sim.sim.upsertUser(user, { last_interaction_at: s.sim.sim.clock.now() });
    s.sim.sim.pushFaults("message", [{ http_status: 503 }]);
    const id = one({ dedupeKey: "t:resend", channel: "cs", recipientId: user, message: { kind: "text", text: "Gửi lại giúp tôi" } });
    await waitFor(() => settled(id), 5000, "row settled");
    const auth = { authorization: "Bearer officer-token" };
    const failed = (await s.app.inject({ method: "GET", url: "/api/officer/outbox?status=failed", headers: auth })).json() as { items: { id: number }[] };
    expect(failed.items.map((r) => r.id)).toEqual([id]);
    expect((await s.app.inject({ method: "POST", url: `/api/officer/outbox/${id}/resend`, headers: auth })).statusCode).toBe(200);
    await waitFor(() => row(id).status === "sent", 5000, "resent");
    expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Gửi lại giúp tôi"]);
    expect((await s.app.inject({ method: "POST", url: `/api/officer/outbox/${id}/resend`, headers: auth })).statusCode).toBe(409);
    expect((await s.app.inject({ method: "GET", url: "/api/officer/outbox" })).statusCode).toBe(401);
  });
});
