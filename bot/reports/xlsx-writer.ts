/**
 * Writes the weekly workbook and the missing-households CSV to a stream, row by row: the summary and
 * the village heads' reports come from the WeekReport (a few hundred rows), the households still
 * missing each criterion are read from SQLite in pages and written as they come (exceljs streaming
 * WorkbookWriter, no shared strings), pausing whenever the consumer is slower. Memory does not grow
 * with the number of households. Runs in the export worker (bot/reports/report-worker.ts).
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { PILLAR_LABELS } from "../../shared/criteria";
import type { TargetBasis, WeekReport } from "../../shared/contracts";
import type { SegmentFigures } from "../../shared/contracts/segments";
import { localParts, weekLabel } from "./iso-week";
import type { CriterionRule, MissingHouseholdRow } from "./missing-repo";

/** Excel's limit of rows per sheet: a longer list continues on the next sheet, "Thôn X (2)". */
export const EXCEL_MAX_ROWS = 1_048_576;

export interface ExportCriterion extends CriterionRule {
  label: string;
}

export interface ExportJob {
  report: WeekReport;
  /** Villages with a sheet, in the commune file's order. */
  villages: { id: string; name: string }[];
  /** The catalogue in use now (the missing lists are as of now). */
  criteria: ExportCriterion[];
  commune: { kind: string; name: string; timezone: string };
  now: number;
  /** Rows per sheet before it continues on another (tests lower it). */
  maxRows?: number;
  /** The household segments of the week (frozen with it, or live for the current week); none: no sheet. */
  segments?: WeekSegments | undefined;
}

/**
 * The week's household segments against their targets, over the report's villages: as frozen with the
 * week for a frozen week, from the kept counts for the current one (ReportsService.weekSegments).
 */
export interface WeekSegments {
  source: WeekReport["source"];
  basis: TargetBasis;
  /** The report's villages, in the commune file's order. */
  villages: { id: string; name: string }[];
  items: {
    segmentId: string;
    name: string;
    targetPercent: number;
    totals: SegmentFigures;
    villages: (SegmentFigures & { villageId: string; villageName: string })[];
  }[];
}

/** Pages of missing households for a village and criterion, by household id. */
export type MissingSource = (villageId: string, criterion: CriterionRule) => Iterable<MissingHouseholdRow>;

/** Waits until the consumer has taken what was written (backpressure), yielding to the event loop. */
export type Pace = () => Promise<void>;

const REPORT_STATE: Record<WeekReport["reports"]["items"][number]["state"], string> = {
  on_time: "Đúng hạn",
  late: "Trễ hạn",
  missing: "Chưa nộp",
  pending: "Chưa đến hạn",
};

const BASIS_TEXT: Record<WeekReport["totals"]["basis"], string> = {
  self_declared: "Chỉ tiêu tính theo số hộ tự khai đạt; cột “đã xác nhận” là số hộ trưởng thôn đã xác nhận",
  verified: "Chỉ tiêu và xếp hạng tính theo số hộ trưởng thôn đã xác nhận; cột “tự khai” để đối chiếu",
};

/** A percentage (0-100, one decimal) as the fraction Excel formats with "0.0%"; empty when null. */
const frac = (p: number | null) => (p === null ? null : Math.round(p * 10) / 1000);

export function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Thôn";
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(n.toLowerCase());
  return n;
}

export function localTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The criteria set as officers read it, from its key "gia-dinh-so@2025.10#<hash>": "bộ tiêu chí bản
 * 10/2025". The fingerprint stays out of view (it is in the workbook's properties).
 */
/**
 * Printed as officers send it upward: A4 landscape, every column on one page's width (as many pages
 * down as it takes), a little margin.
 */
export const PRINT_A4: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: "landscape",
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
};

