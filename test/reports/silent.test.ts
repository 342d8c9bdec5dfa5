/**
 * Issue 14: households that have not answered for N weeks, per village (who a village head should
 * visit), through the real API.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("silent households", () => {
  it("counts active households whose answers did not change for N weeks; an answer makes a household speak again; heads see their village", async () => {
    const clock = new ManualClock(Date.UTC(2026, 9, 1, 3, 0)); // 1 Oct 2026
    t = await createGdsApp({ clock });
    const reg = async (label: string) => (await t!.call(DEMO.headDongXuan, "POST", "/api/households", { villageId: "thon-dong-xuan", label })).body.id as number;
    const a = await reg("Hộ ông Nguyễn Văn An, xóm 1");
    await reg("Hộ bà Trần Thị Bích, xóm 1");
    await reg("Hộ ông Lê Văn Cường, xóm 2");
    expect((await t.call(DEMO.headHaTien, "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ ông Phạm Văn Dũng, xóm 4" })).status).toBe(201);

    clock.advance(5 * 7 * 24 * 3600_000); // five weeks later, one household answers
    const answered = await t.call(DEMO.headDongXuan, "POST", `/api/households/${a}/answers`, { changes: [{ criterionId: "vneid-muc-2", value: "dat", idempotencyKey: "silent-test-key-1" }] });
    expect(answered.status).toBe(200);

    const r = await t.call(DEMO.officer, "GET", "/api/reports/silent-households?weeks=4");
    expect(r.status).toBe(200);
    const dx = r.body.villages.find((v: any) => v.villageId === "thon-dong-xuan");
    expect(dx).toMatchObject({ active: 3, silent: 2, silentPercent: 66.7 });
    expect(r.body.villages.find((v: any) => v.villageId === "thon-ha-tien")).toMatchObject({ active: 1, silent: 1 });
    expect(r.body.total).toMatchObject({ active: 4, silent: 3 });
    // Within the last 6 weeks everybody was registered or answered: nobody silent.
    expect((await t.call(DEMO.officer, "GET", "/api/reports/silent-households?weeks=6")).body.total.silent).toBe(0);

    const head = await t.call(DEMO.headHaTien, "GET", "/api/reports/silent-households?weeks=4");
    expect(head.body.villages.map((v: any) => v.villageId)).toEqual(["thon-ha-tien"]);
    expect((await t.call("8600000000000000902", "GET", "/api/reports/silent-households")).status).toBe(403);
    expect((await t.call(DEMO.officer, "GET", "/api/reports/silent-households?weeks=0")).status).toBe(400);
  });
});
