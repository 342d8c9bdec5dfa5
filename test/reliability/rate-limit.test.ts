import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { startStack, type Stack } from "../support/stack";

describe("a burst of Zalo rate-limit answers (-32)", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("12 answers of -32 with 4 sends in flight pause sending about a minute at most, not minutes, and use up no attempt", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 25, 3, 0));
    // Production back-off settings: 2 s base, 10 min cap for ordinary retries.
    s = await startStack({ clock, env: { OUTBOX_CONCURRENCY: "4", OUTBOX_BACKOFF_BASE_MS: "2000", OUTBOX_BACKOFF_MAX_MS: "600000", OUTBOX_MAX_ATTEMPTS: "3" } });
    const users = Array.from({ length: 20 }, (_, i) => `8400000000000000${String(i).padStart(3, "0")}`);
    for (const u of users) s.sim.sim.upsertUser(u, { follower: true, last_interaction_at: clock.now() });
    s.sim.sim.pushFaults("message", Array.from({ length: 12 }, () => ({ code: -32 })));
    const start = clock.now();
    s.services.outbox.enqueue(...users.map((u, i) => ({ dedupeKey: `burst:${i}`, channel: "cs" as const, recipientId: u, message: { kind: "text" as const, text: `Tin ${i}` } })));
    // Time passes one second at a time (the sender wakes at each step), for at most 10 minutes.
    const sent = () => s.services.outboxRepo.countByStatus().sent ?? 0;
    while (sent() < users.length && clock.now() - start < 10 * 60_000) {
      await new Promise((r) => setTimeout(r, 15));
      s.advance(1_000);
    }
    const delay = clock.now() - start;
    console.info(`-32 burst: 12 answers, all 20 sent after ${Math.round(delay / 1000)} s of Zalo time`);
    expect(sent()).toBe(users.length);
    expect(delay).toBeLessThanOrEqual(75_000);
    expect(s.sim.sim.pendingFaults()).toHaveLength(0);
    // -32 is not an attempt: with 3 attempts allowed and up to 3 -32 answers per row, nothing failed.
    const rows = s.services.database.sqlite.prepare("SELECT attempts FROM outbox").all() as { attempts: number }[];
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
    for (const u of users) expect(s.sim.sim.inbox(u)).toHaveLength(1);
  });
});
