/**
 * A console dashboard (dash-service.ts) as an Excel sheet, exactly as the screen shows it: its title
 * and note, then the same columns with the same Vietnamese headers, the rows in the order shown, the
 * commune's line last. Numbers stay numbers (percentages formatted "0.0%", households still needed
 * formatted "37 hộ" and "Đã đạt" for 0, as on screen). Written with exceljs's streaming writer one
 * row at a time, committed as it goes and paced by the consumer: memory does not grow with the rows.
 */
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import type { DashCell, DashColumn, DashTable, DashView } from "../../shared/contracts";
import { PACE_EVERY, PRINT_A4, drainSheet, localTime, type Pace } from "./xlsx-writer";

export interface DashExportJob {
  /** The table without its rows (they come from `rows`, one at a time). */
  head: Pick<DashTable, "view" | "title" | "note" | "columns" | "target">;
  commune: { kind: string; name: string; timezone: string };
  now: number;
}

const SHEET: Record<DashView, string> = {
  villages: "Các thôn",
  criteria: "Từng tiêu chí",
  pillars: "Từng trụ cột",
  silent: "Hộ không trả lời",
  completeness: "Nộp báo cáo",
  trend: "Qua các tuần",
};

/** The file's name: ASCII (every browser and mail client keeps it), the view and the day. */
export const DASH_FILE: Record<DashView, string> = {
  villages: "cac-thon",
  criteria: "tung-tieu-chi",
  pillars: "tung-tru-cot",
  silent: "ho-khong-tra-loi",
  completeness: "nop-bao-cao",
  trend: "qua-cac-tuan",
};

const FORMAT: Partial<Record<DashColumn["kind"], string>> = {
  int: "#,##0",
  percent: "0.0%",
  // positive; negative; zero: 0 households still needed reads "Đã đạt" as on screen.
  needed: '#,##0" hộ";-#,##0;"Đã đạt"',
};

/** A cell as Excel keeps it: percentages 0-100 become fractions (formatted back to "62.5%"). */
export function excelValue(kind: DashColumn["kind"], v: DashCell): string | number | null {
  if (v === null) return null;
  if (kind === "percent" && typeof v === "number") return Math.round(v * 10) / 1000;
  return v;
}

/** The header row's number in the sheet (title, note, target words, blank line, then the headers). */
export const DASH_HEADER_ROW = 5;

export async function writeDashSheet(out: Writable, job: DashExportJob, rows: Iterable<readonly DashCell[]>, total: readonly DashCell[] | null, pace: Pace): Promise<void> {
  const { head } = job;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = `Gia đình số - ${job.commune.kind} ${job.commune.name}`;
  wb.created = new Date(job.now);
  const ws = wb.addWorksheet(SHEET[head.view], { views: [{ state: "frozen", xSplit: 1, ySplit: DASH_HEADER_ROW }], pageSetup: PRINT_A4 });
  ws.columns = head.columns.map((c) => ({
    width: c.kind === "text" ? (c.key === "label" ? 60 : 28) : c.kind === "state" ? 14 : 16,
    style: FORMAT[c.kind] ? { numFmt: FORMAT[c.kind] } : {},
  }));
  ws.addRow([`${head.title} - ${job.commune.kind} ${job.commune.name}`]).font = { bold: true, size: 14 };
  ws.addRow([head.note]);
  ws.addRow([head.target ? head.target.words : `Xuất lúc ${localTime(job.now, job.commune.timezone)}`]);
  ws.addRow([]);
  const hr = ws.addRow(head.columns.map((c) => c.header));
  hr.font = { bold: true };
  hr.alignment = { wrapText: true, vertical: "top" };
  hr.commit();
  const line = (cells: readonly DashCell[]) => head.columns.map((c, i) => excelValue(c.kind, cells[i] ?? null));
  let n = 0;
  for (const r of rows) {
    ws.addRow(line(r)).commit();
    if (++n % PACE_EVERY === 0) await drainSheet(ws, pace);
  }
  if (total) {
    const t = ws.addRow(line(total));
    t.font = { bold: true };
    t.commit();
  }
  await ws.commit();
  await wb.commit();
}
