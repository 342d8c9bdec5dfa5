import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VillageStandings } from "../../shared/contracts";
import { createGdsApp, DEMO, key, type GdsTestApp } from "./support";

let t: GdsTestApp;
let mine: number;

beforeAll(async () => {
  t = await createGdsApp();
  mine = (await t.call("8201", "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ bà Phạm Thị Xếp Hạng" })).body.id;
  await t.call("8202", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Võ Văn Bên Cạnh" });
  // The first household meets every criterion that applies to it: its village moves up.
  const h = (await t.call("8201", "GET", `/api/households/${mine}`)).body;
  const all: string[] = h.criteria.filter((c: { status: string }) => c.status !== "na").map((c: { id: string }) => c.id);
  const res = await t.call("8201", "POST", `/api/households/${mine}/answers`, { changes: all.map((criterionId) => ({ criterionId, value: "dat", idempotencyKey: key("st") })) });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(async () => t.close());

describe("GET /api/villages/standings", () => {
  it("a household reads every village's rank, % and households still needed, from the aggregates", async () => {
    const res = await t.call("8201", "GET", "/api/villages/standings");
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = VillageStandings.parse(res.body);
    const commune = (await t.call(DEMO.officer, "GET", "/api/commune/dashboard")).body;
    expect(body.items).toHaveLength(commune.villages.length);
    expect(body.targetPercent).toBe(commune.totals.target.percent);
    expect(body.items).toEqual(
      commune.villages.map((v: any) => ({ rank: v.rank, villageId: v.villageId, name: v.villageName, fullyMetPercent: v.fullyMetPercent, needed: v.target.needed, reached: v.target.reached })),
    );
    // The village with a household that meets everything ranks first; ranks never go down the list.
    expect(body.items[0]!.villageId).toBe("thon-ha-tien");
    expect(body.items[0]!.fullyMetPercent).toBeGreaterThan(0);
    for (let i = 1; i < body.items.length; i++) expect(body.items[i]!.rank).toBeGreaterThanOrEqual(body.items[i - 1]!.rank);
    // Totals only: no household, label or member leaks into the answer.
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("Xếp Hạng");
    expect(text).not.toContain("Bên Cạnh");
    expect(text).not.toMatch(/household(Id|s)?"/);
  });

  it("any logged-in user may call it: a village head, an officer, someone without a household", async () => {
    for (const u of [DEMO.headDongXuan, DEMO.officer, "8299"]) expect((await t.call(u, "GET", "/api/villages/standings")).status).toBe(200);
  });

  it("without a session: 401 in Vietnamese", async () => {
    const res = await t.call(null, "GET", "/api/villages/standings");
    expect(res.status).toBe(401);
    expect(res.body.error.message).toContain("đăng nhập");
  });
});
