/**
 * The effective criteria catalogue of a commune: the shipped catalogue, minus what the commune
 * excludes, plus the optional criteria it includes and its own extra criteria, with labels filled
 * from the commune config. Plus the relevance rule and the status of one answer.
 */
import { GIA_DINH_SO_2025 } from "./gia-dinh-so";
import {
  ANSWER_LABELS,
  CatalogueChoiceSchema,
  CatalogueSchema,
  HOUSEHOLD_FLAG_LABELS,
  PILLAR_LABELS,
  PILLARS,
  type AnswerValue,
  type Catalogue,
  type CatalogueChoiceInput,
  type Criterion,
  type HouseholdFlag,
  type Pillar,
} from "./schema";

export * from "./schema";
export { GIA_DINH_SO_2025 } from "./gia-dinh-so";

/** Shipped catalogues by family id; the newest version of each. */
export const CATALOGUES: Readonly<Record<string, Catalogue>> = {
  "gia-dinh-so": CatalogueSchema.parse(GIA_DINH_SO_2025),
};

/** Commune values the labels may use as {{key}}. */
export interface CriteriaContext {
  commune: { name: string; kind: string };
  province: { name: string };
  provinceApp: { name: string };
  oa: { name: string };
  hotline: { province: string };
}

export const CRITERIA_PLACEHOLDERS = ["commune.name", "commune.kind", "province.name", "provinceApp.name", "oa.name", "hotline.province"] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

