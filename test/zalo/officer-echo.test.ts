import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";
import { TEST_CREDENTIALS } from "../support/env";
import { rawRequest } from "./support";

const OA = TEST_CREDENTIALS.oaId;
const APP = TEST_CREDENTIALS.appId;

/**
 * The documented `oa_send_text` example (developers.zalo.me/docs/official-account/webhook/tin-nhan/
 * su-kien-official-account-gui-tin-nhan-cho-nguoi-dung; shared/zalo/oa-api.md §1) carries
 * `sender.admin_id`. The page says admin_id marks an officer writing from oa.zalo.me, but not that an
 * API send's echo never has it: this test sends both with admin_id, and only the outbox tells them apart.
 */
function docOaSendText(user: string, msgId: string) {
  return JSON.stringify({
    app_id: APP,
    sender: { admin_id: "1234567898765432100", id: OA },
    user_id_by_app: "552177279717587730",
    recipient: { id: user },
    event_name: "oa_send_text",
    message: { text: "Chào bác", msg_id: msgId },
    timestamp: String(Date.now()),
  });
}

describe("item 4: an echo with admin_id is an officer's reply only if the outbox did not send it", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.services.worker.start();
  });
  afterEach(async () => t.close());

  const silencedUntil = (user: string) => t.services.chat.conversations.get(user)?.silencedUntil ?? null;
  const enqueue = (user: string, key: string) =>
    t.services.outbox.enqueueOne({ dedupeKey: key, channel: "cs", recipientId: user, message: { kind: "text", text: "Dạ, bác hỏi gì ạ?" } });
  const claim = () => t.services.outboxRepo.claimDue(Date.now() + 1, 10);

  it("the echo of the bot's own send (message id recorded) leaves the bot talking", async () => {
    const user = "8100000000000000001";
    const id = enqueue(user, "own-1");
    claim();
    t.services.outboxRepo.markSent(id, "bot-msg-1", Date.now());
    expect((await t.app.inject(rawRequest(docOaSendText(user, "bot-msg-1")))).statusCode).toBe(200);
    await t.services.worker.drain();
    expect(silencedUntil(user)).toBeNull();
  });

  it("an echo with admin_id that the outbox never sent is an officer answering: the bot goes quiet", async () => {
    const user = "8100000000000000002";
    const id = enqueue(user, "own-2");
    claim();
    t.services.outboxRepo.markSent(id, "bot-msg-2", Date.now());
    expect((await t.app.inject(rawRequest(docOaSendText(user, "officer-msg-2")))).statusCode).toBe(200);
    await t.services.worker.drain();
    expect(silencedUntil(user)).toBeGreaterThan(Date.now());
  });

  it("race: the echo arrives before the send's response is recorded; it waits for the row and does not guess", async () => {
    const user = "8100000000000000003";
    const id = enqueue(user, "own-3");
    expect(claim().map((r) => r.id)).toContain(id); // in flight: `sending`, no message id yet
    expect((await t.app.inject(rawRequest(docOaSendText(user, "bot-msg-3")))).statusCode).toBe(200);
    // the send's response comes back 400 ms after Zalo delivered the echo
    setTimeout(() => t.services.outboxRepo.markSent(id, "bot-msg-3", Date.now()), 400);
    await t.services.worker.drain();
    expect(t.services.outboxRepo.knownMessageIds(user).has("bot-msg-3")).toBe(true);
    expect(silencedUntil(user)).toBeNull();
  });

  it("race, other way: while a send is in flight an officer's echo is still recognised once the send records its own id", async () => {
    const user = "8100000000000000004";
    const id = enqueue(user, "own-4");
    claim();
    expect((await t.app.inject(rawRequest(docOaSendText(user, "officer-msg-4")))).statusCode).toBe(200);
    setTimeout(() => t.services.outboxRepo.markSent(id, "bot-msg-4", Date.now()), 400);
    await t.services.worker.drain();
    expect(silencedUntil(user)).toBeGreaterThan(Date.now());
  });
});