export function catalogueLabel(key: string): string {
  const version = /@([^#]+)/.exec(key)?.[1];
  if (!version) return "bộ tiêu chí hiện hành";
  const ym = /^(\d{4})\.(\d{1,2})$/.exec(version);
  return `bộ tiêu chí bản ${ym ? `${Number(ym[2])}/${ym[1]}` : version}`;
}

export const missingStatus = (m: MissingHouseholdRow) => (m.value === "chua_dat" ? "Chưa đạt" : "Chưa trả lời");

export const PACE_EVERY = 1_000;
const MAX_BACKLOG = 4 << 20;

/**
 * Bytes of a sheet's XML that the zip has not compressed yet. exceljs's streaming writer does not
 * apply backpressure from the zip to the sheet (its StreamBuf writes to the zip entry regardless), so
 * without this a fast writer piles the whole uncompressed sheet up in memory: we look at what its
 * stream holds and at what the zip entry has queued, and wait while it is more than MAX_BACKLOG.
 */
function sheetBacklog(ws: ExcelJS.Worksheet): number {
  type Queued = { _writableState?: { length: number }; _readableState?: { length: number } };
  const sb = (ws as unknown as { _stream?: { buffers?: { length: number }[]; pipes?: Queued[] } })._stream;
  if (!sb) return 0;
  let n = 0;
  for (const b of sb.buffers ?? []) n += b.length;
  // The zip entry's PassThrough (readable-stream 2: no writableLength/readableLength getters).
  for (const p of sb.pipes ?? []) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  return n;
}

export async function drainSheet(ws: ExcelJS.Worksheet, pace: Pace): Promise<void> {
  await pace();
  while (sheetBacklog(ws) > MAX_BACKLOG) await new Promise((r) => setTimeout(r, 1));
}

export async function writeWorkbook(out: Writable, job: ExportJob, missing: MissingSource, pace: Pace): Promise<void> {
  const { report } = job;
  const local = (ms: number) => localTime(ms, job.commune.timezone);
  const maxRows = job.maxRows ?? EXCEL_MAX_ROWS;
  // Fast compression (level 1): the sheets are large and repetitive, deflate is the bottleneck.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = `Gia đình số - ${job.commune.kind} ${job.commune.name}`;
  wb.created = new Date(job.now);
  // The exact criteria set (with its fingerprint) for whoever needs to trace the figures: in the
  // document properties, not in the sheets officers read.
  wb.keywords = report.catalogueKey;
  const week = weekLabel(report.week);
  const used = new Set<string>();
  const when =
    report.source === "snapshot"
      ? `Số liệu chốt lúc ${local(Date.parse(report.frozenAt!))} (hạn chốt ${local(Date.parse(report.cutoffAt))})`
      : `Số liệu tạm tính lúc ${local(job.now)}; tuần chưa chốt (hạn chốt ${local(Date.parse(report.cutoffAt))})`;
  const title = `Phong trào “Gia đình số” - ${job.commune.kind} ${job.commune.name} - ${week}`;
  const bold = { bold: true } as const;

  // --- Tổng hợp
  const head: { title: string; width?: number; fmt?: string; value: (f: WeekReport["totals"] | WeekReport["villages"][number], rank: number | string) => unknown }[] = [
    { title: "Hạng", width: 8, value: (_f, r) => r },
    { title: "Thôn", width: 24, value: (f) => f.villageName },
    { title: "Số hộ (theo danh sách)", value: (f) => f.officialHouseholds },
    { title: "Hộ đã đăng ký", value: (f) => f.registered },
    { title: "Hộ đã tự đánh giá đủ", value: (f) => f.assessed },
    { title: "Tỉ lệ hoàn thành", fmt: "0.0%", value: (f) => frac(f.completeness) },
    { title: "Hộ đạt “Gia đình số” (tự khai)", value: (f) => f.fullyMet },
    { title: "Tỉ lệ hộ đạt (tự khai)", fmt: "0.0%", value: (f) => frac(f.fullyMetPercent) },
    { title: "Hộ đạt, trưởng thôn đã xác nhận", value: (f) => f.fullyMetVerified },
    { title: "Tỉ lệ hộ đạt đã xác nhận", fmt: "0.0%", value: (f) => frac(f.fullyMetVerifiedPercent) },
    { title: "Phần đã xác nhận trong số tự khai", fmt: "0.0%", value: (f) => frac(f.verifiedShare) },
    { title: "Thay đổi so với tuần trước (điểm %)", fmt: "+0.0;-0.0;0.0", value: (f) => f.change.fullyMetPercent },
    { title: "Chỉ tiêu", fmt: "0%", value: (f) => f.target.percent / 100 },
    { title: "Số hộ cần đạt", value: (f) => f.target.required },
    { title: "Còn thiếu (hộ)", value: (f) => f.target.needed },
    ...report.totals.pillars.map((pl, i) => ({
      title: `${pl.label}: tỉ lệ hộ đạt`,
      fmt: "0.0%",
      value: (f: WeekReport["totals"]) => frac(f.pillars[i]?.fullyMetPercent ?? null),
    })),
    ...report.criteria.map((c, i) => ({
      title: `${i + 1}. ${c.label}`,
      fmt: "0.0%",
      value: (f: WeekReport["totals"]) => frac(f.criteria.find((x) => x.criterionId === c.id)?.coverage ?? null),
    })),
  ];
  const sum = wb.addWorksheet(sheetName("Tổng hợp", used), { views: [{ state: "frozen", xSplit: 2, ySplit: 4 }], pageSetup: PRINT_A4 });
  sum.columns = head.map((h) => ({ width: h.width ?? 14, style: h.fmt ? { numFmt: h.fmt } : {} }));
  sum.addRow([title]).font = { bold: true, size: 14 };
  sum.addRow([
    `${when}. Tính theo ${catalogueLabel(report.catalogueKey)}${report.previousWeek ? `. So sánh với ${weekLabel(report.previousWeek)}` : ""}${report.catalogueChanged ? " (bộ tiêu chí đã thay đổi)" : ""}. ${BASIS_TEXT[report.totals.basis]}.`,
  ]);
  sum.addRow([]);
  const hr = sum.addRow(head.map((h) => h.title));
  hr.font = bold;
  hr.alignment = { wrapText: true, vertical: "top" };
  hr.height = 60;
  for (const v of report.villages) sum.addRow(head.map((h) => h.value(v, v.rank)));
  sum.addRow(head.map((h) => h.value({ ...report.totals, villageName: "Tổng" }, ""))).font = bold;
  await sum.commit();

  if (job.segments && job.segments.items.length > 0) await writeSegmentSheet(wb.addWorksheet(sheetName("Nhóm hộ", used), { views: [{ state: "frozen", xSplit: 2, ySplit: 4 }], pageSetup: PRINT_A4 }), job.segments, `Nhóm hộ và chỉ tiêu “Gia đình số” - ${job.commune.kind} ${job.commune.name} - ${week}`, when, pace);

  // --- one sheet per village (more when its list passes Excel's row limit)
  const byId = new Map(report.villages.map((v) => [v.villageId, v]));
  for (const { id } of job.villages) {
    const v = byId.get(id);
    if (!v) continue;
    let part = 1;
    let ws = wb.addWorksheet(sheetName(v.villageName, used), { pageSetup: PRINT_A4 });
    ws.columns = [6, 60, 32, 14, 14, 14, 14, 14, 14].map((width) => ({ width }));
    let rows = 0;
    const add = (values: unknown[]) => {
      const r = ws.addRow(values);
      rows++;
      return r;
    };
    add([`${v.villageName} - ${week}`]).font = { bold: true, size: 14 };
    add([when]);
    const stats = add([
      "Hộ đã đăng ký",
      v.registered,
      "Hộ đạt “Gia đình số” (tự khai)",
      v.fullyMet,
      "Tỉ lệ hộ đạt (tự khai)",
      frac(v.fullyMetPercent),
      "Trưởng thôn đã xác nhận",
      v.fullyMetVerified,
      "Tỉ lệ đã xác nhận",
      frac(v.fullyMetVerifiedPercent),
    ]);
    stats.getCell(6).numFmt = "0.0%";
    stats.getCell(10).numFmt = "0.0%";
    const target = add(["Chỉ tiêu", v.target.percent / 100, "Số hộ cần đạt", v.target.required, "Còn thiếu (hộ)", v.target.needed, BASIS_TEXT[v.basis]]);
    target.getCell(2).numFmt = "0%";
    add([]);
    add(["STT", "Tiêu chí", "Trụ cột", "Hộ áp dụng", "Hộ đạt", "Tỉ lệ đạt", "Thay đổi (điểm %)", "Đã xác minh", "Không áp dụng"]).font = bold;
    report.criteria.forEach((c, i) => {
      const f = v.criteria.find((x) => x.criterionId === c.id);
      const r = add([i + 1, c.label, PILLAR_LABELS[c.pillar], f?.applicable ?? 0, f?.met ?? 0, frac(f?.coverage ?? null), v.change.criteria[c.id] ?? null, f?.verified ?? 0, f?.notApplicable ?? 0]);
      r.getCell(6).numFmt = "0.0%";
      r.getCell(7).numFmt = "+0.0;-0.0;0.0";
    });
    add([]);
    add([`Danh sách hộ còn thiếu theo từng tiêu chí (tại thời điểm xuất ${local(job.now)})`]).font = bold;
    const MISSING_HEAD = ["STT", "Tiêu chí", "Hộ", "Tình trạng", "Ghi chú"];
    let headRow = add(MISSING_HEAD);
    headRow.font = bold;
    let headAt = rows;
    let n = 0;
    const closeSheet = async () => {
      if (rows > headAt) ws.autoFilter = { from: { row: headAt, column: 1 }, to: { row: rows, column: 5 } };
      await ws.commit();
    };
    for (const c of job.criteria) {
      for (const m of missing(id, c)) {
        if (rows >= maxRows) {
          await closeSheet();
          part++;
          ws = wb.addWorksheet(sheetName(`${v.villageName} (${part})`, used), { pageSetup: PRINT_A4 });
          ws.columns = [10, 60, 32, 14, 40].map((width) => ({ width }));
          rows = 0;
          add([`${v.villageName} - ${week} - danh sách hộ còn thiếu (tiếp theo, phần ${part})`]).font = bold;
          headRow = add(MISSING_HEAD);
          headRow.font = bold;
          headAt = rows;
        }
        add([++n, c.label, m.label, missingStatus(m), m.note ?? ""]).commit();
        if (n % PACE_EVERY === 0) await drainSheet(ws, pace);
      }
    }
    await closeSheet();
  }

  // --- village heads' reports
  const rep = wb.addWorksheet(sheetName("Báo cáo thôn", used), { pageSetup: PRINT_A4 });
  rep.columns = [22, 20, 16, 16, 16, 16, 16, 16, 40, 40].map((width) => ({ width }));
  rep.addRow([`Báo cáo của các thôn - ${week} (hạn ${local(Date.parse(report.reports.dueAt))})`]).font = { bold: true, size: 14 };
  const rh = rep.addRow([
    "Thôn",
    "Trưởng thôn",
    "Trạng thái",
    "Gửi lúc",
    "Số người dùng điện thoại thông minh",
    `Số người đã cài ứng dụng ${report.reports.provinceApp}`,
    "Số người đã kích hoạt",
    "Số người dùng thường xuyên",
    "Khó khăn, vướng mắc",
    "Kiến nghị, đề xuất",
  ]);
  rh.font = bold;
  rh.alignment = { wrapText: true, vertical: "top" };
  for (const it of report.reports.items) {
    const r = it.report;
    rep.addRow([
      it.villageName,
      it.head,
      REPORT_STATE[it.state],
      r ? local(Date.parse(r.firstSubmittedAt)) : "",
      r?.smartphoneUsers ?? null,
      r?.installed ?? null,
      r?.activated ?? null,
      r?.regularUsers ?? null,
      r?.difficulties ?? "",
      r?.proposals ?? "",
    ]);
  }
  await rep.commit();
  await wb.commit();
}

const SEGMENT_BASIS_TEXT: Record<TargetBasis, string> = {
  self_declared: "Chỉ tiêu của mỗi nhóm tính theo số hộ tự khai đạt “Gia đình số”; cột “đã xác nhận” để đối chiếu",
  verified: "Chỉ tiêu của mỗi nhóm tính theo số hộ trưởng thôn đã xác nhận đạt “Gia đình số”; cột “tự khai” để đối chiếu",
};

/**
 * The segment sheet's columns. Who belongs to a segment, as the rest of the workbook does for "đạt":
 * what households declared and what village heads confirmed side by side (members = confirmed +
 * awaiting; a declaration the head rejected does not count).
 */
export const WEEK_SEGMENT_COLUMNS: { title: string; width: number; fmt?: string; value: (f: SegmentFigures) => string | number | null }[] = [
  { title: "Chỉ tiêu", width: 10, fmt: "0%", value: (f) => f.targetPercent / 100 },
  { title: "Số hộ trong nhóm", width: 12, value: (f) => f.members },
  { title: "Trong đó trưởng thôn đã xác nhận", width: 14, value: (f) => f.members - f.awaiting },
  { title: "Trong đó hộ tự khai, chờ trưởng thôn xác nhận", width: 16, value: (f) => f.awaiting },
  { title: "Hộ đạt “Gia đình số” (tự khai)", width: 14, value: (f) => f.fullyMet },
  { title: "Tỉ lệ hộ đạt (tự khai)", width: 12, fmt: "0.0%", value: (f) => frac(f.fullyMetPercent) },
  { title: "Hộ đạt, trưởng thôn đã xác nhận", width: 14, value: (f) => f.fullyMetVerified },
  { title: "Tỉ lệ hộ đạt đã xác nhận", width: 12, fmt: "0.0%", value: (f) => frac(f.fullyMetVerifiedPercent) },
  {
    title: "Mức đạt so với chỉ tiêu",
    width: 12,
    fmt: "0.0%",
    value: (f) => (f.countedPercent === null || f.targetPercent === 0 ? null : Math.round((f.countedPercent / f.targetPercent) * 1000) / 1000),
  },
  { title: "Số hộ cần đạt", width: 11, value: (f) => f.required },
  { title: "Còn thiếu (hộ)", width: 11, value: (f) => f.needed },
  { title: "Đạt chỉ tiêu", width: 11, value: (f) => (f.members === 0 ? "Chưa có hộ" : f.reached ? "Đạt" : "Chưa đạt") },
];

/** "Nhóm hộ": per segment its commune total (or the one village), then each village. */
async function writeSegmentSheet(ws: ExcelJS.Worksheet, seg: WeekSegments, title: string, when: string, pace: Pace): Promise<void> {
  ws.columns = [{ width: 36 }, { width: 22 }, ...WEEK_SEGMENT_COLUMNS.map((c) => ({ width: c.width }))];
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([`${when}. ${SEGMENT_BASIS_TEXT[seg.basis]}.`]);
  ws.addRow([]);
  const hr = ws.addRow(["Nhóm hộ", "Thôn", ...WEEK_SEGMENT_COLUMNS.map((c) => c.title)]);
  hr.font = { bold: true };
  hr.alignment = { wrapText: true, vertical: "top" };
  hr.height = 60;
  let n = 0;
  const add = async (segment: string, place: string, f: SegmentFigures, bold: boolean) => {
    const r = ws.addRow([segment, place, ...WEEK_SEGMENT_COLUMNS.map((c) => c.value(f))]);
    WEEK_SEGMENT_COLUMNS.forEach((c, i) => {
      if (c.fmt) r.getCell(i + 3).numFmt = c.fmt;
    });
    if (bold) r.font = { bold: true };
    r.commit();
    if (++n % PACE_EVERY === 0) await drainSheet(ws, pace);
  };
  const one = seg.villages.length === 1;
  for (const s of seg.items) {
    await add(s.name, one ? seg.villages[0]!.name : "Tổng", s.totals, true);
    if (!one) for (const v of s.villages) await add(s.name, v.villageName, v, false);
  }
  await ws.commit();
}

export function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  return /[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v;
}

export const csvLine = (r: (string | number | null)[]) => `${r.map(csvCell).join(",")}\r\n`;

/** The "missing" CSV, streamed: one line per (household, criterion) not met, village by village. */
export async function writeMissingCsv(out: Writable, job: ExportJob, missing: MissingSource, pace: Pace): Promise<void> {
  const names = new Map(job.villages.map((v) => [v.id, v.name]));
  const ids = new Set(job.report.villages.map((v) => v.villageId));
  // BOM: Excel reads UTF-8 (Vietnamese diacritics) only with it.
  let buf = `\uFEFF${csvLine(["Mã thôn", "Thôn", "Mã tiêu chí", "Tiêu chí", "Mã hộ", "Hộ", "Tình trạng", "Ghi chú"])}`;
  let n = 0;
  const flush = async () => {
    if (buf.length === 0) return;
    const ok = out.write(buf);
    buf = "";
    if (!ok) await pace();
  };
  for (const { id } of job.villages) {
    if (!ids.has(id)) continue;
    for (const c of job.criteria) {
      for (const m of missing(id, c)) {
        buf += csvLine([id, names.get(id) ?? id, c.id, c.label, m.householdId, m.label, missingStatus(m), m.note ?? ""]);
        if (++n % PACE_EVERY === 0) await flush();
      }
    }
  }
  await flush();
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}
