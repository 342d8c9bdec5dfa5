import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WeekReport } from "../../shared/contracts";
import type { SegmentProgress } from "../../shared/contracts/segments";
import { WEEK_SEGMENT_COLUMNS } from "../../bot/reports/xlsx-writer";
import { tempDir } from "../support/env";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";
import { parseCsv } from "./csv";

const soffice = ["soffice", "libreoffice"].find((b) => spawnSync(b, ["--version"], { stdio: "ignore" }).status === 0);
const SOFFICE_MISSING = "LibreOffice (soffice) is not installed: the .xlsx checks that convert with it need it. Install: sudo apt-get install -y libreoffice-calc-nogui";
if (!soffice && process.env.CI) throw new Error(`${SOFFICE_MISSING} (.ci/run installs it)`);
if (!soffice) console.warn(`xlsx.test.ts: 3 tests skipped. ${SOFFICE_MISSING}`);

const num = (s: string | undefined) => (s === undefined || s === "" ? null : Number(s));
/** A percent cell back to the API's percent: "62.5%" (LibreOffice keeps percent formats) or a fraction 0.625. */
const pct = (s: string | undefined) => (s === undefined || s === "" ? null : s.endsWith("%") ? Number(s.slice(0, -1)) : Math.round(Number(s) * 1000) / 10);

let t: GdsTestApp;
const tmp = tempDir();
let report: WeekReport;
let sheets: Map<string, string[][]>;
/** The segments' progress as the console showed it just before 2026-W29 froze. */
let segmentsAtW29: SegmentProgress;

beforeAll(async () => {
  t = await createGdsApp();
  t.clock.set(Date.parse("2026-07-10T03:00:00Z")); // 2026-W28
  const cat = t.services.gds.catalogue.criteria;
  const villages = ["thon-dong-xuan", "thon-ha-tien", "thon-tan-phuc", "lang-dak-ro"];
  for (let i = 0; i < 16; i++) {
    const user = `40${String(i).padStart(2, "0")}`;
    const h = (await t.call(user, "POST", "/api/households", { villageId: villages[i % 4], label: `Hộ số ${i + 1}, xóm “${(i % 3) + 1}”`, flags: { business: i % 4 === 1 } })).body;
    const changes = cat
      .filter((c) => !c.relevance.flags || i % 4 === 1)
      .filter((_, j) => (i + j) % 5 !== 0 || i % 4 === 2)
      .map((c, j) => ({ criterionId: c.id, value: (i + j) % 7 === 0 ? "chua_dat" : c.relevance.mayDecline && i % 2 ? "khong_ap_dung" : "dat", idempotencyKey: key() }));
    await t.call(user, "POST", `/api/households/${h.id}/answers`, { changes });
  }
  t.clock.set(Date.parse("2026-07-10T09:00:00Z"));
  t.services.gds.snapshotScheduler.runNow("cron"); // 2026-W28 frozen
  t.clock.set(Date.parse("2026-07-15T03:00:00Z"));
  await t.call("4001", "POST", "/api/households/2/answers", { changes: [{ criterionId: "vneid-muc-2", value: "chua_dat", idempotencyKey: key() }] });
  await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/current", { smartphoneUsers: 40, installed: 30, activated: 25, regularUsers: 10, difficulties: "Sóng yếu ở xóm 3, \"khó\" cài", proposals: "=SUM(A1)" });
  // Households declare their segments; village heads confirm one and reject one.
  for (let i = 0; i < 8; i++) {
    const declared = i % 3 === 0 ? ["dang-vien", "hoi-phu-nu"] : ["dang-vien"];
    expect((await t.call(`40${String(i).padStart(2, "0")}`, "PUT", `/api/households/${i + 1}/segments`, { declared })).status).toBe(200);
  }
  expect((await t.call(DEMO.headDongXuan, "POST", "/api/households/1/segments/decisions", { segmentId: "dang-vien", decision: "confirmed" })).status).toBe(200);
  expect((await t.call(DEMO.headHaTien, "POST", "/api/households/2/segments/decisions", { segmentId: "hoi-phu-nu", decision: "rejected" })).status).toBe(200);
  segmentsAtW29 = (await t.call(DEMO.officer, "GET", "/api/segments/progress")).body;
  t.clock.set(Date.parse("2026-07-17T09:00:00Z"));
  t.services.gds.snapshotScheduler.runNow("cron"); // 2026-W29 frozen
  t.clock.advance(60_000); // just after the deadline: villages without a report are "missing"

  report = (await t.call(DEMO.officer, "GET", "/api/reports/weeks/2026-W29")).body;
  const x = await t.app.inject({ method: "GET", url: "/api/exports/2026-W29.xlsx", headers: t.as(DEMO.officer) });
  expect(x.statusCode).toBe(200);
  expect(x.headers["content-disposition"]).toContain("gia-dinh-so-2026-W29.xlsx");
  writeFileSync(join(tmp.dir, "week.xlsx"), x.rawPayload);
  sheets = new Map();
  if (soffice) {
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${join(tmp.dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        // comma, double quote, UTF-8, from line 1, raw values (not as shown), every sheet to its own file
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
        join(tmp.dir, "csv"),
        join(tmp.dir, "week.xlsx"),
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    for (const f of readdirSync(join(tmp.dir, "csv"))) {
      sheets.set(f.replace(/^week-/, "").replace(/\.csv$/, ""), parseCsv(readFileSync(join(tmp.dir, "csv", f), "utf8").replace(/^\uFEFF/, "")));
    }
  }
}, 180_000);

