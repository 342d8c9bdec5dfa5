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
