import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VillageStandings } from "../../shared/contracts";
import { householdSources } from "../../bot/broadcasts/household-sources";
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
      commune.villages.map((v: any) => ({
        rank: v.rank,
        villageId: v.villageId,
        name: v.villageName,
        fullyMetPercent: v.fullyMetPercent,
        fullyMetVerifiedPercent: v.fullyMetVerifiedPercent,
        needed: v.target.needed,
        reached: v.target.reached,
      })),
    );
    // Self-declared by default, the verified figure always beside it (nothing confirmed yet).
    expect(body.basis).toBe("self_declared");
    expect(body.items[0]!.fullyMetVerifiedPercent).toBe(0);
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

describe("self-declared and verified figures (issue 9: one account must not move the official ranking)", () => {
  /** Five households of Hạ Tiến declare everything met; one household of Đông Xuân is confirmed by its village head. */
  async function scenario(basis: "self_declared" | "verified") {
    const app = await createGdsApp({ commune: (c) => ({ ...c, target: { ...c.target, basis } }) });
    const all = (h: { criteria: { id: string; status: string }[] }) => h.criteria.filter((c) => c.status !== "na").map((c) => c.id);
    for (let i = 0; i < 5; i++) {
      const h = (await app.call(DEMO.headHaTien, "POST", "/api/households", { villageId: "thon-ha-tien", label: `Hộ tự khai số ${i + 1}`, joinAsMember: false })).body;
      const res = await app.call(DEMO.headHaTien, "POST", `/api/households/${h.id}/answers`, { changes: all(h).map((criterionId) => ({ criterionId, value: "dat", idempotencyKey: key("sd") })) });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const h = (await app.call(DEMO.headDongXuan, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ đã xác nhận", joinAsMember: false })).body;
    expect((await app.call(DEMO.headDongXuan, "POST", `/api/households/${h.id}/answers`, { changes: all(h).map((criterionId) => ({ criterionId, value: "dat", idempotencyKey: key("v") })) })).status).toBe(200);
    for (const criterionId of all(h)) {
      const v = await app.call(DEMO.headDongXuan, "POST", `/api/households/${h.id}/verifications`, { criterionId, verified: true, idempotencyKey: key("vv") });
      expect(v.status, JSON.stringify(v.body)).toBe(200);
    }
    return app;
  }

  it("by default the self-declared figure ranks and counts toward the target; the verified one is shown beside it", async () => {
    const app = await scenario("self_declared");
    try {
      const commune = (await app.call(DEMO.officer, "GET", "/api/commune/dashboard")).body;
      const ht = commune.villages.find((v: any) => v.villageId === "thon-ha-tien");
      const dx = commune.villages.find((v: any) => v.villageId === "thon-dong-xuan");
      expect(ht).toMatchObject({ rank: 1, fullyMet: 5, fullyMetVerified: 0, verifiedShare: 0, basis: "self_declared" });
      expect(dx).toMatchObject({ fullyMet: 1, fullyMetVerified: 1, verifiedShare: 100 });
      expect(ht.target.needed).toBe(ht.target.required - 5);
      expect(commune.totals).toMatchObject({ fullyMet: 6, fullyMetVerified: 1 });
      expect(commune.totals.pillars.every((p: any) => p.fullyMetVerified === 1)).toBe(true);
      const standings = VillageStandings.parse((await app.call("8299", "GET", "/api/villages/standings")).body);
      expect(standings.items[0]).toMatchObject({ villageId: "thon-ha-tien", fullyMetVerifiedPercent: 0 });
    } finally {
      await app.close();
    }
  });

  it("with target.basis \"verified\" only confirmed households rank and count: five self-declared ones do not move a village up", async () => {
    const app = await scenario("verified");
    try {
      const standings = VillageStandings.parse((await app.call("8299", "GET", "/api/villages/standings")).body);
      expect(standings.basis).toBe("verified");
      expect(standings.items[0]).toMatchObject({ rank: 1, villageId: "thon-dong-xuan" });
      const ht = standings.items.find((v) => v.villageId === "thon-ha-tien")!;
      expect(ht.rank).toBeGreaterThan(1);
      expect(ht.fullyMetPercent).toBeGreaterThan(0); // still shown
      const dash = (await app.call(DEMO.headHaTien, "GET", "/api/villages/thon-ha-tien/dashboard")).body;
      expect(dash).toMatchObject({ basis: "verified", fullyMet: 5, fullyMetVerified: 0 });
      expect(dash.target.needed).toBe(dash.target.required);
      // The Friday ranking post reads the same ranking.
      const ranking = householdSources(app.services.gds, app.services.config.commune).reports.ranking(app.clock.now());
      expect(ranking[0]).toMatchObject({ villageId: "thon-dong-xuan" });
      // Un-confirming one criterion takes the household out of the verified count, in the same transaction.
      const h = (await app.call(DEMO.headDongXuan, "GET", "/api/villages/thon-dong-xuan/households")).body.items[0];
      await app.call(DEMO.headDongXuan, "POST", `/api/households/${h.id}/verifications`, { criterionId: "vneid-muc-2", verified: false, idempotencyKey: key("un") });
      expect((await app.call(DEMO.officer, "GET", "/api/villages/thon-dong-xuan/dashboard")).body).toMatchObject({ fullyMet: 1, fullyMetVerified: 0 });
      expect((await app.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false })).body).toMatchObject({ differences: 0 });
    } finally {
      await app.close();
    }
  });
});
