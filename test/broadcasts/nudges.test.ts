import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);

describe("weekly nudges by gap", () => {
  let s: Stack;
  let clock: ManualClock;
  afterEach(async () => s?.close());

  /** A resident registers their household in the mini app (session from a Zalo mini app token) and answers. */
  async function household(oaUserId: string, label: string, answer: (criterionId: string) => "dat" | "chua_dat") {
    const token = s.sim.sim.mintMiniAppToken(oaUserId).access_token;
    const login = (await s.app.inject({ method: "POST", url: "/api/auth/zalo", payload: { accessToken: token } })).json() as { session: string };
    const auth = { authorization: `Bearer ${login.session}` };
    const h = (await s.app.inject({ method: "POST", url: "/api/households", headers: auth, payload: { villageId: "thon-ha-tien", label, flags: { business: true, producer: true } } })).json() as { id: number };
    const catalogue = (await s.app.inject({ method: "GET", url: "/api/catalogue", headers: auth })).json() as { criteria: { id: string }[] };
    const changes = catalogue.criteria.map((c, i) => ({ criterionId: c.id, value: answer(c.id), idempotencyKey: `${oaUserId}-answer-${i}` }));
    const res = await s.app.inject({ method: "POST", url: `/api/households/${h.id}/answers`, headers: auth, payload: { changes } });
    expect(res.statusCode, res.body).toBe(200);
    // The same person writes to the OA: Zalo's user_id_by_app links the chat to the household.
    await new Resident(s, oaUserId).say("chào");
    return { id: h.id, criteria: catalogue.criteria.map((c) => c.id) };
  }

  it("only households missing a criterion get one message about it, at most once a week; 'dừng nhận tin' stops them", async () => {
    clock = new ManualClock(vn(2026, 11, 28, 8, 30)); // Saturday
    s = await startStack({ clock });
    const complete = await household("8900000000000000101", "Hộ ông Toàn", () => "dat");
    let missingId = "";
    await household("8900000000000000102", "Hộ bà Lựu", (id) => {
      missingId ||= id;
      return id === missingId ? "chua_dat" : "dat";
    });
    await household("8900000000000000103", "Hộ anh Quý", () => "chua_dat");
    await new Resident(s, "8900000000000000103").say("dừng nhận tin");
    expect(complete.criteria.length).toBeGreaterThan(10);

    const inboxLen = async (u: string) => (await new Resident(s, u).inbox()).length;
    const before = await Promise.all(["8900000000000000101", "8900000000000000102", "8900000000000000103"].map(inboxLen));
    s.setTime(vn(2026, 11, 28, 9, 0));
    await s.services.broadcasts.scheduler.tickAsync(clock.now());
    await settle(s);
    const after = await Promise.all(["8900000000000000101", "8900000000000000102", "8900000000000000103"].map(inboxLen));
    expect(after[0]! - before[0]!).toBe(0); // meets everything
    expect(after[2]! - before[2]!).toBe(0); // said "dừng nhận tin"
    expect(after[1]! - before[1]!).toBe(1);
    const nudge = (await new Resident(s, "8900000000000000102").inbox()).at(-1)!;
    const label = s.services.gds.catalogue.criteria.find((c) => c.id === missingId)!.label;
    expect(nudge.text).toContain(`còn thiếu tiêu chí “${label}”`);

    // Another nudge firing in the same week sends nothing more.
    const nudges = s.services.broadcasts.repo.schedules().find((x) => x.kind === "nudges")!;
    s.services.broadcasts.scheduler.fire(nudges, vn(2026, 11, 28, 9, 30), "sent");
    await settle(s);
    expect(await inboxLen("8900000000000000102")).toBe(after[1]);
  });

  it("Friday 17:00: the village ranking goes into the OA-owned groups with a chart picture uploaded through Zalo", async () => {
    clock = new ManualClock(vn(2026, 11, 27, 16, 30));
    s = await startStack({ clock });
    for (const v of s.services.config.commune.villages) for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
    await household("8900000000000000201", "Hộ cô Hạnh", () => "dat");
    s.setTime(vn(2026, 11, 27, 17, 0));
    const uploads = s.sim.sim.stats().byEndpoint["POST /v2.0/oa/upload/image"] ?? 0;
    await s.services.broadcasts.scheduler.tickAsync(clock.now());
    await settle(s);
    expect(s.sim.sim.stats().byEndpoint["POST /v2.0/oa/upload/image"]).toBe(uploads + 1);
    const post = s.sim.sim.groupMessages("g-ha-tien").at(-1)!;
    expect(post.text).toContain("Xếp hạng “Gia đình số” tuần này");
    expect(post.text).toMatch(/1\. Thôn Hạ Tiến: \d+%/);
    expect(post.image).toBeDefined();
  });
});
