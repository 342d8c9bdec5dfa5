import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { startStack, waitFor, type Stack } from "../support/stack";

/** Vietnam is UTC+7: a local wall time as epoch ms. */
const vn = (y: number, mo: number, d: number, h: number, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 7, mi, s);

describe("reminders are never lost to timing", () => {
  let s: Stack;
  let clock: ManualClock;
  afterEach(async () => s?.close());

  async function boot(at: number) {
    clock = new ManualClock(at);
    s = await startStack({ clock });
    for (const v of s.services.config.commune.villages) {
      for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
    }
  }
  const legalTip = () => s.services.broadcasts.repo.schedules().find((x) => x.kind === "legal_tip")!;
  const tipFirings = () => s.services.broadcasts.repo.firings(legalTip().id);
  const tipPosts = () => s.sim.sim.groupMessages("g-dong-xuan-1").filter((m) => m.text.includes("Pháp luật trong tuần"));

  it("a bot started inside the due minute (Wednesday 19:00:30) fires the 19:00 legal tip, once", async () => {
    await boot(vn(2026, 11, 25, 19, 0, 30)); // start (workers and ticker) at 19:00:30
    await waitFor(() => tipFirings().length === 1, 10_000, "the 19:00 firing at start");
    expect(tipFirings()[0]).toMatchObject({ slot: vn(2026, 11, 25, 19, 0), outcome: "sent" });
    await s.services.broadcasts.scheduler.tickAsync(clock.now()); // the ticker again within the minute
    await waitFor(() => tipPosts().length === 1, 10_000, "the tip in the group");
    await s.services.sender.idle();
    expect(tipFirings()).toHaveLength(1);
    expect(tipPosts()).toHaveLength(1);
  });

  it("a tick blocked across the minute boundary (19:00 never ticked) still fires 19:00 once", async () => {
    await boot(vn(2026, 11, 25, 18, 59, 59));
    await s.services.broadcasts.scheduler.tickAsync(clock.now()); // 18:59 handled
    expect(tipFirings()).toHaveLength(0);
    // The event loop was busy from 18:59:59 to 19:01:05: no tick ran during 19:00.
    clock.advance(66_000);
    await s.services.broadcasts.scheduler.tickAsync(clock.now());
    await s.services.broadcasts.scheduler.tickAsync(clock.now());
    expect(tipFirings()).toHaveLength(1);
    expect(tipFirings()[0]).toMatchObject({ slot: vn(2026, 11, 25, 19, 0), outcome: "late" });
    await waitFor(() => tipPosts().length === 1, 10_000, "the tip in the group");
    await s.services.sender.idle();
    expect(tipPosts()).toHaveLength(1);
  });

  it("a default schedule renamed by an officer is not seeded again at the next start", async () => {
    await boot(vn(2026, 11, 24, 9, 0));
    const tip = legalTip();
    s.services.broadcasts.repo.updateSchedule(tip.id, { name: "Góc pháp luật tối thứ Tư" }, "cán bộ", clock.now());
    const before = s.services.broadcasts.repo.schedules().length;
    s.services.broadcasts.scheduler.seedDefaults(clock.now()); // what the next start does
    const after = s.services.broadcasts.repo.schedules();
    expect(after).toHaveLength(before);
    expect(after.filter((x) => x.kind === "legal_tip").map((x) => x.name)).toEqual(["Góc pháp luật tối thứ Tư"]);
  });

  it("a database seeded before the stable keys (and renamed since) adopts its schedules instead of getting copies", async () => {
    await boot(vn(2026, 11, 24, 9, 0));
    const sqlite = s.services.database.sqlite;
    // As an older version left it: no seed keys, one default renamed by an officer.
    sqlite.prepare("UPDATE broadcast_schedules SET seed_key = NULL").run();
    sqlite.prepare("UPDATE broadcast_schedules SET name = 'Xếp hạng các thôn' WHERE kind = 'ranking'").run();
    const before = s.services.broadcasts.repo.schedules().length;
    s.services.broadcasts.scheduler.seedDefaults(clock.now());
    const after = s.services.broadcasts.repo.schedules();
    expect(after).toHaveLength(before);
    expect(after.every((x) => x.seedKey === `default:${x.kind}`)).toBe(true);
    expect(after.find((x) => x.kind === "ranking")!.name).toBe("Xếp hạng các thôn");
  });
});
