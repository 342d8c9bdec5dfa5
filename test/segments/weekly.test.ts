/**
 * Household segments in the weekly workbook and the Friday ranking (issue 15: "dashboards, the ranking
 * and exports show progress per segment against its target"), through the real app over a real SQLite
 * file: households declare, village heads confirm, the week freezes, then everything changes (a
 * segment renamed and retargeted, one archived, new members, a rejection, a household "đạt"): the
 * frozen week's Excel still shows that week's figures, the current week's the new ones, both equal to
 * the progress the console showed at that moment.
 */
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import type { HouseholdView } from "../../shared/contracts";
import type { SegmentFigures, SegmentProgress } from "../../shared/contracts/segments";
import { POST_TEXT_MAX } from "../../bot/broadcasts/schedule-content";
import { WEEK_SEGMENT_COLUMNS } from "../../bot/reports/xlsx-writer";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function start(opts: Parameters<typeof createGdsApp>[0] = {}): Promise<GdsTestApp> {
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" }, ...opts });
  t.clock.set(Date.parse("2026-07-15T03:00:00Z")); // Wednesday of 2026-W29 (cut-off Friday 17/7 16:00, +07:00)
  return t;
}

async function register(a: GdsTestApp, user: string, villageId: string, label: string): Promise<HouseholdView> {
  const r = await a.call<HouseholdView>(user, "POST", "/api/households", { villageId, label });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function allMet(a: GdsTestApp, user: string, h: HouseholdView): Promise<void> {
  const changes = h.criteria.filter((c) => c.status !== "na").map((c) => ({ criterionId: c.id, value: "dat", idempotencyKey: key() }));
  expect((await a.call(user, "POST", `/api/households/${h.id}/answers`, { changes })).status).toBe(200);
}

async function declare(a: GdsTestApp, user: string, hid: number, declared: string[]): Promise<void> {
  const r = await a.call(user, "PUT", `/api/households/${hid}/segments`, { declared });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function decide(a: GdsTestApp, user: string, hid: number, segmentId: string, decision: "confirmed" | "rejected"): Promise<void> {
  const r = await a.call(user, "POST", `/api/households/${hid}/segments/decisions`, { segmentId, decision });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** The "Nhóm hộ" sheet of a weekly workbook, read back with exceljs: its header and data rows (empty cells null). */
async function segmentSheet(a: GdsTestApp, who: string, file: string): Promise<{ names: string[]; title: string; header: unknown[]; rows: unknown[][] } | { names: string[]; title?: undefined }> {
  const res = await a.app.inject({ method: "GET", url: `/api/exports/${file}`, headers: a.as(who) });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const names = wb.worksheets.map((w) => w.name);
  const ws = wb.getWorksheet("Nhóm hộ");
  if (!ws) return { names };
  const width = 2 + WEEK_SEGMENT_COLUMNS.length;
  const cells = (n: number) => Array.from({ length: width }, (_, i) => ws.getRow(n).getCell(i + 1).value ?? null);
  const rows: unknown[][] = [];
  for (let n = 5; n <= ws.rowCount; n++) rows.push(cells(n));
  return { names, title: String(ws.getCell("A1").value), header: cells(4), rows };
}

/** What the sheet must hold for a progress table the console showed (the same figures, the same columns). */
function expectedRows(p: SegmentProgress, villageIds: readonly string[]): unknown[][] {
  const cells = (f: SegmentFigures) => WEEK_SEGMENT_COLUMNS.map((c) => c.value(f));
  const shown = p.villages.filter((v) => villageIds.includes(v.id));
  return p.segments.flatMap((s) => {
    const vs = s.villages.filter((v) => villageIds.includes(v.villageId));
    if (shown.length === 1) return [[s.name, shown[0]!.name, ...cells(vs[0]!)]];
    return [[s.name, "Tổng", ...cells(s.totals)], ...vs.map((v) => [s.name, v.villageName, ...cells(v)])];
  });
}

const progress = async (a: GdsTestApp, who: string = DEMO.officer) => {
  const r = await a.call<SegmentProgress>(who, "GET", "/api/segments/progress");
  expect(r.status).toBe(200);
  return r.body;
};

const rankingText = (a: GdsTestApp): string => {
  const row = a.services.broadcasts.repo.schedules().find((s) => s.kind === "ranking")!;
  const items = a.services.broadcasts.content.build(row, a.clock.now());
  expect(items).toHaveLength(1);
  return items[0]!.text;
};

describe("household segments in the weekly workbook", () => {
  it("a frozen week keeps that week's segment figures; the current week shows today's", async () => {
    const a = await start();
    const dx = await Promise.all([0, 1, 2, 3].map((i) => register(a, `80${i}`, "thon-dong-xuan", `Hộ số ${i + 1}, xóm Đông`)));
    const ht = await Promise.all([0, 1, 2].map((i) => register(a, `81${i}`, "thon-ha-tien", `Hộ số ${i + 1}, xóm Hạ`)));
    await allMet(a, "800", dx[0]!);
    await allMet(a, "810", ht[0]!);
    for (const [i, h] of dx.entries()) await declare(a, `80${i}`, h.id, i < 3 ? ["dang-vien", "hoi-phu-nu"] : ["hoi-nong-dan"]);
    for (const [i, h] of ht.entries()) await declare(a, `81${i}`, h.id, ["dang-vien"]);
    await decide(a, DEMO.headDongXuan, dx[0]!.id, "dang-vien", "confirmed");
    await decide(a, DEMO.headDongXuan, dx[1]!.id, "dang-vien", "confirmed");
    await decide(a, DEMO.headHaTien, ht[2]!.id, "dang-vien", "rejected");

    const atFreeze = await progress(a);
    const dvThen = atFreeze.segments.find((s) => s.segmentId === "dang-vien")!;
    // The figures a person reads: 3 + 2 members (one rejected), 2 confirmed, 2 "đạt" of them.
    expect(dvThen.totals).toMatchObject({ members: 5, awaiting: 3, fullyMet: 2, targetPercent: 95, required: 5, needed: 3 });

    a.clock.set(Date.parse("2026-07-17T09:00:00Z"));
    expect(a.services.gds.snapshotScheduler.runNow("cron")).toBe("2026-W29");

    // Then everything changes, in the new week.
    a.clock.set(Date.parse("2026-07-20T03:00:00Z"));
    expect((await a.call(DEMO.admin, "PATCH", "/api/admin/segments/dang-vien", { name: "Gia đình đảng viên", targetPercent: 90 })).status).toBe(200);
    expect((await a.call(DEMO.admin, "PATCH", "/api/admin/segments/hoi-nong-dan", { status: "archived" })).status).toBe(200);
    await decide(a, DEMO.headDongXuan, dx[2]!.id, "dang-vien", "rejected");
    await decide(a, DEMO.headHaTien, ht[1]!.id, "dang-vien", "confirmed");
    await allMet(a, "811", ht[1]!);
    const late = await register(a, "820", "thon-tan-phuc", "Hộ mới, xóm Tân");
    await declare(a, "820", late.id, ["dang-vien", "doan-vien"]);
    const now = await progress(a);
    const dvNow = now.segments.find((s) => s.segmentId === "dang-vien")!;
    expect(dvNow.totals).toMatchObject({ members: 5, awaiting: 2, fullyMet: 3, targetPercent: 90 });
    expect(now.segments.map((s) => s.segmentId)).not.toContain("hoi-nong-dan");

    const villages = a.services.config.commune.villages.map((v) => v.id);
    const frozen = await segmentSheet(a, DEMO.officer, "2026-W29.xlsx");
    expect(frozen.names.slice(0, 2)).toEqual(["Tổng hợp", "Nhóm hộ"]);
    expect(frozen.title).toBe("Nhóm hộ và chỉ tiêu “Gia đình số” - xã Hòa Sơn (DEMO) - tuần 13/7–19/7/2026");
    if (!frozen.title) throw new Error("no segment sheet");
    expect(frozen.header).toEqual(["Nhóm hộ", "Thôn", ...WEEK_SEGMENT_COLUMNS.map((c) => c.title)]);
    expect(frozen.rows).toEqual(expectedRows(atFreeze, villages));
    // The row officers read: the old name, the old target, the old members; against the target, 40/95.
    expect(frozen.rows.find((r) => r[0] === "Gia đình có đảng viên" && r[1] === "Tổng")!.slice(2)).toEqual([0.95, 5, 2, 3, 2, 0.4, 0, 0, 0.421, 5, 3, "Chưa đạt"]);
    expect(frozen.rows.some((r) => r[0] === "Gia đình có hội viên Hội Nông dân")).toBe(true);

    const current = await segmentSheet(a, DEMO.officer, "current.xlsx");
    if (!current.title) throw new Error("no segment sheet");
    expect(current.title).toContain("tuần 20/7–26/7/2026");
    expect(current.rows).toEqual(expectedRows(now, villages));
    expect(current.rows.find((r) => r[0] === "Gia đình đảng viên" && r[1] === "Tổng")!.slice(2, 4)).toEqual([0.9, 5]);
    expect(current.rows.some((r) => r[0] === "Gia đình có hội viên Hội Nông dân")).toBe(false);
    expect(current.rows).not.toEqual(frozen.rows);

    // A village head's workbook: their village only, the same frozen figures.
    const head = await segmentSheet(a, DEMO.headDongXuan, "2026-W29.xlsx");
    if (!head.title) throw new Error("no segment sheet");
    expect(head.rows).toEqual(expectedRows(atFreeze, ["thon-dong-xuan"]));
    expect(new Set(head.rows.map((r) => r[1]))).toEqual(new Set(["Thôn Đông Xuân"]));
    // An officer's one-village download, as the other sheets.
    const one = await segmentSheet(a, DEMO.officer, "2026-W29.xlsx?village=thon-ha-tien");
    if (!one.title) throw new Error("no segment sheet");
    expect(one.rows).toEqual(expectedRows(atFreeze, ["thon-ha-tien"]));
  });

  it("the freeze copies the segments from the kept counts, in the week's transaction, once", async () => {
    const a = await start();
    const h = await register(a, "830", "thon-dong-xuan", "Hộ số 1");
    await declare(a, "830", h.id, ["doan-vien"]);
    const sqlite = a.services.database.sqlite;
    a.clock.set(Date.parse("2026-07-17T09:00:00Z"));
    a.services.gds.snapshotScheduler.runNow("cron");
    const kept = sqlite.prepare("SELECT segment_id, village_id, members, awaiting, fully_met, fully_met_verified FROM agg_segment_village WHERE members > 0 ORDER BY 1, 2").all();
    expect(kept).toEqual([{ segment_id: "doan-vien", village_id: "thon-dong-xuan", members: 1, awaiting: 1, fully_met: 0, fully_met_verified: 0 }]);
    expect(sqlite.prepare("SELECT segment_id, village_id, members, awaiting, fully_met, fully_met_verified FROM snapshot_segment_villages WHERE week = '2026-W29' AND members > 0").all()).toEqual(kept);
    expect((sqlite.prepare("SELECT segment_id AS id FROM snapshot_segments WHERE week = '2026-W29' ORDER BY position").all() as { id: string }[]).map((r) => r.id)).toEqual(
      (await progress(a)).segments.map((s) => s.segmentId),
    );
    // A week freezes once: a second run copies nothing more.
    const n = (sqlite.prepare("SELECT count(*) AS n FROM snapshot_segment_villages").get() as { n: number }).n;
    await declare(a, "830", h.id, ["doan-vien", "dang-vien"]);
    expect((await a.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze")).body.frozen).toBe(false);
    expect((sqlite.prepare("SELECT count(*) AS n FROM snapshot_segment_villages").get() as { n: number }).n).toBe(n);
  });
});

describe("household segments in the Friday ranking", () => {
  it("says each segment against its target in plain words, on the commune's basis", async () => {
    const a = await start();
    const hs = await Promise.all([0, 1, 2].map((i) => register(a, `84${i}`, "thon-dong-xuan", `Hộ số ${i + 1}`)));
    await allMet(a, "840", hs[0]!);
    for (const [i, h] of hs.entries()) await declare(a, `84${i}`, h.id, ["can-bo-giao-vien"]);
    await a.call(DEMO.admin, "PATCH", "/api/admin/segments/ho-kinh-doanh", { status: "archived" });
    const text = rankingText(a);
    const p = await progress(a);
    expect(text).toContain("🏆 Xếp hạng “Gia đình số” tuần này");
    expect(text).toContain("👪 Các nhóm hộ so với chỉ tiêu của xã:");
    const cb = p.segments.find((s) => s.segmentId === "can-bo-giao-vien")!.totals;
    expect(cb).toMatchObject({ members: 3, counted: 1, needed: 2 });
    expect(text).toContain(`• Gia đình cán bộ, công chức, giáo viên: ${Math.floor(cb.countedPercent!)}% hộ đạt, chỉ tiêu 100% (cần thêm 2 hộ)`);
    expect(text).toContain("• Gia đình có đảng viên: chưa có hộ nào trong nhóm (chỉ tiêu 95%)");
    expect(text).not.toContain("Hộ kinh doanh");
    // One line per active segment, in the commune's order.
    const lines = text.split("\n").filter((l) => l.startsWith("• "));
    expect(lines.map((l) => l.slice(2, l.indexOf(":")))).toEqual(p.segments.map((s) => s.name));
  });

  it("says so when the commune counts what village heads confirmed", async () => {
    const a = await start({ commune: (c) => ({ ...c, target: { percent: 80, basis: "verified" } }) });
    const h = await register(a, "860", "thon-dong-xuan", "Hộ số 1");
    await allMet(a, "860", h);
    await declare(a, "860", h.id, ["dang-vien"]);
    const text = rankingText(a);
    expect(text).toContain("👪 Các nhóm hộ so với chỉ tiêu của xã (hộ đạt: trưởng thôn đã xác nhận):");
    // Declared "đạt" by the household, not yet confirmed: not counted.
    expect(text).toContain("• Gia đình có đảng viên: 0% hộ đạt, chỉ tiêu 95% (cần thêm 1 hộ)");
  });

  it("stays within the post's length however many segments the commune defines", async () => {
    const a = await start();
    for (let i = 0; i < 40; i++) {
      const r = await a.call(DEMO.admin, "POST", "/api/admin/segments", { name: `Gia đình hội viên chi hội số ${i + 1} của xã theo kế hoạch năm 2026`, targetPercent: 80 });
      expect(r.status).toBe(201);
    }
    const text = rankingText(a);
    expect(text.length).toBeLessThanOrEqual(POST_TEXT_MAX);
    const shown = text.split("\n").filter((l) => l.startsWith("• Gia đình") || l.startsWith("• Hộ kinh doanh")).length;
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(46);
    expect(text).toContain(`• Còn ${46 - shown} nhóm nữa: xem trong ứng dụng Gia đình số.`);
  });

  it("says nothing of segments, and the workbook has no segment sheet, when the commune defines none", async () => {
    const a = await start({ commune: (c) => ({ ...c, segments: [] }) });
    expect((await progress(a)).segments).toEqual([]);
    const h = await register(a, "850", "thon-dong-xuan", "Hộ số 1");
    await allMet(a, "850", h);
    const text = rankingText(a);
    expect(text).toContain("🏆 Xếp hạng “Gia đình số” tuần này");
    expect(text).not.toMatch(/nhóm hộ/i);
    a.clock.set(Date.parse("2026-07-17T09:00:00Z"));
    expect(a.services.gds.snapshotScheduler.runNow("cron")).toBe("2026-W29");
    expect((a.services.database.sqlite.prepare("SELECT count(*) AS n FROM snapshot_segments").get() as { n: number }).n).toBe(0);
    for (const file of ["2026-W29.xlsx", "current.xlsx"]) {
      const s = await segmentSheet(a, DEMO.officer, file);
      expect(s.names).not.toContain("Nhóm hộ");
      expect(s.names[0]).toBe("Tổng hợp");
    }
  });
});
