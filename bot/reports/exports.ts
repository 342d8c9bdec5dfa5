import ExcelJS from "exceljs";
import { PILLAR_LABELS, criterionStatus, type EffectiveCatalogue } from "../../shared/criteria";
import type { WeekReport } from "../../shared/contracts";
import { ApiError } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { HouseholdsRepo } from "../households/households-repo";
import { localParts } from "./iso-week";
import type { ReportsService } from "./reports-service";

export interface MissingRow {
  villageId: string;
  villageName: string;
  criterionId: string;
  criterionLabel: string;
  householdId: number;
  householdLabel: string;
  status: "Chưa đạt" | "Chưa trả lời";
  note: string;
}

const REPORT_STATE: Record<WeekReport["reports"]["items"][number]["state"], string> = {
  on_time: "Đúng hạn",
  late: "Trễ hạn",
  missing: "Chưa nộp",
  pending: "Chưa đến hạn",
};

/** A percentage (0-100, one decimal) as the fraction Excel formats with "0.0%"; empty when null. */
const frac = (p: number | null) => (p === null ? null : Math.round(p * 10) / 1000);

function sheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || "Thôn";
  let n = base;
  for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  used.add(n.toLowerCase());
  return n;
}

/**
 * One workbook per week (exceljs): the commune summary (villages by pillars and criteria, %, change
 * since last week, gap to target), one sheet per village with the households still missing each
 * criterion (for the village head), the village heads' reports, and the trend. Also CSV.
 * Figures come from the same WeekReport the API returns.
 */
