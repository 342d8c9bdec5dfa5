import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";
import { TEST_CREDENTIALS } from "../support/env";
import { rawRequest } from "./support";

const OA = TEST_CREDENTIALS.oaId;
const APP = TEST_CREDENTIALS.appId;

/**
 * Delivery and read receipts as documented (user_received_message, user_seen_message; shared/zalo/oa-api.md
 * §1), with the 12-digit timestamp width Zalo's own examples carry. The times in the delivery report
 * must be when the receipt arrived, not 1974.
 */
describe("delivery and read receipts", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.services.worker.start();
  });
  afterEach(async () => t.close());

  it("records when the bot received the receipt, whatever the event's timestamp width", async () => {
    const received = JSON.stringify({ app_id: APP, event_name: "user_received_message", sender: { id: OA }, recipient: { id: "2468458835291979221" }, message: { msg_id: "receipt-msg-1" }, timestamp: "154390853474" });
    const seen = JSON.stringify({ app_id: APP, event_name: "user_seen_message", sender: { id: OA }, recipient: { id: "2468458835291979221" }, message: { msg_ids: ["receipt-msg-1"] }, timestamp: "15439085347" });
    const before = Date.now();
    for (const raw of [received, seen]) expect((await t.app.inject(rawRequest(raw))).statusCode).toBe(200);
    await t.services.worker.drain();
    const row = t.services.database.sqlite.prepare("SELECT received_at, seen_at FROM message_receipts WHERE message_id = ?").get("receipt-msg-1") as { received_at: number; seen_at: number };
    for (const at of [row.received_at, row.seen_at]) {
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(Date.now());
    }
  });
});
