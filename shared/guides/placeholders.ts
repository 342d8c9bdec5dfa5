/**
 * Commune-specific values in guide text. Guides write `{{key}}`; the bot fills them from the
 * commune config with `renderGuide`. A missing or unknown key, or a link key without a real link, is
 * an error, never left in text nor replaced by a stand-in.
 */

import type { Guide, GuideStep } from "./schema";

/** Longest step text, after placeholders are filled (Zalo's text message limit). */
export const MAX_STEP_CHARS = 2000;

export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return (u.protocol === "https:" || u.protocol === "http:") && u.hostname.includes(".");
  } catch {
    return false;
  }
}

export const PLACEHOLDER_KEYS = [
  "commune.name",
  "commune.kind",
  "province.name",
  "provinceApp.name",
  "provinceApp.androidUrl",
  "provinceApp.iosUrl",
  "provinceApp.features",
  "police.name",
  "police.phone",
  "oa.name",
  "miniApp.url",
  "hotline.province",
  "publicServicePortal.url",
  "volunteers.contact",
] as const;

export type PlaceholderKey = (typeof PLACEHOLDER_KEYS)[number];

const KEY_SET: ReadonlySet<string> = new Set(PLACEHOLDER_KEYS);

/**
 * Keys whose value is a web address a resident opens. A value that is not an http(s) URL (a
 * stand-in such as "(mini app của xã)" for a link the commune has not set) fails like a missing one:
 * the guide is not shown with words in place of a link.
 */
export const URL_KEYS: ReadonlySet<PlaceholderKey> = new Set<PlaceholderKey>(["provinceApp.androidUrl", "provinceApp.iosUrl", "miniApp.url", "publicServicePortal.url"]);
export function isPlaceholderKey(k: string): k is PlaceholderKey {
  return KEY_SET.has(k);
}

/** What the bot fills from the commune config. Every field is plain text shown to residents. */
export interface GuideContext {
  commune: {
    /** "Sơn Tây" */
    name: string;
    /** "xã" or "phường" (lower case, used mid-sentence) */
    kind: "xã" | "phường" | "đặc khu";
  };
  province: { name: string };
  provinceApp: {
    /** "i-Hà Tĩnh", "Gia Lai Số", "Tây Ninh Số" */
    name: string;
    androidUrl: string;
    iosUrl: string;
    /** Short list of what the app offers, e.g. "phản ánh hiện trường, tra cứu thủ tục, nhận tin của tỉnh" */
    features: string;
  };
  police: {
    /** "Công an xã Sơn Tây" */
    name: string;
    phone: string;
  };
  oa: { name: string };
  miniApp: { url: string };
  hotline: {
    /** How to call the province hotline, e.g. "1022" or "0235.1022" (with area code where required) */
    province: string;
  };
  publicServicePortal: { url: string };
  /** Short text: who helps and how to reach them, e.g. "anh Hùng (Đoàn Thanh niên), 09xx..." */
  volunteers: { contact: string };
}

export const DEFAULT_PUBLIC_SERVICE_PORTAL_URL = "https://dichvucong.gov.vn";

/** One pattern for every placeholder, spaces inside the braces allowed: `{{ commune.name }}`. */
export const PLACEHOLDER_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The keys (known or not) written in a text, in order, duplicates removed. */
export function placeholdersInText(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER_RE)) {
    const k = m[1] ?? "";
    if (!found.includes(k)) found.push(k);
  }
  return found;
}

/** Braces left after removing the well-formed placeholders: "{{commune.name}" and the like. */
export function hasStrayBraces(text: string): boolean {
  const rest = text.replace(PLACEHOLDER_RE, "");
  return rest.includes("{{") || rest.includes("}}");
}

export class PlaceholderError extends Error {
  override name = "PlaceholderError";
}

/** The value of one key in a context, or undefined when absent or blank. */
export function contextValue(ctx: GuideContext, key: PlaceholderKey): string | undefined {
  const [group, field] = key.split(".") as [string, string];
  // Own properties only: an inherited name ("constructor", "toString") is never a value.
  const own = (o: unknown, k: string): unknown => (typeof o === "object" && o !== null && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined);
  const v = own(own(ctx, group), field);
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/**
 * Fill every `{{key}}` in `text`. Throws `PlaceholderError` for an unknown key, a key missing or
 * blank in `ctx`, or stray braces; `GuideRenderError` for a link key whose value is not a link. `where` names the place in messages ("guide x, step 3").
 */
export function fillPlaceholders(text: string, ctx: GuideContext, where = "text"): string {
  if (hasStrayBraces(text)) {
    throw new PlaceholderError(`${where}: malformed placeholder (unbalanced "{{" or "}}") in: ${text.slice(0, 120)}`);
  }
  return text.replace(PLACEHOLDER_RE, (_m, raw: string) => {
    if (!isPlaceholderKey(raw)) {
      throw new PlaceholderError(
        `${where}: unknown placeholder {{${raw}}}; known keys: ${PLACEHOLDER_KEYS.join(", ")}`,
      );
    }
    const v = contextValue(ctx, raw);
    if (v === undefined) {
      throw new PlaceholderError(`${where}: placeholder {{${raw}}} has no value in the commune context (set it in the commune config)`);
    }
    if (URL_KEYS.has(raw) && !isHttpUrl(v.trim())) {
      throw new GuideRenderError(`${where}: placeholder {{${raw}}} has no usable value in the commune context: "${v.slice(0, 80)}" is not an http(s) URL (set the link in the commune config)`);
    }
    return v;
  });
}

export class GuideRenderError extends Error {
  override name = "GuideRenderError";
}

/**
 * Fill every placeholder of a guide from the commune context. Throws `PlaceholderError` for an
 * unknown, missing or blank key (never leaves `{{...}}` in text), and `GuideRenderError` when a
 * filled step is over `MAX_STEP_CHARS` or a filled URL is not an http(s) URL.
 */
export function renderGuide(guide: Guide, ctx: GuideContext): Guide {
  const f = (text: string, where: string) => fillPlaceholders(text, ctx, `guide "${guide.id}", ${where}`);
  const url = (text: string, where: string) => {
    const v = f(text, where);
    if (!isHttpUrl(v)) throw new GuideRenderError(`guide "${guide.id}", ${where}: "${v}" is not an http(s) URL`);
    return v;
  };
  const steps = guide.steps.map((s, i): GuideStep => {
    const where = `step ${i + 1}`;
    const text = f(s.text, where);
    if (text.length > MAX_STEP_CHARS) {
      throw new GuideRenderError(`guide "${guide.id}", ${where}: ${text.length} characters after filling (max ${MAX_STEP_CHARS})`);
    }
    return {
      ...s,
      text,
      ...(s.image ? { image: { url: url(s.image.url, `${where} image`), alt: f(s.image.alt, `${where} image alt`) } } : {}),
      ...(s.link ? { link: { title: f(s.link.title, `${where} link`), url: url(s.link.url, `${where} link`) } } : {}),
      ...(s.note !== undefined ? { note: f(s.note, `${where} note`) } : {}),
    };
  });
  return {
    ...guide,
    title: f(guide.title, "title"),
    summary: f(guide.summary, "summary"),
    phrasings: guide.phrasings.map((p, i) => f(p, `phrasing ${i + 1}`)),
    ...(guide.keywords ? { keywords: guide.keywords.map((k, i) => f(k, `keyword ${i + 1}`)) } : {}),
    steps,
    ...(guide.verify !== undefined ? { verify: f(guide.verify, "verify") } : {}),
  };
}

