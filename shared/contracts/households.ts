import { z } from "zod";
import { AnswerValue, CriterionId, HouseholdFlags, IdempotencyKey, IsoTime, Pillar, VillageId } from "./common";

/**
 * Text people type, made canonical before it is checked and stored: NFKC (full-width "０９１２" becomes
 * "0912", composed Vietnamese letters), every run of whitespace one space, trimmed.
 */
export function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** Separators people put inside a number: spaces, dots, dashes, slashes, brackets, commas, plus (no lookbehind: old webviews). */
const NUMBER_SEPARATORS = /(\p{Nd})[\s.\-_/\\()[\]+,·•:;'"~*#]+(?=\p{Nd})/gu;

/**
 * Whether a text carries a citizen ID (9 or 12 digits), an old ID card (9) or a phone number (10,
 * or 11 with 84): any run of 9 digits or more once separators between digits are removed, in any
 * script (full-width and other decimal digits count).
 */
export function containsPersonalNumber(s: string): boolean {
  return /\p{Nd}{9,}/u.test(s.normalize("NFKC").replace(NUMBER_SEPARATORS, "$1"));
}

/**
 * A household is named the way neighbours name it ("Hộ ông Nguyễn Văn A, xóm 2"), never by a
 * citizen ID (9 or 12 digits) or a phone number.
 */
export const HouseholdLabel = z
  .string()
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .min(3, "Tên hộ quá ngắn. Hãy ghi như “Hộ ông Nguyễn Văn A, xóm 2”.")
      .max(120, "Tên hộ dài quá 120 ký tự.")
      .refine((s) => !containsPersonalNumber(s), {
        message: "Tên hộ không được chứa số căn cước, chứng minh nhân dân hay số điện thoại. Hãy ghi như “Hộ ông Nguyễn Văn A, xóm 2”.",
      }),
  );

/** How the family calls a member ("Chị Hoa"): shown to the household only, no ID or phone numbers. */
const MemberName = z
  .string()
  .transform(normalizeText)
  .pipe(
    z
      .string()
      .min(1, "Tên gọi không được để trống.")
      .max(80, "Tên gọi dài quá 80 ký tự.")
      .refine((s) => !containsPersonalNumber(s), { message: "Tên gọi không được chứa số căn cước hay số điện thoại. Hãy ghi như “Chị Hoa”." }),
  );

export const CatalogueCriterion = z.object({
  id: CriterionId,
  order: z.number().int(),
  pillar: Pillar,
  label: z.string(),
  help: z.string(),
  guideId: z.string().optional(),
  relevance: z.object({
    flags: z.array(z.enum(["business", "producer"])).optional(),
    mayDecline: z.boolean(),
    declineHint: z.string().optional(),
  }),
});

export const CatalogueView = z
  .object({
    id: z.string(),
    version: z.string(),
    /** Changes whenever the commune's set changes meaning: snapshots carry it. */
    key: z.string(),
    title: z.string(),
    source: z.string(),
    pillars: z.array(z.object({ id: Pillar, label: z.string() })),
    flags: z.array(z.object({ id: z.enum(["business", "producer"]), label: z.string() })),
    criteria: z.array(CatalogueCriterion),
    targetPercent: z.number(),
  })
  .meta({ id: "Catalogue" });
export type CatalogueView = z.infer<typeof CatalogueView>;

export const VillageSummary = z.object({ id: VillageId, name: z.string(), kind: z.string(), officialHouseholds: z.number().int().nullable() });
export const VillageList = z.object({ items: z.array(VillageSummary) }).meta({ id: "VillageList" });

export const RegisterHouseholdRequest = z
  .object({
    villageId: VillageId,
    label: HouseholdLabel,
    flags: HouseholdFlags.partial().default({}),
    /**
     * Default: true for a resident (they register their own household and become its first member),
     * false for a village head or officer registering a household door to door.
     */
    joinAsMember: z.boolean().optional(),
    /** How the family calls this member ("Chị Hoa"); shown to the household only. */
    memberName: MemberName.optional(),
  })
  .meta({ id: "RegisterHouseholdRequest" });
export type RegisterHouseholdRequest = z.infer<typeof RegisterHouseholdRequest>;

