/**
 * Guides are typed data, validated with zod. A guide is what the bot walks a resident through,
 * one short step per message (phone screens; Zalo text messages are capped at 2000 characters).
 *
 * Facts that are not confirmed by a source must say so: `confirmed: false` on the guide (then
 * `verify` says what the commune should check) or on a step (then that step's `note` says it).
 */
import { z } from "zod";
import {
  MAX_STEP_CHARS,
  hasStrayBraces,
  isHttpUrl,
  isPlaceholderKey,
  placeholdersInText,
  renderGuide,
  type GuideContext,
  type PlaceholderKey,
} from "./placeholders";

export { MAX_STEP_CHARS };

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WHOLE_PLACEHOLDER = /^\{\{\s*[^{}]+?\s*\}\}$/;

/** An http(s) URL, or a single placeholder filled with one (`{{provinceApp.androidUrl}}`). */
const UrlOrPlaceholder = z
  .string()
  .refine((v) => isHttpUrl(v) || WHOLE_PLACEHOLDER.test(v), {
    message: "must be an http(s) URL or a single {{placeholder}}",
  });

export const StepSchema = z
  .object({
    text: z.string().trim().min(1, "step text is empty").max(MAX_STEP_CHARS, `step text is over ${MAX_STEP_CHARS} characters`),
    image: z.object({ url: UrlOrPlaceholder, alt: z.string().min(1, "image alt text is required") }).strict().optional(),
    link: z.object({ title: z.string().min(1), url: UrlOrPlaceholder }).strict().optional(),
    /** Default: the guide's `confirmed`. false needs a `note`. */
    confirmed: z.boolean().optional(),
    /** For the commune (not shown to residents): what to check in this step, or why it is so. */
    note: z.string().min(1).optional(),
  })
  .strict();

export const GuideSchema = z
  .object({
    id: z.string().regex(KEBAB, "id must be kebab-case (a-z, 0-9, single hyphens)"),
    title: z.string().min(3).max(120),
    /** A button label ("Ý bác là…?", the menu): short enough to read whole on a phone. */
    shortTitle: z.string().min(3).max(24).optional(),
    summary: z.string().min(10).max(600),
    /** Example questions residents type, accented and unaccented, for matching. */
    phrasings: z.array(z.string().trim().min(3)).min(6, "a guide needs at least 6 phrasings"),
    keywords: z.array(z.string().trim().min(2)).optional(),
    steps: z.array(StepSchema).min(1).max(12),
    /** true when every step is backed by `sources`; false needs `verify`. */
    confirmed: z.boolean(),
    sources: z.array(z.string().refine(isHttpUrl, "source must be an http(s) URL")),
    /** For the commune: what to check on a real phone before showing this guide. */
    verify: z.string().min(1).optional(),
  })
  .strict()
  .superRefine((g, ctx) => {
    if (!g.confirmed && g.verify === undefined) {
      ctx.addIssue({ code: "custom", path: ["verify"], message: "an unconfirmed guide needs `verify` saying what to check" });
    }
    g.steps.forEach((s, i) => {
      if (s.confirmed === false && s.note === undefined) {
        ctx.addIssue({ code: "custom", path: ["steps", i, "note"], message: "an unconfirmed step needs a `note` saying what to check" });
      }
    });
    for (const [path, text] of guideTexts(g)) {
      if (hasStrayBraces(text)) {
        ctx.addIssue({ code: "custom", path, message: `malformed placeholder (unbalanced "{{" or "}}")` });
      }
      for (const k of placeholdersInText(text)) {
        if (!isPlaceholderKey(k)) ctx.addIssue({ code: "custom", path, message: `unknown placeholder {{${k}}}` });
      }
    }
  });

export type GuideStep = z.infer<typeof StepSchema>;
export type Guide = z.infer<typeof GuideSchema>;

/** Every text field of a guide with its path, for placeholder checks. */
function guideTexts(g: Guide): [(string | number)[], string][] {
  const out: [(string | number)[], string][] = [
    [["title"], g.title],
    [["summary"], g.summary],
  ];
  g.phrasings.forEach((p, i) => out.push([["phrasings", i], p]));
  g.keywords?.forEach((k, i) => out.push([["keywords", i], k]));
  g.steps.forEach((s, i) => {
    out.push([["steps", i, "text"], s.text]);
    if (s.image) out.push([["steps", i, "image", "url"], s.image.url], [["steps", i, "image", "alt"], s.image.alt]);
    if (s.link) out.push([["steps", i, "link", "url"], s.link.url], [["steps", i, "link", "title"], s.link.title]);
    if (s.note !== undefined) out.push([["steps", i, "note"], s.note]);
  });
  if (g.verify !== undefined) out.push([["verify"], g.verify]);
  return out;
}

/** The placeholder keys a guide uses, so the bot can tell whether a commune can show it. */
export function placeholdersIn(g: Guide): PlaceholderKey[] {
  const keys = new Set<PlaceholderKey>();
  for (const [, text] of guideTexts(g)) for (const k of placeholdersInText(text)) if (isPlaceholderKey(k)) keys.add(k);
  return [...keys];
}

export class GuideValidationError extends Error {
  override name = "GuideValidationError";
  constructor(readonly issues: readonly string[]) {
    super(`invalid guides:\n- ${issues.join("\n- ")}`);
  }
}

/**
 * Validate a list of guides: each against `GuideSchema` (kebab id, ≥6 phrasings, step length,
 * known placeholders, unconfirmed facts explained), ids unique. With `context`, also render each
 * guide to check filled step length and URLs. Returns the guides typed; throws
 * `GuideValidationError` listing every problem as "guide <id or index>: <path>: <message>".
 */
export function validateGuides(guides: readonly unknown[], options: { context?: GuideContext } = {}): Guide[] {
  const issues: string[] = [];
  const valid: Guide[] = [];
  const seen = new Map<string, number>();
  guides.forEach((raw, i) => {
    const rawId = typeof raw === "object" && raw !== null && "id" in raw ? String((raw as { id: unknown }).id) : undefined;
    const label = rawId !== undefined ? `guide "${rawId}"` : `guide #${i}`;
    const r = GuideSchema.safeParse(raw);
    if (!r.success) {
      for (const iss of r.error.issues) issues.push(`${label}: ${iss.path.join(".") || "(root)"}: ${iss.message}`);
      return;
    }
    const g = r.data;
    const first = seen.get(g.id);
    if (first !== undefined) issues.push(`${label}: duplicate id (also guide #${first})`);
    else seen.set(g.id, i);
    if (options.context) {
      try {
        renderGuide(g, options.context);
      } catch (e) {
        issues.push(`${label}: ${(e as Error).message}`);
        return;
      }
    }
    valid.push(g);
  });
  if (issues.length > 0) throw new GuideValidationError(issues);
  return valid;
}

