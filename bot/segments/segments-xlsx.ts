/**
 * The segment progress table as an Excel workbook, streamed row by row (exceljs WorkbookWriter, the
 * same settings and helpers as the weekly workbook, bot/reports/xlsx-writer.ts): the same figures, in
 * the same order, as GET /api/segments/progress and the console's table.
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { SegmentFigures, SegmentProgress } from "../../shared/contracts/segments";
import { catalogueLabel, drainSheet, localTime, PRINT_A4 } from "../reports/xlsx-writer";

/** Rows written between two turns of the event loop. */
const PACE_ROWS = 200;

/** The table's columns: header, and the cell of a row. Percentages as fractions Excel shows with "0.0%". */
export const SEGMENT_COLUMNS: { header: string; width: number; cell: (f: SegmentFigures) => string | number | null; pct?: boolean }[] = [
  { header: "Chỉ tiêu", width: 10, cell: (f) => f.targetPercent / 100, pct: true },
  { header: "Số hộ trong nhóm", width: 12, cell: (f) => f.members },
  { header: "Chờ trưởng thôn xác nhận", width: 14, cell: (f) => f.awaiting },
  { header: "Hộ tự khai đạt", width: 12, cell: (f) => f.fullyMet },
  { header: "Tỉ lệ tự khai", width: 11, cell: (f) => frac(f.fullyMetPercent), pct: true },
  { header: "Hộ đã xác nhận đạt", width: 13, cell: (f) => f.fullyMetVerified },
  { header: "Tỉ lệ đã xác nhận", width: 11, cell: (f) => frac(f.fullyMetVerifiedPercent), pct: true },
  { header: "Số hộ phải đạt", width: 11, cell: (f) => f.required },
  { header: "Cần thêm (hộ)", width: 11, cell: (f) => f.needed },
  { header: "Đạt chỉ tiêu", width: 10, cell: (f) => (f.members === 0 ? "Chưa có hộ" : f.reached ? "Đạt" : "Chưa đạt") },
];

const frac = (p: number | null) => (p === null ? null : Math.round(p * 10) / 1000);

const BASIS_TEXT: Record<SegmentProgress["basis"], string> = {
  self_declared: "Chỉ tiêu tính theo số hộ tự khai đạt “Gia đình số”; cột “đã xác nhận” là số hộ trưởng thôn đã xác nhận, để đối chiếu.",
  verified: "Chỉ tiêu tính theo số hộ trưởng thôn đã xác nhận đạt “Gia đình số”; cột “tự khai” để đối chiếu.",
};

export async function writeSegmentWorkbook(out: Writable, p: SegmentProgress, commune: { kind: string; name: string; timezone: string }): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = "Gia đình số";
  wb.title = `Tiến độ nhóm hộ - ${commune.kind} ${commune.name}`;
  wb.keywords = p.catalogueKey;
  const ws = wb.addWorksheet("Nhóm hộ", { views: [{ state: "frozen", ySplit: 4 }], pageSetup: PRINT_A4 });
  ws.columns = [{ width: 40 }, { width: 22 }, ...SEGMENT_COLUMNS.map((c) => ({ width: c.width }))];
  ws.addRow([`Tiến độ “Gia đình số” theo nhóm hộ - ${commune.kind} ${commune.name}`]).font = { bold: true, size: 14 };
  ws.addRow([`Số liệu lúc ${localTime(Date.parse(p.asOf), commune.timezone)}, ${catalogueLabel(p.catalogueKey)}.`]).commit();
  ws.addRow([BASIS_TEXT[p.basis]]).commit();
  const head = ws.addRow(["Nhóm hộ", "Thôn", ...SEGMENT_COLUMNS.map((c) => c.header)]);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: "top" };
  head.commit();
  const add = (segment: string, place: string, f: SegmentFigures, bold: boolean) => {
    const row = ws.addRow([segment, place, ...SEGMENT_COLUMNS.map((c) => c.cell(f))]);
    SEGMENT_COLUMNS.forEach((c, i) => {
      if (c.pct) row.getCell(i + 3).numFmt = "0.0%";
    });
    if (bold) row.font = { bold: true };
    row.commit();
  };
  // Written on the bot's thread: it yields every PACE_ROWS rows (500 villages by dozens of segments held
  // the event loop for most of a second) and waits while the zip is behind.
  let n = 0;
  const paced = async () => {
    if (++n % PACE_ROWS === 0) await drainSheet(ws, () => new Promise<void>((resolve) => setImmediate(resolve)));
  };
  for (const s of p.segments) {
    add(s.name, p.villages.length === 1 ? p.villages[0]!.name : "Toàn xã", s.totals, true);
    await paced();
    if (p.villages.length > 1)
      for (const v of s.villages) {
        add(s.name, v.villageName, v, false);
        await paced();
      }
  }
  await ws.commit();
  await wb.commit();
}
