/**
 * A resident's personal data (Decree 13/2023/NĐ-CP): download what the commune holds about them,
 * and erase it (also done when they withdraw consent on Zalo, or by an officer on a written request).
 */
import { z } from "zod";
import { IsoTime } from "./common";

const nullableTime = IsoTime.nullable();

export const MyDataExport = z
  .object({
    generatedAt: IsoTime,
    commune: z.string(),
    you: z.object({
      appUserId: z.string(),
      /** The Zalo OA chat ids linked to you (the same person in the OA's chat). */
      oaUserIds: z.array(z.string()),
      /** Your name in your household. */
      name: z.string().nullable(),
      roles: z.array(z.object({ role: z.string(), villageId: z.string().nullable(), grantedAt: IsoTime })),
    }),
    household: z
      .object({
        id: z.number().int(),
        label: z.string(),
        village: z.string(),
        status: z.string(),
        createdAt: IsoTime,
        joinedVia: z.string(),
        joinedAt: IsoTime,
        /** How many other people belong to it (their names are theirs, not shown). */
        otherMembers: z.number().int(),
        answers: z.array(
          z.object({
            criterionId: z.string(),
            criterion: z.string(),
            value: z.string(),
            note: z.string().nullable(),
            updatedAt: IsoTime,
            byYou: z.boolean(),
            verifiedAt: nullableTime,
          }),
        ),
        /** The groups the household said it belongs to, and what the village head decided. */
        segments: z.array(
          z.object({
            segment: z.string(),
            declared: z.boolean(),
            declaredAt: nullableTime,
            decision: z.enum(["confirmed", "rejected"]).nullable(),
            decidedAt: nullableTime,
          }),
        ),
        history: z.array(
          z.object({
            criterionId: z.string(),
            kind: z.string(),
            from: z.string().nullable(),
            to: z.string().nullable(),
            note: z.string().nullable(),
            byRole: z.string(),
            byYou: z.boolean(),
            at: IsoTime,
          }),
        ),
      })
      .nullable(),
    chatLink: z.object({
      linked: z.boolean(),
      codes: z.array(z.object({ createdAt: IsoTime, expiresAt: IsoTime, usedAt: nullableTime })),
    }),
    chat: z.object({
      zalo: z.array(z.object({ follower: z.boolean(), lastInteractionAt: nullableTime, firstSeenAt: IsoTime, villageTag: z.string().nullable() })),
      conversation: z.array(z.object({ mode: z.string(), guideId: z.string().nullable(), step: z.number().int().nullable(), villageId: z.string().nullable(), updatedAt: IsoTime })),
      guidesRead: z.array(
        z.object({ guideId: z.string(), furthestStep: z.number().int(), steps: z.number().int(), startedAt: IsoTime, finishedAt: nullableTime, leftReason: z.string().nullable() }),
      ),
      questions: z.array(z.object({ text: z.string(), at: IsoTime, mappedGuideId: z.string().nullable() })),
      handoffs: z.array(z.object({ reason: z.string(), question: z.string().nullable(), contact: z.string(), contactPhone: z.string().nullable(), at: IsoTime, answeredAt: nullableTime })),
      ratings: z.array(z.object({ subject: z.string(), score: z.number().int(), at: IsoTime })),
      optedOutAt: nullableTime,
      messagesYouSent: z.array(z.object({ event: z.string(), text: z.string().nullable(), at: IsoTime })),
      messagesToYou: z.array(z.object({ text: z.string().nullable(), status: z.string(), at: IsoTime })),
    }),
    /** Chat texts and raw messages are deleted after this many days. */
    retentionDays: z.number().int(),
  })
  .meta({ id: "MyDataExport" });
export type MyDataExport = z.infer<typeof MyDataExport>;

export const ErasurePreview = z
  .object({
    /** Send back to POST /api/me/data/erase within `expiresAt`. */
    confirmationToken: z.string(),
    expiresAt: IsoTime,
    household: z.object({ label: z.string(), deleted: z.boolean(), otherMembers: z.number().int() }).nullable(),
    chatLinked: z.boolean(),
    /** What will happen, in plain Vietnamese, to show before the person confirms. */
    explanation: z.array(z.string()),
  })
  .meta({ id: "ErasurePreview" });
export type ErasurePreview = z.infer<typeof ErasurePreview>;

export const ErasureConfirmRequest = z
  .object({ confirmationToken: z.string().min(10, "Thiếu mã xác nhận.").max(100) })
  .meta({ id: "ErasureConfirmRequest" });
export type ErasureConfirmRequest = z.infer<typeof ErasureConfirmRequest>;

export const ErasureResult = z
  .object({
    /** A random id; the audit log keeps it with the counts, never the person's ids. */
    erasureId: z.string(),
    at: IsoTime,
    /** Rows deleted or anonymised, per table. */
    counts: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "ErasureResult" });
export type ErasureResult = z.infer<typeof ErasureResult>;

/** Officers acting on a written request: the person by their mini app id or their OA chat id. */
export const OfficerErasureRequest = z
  .object({
    appUserId: z.string().regex(/^\d{1,25}$/, "Mã người dùng (appUserId) chỉ gồm chữ số.").optional(),
    oaUserId: z.string().regex(/^\d{1,25}$/, "Mã người dùng trên trang Zalo của xã (oaUserId) chỉ gồm chữ số.").optional(),
    /** The written request's number (e.g. "Đơn số 12/2026"); no names. */
    reference: z.string().trim().min(1, "Ghi số hiệu của đơn yêu cầu.").max(80),
  })
  .refine((b) => b.appUserId !== undefined || b.oaUserId !== undefined, { message: "Cần mã người dùng (appUserId) hoặc mã người dùng trên trang Zalo của xã (oaUserId)." })
  .meta({ id: "OfficerErasureRequest" });
export type OfficerErasureRequest = z.infer<typeof OfficerErasureRequest>;
