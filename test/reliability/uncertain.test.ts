import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { startStack, type Stack } from "../support/stack";

/**
 * Issue 10 item 7: a send that timed out is resent only when several looks at the history did not
 * find it; when the history cannot be read at all, the row becomes `uncertain` for an officer,
 * never sent a second time on a guess.
 */
describe("a send that timed out while the history cannot be read", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("becomes uncertain after the checks and their retries, and is not sent again", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 3, 0));
    s = await startStack({ clock, env: { ZALO_HTTP_TIMEOUT_MS: "200", OUTBOX_HISTORY_CHECKS_MS: "3000,15000" } });
    const user = "8800000000000000021";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: clock.now() });
    // Zalo takes the message but answers after our timeout; then every history read fails.
    s.sim.sim.pushFaults("message", [{ delay_ms: 600 }]);
    s.sim.sim.pushFaults("any", Array.from({ length: 40 }, () => ({ http_status: 500 })));
    const id = s.services.outbox.enqueueOne({ dedupeKey: "unreadable:1", channel: "cs", recipientId: user, message: { kind: "text", text: "Không rõ đã tới chưa" } });
    const row = () => s.services.outboxRepo.get(id)!;
    // The send times out (real time), then Zalo time passes a second at a time, for at most 10 minutes.
    const start = clock.now();
    while (["pending", "sending"].includes(row().status) && clock.now() - start < 10 * 60_000) {
      await new Promise((r) => setTimeout(r, 15));
      s.advance(1_000);
    }
    expect(row()).toMatchObject({ status: "uncertain", attempts: 1 });
    const historyReads = 40 - s.sim.sim.pendingFaults().length;
    expect(historyReads).toBeGreaterThanOrEqual(2); // each planned look was tried (and more after it)
    // Ten more minutes: an uncertain row stays as it is (an officer decides), nothing is sent again.
    for (let i = 0; i < 60; i++) {
      await new Promise((r) => setTimeout(r, 5));
      s.advance(10_000);
    }
    await s.services.sender.idle();
    expect(row().status).toBe("uncertain");
    expect(s.sim.sim.stats().byEndpoint["POST /v3.0/oa/message/cs"]).toBe(1);
    expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Không rõ đã tới chưa"]);
  });
});
