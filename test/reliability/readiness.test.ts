import { afterEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

describe("readiness tells degraded from disconnected", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  it("one 502 from the token endpoint while the access token still works: 200 degraded, messages still go out", async () => {
    s = await startStack({ startWorkers: false });
    const user = "8900000000000000001";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    const cur = s.services.tokenRepo.current()!;
    // Inside the refresh margin: the next call refreshes first, and the token endpoint answers 502.
    s.services.database.sqlite.prepare("UPDATE zalo_tokens SET access_expires_at = ? WHERE id = ?").run(Date.now() + 60_000, cur.id);
    s.sim.sim.pushFaults("token", [{ http_status: 502 }]);
    const sent = await s.services.zalo.sendText(user, "Vẫn gửi được");
    expect(sent.ok).toBe(true);
    const ready = await s.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ ok: true, status: "degraded", checks: { zalo: { ok: true, degraded: true, detail: { state: "degraded" } } } });
  });
});
