import { afterEach, describe, expect, it } from "vitest";
import { startStack, waitFor, type Stack } from "../support/stack";

/**
 * An anonymous answer whose send timed out: Zalo documents no history for anonymous chats, so the
 * reconciler cannot look it up. It is sent again (at least once) instead of staying "uncertain".
 */
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

describe("an anonymous answer after a timeout", () => {
  it("is sent again rather than left uncertain", async () => {
    stack = await startStack({ env: { ZALO_HTTP_TIMEOUT_MS: "200" } });
    const s = stack;
    (s.services.sender as unknown as { o: { reconcileDelaysMs: number[] } }).o.reconcileDelaysMs = [300, 600];
    const anon = "2aa0dc467f179649cf07";
    // Zalo takes the first answer but replies after our timeout.
    s.sim.sim.pushFaults("message", [{ delay_ms: 500 }]);
    await s.sim.sim.sendAnonymousText(anon, "xin chào"); // one answer, no hand-off notice to take the fault
    const rows = () => s.services.database.sqlite.prepare("SELECT status FROM outbox WHERE channel = 'anonymous'").all() as { status: string }[];
    await waitFor(() => rows().length > 0 && rows().every((r) => r.status === "sent" || r.status === "uncertain" || r.status === "failed"), 15_000, "anonymous answer settled");
    expect(rows().map((r) => r.status)).toEqual(rows().map(() => "sent"));
    const got = (s.sim.sim.anonymousChat(anon)?.messages ?? []).filter((m) => m.from_oa && m.via_api);
    expect(got.length).toBeGreaterThanOrEqual(1);
  }, 30_000);
});
