import { z } from "zod";
import { CriterionId, IsoTime, Percent, Pillar, VillageId, WeekKey } from "./common";

export const CriterionFigures = z.object({
  criterionId: CriterionId,
  label: z.string(),
  pillar: Pillar,
  /** Households it applies to (not "không áp dụng"). */
  applicable: z.number().int(),
  met: z.number().int(),
  answered: z.number().int(),
  verified: z.number().int(),
  notApplicable: z.number().int(),
  /** met / applicable. */
  coverage: Percent,
});
export type CriterionFigures = z.infer<typeof CriterionFigures>;

/**
 * Which "fully met" count the target and the ranking use (commune file `target.basis`):
 * `self_declared` (what households ticked) or `verified` (only what the village head or an officer
 * confirmed). Both are always shown side by side.
 */
export const TargetBasis = z.enum(["self_declared", "verified"]);
export type TargetBasis = z.infer<typeof TargetBasis>;

export const PillarFigures = z.object({
  pillar: Pillar,
  label: z.string(),
  assessed: z.number().int(),
  /** Households meeting every criterion of the pillar that applies to them (self-declared). */
  fullyMet: z.number().int(),
  /** fullyMet / target base. */
  fullyMetPercent: Percent,
  /** Of those, households whose every criterion of the pillar is confirmed by the village head. */
  fullyMetVerified: z.number().int(),
  fullyMetVerifiedPercent: Percent,
});

export const TargetFigures = z.object({
  percent: z.number(),
  /** Households the target is counted on: the village's household count in the config, or the registered ones if more. */
  base: z.number().int(),
  required: z.number().int(),
  /** "N more households needed". */
  needed: z.number().int(),
  reached: z.boolean(),
});

export const VillageFigures = z.object({
  villageId: z.string(),
  villageName: z.string(),
  /** From the commune config (null when not given). */
  officialHouseholds: z.number().int().nullable(),
  registered: z.number().int(),
  /** Households that answered every criterion that applies to them. */
  assessed: z.number().int(),
  /** assessed / registered. */
  completeness: Percent,
  /** Households meeting every criterion that applies to them: "đạt Gia đình số", self-declared. */
  fullyMet: z.number().int(),
  /** fullyMet / target base. */
  fullyMetPercent: Percent,
  /** Of those, households whose every applicable criterion the village head (or an officer) confirmed. */
  fullyMetVerified: z.number().int(),
  /** fullyMetVerified / target base. */
  fullyMetVerifiedPercent: Percent,
  /** fullyMetVerified / fullyMet: how much of the self-declared figure is confirmed. */
  verifiedShare: Percent,
  /** Which count `target` (and the ranking) is computed on. */
  basis: TargetBasis,
  target: TargetFigures,
  pillars: z.array(PillarFigures),
  criteria: z.array(CriterionFigures),
});
export type VillageFigures = z.infer<typeof VillageFigures>;

export const VillageDashboard = VillageFigures.extend({ catalogueKey: z.string(), asOf: IsoTime }).meta({ id: "VillageDashboard" });
export type VillageDashboard = z.infer<typeof VillageDashboard>;

export const RankedVillage = VillageFigures.extend({ rank: z.number().int() });

export const CommuneDashboard = z
  .object({
    commune: z.object({ name: z.string(), kind: z.string() }),
    catalogueKey: z.string(),
    asOf: IsoTime,
    totals: VillageFigures,
    /** Ranked by the basis's percentage (fullyMetPercent or fullyMetVerifiedPercent), then completeness. */
    villages: z.array(RankedVillage),
  })
  .meta({ id: "CommuneDashboard" });
export type CommuneDashboard = z.infer<typeof CommuneDashboard>;

/** One village in the residents' standings: aggregates only, never a household. */
export const VillageStanding = z.object({
  rank: z.number().int(),
  villageId: z.string(),
  name: z.string(),
  /** % of the target base (max(official, registered)) fully meeting the criteria, self-declared; null with no base. */
  fullyMetPercent: z.number().nullable(),
  /** The same with only households the village head confirmed. */
  fullyMetVerifiedPercent: z.number().nullable(),
  /** Households still needed to reach the target (0 when reached). */
  needed: z.number().int(),
  reached: z.boolean(),
});
export type VillageStanding = z.infer<typeof VillageStanding>;

