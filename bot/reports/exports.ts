import { PassThrough, type Readable } from "node:stream";
import { PILLAR_LABELS, type EffectiveCatalogue } from "../../shared/criteria";
import type { WeekReport } from "../../shared/contracts";
import { ApiError } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { HouseholdsRepo } from "../households/households-repo";
import { exportStream } from "./background";
import { rulesOf } from "./missing-repo";
import type { ReportsService } from "./reports-service";
import { csvLine, localTime, writeMissingCsv, writeWorkbook, type ExportJob, type MissingSource } from "./xlsx-writer";

const REPORT_STATE: Record<WeekReport["reports"]["items"][number]["state"], string> = {
  on_time: "Đúng hạn",
  late: "Trễ hạn",
  missing: "Chưa nộp",
  pending: "Chưa đến hạn",
};

/**
 * The weekly workbook (exceljs, streamed): the commune summary (villages by pillars and criteria, %,
 * self-declared and verified "fully met" side by side, change since last week, gap to target), one
 * sheet per village with the households still missing each criterion (for the village head; more
 * sheets past Excel's row limit), the village heads' reports. Also CSV. Figures come from the same
 * WeekReport the API returns; the household lists are written by a worker thread
 * (bot/reports/report-worker.ts) from SQLite pages straight into the HTTP answer.
 */
export class ExportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly households: HouseholdsRepo,
    private readonly catalogue: EffectiveCatalogue,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
  ) {}

  /** What the export worker needs: the figures, the villages and criteria, the clock. */
  exportJob(report: WeekReport): ExportJob {
    const ids = new Set(report.villages.map((v) => v.villageId));
    const labels = new Map(this.catalogue.criteria.map((c) => [c.id, c.label]));
    return {
      report,
      villages: this.commune.villages.filter((v) => ids.has(v.id)).map((v) => ({ id: v.id, name: v.name })),
      criteria: rulesOf(this.catalogue).map((r) => ({ ...r, label: labels.get(r.id)! })),
      commune: { kind: this.commune.commune.kind, name: this.commune.commune.name, timezone: this.commune.commune.timezone },
      now: this.clock.now(),
      segments: this.reports.weekSegments(report),
    };
  }

  /** Off the event loop when the database is a file (always in production); in memory, in this thread. */
  private stream(kind: "xlsx" | "csv-missing", job: ExportJob): Readable {
    const file = this.reports.databaseFile;
    if (file) return exportStream(kind, file, job);
    const out = new PassThrough();
    const repo = this.reports.missingRepo;
    const missing: MissingSource = (v, c) => repo.missing(v, c);
    const pace = () => new Promise<void>((resolve) => (out.writableNeedDrain ? out.once("drain", () => setImmediate(resolve)) : setImmediate(resolve)));
    (kind === "xlsx" ? writeWorkbook(out, job, missing, pace) : writeMissingCsv(out, job, missing, pace)).catch((err: Error) => out.destroy(err));
    return out;
  }

  async xlsx(p: Principal, week: string | undefined, villageFilter?: string): Promise<{ filename: string; body: Readable; report: WeekReport }> {
    const report = this.filtered(this.reports.weekReport(p, week), villageFilter);
    return { filename: `gia-dinh-so-${report.week}.xlsx`, body: this.stream("xlsx", this.exportJob(report)), report };
  }

  /** CSV: the small tables as text, the missing households streamed (it can have millions of lines). */
  csv(p: Principal, week: string | undefined, table: "summary" | "criteria" | "missing" | "reports", villageFilter?: string): { filename: string; text: string | Readable } {
    const report = this.filtered(this.reports.weekReport(p, week), villageFilter);
    const filename = `gia-dinh-so-${report.week}-${table}.csv`;
    if (table === "missing") return { filename, text: this.stream("csv-missing", this.exportJob(report)) };
    let rows: (string | number | null)[][];
    switch (table) {
      case "summary":
        rows = [
          [
            "Hạng",
            "Mã thôn",
            "Thôn",
            "Số hộ (theo danh sách)",
            "Hộ đã đăng ký",
            "Hộ đã tự đánh giá đủ",
            "Tỉ lệ hoàn thành (%)",
            "Hộ đạt Gia đình số (tự khai)",
            "Tỉ lệ hộ đạt (%) (tự khai)",
            "Thay đổi (điểm %)",
            "Chỉ tiêu (%)",
            "Số hộ cần đạt",
            "Còn thiếu (hộ)",
            "Hộ đạt, trưởng thôn đã xác nhận",
            "Tỉ lệ hộ đạt đã xác nhận (%)",
            "Chỉ tiêu tính theo",
          ],
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
            f.fullyMetVerified,
            f.fullyMetVerifiedPercent,
            f.basis === "verified" ? "đã xác nhận" : "tự khai",
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
      case "reports":
        rows = [
          ["Mã thôn", "Thôn", "Trưởng thôn", "Trạng thái", "Gửi lúc", "Số người dùng điện thoại thông minh", `Đã cài ${report.reports.provinceApp}`, "Đã kích hoạt", "Dùng thường xuyên", "Khó khăn, vướng mắc", "Kiến nghị, đề xuất"],
          ...report.reports.items.map((it) => [
            it.villageId,
            it.villageName,
            it.head,
            REPORT_STATE[it.state],
            it.report ? localTime(Date.parse(it.report.firstSubmittedAt), this.commune.commune.timezone) : "",
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
    return { filename, text: `\uFEFF${rows.map(csvLine).join("")}` };
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