export class CatalogueError extends Error {
  override name = "CatalogueError";
  constructor(readonly problems: string[]) {
    super(`Invalid criteria catalogue:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}

function fill(text: string, ctx: CriteriaContext, where: string, problems: string[]): string {
  return text.replace(PLACEHOLDER, (_m, key: string) => {
    const [group, field] = key.split(".");
    const value = (ctx as unknown as Record<string, Record<string, unknown> | undefined>)[group ?? ""]?.[field ?? ""];
    if (!(CRITERIA_PLACEHOLDERS as readonly string[]).includes(key) || typeof value !== "string" || value.trim() === "") {
      problems.push(`${where}: unknown or empty placeholder {{${key}}} (known: ${CRITERIA_PLACEHOLDERS.join(", ")})`);
      return "";
    }
    return value;
  });
}

export interface EffectiveCriterion extends Criterion {
  /** 1-based position in the commune's list (the order screens and sheets show). */
  order: number;
  /** Where it comes from: the catalogue's default set, its optional list, or the commune. */
  origin: "catalogue" | "optional" | "commune";
}

export interface EffectiveCatalogue {
  id: string;
  version: string;
  /**
   * The catalogue family, version and a hash of what gives the numbers their meaning (ids, pillars,
   * relevance, label wording): any change in the commune's set yields a new key, bumped or not.
   */
  key: string;
  title: string;
  source: string;
  criteria: readonly EffectiveCriterion[];
  byId: ReadonlyMap<string, EffectiveCriterion>;
  byPillar: Readonly<Record<Pillar, readonly EffectiveCriterion[]>>;
}

/** FNV-1a, 32 bits, hex: a short stable fingerprint (no crypto needed, nothing secret). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

export function resolveCatalogue(choiceInput: CatalogueChoiceInput | undefined, ctx: CriteriaContext): EffectiveCatalogue {
  const problems: string[] = [];
  const choice = CatalogueChoiceSchema.parse(choiceInput ?? {});
  const base = CATALOGUES[choice.catalogue];
  if (!base) throw new CatalogueError([`criteria.catalogue: unknown catalogue "${choice.catalogue}" (known: ${Object.keys(CATALOGUES).join(", ")})`]);
  const defaults = new Map(base.criteria.map((c) => [c.id, c]));
  const optional = new Map(base.optional.map((c) => [c.id, c]));
  choice.exclude.forEach((id, i) => {
    if (!defaults.has(id)) problems.push(`criteria.exclude.${i}: "${id}" is not a default criterion of ${base.id}`);
  });
  choice.include.forEach((id, i) => {
    if (!optional.has(id)) problems.push(`criteria.include.${i}: "${id}" is not an optional criterion of ${base.id}`);
  });
  const picked: { c: Criterion; origin: EffectiveCriterion["origin"] }[] = [
    ...base.criteria.filter((c) => !choice.exclude.includes(c.id)).map((c) => ({ c, origin: "catalogue" as const })),
    ...choice.include.flatMap((id) => {
      const c = optional.get(id);
      return c ? [{ c, origin: "optional" as const }] : [];
    }),
    ...choice.extra.map((c) => ({ c, origin: "commune" as const })),
  ];
  const seen = new Set<string>();
  for (const { c } of picked) {
    if (seen.has(c.id)) problems.push(`criteria: criterion id "${c.id}" appears twice`);
    seen.add(c.id);
  }
  if (picked.length === 0) problems.push("criteria: the commune's list is empty");
  for (const id of Object.keys(choice.relabel ?? {})) {
    if (!seen.has(id)) problems.push(`criteria.relabel.${id}: "${id}" is not in the commune's list`);
  }
  // Keep pillar order (chính quyền số, kinh tế số, xã hội số), then the order given.
  const relabel = choice.relabel ?? {};
  const ordered = PILLARS.flatMap((p) => picked.filter((x) => x.c.pillar === p)).map(({ c, origin }) => {
    const r = Object.hasOwn(relabel, c.id) ? relabel[c.id] : undefined;
    return { c: r ? { ...c, label: r.label ?? c.label, help: r.help ?? c.help } : c, origin };
  });
  const criteria = ordered.map(({ c, origin }, i): EffectiveCriterion => ({
    ...c,
    label: fill(c.label, ctx, `criterion ${c.id} label`, problems),
    help: fill(c.help, ctx, `criterion ${c.id} help`, problems),
    order: i + 1,
    origin,
  }));
  if (problems.length > 0) throw new CatalogueError(problems);
  const meaning = ordered.map(({ c }) => [c.id, c.pillar, c.label, c.relevance.flags ?? [], c.relevance.mayDecline]);
  const byPillar = Object.fromEntries(PILLARS.map((p) => [p, criteria.filter((c) => c.pillar === p)])) as Record<Pillar, EffectiveCriterion[]>;
  return {
    id: base.id,
    version: base.version,
    key: `${base.id}@${base.version}#${fingerprint(JSON.stringify(meaning))}`,
    title: base.title,
    source: base.source,
    criteria,
    byId: new Map(criteria.map((c) => [c.id, c])),
    byPillar,
  };
}

export type HouseholdFlags = Readonly<Record<HouseholdFlag, boolean>>;

/** Whether the criterion applies to a household with these flags (before any "không áp dụng" answer). */
export function appliesByFlags(c: Criterion, flags: HouseholdFlags): boolean {
  return c.relevance.flags === undefined || c.relevance.flags.some((f) => flags[f]);
}

/**
 * Where one household stands on one criterion:
 * - `na`: not applicable (by its flags, or answered "không áp dụng" where allowed): out of both
 *   numerator and denominator;
 * - `met` / `unmet`: answered đạt / chưa đạt;
 * - `unanswered`: applies, no answer yet (counts as not met).
 */
export type CriterionStatus = "na" | "met" | "unmet" | "unanswered";

export function criterionStatus(c: Criterion, flags: HouseholdFlags, answer: AnswerValue | null | undefined): CriterionStatus {
  if (!appliesByFlags(c, flags)) return "na";
  switch (answer) {
    case "dat":
      return "met";
    case "chua_dat":
      return "unmet";
    case "khong_ap_dung":
      return c.relevance.mayDecline ? "na" : "unanswered";
    default:
      return "unanswered";
  }
}

function flagNames(c: Criterion): string {
  return (c.relevance.flags ?? []).map((f) => HOUSEHOLD_FLAG_LABELS[f].toLowerCase()).join(" hoặc ");
}

/** Whether a household with these flags may give this answer; the reason in Vietnamese when not. */
export function answerAllowed(c: EffectiveCriterion, flags: HouseholdFlags, value: AnswerValue): { ok: true } | { ok: false; reason: string } {
  if (!appliesByFlags(c, flags)) {
    if (value === "khong_ap_dung") return { ok: true };
    return { ok: false, reason: `Tiêu chí “${c.label}” chỉ áp dụng cho ${flagNames(c)}; hộ này không thuộc diện đó nên chỉ chọn được “${ANSWER_LABELS.khong_ap_dung}”.` };
  }
  if (value === "khong_ap_dung" && !c.relevance.mayDecline) {
    return { ok: false, reason: `Tiêu chí “${c.label}” áp dụng cho hộ này, không chọn được “${ANSWER_LABELS.khong_ap_dung}”.` };
  }
  return { ok: true };
}

export { ANSWER_LABELS, HOUSEHOLD_FLAG_LABELS, PILLAR_LABELS };