export class ExportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly households: HouseholdsRepo,
    private readonly catalogue: EffectiveCatalogue,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
  ) {}

  private local(ms: number): string {
    const p = localParts(ms, this.commune.commune.timezone);
    const two = (n: number) => String(n).padStart(2, "0");
    return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
  }

  /** Households (active) that a criterion applies to and that do not meet it yet, now. */
  missing(villageIds: readonly string[]): MissingRow[] {
    const out: MissingRow[] = [];
    for (const vid of villageIds) {
      const v = this.commune.villages.find((x) => x.id === vid);
      const answers = this.households.villageAnswers(vid);
      const households = this.households.villageHouseholds(vid);
      for (const c of this.catalogue.criteria) {
        for (const h of households) {
          const a = (answers.get(h.id) ?? []).find((x) => x.criterionId === c.id);
          const st = criterionStatus(c, h.flags, a?.value);
          if (st !== "unmet" && st !== "unanswered") continue;
          out.push({
            villageId: vid,
            villageName: v?.name ?? vid,
            criterionId: c.id,
            criterionLabel: c.label,
            householdId: h.id,
            householdLabel: h.label,
            status: st === "unmet" ? "Chưa đạt" : "Chưa trả lời",
            note: a?.note ?? "",
          });
        }
      }
    }
    return out;
  }

  async xlsx(p: Principal, week: string | undefined, villageFilter?: string): Promise<{ filename: string; body: Buffer; report: WeekReport }> {
    const report = this.filtered(this.reports.weekReport(p, week), villageFilter);
    const wb = new ExcelJS.Workbook();
    wb.creator = `Gia Đình Số - ${this.commune.commune.kind} ${this.commune.commune.name}`;
    wb.created = new Date(this.clock.now());
    const used = new Set<string>();
    const when =
      report.source === "snapshot"
        ? `Số liệu chốt lúc ${this.local(Date.parse(report.frozenAt!))} (hạn chốt ${this.local(Date.parse(report.cutoffAt))})`
        : `Số liệu tạm tính lúc ${this.local(this.clock.now())}; tuần chưa chốt (hạn chốt ${this.local(Date.parse(report.cutoffAt))})`;
    const title = `Phong trào “Gia đình số” - ${this.commune.commune.kind} ${this.commune.commune.name} - tuần ${report.week}`;
    const bold = { bold: true } as const;

    // --- Tổng hợp
    const sum = wb.addWorksheet(sheetName("Tổng hợp", used), { views: [{ state: "frozen", xSplit: 2, ySplit: 4 }] });
    sum.addRow([title]).font = { bold: true, size: 14 };
    sum.addRow([`${when}. Bộ tiêu chí: ${report.catalogueKey}${report.previousWeek ? `. So sánh với tuần ${report.previousWeek}` : ""}${report.catalogueChanged ? " (bộ tiêu chí đã thay đổi)" : ""}.`]);
    sum.addRow([]);
    const head = [
      "Hạng",
      "Thôn",
      "Số hộ (theo danh sách)",
      "Hộ đã đăng ký",
      "Hộ đã tự đánh giá đủ",
      "Tỉ lệ hoàn thành",
      "Hộ đạt “Gia đình số”",
      "Tỉ lệ hộ đạt",
      "Thay đổi so với tuần trước (điểm %)",
      "Chỉ tiêu",
      "Số hộ cần đạt",
      "Còn thiếu (hộ)",
      ...report.totals.pillars.map((pl) => `${pl.label}: tỉ lệ hộ đạt`),
      ...report.criteria.map((c, i) => `${i + 1}. ${c.label}`),
    ];
    const hr = sum.addRow(head);
    hr.font = bold;
    hr.alignment = { wrapText: true, vertical: "top" };
    hr.height = 60;
    const summaryRow = (rankCell: number | string, f: WeekReport["totals"] | WeekReport["villages"][number]) => [
      rankCell,
      f.villageName,
      f.officialHouseholds,
      f.registered,
      f.assessed,
      frac(f.completeness),
      f.fullyMet,
      frac(f.fullyMetPercent),
      f.change.fullyMetPercent,
      f.target.percent / 100,
      f.target.required,
      f.target.needed,
      ...f.pillars.map((pl) => frac(pl.fullyMetPercent)),
      ...report.criteria.map((c) => frac(f.criteria.find((x) => x.criterionId === c.id)?.coverage ?? null)),
    ];
    for (const v of report.villages) sum.addRow(summaryRow(v.rank, v));
    const total = sum.addRow(summaryRow("", { ...report.totals, villageName: "Tổng" }));
    total.font = bold;
    const pctCols = [6, 8, 10, ...report.totals.pillars.map((_, i) => 13 + i), ...report.criteria.map((_, i) => 13 + report.totals.pillars.length + i)];
    for (const c of pctCols) sum.getColumn(c).numFmt = "0.0%";
    sum.getColumn(9).numFmt = "+0.0;-0.0;0.0";
    sum.getColumn(2).width = 24;
    for (let c = 3; c <= head.length; c++) sum.getColumn(c).width = 14;

    // --- one sheet per village
    const missing = this.missing(report.villages.map((v) => v.villageId));
    // Village sheets in the config's order (the summary is in rank order).
    const order = new Map(this.commune.villages.map((v, i) => [v.id, i]));
    for (const v of [...report.villages].sort((a, b) => (order.get(a.villageId) ?? 0) - (order.get(b.villageId) ?? 0))) {
      const ws = wb.addWorksheet(sheetName(v.villageName, used));
      ws.addRow([`${v.villageName} - tuần ${report.week}`]).font = { bold: true, size: 14 };
      ws.addRow([when]);
      ws.addRow(["Hộ đã đăng ký", v.registered, "Hộ đạt “Gia đình số”", v.fullyMet, "Tỉ lệ hộ đạt", frac(v.fullyMetPercent)]);
      ws.addRow(["Chỉ tiêu", v.target.percent / 100, "Số hộ cần đạt", v.target.required, "Còn thiếu (hộ)", v.target.needed]);
      ws.getCell("F3").numFmt = "0.0%";
      ws.getCell("B4").numFmt = "0%";
      ws.addRow([]);
      const th = ws.addRow(["STT", "Tiêu chí", "Trụ cột", "Hộ áp dụng", "Hộ đạt", "Tỉ lệ đạt", "Thay đổi (điểm %)", "Đã xác minh", "Không áp dụng"]);
      th.font = bold;
      report.criteria.forEach((c, i) => {
        const f = v.criteria.find((x) => x.criterionId === c.id);
        const r = ws.addRow([i + 1, c.label, PILLAR_LABELS[c.pillar], f?.applicable ?? 0, f?.met ?? 0, frac(f?.coverage ?? null), v.change.criteria[c.id] ?? null, f?.verified ?? 0, f?.notApplicable ?? 0]);
        r.getCell(6).numFmt = "0.0%";
        r.getCell(7).numFmt = "+0.0;-0.0;0.0";
      });
      ws.addRow([]);
      ws.addRow([`Danh sách hộ còn thiếu theo từng tiêu chí (tại thời điểm xuất ${this.local(this.clock.now())})`]).font = bold;
      const mh = ws.addRow(["STT", "Tiêu chí", "Hộ", "Tình trạng", "Ghi chú"]);
      mh.font = bold;
      const mine = missing.filter((m) => m.villageId === v.villageId);
      if (mine.length > 0) ws.autoFilter = { from: { row: mh.number, column: 1 }, to: { row: mh.number + mine.length, column: 5 } };
      mine.forEach((m, i) => ws.addRow([i + 1, m.criterionLabel, m.householdLabel, m.status, m.note]));
      ws.getColumn(2).width = 60;
      ws.getColumn(3).width = 32;
      for (const c of [1, 4, 5, 6, 7, 8, 9]) ws.getColumn(c).width = c === 1 ? 6 : 14;
    }

    // --- village heads' reports
    const rep = wb.addWorksheet(sheetName("Báo cáo thôn", used));
    rep.addRow([`Báo cáo của các thôn - tuần ${report.week} (hạn ${this.local(Date.parse(report.reports.dueAt))})`]).font = { bold: true, size: 14 };
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
        r ? this.local(Date.parse(r.firstSubmittedAt)) : "",
        r?.smartphoneUsers ?? null,
        r?.installed ?? null,
        r?.activated ?? null,
        r?.regularUsers ?? null,
        r?.difficulties ?? "",
        r?.proposals ?? "",
      ]);
    }
    rep.getColumn(1).width = 22;
    rep.getColumn(2).width = 20;
    for (const c of [3, 4, 5, 6, 7, 8]) rep.getColumn(c).width = 16;
    rep.getColumn(9).width = 40;
    rep.getColumn(10).width = 40;

    const body = Buffer.from(await wb.xlsx.writeBuffer());
    return { filename: `gia-dinh-so-${report.week}.xlsx`, body, report };
  }

  csv(p: Principal, week: string | undefined, table: "summary" | "criteria" | "missing" | "reports", villageFilter?: string): { filename: string; text: string } {
    const report = this.filtered(this.reports.weekReport(p, week), villageFilter);
    let rows: (string | number | null)[][];
    switch (table) {
      case "summary":
        rows = [
          ["Hạng", "Mã thôn", "Thôn", "Số hộ (theo danh sách)", "Hộ đã đăng ký", "Hộ đã tự đánh giá đủ", "Tỉ lệ hoàn thành (%)", "Hộ đạt Gia đình số", "Tỉ lệ hộ đạt (%)", "Thay đổi (điểm %)", "Chỉ tiêu (%)", "Số hộ cần đạt", "Còn thiếu (hộ)"],
          ...[...report.villages, { ...report.totals, rank: null, villageId: "*" }].map((f) => [
            f.rank,
            f.villageId,
            f.villageName,
            f.officialHouseholds,
            f.registered,
            f.assessed,
            f.completeness,
            f.fullyMet,
            f.fullyMetPercent,
            f.change.fullyMetPercent,
            f.target.percent,
            f.target.required,
            f.target.needed,
          ]),
        ];
        break;
      case "criteria":
        rows = [
          ["Mã thôn", "Thôn", "Mã tiêu chí", "Tiêu chí", "Trụ cột", "Hộ áp dụng", "Hộ đạt", "Tỉ lệ đạt (%)", "Thay đổi (điểm %)", "Đã xác minh", "Không áp dụng"],
          ...report.villages.flatMap((v) =>
            v.criteria.map((c) => [v.villageId, v.villageName, c.criterionId, c.label, PILLAR_LABELS[c.pillar], c.applicable, c.met, c.coverage, v.change.criteria[c.criterionId] ?? null, c.verified, c.notApplicable]),
          ),
        ];
        break;
      case "missing":
        rows = [
          ["Mã thôn", "Thôn", "Mã tiêu chí", "Tiêu chí", "Mã hộ", "Hộ", "Tình trạng", "Ghi chú"],
          ...this.missing(report.villages.map((v) => v.villageId)).map((m) => [m.villageId, m.villageName, m.criterionId, m.criterionLabel, m.householdId, m.householdLabel, m.status, m.note]),
        ];
        break;
      case "reports":
        rows = [
          ["Mã thôn", "Thôn", "Trưởng thôn", "Trạng thái", "Gửi lúc", "Số người dùng điện thoại thông minh", `Đã cài ${report.reports.provinceApp}`, "Đã kích hoạt", "Dùng thường xuyên", "Khó khăn, vướng mắc", "Kiến nghị, đề xuất"],
          ...report.reports.items.map((it) => [
            it.villageId,
            it.villageName,
            it.head,
            REPORT_STATE[it.state],
            it.report ? this.local(Date.parse(it.report.firstSubmittedAt)) : "",
            it.report?.smartphoneUsers ?? null,
            it.report?.installed ?? null,
            it.report?.activated ?? null,
            it.report?.regularUsers ?? null,
            it.report?.difficulties ?? "",
            it.report?.proposals ?? "",
          ]),
        ];
        break;
    }
    // BOM: Excel reads UTF-8 (Vietnamese diacritics) only with it.
    return { filename: `gia-dinh-so-${report.week}-${table}.csv`, text: `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n` };
  }

  /** An officer may ask for one village; a village head's report is already limited to their villages. */
  private filtered(report: WeekReport, village: string | undefined): WeekReport {
    if (village === undefined) return report;
    const one = report.villages.find((v) => v.villageId === village);
    if (!one) throw new ApiError("not_found", `Không có thôn “${village}” trong báo cáo này.`);
    const { rank: _rank, change, ...figures } = one;
    return {
      ...report,
      totals: { ...figures, change: { fullyMetPercent: change.fullyMetPercent } },
      villages: [one],
      reports: { ...report.reports, items: report.reports.items.filter((i) => i.villageId === village) },
    };
  }
}

function csvCell(v: string | number | null): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  return /[",\r\n]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v;
}