export const VillageStandings = z
  .object({
    asOf: IsoTime,
    targetPercent: z.number(),
    /** Which percentage ranks and counts toward the target. */
    basis: TargetBasis,
    /** Ranked by the basis's percentage, then completeness; equal figures share a rank. */
    items: z.array(VillageStanding),
  })
  .meta({ id: "VillageStandings" });
export type VillageStandings = z.infer<typeof VillageStandings>;

export const VillageReportRequest = z
  .object({
    /** Số người sử dụng điện thoại thông minh. */
    smartphoneUsers: z.number().int().min(0).max(100_000),
    /** Số người đã cài đặt ứng dụng của tỉnh. */
    installed: z.number().int().min(0).max(100_000),
    /** Số người đã đăng ký, kích hoạt. */
    activated: z.number().int().min(0).max(100_000),
    /** Số người sử dụng thường xuyên. */
    regularUsers: z.number().int().min(0).max(100_000),
    difficulties: z.string().trim().max(4000).default(""),
    proposals: z.string().trim().max(4000).default(""),
  })
  .superRefine((r, ctx) => {
    if (r.installed > r.smartphoneUsers) ctx.addIssue({ code: "custom", path: ["installed"], message: "Số người đã cài đặt không thể lớn hơn số người dùng điện thoại thông minh." });
    if (r.activated > r.installed) ctx.addIssue({ code: "custom", path: ["activated"], message: "Số người đã kích hoạt không thể lớn hơn số người đã cài đặt." });
    if (r.regularUsers > r.activated) ctx.addIssue({ code: "custom", path: ["regularUsers"], message: "Số người dùng thường xuyên không thể lớn hơn số người đã kích hoạt." });
  })
  .meta({ id: "VillageReportRequest" });
export type VillageReportRequest = z.infer<typeof VillageReportRequest>;

export const VillageReportView = z
  .object({
    villageId: VillageId,
    week: WeekKey,
    smartphoneUsers: z.number().int(),
    installed: z.number().int(),
    activated: z.number().int(),
    regularUsers: z.number().int(),
    difficulties: z.string(),
    proposals: z.string(),
    firstSubmittedAt: IsoTime,
    updatedAt: IsoTime,
    dueAt: IsoTime,
    /** First sent after the deadline. */
    late: z.boolean(),
    revision: z.number().int(),
  })
  .meta({ id: "VillageReport" });
export type VillageReportView = z.infer<typeof VillageReportView>;

export const VillageReportStatus = z.object({
  villageId: z.string(),
  villageName: z.string(),
  head: z.string(),
  dueAt: IsoTime,
  /** pending: not due yet, not sent; missing: due passed, not sent. */
  state: z.enum(["on_time", "late", "missing", "pending"]),
  report: VillageReportView.nullable(),
});
export type VillageReportStatus = z.infer<typeof VillageReportStatus>;

export const VillageReportsOverview = z
  .object({ week: WeekKey, dueAt: IsoTime, provinceApp: z.string(), items: z.array(VillageReportStatus) })
  .meta({ id: "VillageReportsOverview" });
export type VillageReportsOverview = z.infer<typeof VillageReportsOverview>;

const Rate = z.number().nullable().meta({ description: "Percentage with one decimal; null when nothing was expected" });
const Completeness = { expected: z.number().int(), received: z.number().int(), onTime: z.number().int(), receivedPercent: Rate, onTimePercent: Rate };

/** Friday reports expected, received and on time, per week and per village (like DHIS2's reporting rates). */
export const ReportingCompleteness = z
  .object({
    weeks: z.array(z.object({ week: WeekKey, label: z.string(), ...Completeness })),
    villages: z.array(
      z.object({
        villageId: z.string(),
        villageName: z.string(),
        head: z.string(),
        ...Completeness,
        weeks: z.array(z.object({ week: WeekKey, state: z.enum(["on_time", "late", "missing"]) })),
      }),
    ),
    total: z.object(Completeness),
  })
  .meta({ id: "ReportingCompleteness" });
export type ReportingCompleteness = z.infer<typeof ReportingCompleteness>;
export const CompletenessQuery = z.object({ weeks: z.coerce.number().int().min(1, "Ít nhất 1 tuần.").max(52, "Nhiều nhất 52 tuần.").default(8) });

