/**
 * Brief H: the fields the admin edited in the console page stay the console's across restarts, however
 * many edits came after (bot/commune/store.ts `followFileSettings`), over the real app and a real file.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

let g: GdsTestApp | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});

describe("a field edited long ago in the console", () => {
  // NOT FIXED (bot/commune/store.ts, outside this brief's files): `followFileSettings` finds the fields
  // the console edited in the last 1000 "commune.settings" audit entries only (AuditLog.list caps its
  // limit at 1000). After 1000 later edits of other fields (the target, the hand-off minutes...), a
  // restart with a changed commune file puts the file's one-stop desk hours back over the admin's.
  // Fix there: keep the set of console-edited fields itself (a row, or a note on each settings version)
  // instead of re-deriving it from a capped audit page.
  it("is still the console's after 1000 other edits and a restart with a changed file", async () => {
    const clock = new ManualClock(Date.parse("2026-07-15T03:00:00Z"));
    g = await createGdsApp({ clock });
    const service = g.services.commune.service;
    const store = g.services.commune.store;
    service.edit("admin", { op: "settings.update", baseVersion: store.version(), settings: { oneStopDesk: { hours: "Giờ của cán bộ xã" } } });
    for (let i = 0; i < 1000; i++) {
      service.edit("admin", { op: "settings.update", baseVersion: store.version(), settings: { chat: { handoffSilenceMinutes: 30 + (i % 2) } } });
    }
    const { dbPath } = g;
    await g.app.close();
    await g.services.stop();
    g = await createGdsApp({ dbPath, clock, commune: (f) => ({ ...f, police: { ...f.police, name: "Công an xã (tệp mới)" }, oneStopDesk: { ...f.oneStopDesk!, hours: "giờ của tệp" } }) });
    expect(g.services.config.commune.police.name).toBe("Công an xã (tệp mới)");
    expect(g.services.config.commune.oneStopDesk?.hours).toBe("Giờ của cán bộ xã");
    expect((await g.call(DEMO.admin, "GET", "/api/admin/commune")).status).toBe(200);
  }, 120_000);
});

describe("a group the commune file never had, created in the page", () => {
  it("the change history says only the fields given, in words (no “chưa có → chưa có”, no vague extra line)", async () => {
    g = await createGdsApp({
      commune: (f) => {
        const c = structuredClone(f) as Partial<typeof f>;
        delete c.mobileTeam;
        delete c.oneStopDesk;
        return c as typeof f;
      },
    });
    const version = async () => ((await g!.call<any>(DEMO.admin, "GET", "/api/admin/commune")).body.version as number);
    const team = await g.call<any>(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: await version(), settings: { mobileTeam: { name: "Tổ lưu động mới" } } });
    expect(team.status, JSON.stringify(team.body)).toBe(200);
    expect(team.body.changes).toEqual(["Tên tổ dịch vụ công lưu động: chưa có → “Tổ lưu động mới”"]);
    const desk = await g.call<any>(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: await version(), settings: { oneStopDesk: { place: "UBND xã", hours: "7:30–11:30" } } });
    expect(desk.status, JSON.stringify(desk.body)).toBe(200);
    expect(desk.body.changes).toEqual(["Nơi làm việc của Bộ phận Một cửa: chưa có → “UBND xã”", "Giờ làm việc của Bộ phận Một cửa: chưa có → “7:30–11:30”"]);
  });
});
