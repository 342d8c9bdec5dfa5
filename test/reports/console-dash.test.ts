/**
 * Issue 14: the console's dashboards (GET /api/reports/dash/:view) through the real app over a real
 * SQLite file: villages against the target with "Cần thêm N hộ để đạt 80%" (exact integers at the
 * boundaries: no household, target met, rounding up), each criterion and pillar for the commune and a
 * village, households silent for N weeks, the Friday reports' completeness and the trend with weeks as
 * dates; sorting as the screen sorts; bad input refused in Vietnamese.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requiredHouseholds } from "../../bot/reports/figures";
import { weekDates } from "../../bot/reports/dash-service";
import { sortDashRows, targetWords, type DashTable } from "../../shared/contracts/reports";
import { ManualClock } from "../../bot/clock";
import { INTENT_IDS } from "../../shared/intents";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

let t: GdsTestApp;
const RESIDENT = "8600000000000000902";

/** A household of `village` registered by its head, meeting every criterion that applies to it (or only the first `only`). */
async function household(head: string, village: string, label: string, only?: number): Promise<number> {
  const h = (await t.call(head, "POST", "/api/households", { villageId: village, label, joinAsMember: false })).body;
  const cat = t.services.gds.catalogue.criteria.filter((c) => !c.relevance.flags);
  const changes = cat.slice(0, only ?? cat.length).map((c) => ({ criterionId: c.id, value: "dat", idempotencyKey: key() }));
  expect((await t.call(head, "POST", `/api/households/${h.id}/answers`, { changes })).status).toBe(200);
  return h.id;
}