/** Households whose answers have not changed for `weeks` weeks, per village (who to visit). */
export const SilentHouseholds = z
  .object({
    weeks: z.number().int(),
    since: IsoTime,
    villages: z.array(z.object({ villageId: z.string(), villageName: z.string(), active: z.number().int(), silent: z.number().int(), silentPercent: z.number().nullable() })),
    total: z.object({ active: z.number().int(), silent: z.number().int(), silentPercent: z.number().nullable() }),
  })
  .meta({ id: "SilentHouseholds" });
export type SilentHouseholds = z.infer<typeof SilentHouseholds>;
export const SilentQuery = z.object({ weeks: z.coerce.number().int().min(1, "Ít nhất 1 tuần.").max(52, "Nhiều nhất 52 tuần.").default(4) });

export const WeekVillage = RankedVillage.extend({
  /** Percentage points since the previous frozen week (null when there is none or the village was not in it). */
  change: z.object({
    fullyMetPercent: z.number().nullable(),
    criteria: z.record(z.string(), z.number().nullable()),
  }),
});
export type WeekVillage = z.infer<typeof WeekVillage>;

export const WeekReport = z
  .object({
    week: WeekKey,
    /** snapshot: frozen at the cut-off; live: this week is not frozen yet (figures as of now). */
    source: z.enum(["snapshot", "live"]),
    cutoffAt: IsoTime,
    frozenAt: IsoTime.nullable(),
    catalogueKey: z.string(),
    previousWeek: WeekKey.nullable(),
    /** The previous week was frozen under another catalogue: compare criterion by criterion only. */
    catalogueChanged: z.boolean(),
    criteria: z.array(z.object({ id: z.string(), label: z.string(), pillar: Pillar })),
    totals: VillageFigures.extend({ change: z.object({ fullyMetPercent: z.number().nullable() }) }),
    villages: z.array(WeekVillage),
    reports: VillageReportsOverview,
  })
  .meta({ id: "WeekReport" });
export type WeekReport = z.infer<typeof WeekReport>;

export const SnapshotSummary = z.object({
  week: WeekKey,
  cutoffAt: IsoTime,
  frozenAt: IsoTime,
  trigger: z.enum(["cron", "catch_up", "manual"]),
  catalogueKey: z.string(),
  basis: TargetBasis,
  totals: z.object({ registered: z.number().int(), fullyMet: z.number().int(), fullyMetPercent: Percent, fullyMetVerified: z.number().int(), fullyMetVerifiedPercent: Percent }),
  villages: z.array(
    z.object({
      villageId: z.string(),
      rank: z.number().int(),
      registered: z.number().int(),
      fullyMet: z.number().int(),
      fullyMetPercent: Percent,
      fullyMetVerified: z.number().int(),
      fullyMetVerifiedPercent: Percent,
    }),
  ),
});
export const TrendResponse = z.object({ weeks: z.array(SnapshotSummary) }).meta({ id: "Trend" });
export type TrendResponse = z.infer<typeof TrendResponse>;

export const TrendQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(12) });

export const AggregateCheckResponse = z
  .object({
    households: z.number().int(),
    differences: z.number().int(),
    /** The first differences found, kept vs recomputed. */
    samples: z.array(z.object({ where: z.string(), kept: z.unknown(), recomputed: z.unknown() })),
    fixed: z.boolean(),
  })
  .meta({ id: "AggregateCheck" });
export type AggregateCheckResponse = z.infer<typeof AggregateCheckResponse>;

export const ExportQuery = z.object({
  /** CSV only: which table. */
  table: z.enum(["summary", "criteria", "missing", "reports"]).default("summary"),
  /** Officers: one village only. Village heads always get their own village. */
  village: VillageId.optional(),
});

/**
 * The console's dashboards (issue 14) as tables: every figure an officer reads on the PC is one of
 * these, rendered as it is and exported to Excel from the same table (same rows, columns, order and
 * headers). Cells are raw values; the column's kind says how both write them: `percent` 0-100 with one
 * decimal, `needed` the households still needed for the target (0: reached; null: nobody to count on).
 */
