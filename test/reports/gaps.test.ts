import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerValue } from "../../shared/criteria";
import { householdSources } from "../../bot/broadcasts/household-sources";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp;

beforeAll(async () => {
  t = await createGdsApp();
  const cat = t.services.gds.catalogue.criteria;
  const villages = ["thon-dong-xuan", "thon-ha-tien", "lang-dak-ro"];
  const values: AnswerValue[] = ["dat", "chua_dat", "khong_ap_dung"];
  for (let i = 0; i < 30; i++) {
    const user = `77${String(i).padStart(2, "0")}`;
    const h = (await t.call(user, "POST", "/api/households", { villageId: villages[i % 3], label: `Hộ thử ${i + 1}`, flags: { business: i % 4 === 0, producer: i % 5 === 0 } })).body;
    // Answers of every kind, some households meeting everything.
    const changes = cat
      .filter((c) => !c.relevance.flags || (i % 4 === 0 && c.relevance.flags.includes("business")) || (i % 5 === 0 && c.relevance.flags.includes("producer")))
      .map((c, j) => {
        const v = i % 6 === 0 ? "dat" : values[(i * 7 + j * 3) % 3]!;
        return { criterionId: c.id, value: v === "khong_ap_dung" && !c.relevance.mayDecline ? "chua_dat" : v, idempotencyKey: key() };
      })
      .filter((_, j) => i % 6 === 0 || (i + j) % 4 !== 0);
    expect((await t.call(user, "POST", `/api/households/${h.id}/answers`, { changes })).status).toBe(200);
    // Two of three households have a member the OA knows (chat linked); one has two.
    if (i % 3 !== 2) t.services.database.sqlite.prepare("UPDATE household_members SET oa_user_id = ? WHERE app_user_id = ?").run(`oa-${user}`, user);
  }
  // One archived household: never in an audience.
  const archived = (await t.call("7799", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ đã chuyển đi" })).body;
  t.services.database.sqlite.prepare("UPDATE household_members SET oa_user_id = 'oa-7799' WHERE app_user_id = '7799'").run();
  expect((await t.call(DEMO.headDongXuan, "PATCH", `/api/households/${archived.id}`, { status: "archived" })).status).toBe(200);
}, 120_000);
afterAll(async () => t.close());

/** What the planner did before: one lookup per household, its first member's missing list. */
function perHousehold(criterionId: string | undefined, villageIds: string[]) {
  const gds = t.services.gds;
  const out: { householdId: string; villageId: string; userIds: string[]; criterion: string }[] = [];
  for (const v of villageIds) {
    for (const h of gds.householdsRepo.villageHouseholds(v)) {
      if (h.status !== "active") continue;
      const userIds = gds.householdsRepo.members(h.id).flatMap((m) => (m.oaUserId ? [m.oaUserId] : []));
      if (userIds.length === 0) continue;
      const missing = gds.households.householdForOaUser(userIds[0]!)?.missing ?? [];
      const c = criterionId ? missing.find((m) => m.id === criterionId) : missing[0];
      if (c) out.push({ householdId: `household:${h.id}`, villageId: v, userIds, criterion: c.id });
    }
  }
  return out;
}

describe("households missing a criterion (broadcast audience, nudges): set-based", () => {
  it("finds exactly the households the per-household lookups found, with the same criterion", () => {
    const gaps = householdSources(t.services.gds, t.services.config.commune).gaps;
    const all = t.services.config.commune.villages.map((v) => v.id);
    const cases: [string | undefined, string[] | undefined][] = [
      [undefined, undefined],
      ["vneid-muc-2", undefined],
      ["hoa-don-dien-tu", undefined], // business households only
      ["ung-dung-nong-nghiep", ["thon-ha-tien"]], // may be declined
      [undefined, ["lang-dak-ro", "thon-dong-xuan"]],
    ];
    for (const [criterionId, villageIds] of cases) {
      const got = gaps.missing(criterionId, villageIds).map((g) => ({ householdId: g.householdId, villageId: g.villageId, userIds: g.userIds, criterion: g.criterion.id }));
      const want = perHousehold(criterionId, (villageIds ?? all).filter((v) => all.includes(v)).sort((a, b) => all.indexOf(a) - all.indexOf(b)));
      expect(got, `${criterionId} ${villageIds}`).toEqual(want);
    }
    expect(gaps.missing(undefined, undefined).length).toBeGreaterThan(5);
    expect(gaps.missing("khong-co", undefined)).toEqual([]);
    const labels = gaps.missing("vneid-muc-2", undefined)[0]!.criterion;
    expect(labels).toMatchObject({ id: "vneid-muc-2", label: expect.stringContaining("VNeID") });
  });
});