const dash = async (path: string, as: string = DEMO.officer) => {
  const r = await t.call<DashTable>(as, "GET", `/api/reports/dash/${path}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const cell = (tb: DashTable, rowId: string, col: string) => tb.rows.find((r) => r.id === rowId)!.cells[tb.columns.findIndex((c) => c.key === col)];

beforeAll(async () => {
  t = await createGdsApp({
    commune: (c) => ({
      ...c,
      villages: c.villages.map((v) =>
        v.id === "thon-dong-xuan" ? { ...v, households: 4 } : v.id === "thon-ha-tien" ? { ...v, households: 46 } : v.id === "lang-dak-ro" ? { ...v, households: 1 } : { ...v, households: undefined },
      ),
    }),
  });
  t.clock.set(Date.parse("2026-07-08T03:00:00Z"));
  for (let i = 0; i < 4; i++) await household(DEMO.headDongXuan, "thon-dong-xuan", `Hộ Đông Xuân ${i + 1}`);
  await household(DEMO.headHaTien, "thon-ha-tien", "Hộ Hạ Tiến 1", 2); // answered two criteria: not fully met
  t.clock.set(Date.parse("2026-07-10T09:00:00Z"));
  t.services.gds.snapshotScheduler.runNow("cron"); // the week 6/7–12/7 frozen
  t.clock.set(Date.parse("2026-07-15T03:00:00Z"));
}, 60_000);
afterAll(async () => t.close());

describe("households still needed for the target: exact integers", () => {
  it("rounds up, counts nothing without households, and is 0 once met", () => {
    expect(requiredHouseholds(46, 80)).toBe(37); // 36.8 → 37
    expect(requiredHouseholds(45, 80)).toBe(36); // exactly 36
    expect(requiredHouseholds(1, 80)).toBe(1); // 0.8 → 1
    expect(requiredHouseholds(0, 80)).toBe(0);
    expect(requiredHouseholds(200, 80.5)).toBe(161);
    expect(requiredHouseholds(3, 33.3)).toBe(1); // 0.999 → 1
    expect(requiredHouseholds(500_000, 80)).toBe(400_000);
    expect(requiredHouseholds(499_999, 80)).toBe(400_000); // 399,999.2 → 400,000
    expect(requiredHouseholds(10, 100)).toBe(10);
    expect(targetWords({ percent: 80, base: 46, needed: 37 })).toBe("Cần thêm 37 hộ để đạt 80%");
    expect(targetWords({ percent: 80, base: 46, needed: 0 })).toBe("Đã đạt mục tiêu 80%");
    expect(targetWords({ percent: 80.5, base: 0, needed: 0 })).toBe("Chưa có hộ nào để tính mục tiêu 80,5%");
  });

  it("each village and the commune: 'Cần thêm N hộ để đạt 80%', met, none to count on, rounding up", async () => {
    const v = await dash("villages");
    expect(v.columns.map((c) => c.header)).toEqual(["Thôn", "Số hộ của thôn", "Hộ đăng ký", "Đánh giá đủ", "Số hộ đạt", "Tỉ lệ hộ đạt", "Trưởng thôn đã xác nhận", "Cần thêm để đạt 80%"]);
    expect(cell(v, "thon-dong-xuan", "fullyMet")).toBe(4);
    expect(cell(v, "thon-dong-xuan", "counted")).toBe(100);
    expect(cell(v, "thon-dong-xuan", "needed")).toBe(0); // 4 of 4: met
    expect(cell(v, "thon-ha-tien", "needed")).toBe(37); // 46 × 80% = 36.8 → 37, none met yet
    expect(cell(v, "lang-dak-ro", "needed")).toBe(1); // 1 × 80% = 0.8 → 1
    expect(cell(v, "thon-tan-phuc", "needed")).toBeNull(); // no household known: nothing to count on
    // The commune: the villages' bases added (4 + 46 + 1 + 0 = 51), needed added per village (0 + 37 + 1).
    expect(v.target).toMatchObject({ base: 51, needed: 38, reached: false, words: "Cần thêm 38 hộ để đạt 80%" });
    expect(v.total![0]).toBe("Toàn xã");
    expect(v.total![v.columns.length - 1]).toBe(38);
    // The same figures as the commune dashboard.
    const c = (await t.call(DEMO.officer, "GET", "/api/commune/dashboard")).body;
    expect(v.rows.map((r) => r.id)).toEqual(c.villages.map((x: any) => x.villageId));
    const dx = await dash("trend?village=thon-dong-xuan");
    expect(dx.target!.words).toBe("Đã đạt mục tiêu 80%");
    const tp = await dash("criteria?village=thon-tan-phuc");
    expect(tp.target!.words).toBe("Chưa có hộ nào để tính mục tiêu 80%");
    expect(tp.rows.every((r) => r.cells[tp.columns.findIndex((c) => c.key === "needed")] === null)).toBe(true);
  });
});

describe("per criterion and per pillar", () => {
  it("each criterion's coverage for the commune and one village, with the households still needed", async () => {
    const all = await dash("criteria");
    const cat = t.services.gds.catalogue.criteria;
    expect(all.rows.map((r) => r.id)).toEqual(cat.map((c) => c.id));
    expect(all.columns.map((c) => c.header)).toEqual(["STT", "Tiêu chí", "Trụ cột", "Hộ áp dụng", "Hộ đạt", "Tỉ lệ đạt", "Trưởng thôn đã xác nhận", "Cần thêm để đạt 80%"]);
    const first = cat[0]!.id;
    expect(cell(all, first, "met")).toBe(5); // 4 in Đông Xuân, 1 in Hạ Tiến
    expect(cell(all, first, "applicable")).toBe(5);
    expect(cell(all, first, "coverage")).toBe(100);
    expect(cell(all, first, "needed")).toBe(0);
    const third = cat.filter((c) => !c.relevance.flags)[2]!.id;
    expect(cell(all, third, "met")).toBe(4); // Hạ Tiến's household answered two
    expect(cell(all, third, "applicable")).toBe(5);
    expect(cell(all, third, "needed")).toBe(1); // the villages' added up: Đông Xuân 0, Hạ Tiến 1 (1 × 80% → 1)
    const ht = await dash("criteria?village=thon-ha-tien");
    expect(ht.scope).toEqual({ villageId: "thon-ha-tien", name: "Thôn Hạ Tiến" });
    expect(cell(ht, third, "met")).toBe(0);
    expect(cell(ht, third, "needed")).toBe(1); // 1 × 80% → 1
    // Sorted by coverage, highest first, as the screen sorts.
    const sorted = await dash("criteria?sort=coverage&desc=1");
    expect(sorted.sort).toEqual({ key: "coverage", desc: true });
    const cov = sorted.rows.map((r) => r.cells[5] as number | null);
    expect(cov).toEqual([...cov].sort((a, b) => (b ?? -1) - (a ?? -1)));
    expect(sorted.rows.map((r) => r.id)).toEqual(sortDashRows(all, all.rows, "coverage", true).map((r) => r.id));
  });

  it("each pillar (the catalogue's groups), commune and village", async () => {
    const pl = await dash("pillars");
    expect(pl.rows.map((r) => r.cells[0])).toEqual(["Chính quyền số", "Kinh tế số", "Xã hội số"]);
    const n = (id: string) => t.services.gds.catalogue.criteria.filter((c) => c.pillar === id).length;
    expect(pl.rows.map((r) => r.cells[1])).toEqual(["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"].map(n));
    const c = (await t.call(DEMO.officer, "GET", "/api/commune/dashboard")).body;
    for (const p of c.totals.pillars) {
      expect(cell(pl, p.pillar, "fullyMet")).toBe(p.fullyMet);
      expect(cell(pl, p.pillar, "percent")).toBe(p.fullyMetPercent);
      // The villages' added up, as the target: each village's base × 80% rounded up, less its households meeting the pillar.
      const perVillage = c.villages.reduce((n: number, v: any) => n + (v.target.base === 0 ? 0 : Math.max(0, requiredHouseholds(v.target.base, 80) - v.pillars.find((x: any) => x.pillar === p.pillar).fullyMet)), 0);
      expect(cell(pl, p.pillar, "needed")).toBe(perVillage);
      expect(perVillage).toBeGreaterThanOrEqual(38 - 4);
    }
    const dx = await dash("pillars?village=thon-dong-xuan");
    expect(dx.rows.every((r) => r.cells[5] === 0)).toBe(true); // every pillar met in Đông Xuân
  });
});

describe("silent households, completeness, trend", () => {
  it("households silent for 2, 4, 8 weeks per village, from the existing count", async () => {
    t.clock.set(Date.parse("2026-07-30T03:00:00Z")); // 3 weeks after the answers
    const two = await dash("silent?weeks=2");
    expect(two.title).toBe("Hộ không trả lời trong 2 tuần");
    expect(cell(two, "thon-dong-xuan", "silent")).toBe(4);
    expect(two.total).toEqual(["Toàn xã", 5, 5, 100]);
    expect((await dash("silent?weeks=4")).total).toEqual(["Toàn xã", 5, 0, 0]);
    expect((await dash("silent?weeks=8")).total![2]).toBe(0);
    // Most silent first by default.
    expect(two.rows[0]!.id).toBe("thon-dong-xuan");
    t.clock.set(Date.parse("2026-07-15T03:00:00Z"));
  });

  it("completeness per village and week, weeks as dates, never ISO week numbers", async () => {
    const c = await dash("completeness?weeks=3");
    expect(c.columns.map((x) => x.header)).toEqual(["Thôn", "Trưởng thôn", "Tuần 22/6–28/6", "Tuần 29/6–5/7", "Tuần 6/7–12/7", "Đã nộp", "Đúng hạn"]);
    expect(c.columns[1]!.under).toBe("name");
    expect(cell(c, "thon-dong-xuan", "w:2026-W28")).toBe("Chưa nộp");
    expect(c.total!.slice(0, 3)).toEqual(["Toàn xã", "", "0/4"]);
    // Keys only: never in a header, a cell or the title a person reads.
    expect(JSON.stringify([c.title, c.note, c.columns.map((x) => x.header), c.rows.map((r) => r.cells), c.total])).not.toMatch(/\d{4}-W\d{2}/);
  });

  it("the trend: frozen weeks as dates and this week, with the target and households needed", async () => {
    const tr = await dash("trend");
    expect(tr.rows.map((r) => r.cells[0])).toEqual(["6/7–12/7", "Tuần này"]);
    expect(tr.rows[0]!.cells).toEqual(["6/7–12/7", 5, 4, 7.8, 80, 38]); // 4 of 51; needed added per village: 0 + 37 + 1
    expect(weekDates("2026-W49")).toBe("30/11–6/12");
    const village = await dash("trend?village=thon-ha-tien&weeks=4");
    expect(village.rows.at(-1)!.cells.slice(0, 3)).toEqual(["Tuần này", 1, 0]);
    expect(village.target!.words).toBe("Cần thêm 37 hộ để đạt 80%");
  });
});

describe("who may read, and bad input", () => {
  it("a village head reads their village only; a resident nothing; errors in Vietnamese, nothing changed", async () => {
    const head = await dash("silent?weeks=4", DEMO.headHaTien);
    expect(head.rows.map((r) => r.id)).toEqual(["thon-ha-tien"]);
    expect((await t.call(DEMO.headHaTien, "GET", "/api/reports/dash/criteria?village=thon-dong-xuan")).status).toBe(403);
    expect((await t.call(RESIDENT, "GET", "/api/reports/dash/villages")).status).toBe(403);
    expect((await t.call(null, "GET", "/api/reports/dash/villages")).status).toBe(401);
    const bad = [
      ["/api/reports/dash/households", 400],
      ["/api/reports/dash/silent?weeks=0", 400],
      ["/api/reports/dash/criteria?sort=nope", 400],
      ["/api/reports/dash/trend?sort=week", 400],
      ["/api/reports/dash/criteria?village=THON", 400],
      ["/api/reports/dash/criteria?village=thon-khong-co", 404],
      ["/api/reports/dash/villages?desc=maybe", 400],
    ] as const;
    for (const [url, status] of bad) {
      const r = await t.call(DEMO.officer, "GET", url);
      expect(r.status, url).toBe(status);
      expect(r.body.error.message, url).toMatch(/[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/i);
    }
  });
});

describe("a ticket's question, to map from the console", () => {
  let s: Stack | undefined;
  afterAll(async () => s?.close());
  const TOKEN = "test-admin-token-0123456789abcdef";
  const officer = async (method: "GET" | "POST", path: string, body?: unknown) => {
    const res = await fetch(`${s!.appUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const ticketOf = async (question: string) => ((await officer("GET", "/api/officer/tickets?limit=50")).body.items as any[]).find((t) => t.question === question);

  it("a question ticket and a hand-off after two misses carry the question to map; mapping teaches the assistant and closes the question's ticket; a plain hand-off has none", async () => {
    s = await startStack({ clock: new ManualClock(Date.UTC(2026, 10, 23, 2, 0)), env: { ADMIN_TOKEN: TOKEN } });
    const a = new Resident(s, "8700000000000000031");
    const q = "xin hỏi xã có lớp dạy bơi mùa hè cho trẻ em không";
    await a.say(q);
    const qt = await ticketOf(q);
    expect(qt).toMatchObject({ kind: "question", status: "new" });
    const detail = (await officer("GET", `/api/officer/tickets/${qt.id}`)).body;
    expect(detail.mapping).toMatchObject({ resolved: false, mappedTo: null, dismissed: false });
    const guide = ((await officer("GET", "/api/officer/chat/guides")).body as any[])[0];
    expect((await officer("POST", `/api/officer/chat/unmatched/${detail.mapping.questionId}/map`, { guideId: guide.id })).status).toBe(200);
    const after = (await officer("GET", `/api/officer/tickets/${qt.id}`)).body;
    expect(after).toMatchObject({ status: "done", mapping: { questionId: detail.mapping.questionId, resolved: true, mappedTo: guide.id } });
    // Taught at once: the same words now open the guide.
    expect((await a.say(q)).some((m) => (m.text ?? "").includes(guide.title))).toBe(true);

    // Two misses: a hand-off whose question is the second one; the village asked in between.
    const b = new Resident(s, "8700000000000000032");
    await b.say("qwzx plmk");
    s.advance(60_000);
    await b.say("zzvv trrq");
    s.advance(3 * 60_000);
    await b.say("1");
    const ht = await until(async () => ((await officer("GET", "/api/officer/tickets?limit=50")).body.items as any[]).find((t) => t.kind === "handoff" && t.question === "zzvv trrq"));
    const hd = (await officer("GET", `/api/officer/tickets/${ht.id}`)).body;
    expect(hd.mapping).toMatchObject({ resolved: false });
    const open = (await officer("GET", "/api/officer/chat/unmatched")).body as any[];
    expect(open.find((x) => x.id === hd.mapping.questionId)?.text).toBe("zzvv trrq");
    expect((await officer("POST", `/api/officer/chat/unmatched/${hd.mapping.questionId}/map`, { intent: INTENT_IDS[0] })).status).toBe(200);
    const hAfter = (await officer("GET", `/api/officer/tickets/${ht.id}`)).body;
    expect(hAfter.mapping).toMatchObject({ resolved: true, mappedTo: `@${INTENT_IDS[0]}` });
    expect(hAfter.status).toBe("new"); // a hand-off waits for its person: closed by the officer

    // A plain "gặp cán bộ": nothing to map.
    const c = new Resident(s, "8700000000000000033");
    await c.say("gặp cán bộ");
    await c.say("1");
    const plain = await until(async () => ((await officer("GET", "/api/officer/tickets?limit=50")).body.items as any[]).find((t) => t.kind === "handoff" && t.question === null));
    expect((await officer("GET", `/api/officer/tickets/${plain.id}`)).body.mapping).toBeNull();
  }, 60_000);
});

async function until<T>(fn: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}