export const DashView = z.enum(["villages", "criteria", "pillars", "silent", "completeness", "trend"]);
export type DashView = z.infer<typeof DashView>;
export const DashColumn = z.object({
  key: z.string(),
  header: z.string(),
  kind: z.enum(["text", "int", "percent", "needed", "state"]),
  sortable: z.boolean(),
  /** Drawn under another column's value on screen (the same cell); its own column in Excel. */
  under: z.string().optional(),
});
export type DashColumn = z.infer<typeof DashColumn>;
export const DashCell = z.union([z.string(), z.number(), z.null()]);
export type DashCell = z.infer<typeof DashCell>;
export const DashTarget = z.object({
  percent: z.number(),
  base: z.number().int(),
  required: z.number().int(),
  needed: z.number().int(),
  reached: z.boolean(),
  /** "Cần thêm 37 hộ để đạt 80%", "Đã đạt mục tiêu 80%", "Chưa có hộ nào để tính mục tiêu". */
  words: z.string(),
});
export type DashTarget = z.infer<typeof DashTarget>;
export const DashTable = z
  .object({
    view: DashView,
    /** The table's heading (also the Excel sheet's first line). */
    title: z.string(),
    /** What the figures mean and when they were taken, in words. */
    note: z.string(),
    asOf: IsoTime,
    /** Whose figures: the commune, or one village (criteria, pillars, trend). */
    scope: z.object({ villageId: z.string().nullable(), name: z.string() }),
    /** This week's standing against the target (villages, criteria, pillars, trend). */
    target: DashTarget.nullable(),
    columns: z.array(DashColumn),
    rows: z.array(z.object({ id: z.string(), cells: z.array(DashCell) })),
    /** The commune's (or all weeks') line, last. */
    total: z.array(DashCell).nullable(),
    sort: z.object({ key: z.string(), desc: z.boolean() }),
  })
  .meta({ id: "DashTable" });
export type DashTable = z.infer<typeof DashTable>;
export const DashParams = z.object({ view: DashView });
export const DashQuery = z.object({
  /** One village (criteria, pillars, trend); the commune when absent. */
  village: VillageId.optional(),
  /** silent: weeks without an answer (2, 4, 8…); completeness: weeks shown; trend: frozen weeks shown. */
  weeks: z.coerce.number().int().min(1, "Ít nhất 1 tuần.").max(52, "Nhiều nhất 52 tuần.").optional(),
  /** A column's key; the table's own order when absent. */
  sort: z.string().regex(/^[a-zA-Z0-9_:-]{1,60}$/, "Cột sắp xếp không hợp lệ.").optional(),
  desc: z.enum(["0", "1", "true", "false"], { error: "desc là 0 hoặc 1." }).transform((v) => v === "1" || v === "true").optional(),
});
export type DashQuery = z.infer<typeof DashQuery>;

/** A percentage as people write it: "80%", "80,5%". */
export const percentWords = (p: number) => `${String(Math.round(p * 10) / 10).replace(".", ",")}%`;

/** The target in words: "Cần thêm 37 hộ để đạt 80%", "Đã đạt mục tiêu 80%", or nobody to count on yet. */
export function targetWords(t: { percent: number; base: number; needed: number }): string {
  if (t.base === 0) return `Chưa có hộ nào để tính mục tiêu ${percentWords(t.percent)}`;
  if (t.needed <= 0) return `Đã đạt mục tiêu ${percentWords(t.percent)}`;
  return `Cần thêm ${t.needed} hộ để đạt ${percentWords(t.percent)}`;
}

/**
 * A dashboard's rows in the order a column asks for: the same function on the screen (sorting as the
 * officer clicks) and in the export (the file in the order shown). Text in Vietnamese order, numbers
 * with empty cells last in either direction; equal values keep the table's own order.
 */
export function sortDashRows<R extends { cells: readonly DashCell[] }>(table: { columns: readonly { key: string }[] }, rows: readonly R[], key: string, desc: boolean): R[] {
  const i = table.columns.findIndex((c) => c.key === key);
  if (i < 0) return rows.slice();
  return rows
    .map((r, at) => ({ r, at }))
    .sort((a, b) => {
      const x = a.r.cells[i] ?? null;
      const y = b.r.cells[i] ?? null;
      if (x === null || y === null) return x === y ? a.at - b.at : x === null ? 1 : -1;
      const c = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "vi");
      return (desc ? -c : c) || a.at - b.at;
    })
    .map((x) => x.r);
}
