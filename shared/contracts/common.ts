/**
 * Contracts between the bot's REST API and the mini app: zod schemas (pure, no Node APIs). The bot
 * parses every request with them; the OpenAPI document at /docs is generated from them.
 * Times are ISO 8601 strings; percentages are 0-100 with one decimal, null when the base is 0.
 */
import { z } from "zod";
import { ANSWER_VALUES, HOUSEHOLD_FLAGS, PILLARS } from "../criteria/schema";

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        "bad_request",
        "unauthenticated",
        "forbidden",
        "not_found",
        "conflict",
        "unprocessable",
        "rate_limited",
        "upstream_unavailable",
        "misconfigured",
        "internal",
      ]),
      /** Vietnamese, for the person. */
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" });
export type ErrorBody = z.infer<typeof ErrorBody>;

export const VillageId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "Mã thôn không hợp lệ.").max(80);
export const CriterionId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Mã tiêu chí không hợp lệ.").max(60);
export const HouseholdIdParam = z.object({ householdId: z.coerce.number().int().positive("Mã hộ không hợp lệ.") });
export const VillageIdParam = z.object({ villageId: VillageId });
export const IsoTime = z.string().meta({ description: "ISO 8601 time", example: "2026-07-17T09:00:00.000Z" });
/** "2026-W29": ISO week (Monday to Sunday) in the commune's timezone. */
export const WeekKey = z.string().regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, "Tuần phải có dạng 2026-W29.");
export const WeekParam = z.object({ week: WeekKey });
/** Percent 0-100 with one decimal; null when nothing to divide by. */
export const Percent = z.number().min(0).max(100).nullable();

export const Pillar = z.enum(PILLARS);
export const AnswerValue = z.enum(ANSWER_VALUES).meta({ description: "dat = đạt, chua_dat = chưa đạt, khong_ap_dung = không áp dụng" });
export const HouseholdFlag = z.enum(HOUSEHOLD_FLAGS);
export const HouseholdFlags = z.object({ business: z.boolean(), producer: z.boolean() });
/**
 * A client-chosen key per change (e.g. a UUID): a request repeated with the same key changes nothing
 * the second time.
 */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{8,100}$/, "Mã chống gửi trùng (idempotencyKey) phải dài 8-100 ký tự: chữ, số, . _ : -");

/** One decimal, or null when the base is 0. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 1000) / 10;
}
