import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

/** Issue 10 item 8: the role-grant route read Date.now(), not the clock the app is built with. */
describe("routes read the injected clock", () => {
  let t: GdsTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("a role granted by an admin is dated by the app's clock, in the answer, the list and the database", async () => {
    // Far from the wall clock: a route reading Date.now() instead would show today's date.
    const at = Date.parse("2024-03-08T02:30:00Z");
    t = await createGdsApp({ clock: new ManualClock(at) });
    const user = "8123456789012345678";
    const g = await t.call(DEMO.admin, "POST", "/api/admin/roles", { appUserId: user, role: "village_head", villageId: "lang-dak-ro", name: "Y Đức" });
    expect(g.status).toBe(201);
    expect(g.body.grantedAt).toBe("2024-03-08T02:30:00.000Z");

    const list = await t.call(DEMO.admin, "GET", "/api/admin/roles");
    expect(list.status).toBe(200);
    expect(list.body.items.find((r: { appUserId: string }) => r.appUserId === user)?.grantedAt).toBe("2024-03-08T02:30:00.000Z");

    const row = t.services.database.sqlite.prepare("SELECT granted_at AS grantedAt FROM role_grants WHERE app_user_id = ?").get(user) as { grantedAt: number };
    expect(row.grantedAt).toBe(at);
  });
});
