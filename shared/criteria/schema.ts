/**
 * The "Gia đình số" criteria as typed data. Shared by the bot and the mini app: pure TypeScript and
 * zod, no Node-only APIs.
 *
 * A criterion belongs to one of the three national pillars (chính quyền số, kinh tế số, xã hội số,
 * the pillars of the DTI index and of seed 001 section 2). Its relevance rule says which households
 * it applies to (some only to business or producing households) and whether a household may answer
 * "không áp dụng" where it does apply.
 */
import { z } from "zod";
import { stripInvisible } from "../text/normalize";

export const PILLARS = ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"] as const;
export type Pillar = (typeof PILLARS)[number];

export const PILLAR_LABELS: Record<Pillar, string> = {
  "chinh-quyen-so": "Chính quyền số",
  "kinh-te-so": "Kinh tế số",
  "xa-hoi-so": "Xã hội số",
};

/** What a household declares about itself; drives which criteria apply. */
export const HOUSEHOLD_FLAGS = ["business", "producer"] as const;
export type HouseholdFlag = (typeof HOUSEHOLD_FLAGS)[number];

export const HOUSEHOLD_FLAG_LABELS: Record<HouseholdFlag, string> = {
  business: "Hộ kinh doanh, doanh nghiệp, nhà trọ, khách sạn",
  producer: "Hộ hoặc cơ sở sản xuất có sản phẩm để bán",
};

/** A household's answer to one criterion. */
export const ANSWER_VALUES = ["dat", "chua_dat", "khong_ap_dung"] as const;
export type AnswerValue = (typeof ANSWER_VALUES)[number];

export const ANSWER_LABELS: Record<AnswerValue, string> = {
  dat: "Đạt",
  chua_dat: "Chưa đạt",
  khong_ap_dung: "Không áp dụng",
};

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Words residents read: invisible characters (zero-width, bidi overrides that turn words around) are dropped first. */
const visible = (min: number, max: number) =>
  z
    .string()
    .transform((t) => stripInvisible(t))
    .pipe(z.string().min(min).max(max));

export const RelevanceSchema = z.strictObject({
  /** Applies only to households with at least one of these flags; absent = every household. */
  flags: z.array(z.enum(HOUSEHOLD_FLAGS)).min(1).optional(),
  /** Where it applies, the household may still answer "không áp dụng" (with this reason shown). */
  mayDecline: z.boolean().default(false),
  /** Shown next to "không áp dụng": when a household may choose it. */
  declineHint: visible(3, 200).optional(),
});
export type Relevance = z.infer<typeof RelevanceSchema>;

export const CriterionSchema = z
  .strictObject({
    id: z.string().regex(KEBAB, "id must be kebab-case (a-z, 0-9, single hyphens)").max(60),
    pillar: z.enum(PILLARS),
    /** Vietnamese, may hold {{placeholders}} filled from the commune config (e.g. {{provinceApp.name}}). */
    label: visible(5, 200),
    /** One or two short sentences: what counts as "đạt". */
    help: visible(5, 400),
    /** The bot guide that helps with this criterion (shared/guides id). */
    guideId: z.string().regex(KEBAB).optional(),
    relevance: RelevanceSchema.default({ mayDecline: false }),
  })
  .superRefine((c, ctx) => {
    if (c.relevance.mayDecline && c.relevance.declineHint === undefined) {
      ctx.addIssue({ code: "custom", path: ["relevance", "declineHint"], message: "a criterion a household may decline needs a declineHint" });
    }
  });
export type Criterion = z.infer<typeof CriterionSchema>;
export type CriterionInput = z.input<typeof CriterionSchema>;

export const CatalogueSchema = z
  .strictObject({
    /** Stable name of the catalogue family, e.g. "gia-dinh-so". */
    id: z.string().regex(KEBAB),
    /** Bumped whenever a criterion is added, removed or changes meaning. */
    version: z.string().regex(/^\d{4}\.\d{1,2}(\.\d+)?$/, "a version such as 2025.10 or 2025.10.1"),
    title: z.string().min(3),
    /** Where the list comes from (the commune's or province's plan). */
    source: z.string().min(3),
    /** The catalogue's default set. */
    criteria: z.array(CriterionSchema).min(1),
    /** Defined but not in the default set: a commune adds them with `criteria.include`. */
    optional: z.array(CriterionSchema).default([]),
  })
  .superRefine((cat, ctx) => {
    const seen = new Set<string>();
    [...cat.criteria, ...cat.optional].forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: "custom", path: ["criteria", i, "id"], message: `duplicate criterion id "${c.id}"` });
      seen.add(c.id);
    });
  });
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type CatalogueInput = z.input<typeof CatalogueSchema>;

/** How a commune picks or extends its catalogue (the `criteria` field of the commune config). */
export const CatalogueChoiceSchema = z.strictObject({
  /** Which catalogue family (only "gia-dinh-so" ships today). */
  catalogue: z.string().regex(KEBAB).default("gia-dinh-so"),
  /** Default criteria the commune does not use. */
  exclude: z.array(z.string().regex(KEBAB)).default([]),
  /** Optional criteria of the catalogue the commune adds. */
  include: z.array(z.string().regex(KEBAB)).default([]),
  /** The commune's own criteria. */
  extra: z.array(CriterionSchema).default([]),
  /**
   * The province's wording for criteria it keeps (label and/or help, placeholders allowed). Optional,
   * not defaulted: a commune file without it stays the same document.
   */
  relabel: z
    .record(
      z.string().regex(KEBAB),
      z.strictObject({ label: visible(5, 200).optional(), help: visible(5, 400).optional() }).refine((r) => r.label !== undefined || r.help !== undefined, "relabel needs a label or a help"),
    )
    .optional(),
});
export type CatalogueChoice = z.infer<typeof CatalogueChoiceSchema>;
export type CatalogueChoiceInput = z.input<typeof CatalogueChoiceSchema>;