afterAll(async () => {
  await t.close();
  tmp.cleanup();
});

describe("weekly .xlsx export", () => {
  it.skipIf(!soffice)("converts with LibreOffice headless and its numbers equal the API's", () => {
    expect([...sheets.keys()].sort()).toEqual(["Báo cáo thôn", "Làng Đắk Rơ", "Nhóm hộ", "Thôn Hạ Tiến", "Thôn Tân Phúc", "Thôn Đông Xuân", "Tổng hợp"].sort());
    const summary = sheets.get("Tổng hợp")!;
    // Officers read the week as dates and the criteria set by a plain version name: no ISO week, no fingerprint.
    expect(summary[0]![0]).toContain("tuần 13/7–19/7/2026");
    expect(summary[1]![0]).toContain("Tính theo bộ tiêu chí bản 10/2025. So sánh với tuần 6/7–12/7/2026.");
    for (const [name, rows] of sheets) for (const r of rows) for (const cell of r) expect(cell, name).not.toMatch(/\d{4}-W\d{2}|gia-dinh-so@|#[0-9a-f]{6,}/);
    const header = summary[3]!;
    expect(header.slice(0, 4)).toEqual(["Hạng", "Thôn", "Số hộ (theo danh sách)", "Hộ đã đăng ký"]);
    const col = (name: string) => header.indexOf(name);
    const rows = summary.slice(4, 4 + report.villages.length);
    expect(rows.map((r) => r[1])).toEqual(report.villages.map((v) => v.villageName));
    for (const [i, v] of report.villages.entries()) {
      const r = rows[i]!;
      expect(num(r[col("Hạng")])).toBe(v.rank);
      expect(num(r[col("Số hộ (theo danh sách)")])).toBe(v.officialHouseholds);
      expect(num(r[col("Hộ đã đăng ký")])).toBe(v.registered);
      expect(num(r[col("Hộ đã tự đánh giá đủ")])).toBe(v.assessed);
      expect(pct(r[col("Tỉ lệ hoàn thành")])).toBe(v.completeness);
      expect(num(r[col("Hộ đạt “Gia đình số” (tự khai)")])).toBe(v.fullyMet);
      expect(pct(r[col("Tỉ lệ hộ đạt (tự khai)")])).toBe(v.fullyMetPercent);
      expect(num(r[col("Hộ đạt, trưởng thôn đã xác nhận")])).toBe(v.fullyMetVerified);
      expect(pct(r[col("Tỉ lệ hộ đạt đã xác nhận")])).toBe(v.fullyMetVerifiedPercent);
      expect(pct(r[col("Phần đã xác nhận trong số tự khai")])).toBe(v.verifiedShare);
      expect(num(r[col("Thay đổi so với tuần trước (điểm %)")])).toBe(v.change.fullyMetPercent);
      expect(num(r[col("Số hộ cần đạt")])).toBe(v.target.required);
      expect(num(r[col("Còn thiếu (hộ)")])).toBe(v.target.needed);
      for (const pl of v.pillars) expect(pct(r[col(`${pl.label}: tỉ lệ hộ đạt`)])).toBe(pl.fullyMetPercent);
      report.criteria.forEach((c, j) => expect(pct(r[col(`${j + 1}. ${c.label}`)]), c.id).toBe(v.criteria.find((x) => x.criterionId === c.id)!.coverage));
    }
    const total = summary[4 + report.villages.length]!;
    expect(total[1]).toBe("Tổng");
    expect(num(total[col("Hộ đã đăng ký")])).toBe(report.totals.registered);
    expect(num(total[col("Hộ đạt “Gia đình số” (tự khai)")])).toBe(report.totals.fullyMet);
    expect(pct(total[col("Tỉ lệ hộ đạt (tự khai)")])).toBe(report.totals.fullyMetPercent);
    expect(num(total[col("Hộ đạt, trưởng thôn đã xác nhận")])).toBe(report.totals.fullyMetVerified);
    expect(summary[1]![0]).toContain("Chỉ tiêu tính theo số hộ tự khai đạt");
    expect(num(total[col("Còn thiếu (hộ)")])).toBe(report.totals.target.needed);
    expect(report.totals.registered).toBe(16);
  });

  it.skipIf(!soffice)("has one sheet per village with its criteria and the households missing each one", async () => {
    const v = report.villages.find((x) => x.villageId === "thon-dong-xuan")!;
    const ws = sheets.get("Thôn Đông Xuân")!;
    const start = ws.findIndex((r) => r[0] === "STT" && r[1] === "Tiêu chí" && r[3] === "Hộ áp dụng") + 1;
    for (const [i, c] of report.criteria.entries()) {
      const r = ws[start + i]!;
      const f = v.criteria.find((x) => x.criterionId === c.id)!;
      expect([r[1], num(r[3]), num(r[4]), pct(r[5]), num(r[7]), num(r[8])]).toEqual([c.label, f.applicable, f.met, f.coverage, f.verified, f.notApplicable]);
      expect(num(r[6])).toBe(v.change.criteria[c.id] ?? null);
    }
    const m = ws.findIndex((r) => r[0] === "STT" && r[2] === "Hộ") + 1;
    const listed = ws.slice(m).filter((r) => r[0] !== "").map((r) => `${r[1]}|${r[2]}|${r[3]}`);
    const csv = await t.app.inject({ method: "GET", url: "/api/exports/2026-W29.csv?table=missing&village=thon-dong-xuan", headers: t.as(DEMO.officer) });
    const api = parseCsv(csv.body.replace(/^\uFEFF/, "")).slice(1).filter((r) => r.length > 1).map((r) => `${r[3]}|${r[5]}|${r[6]}`);
    expect(listed).toEqual(api);
    expect(listed.length).toBeGreaterThan(0);
  });

  it.skipIf(!soffice)("has each household segment of the week against its target, as the console showed it when the week froze", () => {
    const ws = sheets.get("Nhóm hộ")!;
    expect(ws[0]![0]).toBe("Nhóm hộ và chỉ tiêu “Gia đình số” - xã Hòa Sơn (DEMO) - tuần 13/7–19/7/2026");
    expect(ws[1]![0]).toContain("Số liệu chốt lúc 17/07/2026 16:00");
    const header = ws[3]!;
    expect(header).toEqual(["Nhóm hộ", "Thôn", ...WEEK_SEGMENT_COLUMNS.map((c) => c.title)]);
    const col = (name: string) => header.indexOf(name);
    expect(segmentsAtW29.segments.length).toBeGreaterThan(0);
    let checked = 0;
    for (const s of segmentsAtW29.segments) {
      for (const [place, f] of [["Tổng", s.totals], ...s.villages.map((v) => [v.villageName, v] as const)] as const) {
        const r = ws.find((x) => x[0] === s.name && x[1] === place)!;
        expect(r, `${s.name} / ${place}`).toBeDefined();
        expect([
          pct(r[col("Chỉ tiêu")]),
          num(r[col("Số hộ trong nhóm")]),
          num(r[col("Trong đó trưởng thôn đã xác nhận")]),
          num(r[col("Trong đó hộ tự khai, chờ trưởng thôn xác nhận")]),
          num(r[col("Hộ đạt “Gia đình số” (tự khai)")]),
          pct(r[col("Tỉ lệ hộ đạt (tự khai)")]),
          num(r[col("Hộ đạt, trưởng thôn đã xác nhận")]),
          pct(r[col("Tỉ lệ hộ đạt đã xác nhận")]),
          num(r[col("Số hộ cần đạt")]),
          num(r[col("Còn thiếu (hộ)")]),
          r[col("Đạt chỉ tiêu")],
        ]).toEqual([
          s.targetPercent,
          f.members,
          f.members - f.awaiting,
          f.awaiting,
          f.fullyMet,
          f.fullyMetPercent,
          f.fullyMetVerified,
          f.fullyMetVerifiedPercent,
          f.required,
          f.needed,
          f.members === 0 ? "Chưa có hộ" : f.reached ? "Đạt" : "Chưa đạt",
        ]);
        checked++;
      }
    }
    expect(checked).toBe(segmentsAtW29.segments.length * (1 + segmentsAtW29.villages.length));
    // Declared by 8 households, 1 confirmed: the figures people read.
    const dv = segmentsAtW29.segments.find((s) => s.segmentId === "dang-vien")!.totals;
    expect([dv.members, dv.awaiting]).toEqual([8, 7]);
  });

  it.skipIf(!soffice)("lists the village heads' reports", () => {
    const rep = sheets.get("Báo cáo thôn")!;
    expect(rep[1]).toContain("Số người đã cài ứng dụng i-Hà Tĩnh");
    const dx = rep.find((r) => r[0] === "Thôn Đông Xuân")!;
    expect(dx.slice(2, 10)).toEqual(["Đúng hạn", "15/07/2026 10:00", "40", "30", "25", "10", "Sóng yếu ở xóm 3, \"khó\" cài", "=SUM(A1)"]);
    expect(rep.find((r) => r[0] === "Thôn Hạ Tiến")![2]).toBe("Chưa nộp");
  });

  it("is a valid workbook with Vietnamese headers (read back with exceljs), and a CSV with a BOM", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(tmp.dir, "week.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Tổng hợp", "Nhóm hộ", "Thôn Đông Xuân", "Thôn Hạ Tiến", "Thôn Tân Phúc", "Làng Đắk Rơ", "Báo cáo thôn"]);
    // The header names the week by its dates and the criteria set by version; the exact key (with its
    // fingerprint, which the weekly snapshot records) is kept in the document properties only.
    // Printed as officers send it upward: A4 landscape, all columns on one page's width.
    for (const ws of wb.worksheets) expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const head0 = String(wb.getWorksheet("Tổng hợp")!.getCell("A1").value);
    const head1 = String(wb.getWorksheet("Tổng hợp")!.getCell("A2").value);
    expect(head0).toBe("Phong trào “Gia đình số” - xã Hòa Sơn (DEMO) - tuần 13/7–19/7/2026");
    expect(head1).not.toContain(report.catalogueKey);
    expect(head1).toContain("bộ tiêu chí bản 10/2025");
    expect(report.catalogueKey).toMatch(/^gia-dinh-so@2025\.10#/);
    expect(wb.keywords).toBe(report.catalogueKey);
    expect(wb.creator).toContain("Gia đình số");
    const csv = await t.app.inject({ method: "GET", url: "/api/exports/2026-W29.csv", headers: t.as(DEMO.officer) });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFFHạng,Mã thôn,Thôn,")).toBe(true);
    const rows = parseCsv(csv.body.slice(1)).filter((r) => r.length > 1);
    const total = rows.find((r) => r[1] === "*")!;
    expect(Number(total[7])).toBe(report.totals.fullyMet);
    // A village head downloads their village only; another village is refused.
    const head = await t.app.inject({ method: "GET", url: "/api/exports/2026-W29.csv?table=criteria", headers: t.as(DEMO.headDongXuan) });
    expect(new Set(parseCsv(head.body.slice(1)).slice(1).filter((r) => r.length > 1).map((r) => r[0]))).toEqual(new Set(["thon-dong-xuan"]));
    expect((await t.app.inject({ method: "GET", url: "/api/exports/2026-W29.xlsx?village=thon-ha-tien", headers: t.as(DEMO.headDongXuan) })).statusCode).toBe(403);
  });
});
