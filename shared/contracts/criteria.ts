import { z } from "zod";
import { CatalogueCriterion } from "./households";
import { IsoTime } from "./common";
import { stripInvisible } from "../text/normalize";

/**
 * The commune's set of "Gia đình số" criteria, chosen by the admin officer in the console (issue 15):
 * the catalogue's default criteria it leaves out, optional ones it adds, the province's wording for
 * some, and the commune's own. Adopting a new set recounts every household's progress in the
 * background; the weekly snapshots keep the set they were frozen with, so trends stay comparable.
 */

const CriterionKey = z
  .string({ error: "Thiếu mã tiêu chí." })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Mã tiêu chí chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ “hoc-ky-nang-so”.")
  .max(60, "Mã tiêu chí dài quá (tối đa 60 ký tự).");
/** Invisible characters (zero-width, bidi overrides that turn words around) are dropped first: residents read these words. */
const visible = (inner: z.ZodString) => z.string().transform((t) => stripInvisible(t).trim()).pipe(inner);
const Label = visible(z.string().min(5, "Tên tiêu chí cần ít nhất 5 ký tự.").max(200, "Tên tiêu chí dài quá (tối đa 200 ký tự)."));
const Help = visible(z.string().min(5, "Phần giải thích cần ít nhất 5 ký tự.").max(400, "Phần giải thích dài quá (tối đa 400 ký tự)."));
const Pillar = z.enum(["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"], { error: "Chọn một trong ba nhóm: Chính quyền số, Kinh tế số, Xã hội số." });

/** A criterion the commune adds itself. */
export const CommuneCriterionInput = z
  .object({
    id: CriterionKey,
    pillar: Pillar,
    label: Label,
    help: Help,
    guideId: CriterionKey.optional(),
    relevance: z
      .object({
        /** Only households with one of these (absent: every household). */
        flags: z.array(z.enum(["business", "producer"])).min(1).optional(),
        mayDecline: z.boolean().default(false),
        declineHint: visible(z.string().min(3, "Ghi rõ khi nào hộ được chọn “Không áp dụng” (ít nhất 3 ký tự).").max(200, "Lý do dài quá (tối đa 200 ký tự).")).optional(),
      })
      .default({ mayDecline: false })
      .refine((r) => !r.mayDecline || r.declineHint !== undefined, { message: "Ghi rõ khi nào hộ được chọn “Không áp dụng”.", path: ["declineHint"] }),
  })
  .meta({ id: "CommuneCriterionInput" });
export type CommuneCriterionInput = z.infer<typeof CommuneCriterionInput>;

/** The choice as the console edits it (the catalogue family stays the one in use). */
export const CriteriaChoiceInput = z
  .object({
    exclude: z.array(CriterionKey).max(100).default([]),
    include: z.array(CriterionKey).max(100).default([]),
    relabel: z
      .record(CriterionKey, z.object({ label: Label.optional(), help: Help.optional() }).refine((r) => r.label !== undefined || r.help !== undefined, "Cần tên mới hoặc phần giải thích mới."))
      .default({}),
    extra: z.array(CommuneCriterionInput).max(50, "Tối đa 50 tiêu chí riêng của xã.").default([]),
  })
  .meta({ id: "CriteriaChoiceInput" });
export type CriteriaChoiceInput = z.infer<typeof CriteriaChoiceInput>;

/** One criterion of the catalogue's library (its default set and its optional ones), labels filled. */
export const LibraryCriterion = CatalogueCriterion.extend({ origin: z.enum(["catalogue", "optional"]) });

export const CriteriaRecount = z.object({
  /** running: households are being recounted for `key`; the figures switch when it ends. */
  state: z.enum(["idle", "running", "failed"]),
  key: z.string().optional(),
  since: IsoTime.optional(),
  /** Why the last recount failed (Vietnamese); the set in use stayed the old one. */
  message: z.string().optional(),
});

export const CriteriaAdminView = z
  .object({
    /** The commune document's version: send it back as `baseVersion` to save. */
    version: z.number().int(),
    choice: CriteriaChoiceInput,
    catalogue: z.object({ id: z.string(), version: z.string(), title: z.string(), source: z.string() }),
    library: z.array(LibraryCriterion),
    /** The set the figures, the mini app and the reports use now. */
    active: z.object({ key: z.string(), criteria: z.array(CatalogueCriterion) }),
    recount: CriteriaRecount,
    /** Every set the commune has used, newest first (weekly snapshots name theirs). */
    history: z.array(z.object({ key: z.string(), firstActiveAt: IsoTime, criteria: z.number().int() })),
  })
  .meta({ id: "CriteriaAdminView" });
export type CriteriaAdminView = z.infer<typeof CriteriaAdminView>;

export const CriteriaPreviewRequest = z.object({ choice: CriteriaChoiceInput }).meta({ id: "CriteriaPreviewRequest" });
export type CriteriaPreviewRequest = z.infer<typeof CriteriaPreviewRequest>;

export const CriteriaChange = z.object({
  kind: z.enum(["added", "removed", "relabelled", "changed"]),
  id: z.string(),
  label: z.string(),
  before: z.string().optional(),
  after: z.string().optional(),
});

export const CriteriaPreview = z
  .object({
    key: z.string(),
    /** Nothing that counts changes (wording of the explanation only, or the same set). */
    sameCounts: z.boolean(),
    criteria: z.array(CatalogueCriterion),
    changes: z.array(CriteriaChange),
    /** In plain Vietnamese, one line per change. */
    summary: z.array(z.string()),
    /** Households whose progress is recounted when adopted. */
    households: z.number().int(),
  })
  .meta({ id: "CriteriaPreview" });
export type CriteriaPreview = z.infer<typeof CriteriaPreview>;

export const CriteriaAdoptRequest = z
  .object({ baseVersion: z.number({ error: "Thiếu số phiên bản đang sửa." }).int().positive(), choice: CriteriaChoiceInput })
  .meta({ id: "CriteriaAdoptRequest" });
export type CriteriaAdoptRequest = z.infer<typeof CriteriaAdoptRequest>;

export const CriteriaAdoptResponse = z
  .object({ version: z.number().int(), key: z.string(), summary: z.array(z.string()), recount: CriteriaRecount })
  .meta({ id: "CriteriaAdoptResponse" });
export type CriteriaAdoptResponse = z.infer<typeof CriteriaAdoptResponse>;
