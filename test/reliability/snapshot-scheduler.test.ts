import { afterEach, describe, expect, it } from "vitest";
import { SnapshotScheduler } from "../../bot/reports/snapshot-scheduler";
import { createGdsApp, type GdsTestApp } from "../households/support";
import { testLogger } from "../support/env";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

// Friday 17 July 2026, 16:00 in Việt Nam = 09:00 UTC: the cut-off of 2026-W29.
const CUTOFF = Date.parse("2026-07-17T09:00:00Z");

async function withHousehold(at: number): Promise<GdsTestApp> {
  const app = await createGdsApp();
  app.clock.set(Date.parse("2026-07-15T03:00:00Z"));
  await app.call("6201", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Đúng Giờ" });
  app.clock.set(at);
  return app;
}

describe("the Friday snapshot is never lost to timing", () => {
  it("a tick blocked across 16:00 (no tick during 16:00) still freezes the week, once, as the regular run", async () => {
    t = await withHousehold(CUTOFF - 30_000); // 15:59:30
    const scheduler = new SnapshotScheduler(t.services.gds.snapshots, testLogger(), t.clock);
    scheduler.tickAt(t.clock.now()); // start: the week before was frozen by the catch-up or not at all
    const frozenBefore = t.services.gds.snapshots.meta("2026-W29");
    expect(frozenBefore).toBeUndefined();
    t.clock.set(CUTOFF + 75_000); // the event loop was busy until 16:01:15
    scheduler.tickAt(t.clock.now());
    scheduler.tickAt(t.clock.now() + 1_000);
    expect(t.services.gds.snapshots.meta("2026-W29")).toMatchObject({ trigger: "cron", cutoffAt: CUTOFF });
    expect(t.services.gds.snapshots.list(10).filter((w) => w.week === "2026-W29")).toHaveLength(1);
  });

  it("a bot started inside the cut-off minute (16:00:20) freezes the week as the regular run", async () => {
    t = await withHousehold(CUTOFF + 20_000);
    const scheduler = new SnapshotScheduler(t.services.gds.snapshots, testLogger(), t.clock);
    scheduler.tickAt(t.clock.now());
    expect(t.services.gds.snapshots.meta("2026-W29")).toMatchObject({ trigger: "cron", cutoffAt: CUTOFF });
  });
});
