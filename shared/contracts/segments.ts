/**
 * Household segments and their targets (issue 15): groups of households a commune's campaign plan sets
 * its own target for ("Gia đình có đảng viên" 95%...). A household declares which it belongs to, the
 * village head confirms; progress per segment counts member households "đạt Gia đình số".
 */
import { z } from "zod";
import { IsoTime, Percent, VillageId } from "./common";
import { normalizeText } from "./households";
import { TargetBasis } from "./reports";

export const SegmentId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Mã nhóm chỉ gồm chữ thường không dấu, số và dấu gạch ngang, như “dang-vien”.")
  .max(60, "Mã nhóm dài quá 60 ký tự.");

export const SegmentName = z
  .string()
  .transform(normalizeText)
  .pipe(z.string().min(2, "Tên nhóm quá ngắn.").max(80, "Tên nhóm dài quá 80 ký tự."));

export const SegmentTarget = z
  .number({ error: "Chỉ tiêu phải là một số phần trăm." })
  .int("Chỉ tiêu là số nguyên phần trăm, như 95.")
  .min(1, "Chỉ tiêu ít nhất 1%.")
  .max(100, "Chỉ tiêu nhiều nhất 100%.");

export const SegmentView = z
  .object({
    id: SegmentId,
    name: z.string(),
    targetPercent: z.number().int(),
    position: z.number().int(),
    status: z.enum(["active", "archived"]),
  })
  .meta({ id: "Segment" });
export type SegmentView = z.infer<typeof SegmentView>;

export const SegmentList = z.object({ items: z.array(SegmentView) }).meta({ id: "SegmentList" });
export type SegmentList = z.infer<typeof SegmentList>;

export const SegmentIdParam = z.object({ segmentId: SegmentId });

export const SegmentCreateRequest = z.strictObject({
  /** Made from the name when left out ("Gia đình có đảng viên" → "gia-dinh-co-dang-vien"). */
  id: SegmentId.optional(),
  name: SegmentName,
  targetPercent: SegmentTarget,
});
export type SegmentCreateRequest = z.infer<typeof SegmentCreateRequest>;

export const SegmentUpdateRequest = z
  .strictObject({
    name: SegmentName.optional(),
    targetPercent: SegmentTarget.optional(),
    position: z.number().int().min(0).max(1000).optional(),
    status: z.enum(["active", "archived"]).optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "Chưa có gì để sửa." });
export type SegmentUpdateRequest = z.infer<typeof SegmentUpdateRequest>;

/** One audited edit of a segment (audit_log): who, when, before and after. */
export const SegmentChange = z.object({
  at: IsoTime,
  segmentId: z.string(),
  /** The editor's mini-app id (or "commune-file" for the seed). */
  by: z.string(),
  /** Their name as the commune file knows them, if it does. */
  byName: z.string().nullable(),
  kind: z.enum(["create", "update", "seed"]),
  before: SegmentView.nullable(),
  after: SegmentView,
});
export const SegmentAdminView = z
  .object({ items: z.array(SegmentView), history: z.array(SegmentChange) })
  .meta({ id: "SegmentAdmin" });
export type SegmentAdminView = z.infer<typeof SegmentAdminView>;

export const SegmentDecision = z.enum(["confirmed", "rejected"]);

/** A household's segments: what it declared and what the village head decided, side by side. */
export const HouseholdSegments = z
  .object({
    householdId: z.number().int(),
    /** The caller may confirm (village head of the household's village, officer). */
    canDecide: z.boolean(),
    items: z.array(
      z.object({
        segmentId: SegmentId,
        name: z.string(),
        declared: z.boolean(),
        decision: SegmentDecision.nullable(),
        /** Counted in the segment: declared and not rejected, or confirmed. */
        member: z.boolean(),
      }),
    ),
  })
  .meta({ id: "HouseholdSegments" });
export type HouseholdSegments = z.infer<typeof HouseholdSegments>;

export const DeclareSegmentsRequest = z.strictObject({
  /** Every segment the household belongs to (the whole set; others are un-declared). */
  declared: z
    .array(SegmentId)
    .max(50)
    .refine((l) => new Set(l).size === l.length, { message: "Một nhóm chỉ chọn một lần." }),
});
export type DeclareSegmentsRequest = z.infer<typeof DeclareSegmentsRequest>;

export const SegmentDecisionRequest = z.strictObject({
  segmentId: SegmentId,
  /** null takes the decision back (waiting again for the head). */
  decision: SegmentDecision.nullable(),
});
export type SegmentDecisionRequest = z.infer<typeof SegmentDecisionRequest>;

/** A segment's figures over a set of member households (a village, or the commune). */
export const SegmentFigures = z.object({
  /** Active member households. */
  members: z.number().int(),
  /** Of them, declared by the household and not yet confirmed or rejected by the head. */
  awaiting: z.number().int(),
  fullyMet: z.number().int(),
  fullyMetPercent: Percent,
  fullyMetVerified: z.number().int(),
  fullyMetVerifiedPercent: Percent,
  /** The count the target uses (commune file `target.basis`). */
  counted: z.number().int(),
  countedPercent: Percent,
  targetPercent: z.number().int(),
  /** Households that must be "đạt" to reach the target. */
  required: z.number().int(),
  /** "cần thêm N hộ". */
  needed: z.number().int(),
  reached: z.boolean(),
});
export type SegmentFigures = z.infer<typeof SegmentFigures>;

export const SegmentProgress = z
  .object({
    asOf: IsoTime,
    basis: TargetBasis,
    catalogueKey: z.string(),
    villages: z.array(z.object({ id: VillageId, name: z.string() })),
    segments: z.array(
      z.object({
        segmentId: SegmentId,
        name: z.string(),
        targetPercent: z.number().int(),
        totals: SegmentFigures,
        villages: z.array(SegmentFigures.extend({ villageId: VillageId, villageName: z.string() })),
      }),
    ),
  })
  .meta({ id: "SegmentProgress" });
export type SegmentProgress = z.infer<typeof SegmentProgress>;

export const SegmentCheckRequest = z.strictObject({ fix: z.boolean().default(false) });
export const SegmentCheckResponse = z
  .object({
    /** Segment × village rows whose kept counts differ from a recount over the raw rows. */
    differences: z.number().int(),
    samples: z.array(z.object({ where: z.string(), kept: z.unknown(), recounted: z.unknown() })),
    fixed: z.boolean(),
  })
  .meta({ id: "SegmentCheck" });
export type SegmentCheckResponse = z.infer<typeof SegmentCheckResponse>;