export const UpdateHouseholdRequest = z
  .object({
    label: HouseholdLabel.optional(),
    flags: HouseholdFlags.partial().optional(),
    /** Officers only: the household moved to another village. */
    villageId: VillageId.optional(),
    /** Village head or officer: archived households (moved away, merged) leave every count. */
    status: z.enum(["active", "archived"]).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Không có gì để sửa." })
  .meta({ id: "UpdateHouseholdRequest" });
export type UpdateHouseholdRequest = z.infer<typeof UpdateHouseholdRequest>;

export const CriterionState = z.object({
  id: CriterionId,
  label: z.string(),
  pillar: Pillar,
  /** na = không áp dụng (out of the counts); unanswered counts as not met. */
  status: z.enum(["na", "met", "unmet", "unanswered"]),
  appliesByFlags: z.boolean(),
  mayDecline: z.boolean(),
  answer: z
    .object({
      value: AnswerValue,
      note: z.string().nullable(),
      updatedAt: IsoTime,
      verified: z.boolean(),
      verifiedAt: IsoTime.nullable(),
    })
    .nullable(),
});

export const Progress = z.object({
  applicable: z.number().int(),
  met: z.number().int(),
  answered: z.number().int(),
  /** Answered everything that applies. */
  assessed: z.boolean(),
  /** Meets everything that applies: "đạt Gia đình số". */
  fullyMet: z.boolean(),
});

export const HouseholdView = z
  .object({
    id: z.number().int(),
    villageId: VillageId,
    villageName: z.string(),
    label: z.string(),
    flags: HouseholdFlags,
    status: z.enum(["active", "archived"]),
    createdAt: IsoTime,
    updatedAt: IsoTime,
    progress: Progress.extend({ pillars: z.array(Progress.extend({ pillar: Pillar, label: z.string() })) }),
    criteria: z.array(CriterionState),
    members: z.array(z.object({ name: z.string().nullable(), joinedAt: IsoTime, you: z.boolean(), chatLinked: z.boolean() })),
  })
  .meta({ id: "Household" });
export type HouseholdView = z.infer<typeof HouseholdView>;

export const InviteResponse = z
  .object({ code: z.string(), expiresAt: IsoTime, maxUses: z.number().int(), instructions: z.string() })
  .meta({ id: "InviteResponse" });
export type InviteResponse = z.infer<typeof InviteResponse>;

export const JoinHouseholdRequest = z
  .object({
    code: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase().replace(/[\s-]/g, ""))
      .pipe(z.string().regex(/^[A-Z0-9]{6,12}$/, "Mã mời gồm 8 chữ và số, ví dụ K7Q2M9XA.")),
    memberName: MemberName.optional(),
  })
  .meta({ id: "JoinHouseholdRequest" });

export const AnswerChange = z.object({
  criterionId: CriterionId,
  value: AnswerValue,
  /** Free text about the answer: no ID or phone numbers (they would reach the village head and exports). */
  note: z
    .string()
    .transform(normalizeText)
    .pipe(
      z
        .string()
        .max(500, "Ghi chú dài quá 500 ký tự.")
        .refine((s) => !containsPersonalNumber(s), {
          message: "Ghi chú không được chứa số điện thoại, số căn cước hay chứng minh nhân dân. Hãy ghi ngắn gọn, ví dụ “đã cài, chưa kích hoạt”.",
        }),
    )
    .optional(),
  idempotencyKey: IdempotencyKey,
});
export type AnswerChange = z.infer<typeof AnswerChange>;

export const AnswersRequest = z
  .object({ changes: z.array(AnswerChange).min(1, "Chưa có câu trả lời nào.").max(100, "Mỗi lần gửi tối đa 100 câu trả lời.") })
  .meta({ id: "AnswersRequest" });

export const ChangeOutcome = z.enum(["changed", "unchanged", "replayed"]).meta({
  description: "changed: saved; unchanged: same as before (nothing saved); replayed: this idempotency key was already used (nothing saved)",
});
export type ChangeOutcome = z.infer<typeof ChangeOutcome>;

export const AnswersResponse = z
  .object({
    results: z.array(z.object({ criterionId: CriterionId, idempotencyKey: z.string(), outcome: ChangeOutcome })),
    household: HouseholdView,
  })
  .meta({ id: "AnswersResponse" });
export type AnswersResponse = z.infer<typeof AnswersResponse>;

export const VerifyRequest = z
  .object({ criterionId: CriterionId, verified: z.boolean(), idempotencyKey: IdempotencyKey })
  .meta({ id: "VerifyRequest" });
export type VerifyRequest = z.infer<typeof VerifyRequest>;

export const HistoryQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const HistoryItem = z.object({
  id: z.number().int(),
  criterionId: z.string(),
  kind: z.enum(["answer", "verify", "unverify"]),
  from: z.string().nullable(),
  to: z.string().nullable(),
  note: z.string().nullable(),
  by: z.object({ role: z.enum(["household", "village_head", "officer"]), you: z.boolean() }),
  at: IsoTime,
});
export const HistoryResponse = z
  .object({ items: z.array(HistoryItem), nextBefore: z.number().int().nullable() })
  .meta({ id: "HistoryResponse" });
export type HistoryResponse = z.infer<typeof HistoryResponse>;

export const VillageHouseholdsQuery = z.object({
  /** Only households for which this criterion applies and is not met yet. */
  missing: CriterionId.optional(),
  /** Only households not meeting everything yet. */
  incomplete: z.enum(["true", "false"]).optional(),
  /** Only households left without members (true), or only the others (false). */
  left: z.enum(["true", "false"]).optional(),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const VillageHouseholdItem = z.object({
  id: z.number().int(),
  label: z.string(),
  flags: HouseholdFlags,
  applicable: z.number().int(),
  met: z.number().int(),
  answered: z.number().int(),
  assessed: z.boolean(),
  fullyMet: z.boolean(),
  /** Criteria that apply and are answered "chưa đạt". */
  unmet: z.array(z.string()),
  /** Criteria that apply and have no answer yet. */
  unanswered: z.array(z.string()),
  /** Mini-app accounts in the household now. */
  members: z.number().int(),
  /**
   * Everyone left: the household had members and has none now. Its answers still count; the village
   * head checks it (archive it if the family moved away, or invite them back).
   */
  left: z.boolean(),
});
export const VillageHouseholdsResponse = z
  .object({ items: z.array(VillageHouseholdItem), nextAfter: z.number().int().nullable() })
  .meta({ id: "VillageHouseholds" });
export type VillageHouseholdsResponse = z.infer<typeof VillageHouseholdsResponse>;
