/**
 * The pure part of the console's "Bộ tiêu chí" page: the officer's draft of the commune's choice
 * (criteria left out, optional ones added, the province's wording, the commune's own), the rows the
 * page shows per pillar, the request it sends, and the field messages of the shared contract's
 * checks. No React, no DOM: unit tests run it in Node.
 */
import { z } from "zod";
import { vietnameseIssueMessage } from "../../../shared/contracts/zod-messages";
import { CommuneCriterionInput, CriteriaChoiceInput, type CriteriaAdminView } from "../../../shared/contracts/criteria";
import { CRITERIA_PLACEHOLDERS } from "../../../shared/criteria";

export type Choice = CriteriaAdminView["choice"];
export type LibraryItem = CriteriaAdminView["library"][number];
export type Extra = Choice["extra"][number];
export type Pillar = LibraryItem["pillar"];
export type Wording = { label?: string; help?: string };

export const PILLARS: readonly { id: Pillar; label: string }[] = [
  { id: "chinh-quyen-so", label: "Chính quyền số" },
  { id: "kinh-te-so", label: "Kinh tế số" },
  { id: "xa-hoi-so", label: "Xã hội số" },
];

export const FLAG_WORDS: Record<"business" | "producer", string> = { business: "hộ kinh doanh", producer: "hộ sản xuất để bán" };

/** A copy the page may change freely (the view's arrays stay as the server sent them). */
export function copyChoice(c: Choice): Choice {
  return { exclude: [...c.exclude], include: [...c.include], relabel: Object.fromEntries(Object.entries(c.relabel).map(([k, v]) => [k, { ...v }])), extra: c.extra.map((x) => ({ ...x, relevance: { ...x.relevance } })) };
}

const toggled = (list: readonly string[], id: string, on: boolean) => (on ? (list.includes(id) ? [...list] : [...list, id]) : list.filter((x) => x !== id));

/** Leave a default criterion out ("Không dùng") or take it back. */
export function setExcluded(c: Choice, id: string, out: boolean): Choice {
  return { ...c, exclude: toggled(c.exclude, id, out) };
}

/** Add an optional criterion of the library ("Thêm vào") or take it out again. */
export function setIncluded(c: Choice, id: string, on: boolean): Choice {
  return { ...c, include: toggled(c.include, id, on) };
}

/** The province's wording for a criterion: only what differs from the original is kept; none left, none kept. */
export function setWording(c: Choice, original: { label: string; help: string }, id: string, w: Wording): Choice {
  const label = w.label?.trim();
  const help = w.help?.trim();
  const r: Wording = {};
  if (label && label !== original.label) r.label = label;
  if (help && help !== original.help) r.help = help;
  const { [id]: _old, ...rest } = c.relabel;
  return { ...c, relabel: r.label !== undefined || r.help !== undefined ? { ...rest, [id]: r } : rest };
}

export function addExtra(c: Choice, x: Extra): Choice {
  return { ...c, extra: [...c.extra, x] };
}

export function removeExtra(c: Choice, id: string): Choice {
  const { [id]: _gone, ...relabel } = c.relabel;
  return { ...c, extra: c.extra.filter((x) => x.id !== id), relabel };
}

/** One criterion as the page lists it under its pillar. */
export interface Row {
  id: string;
  pillar: Pillar;
  origin: "catalogue" | "optional" | "commune";
  /** In the set the draft describes. */
  inUse: boolean;
  /** The words shown (the province's when given). */
  label: string;
  help: string;
  /** The library's own words (catalogue and optional criteria). */
  original?: { label: string; help: string };
  reworded: boolean;
  relevance: LibraryItem["relevance"];
  /** What differs from the set in use: "new" (will be used), "gone" (will be left out), "words" (new wording). */
  change?: "new" | "gone" | "words";
}

const inSet = (c: Choice, x: { id: string; origin: string }) => (x.origin === "catalogue" ? !c.exclude.includes(x.id) : x.origin === "optional" ? c.include.includes(x.id) : c.extra.some((e) => e.id === x.id));

/** The draft's rows, pillar by pillar, in the library's order then the commune's own; marked against the saved choice. */
export function rows(library: readonly LibraryItem[], draft: Choice, saved: Choice): Record<Pillar, Row[]> {
  const out: Record<Pillar, Row[]> = { "chinh-quyen-so": [], "kinh-te-so": [], "xa-hoi-so": [] };
  const wordsOf = (c: Choice, id: string) => JSON.stringify(c.relabel[id] ?? null);
  for (const l of library) {
    const inUse = inSet(draft, l);
    const was = inSet(saved, l);
    const w = draft.relabel[l.id];
    const row: Row = {
      id: l.id,
      pillar: l.pillar,
      origin: l.origin,
      inUse,
      label: w?.label ?? l.label,
      help: w?.help ?? l.help,
      original: { label: l.label, help: l.help },
      reworded: w !== undefined,
      relevance: l.relevance,
    };
    const change = inUse && !was ? "new" : !inUse && was ? "gone" : inUse && wordsOf(draft, l.id) !== wordsOf(saved, l.id) ? "words" : undefined;
    if (change) row.change = change;
    out[l.pillar].push(row);
  }
  for (const x of draft.extra) {
    const before = saved.extra.find((e) => e.id === x.id);
    const row: Row = {
      id: x.id,
      pillar: x.pillar,
      origin: "commune",
      inUse: true,
      label: x.label,
      help: x.help,
      reworded: false,
      relevance: { mayDecline: x.relevance.mayDecline, ...(x.relevance.flags ? { flags: x.relevance.flags } : {}), ...(x.relevance.declineHint ? { declineHint: x.relevance.declineHint } : {}) },
    };
    if (!before) row.change = "new";
    else if (JSON.stringify(before) !== JSON.stringify(x)) row.change = "words";
    out[x.pillar].push(row);
  }
  for (const x of saved.extra) {
    if (draft.extra.some((e) => e.id === x.id)) continue;
    out[x.pillar].push({ id: x.id, pillar: x.pillar, origin: "commune", inUse: false, label: x.label, help: x.help, reworded: false, relevance: { mayDecline: x.relevance.mayDecline }, change: "gone" });
  }
  return out;
}

/**
 * What the page sends: the province's wording only for criteria the set keeps (the server refuses a
 * wording for one left out; the draft remembers it should the officer take the criterion back).
 */
export function request(library: readonly LibraryItem[], draft: Choice): Choice {
  const kept = new Set(library.filter((l) => inSet(draft, l)).map((l) => l.id));
  return { ...draft, relabel: Object.fromEntries(Object.entries(draft.relabel).filter(([id]) => kept.has(id))) };
}

/** Whether two choices describe the same set and words (order of the lists aside). */
export function sameChoice(a: Choice, b: Choice): boolean {
  const canon = (c: Choice) =>
    JSON.stringify([
      [...c.exclude].sort(),
      [...c.include].sort(),
      Object.entries(c.relabel)
        .sort(([x], [y]) => (x < y ? -1 : 1))
        .map(([k, v]) => [k, v.label ?? null, v.help ?? null]),
      c.extra,
    ]);
  return canon(a) === canon(b);
}

/** How many criteria of the draft differ from the saved choice (rows marked). */
export function changeCount(r: Record<Pillar, Row[]>): number {
  return Object.values(r).reduce((n, list) => n + list.filter((x) => x.change).length, 0);
}

export interface FieldIssue {
  /** "extra.0.label", "relabel.ung-dung-tinh.help", "label" */
  path: string;
  message: string;
}

/** What a person calls a field, for zod's phrases ("còn thiếu") that name none. */
const FIELD: Record<string, string> = {
  id: "Mã tiêu chí",
  pillar: "Nhóm",
  label: "Tên tiêu chí",
  help: "Phần giải thích",
  flags: "Loại hộ",
  declineHint: "Khi nào được chọn “Không áp dụng”",
  guideId: "Hướng dẫn",
};

/** Issues as sentences, their paths joined ("extra.0.label"); a leading "choice" (the request's wrapper) dropped. */
export function fieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] {
  return issues.map((i) => {
    const path = i.path.map(String);
    if (path[0] === "choice") path.shift();
    const msg = i.message.trim();
    const key = [...path].reverse().find((p) => !/^\d+$/.test(p)) ?? "";
    const sentence = msg && msg[0] !== msg[0]!.toLowerCase() ? msg : `${FIELD[key] ?? "Mục này"} ${msg}`;
    return { path: path.join("."), message: /[.!?…]$/.test(sentence) ? sentence : `${sentence}.` };
  });
}

/** The issues at `path` or under it. */
export const issuesAt = (issues: readonly FieldIssue[], path: string) => issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));

const parse = <T>(schema: z.ZodType<T>, value: unknown) => schema.safeParse(value, { error: (iss) => vietnameseIssueMessage(iss as never) });

const PLACEHOLDER_WORDS = `Chỉ dùng ${CRITERIA_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")} hoặc bỏ dấu ngoặc nhọn.`;

/** A {{…}} the bot cannot fill (a name it does not know), in words, or null. */
export function placeholderProblem(text: string | undefined): string | null {
  for (const m of (text ?? "").matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    if (!(CRITERIA_PLACEHOLDERS as readonly string[]).includes(m[1]!)) return `Chỗ “${m[0]}” không dùng được. ${PLACEHOLDER_WORDS}`;
  }
  return null;
}

/**
 * The whole choice checked as the bot will check it, before anything is sent: the contract's own
 * messages, and the {{…}} the bot could not fill, each at its field.
 */
export function checkChoice(c: Choice): FieldIssue[] {
  const r = parse(CriteriaChoiceInput, c);
  const out = r.success ? [] : fieldIssues(r.error.issues);
  const at = (path: string, text: string | undefined) => {
    const problem = placeholderProblem(text);
    if (problem) out.push({ path, message: problem });
  };
  for (const [id, w] of Object.entries(c.relabel)) {
    at(`relabel.${id}.label`, w.label);
    at(`relabel.${id}.help`, w.help);
  }
  c.extra.forEach((x, i) => {
    at(`extra.${i}.label`, x.label);
    at(`extra.${i}.help`, x.help);
  });
  return out;
}

/** The form of a commune's own criterion. */
export interface ExtraForm {
  id: string;
  pillar: Pillar | "";
  label: string;
  help: string;
  onlyFor: { business: boolean; producer: boolean };
  mayDecline: boolean;
  declineHint: string;
}

export const emptyExtraForm = (): ExtraForm => ({ id: "", pillar: "", label: "", help: "", onlyFor: { business: false, producer: false }, mayDecline: false, declineHint: "" });

/** "Học kỹ năng số cơ bản" → "hoc-ky-nang-so-co-ban": the code suggested from the name (at most 60 characters). */
export function suggestId(label: string): string {
  return label
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** The form as the contract's criterion, or its problems by field ("id", "label", "relevance.declineHint"…). */
export function readExtra(f: ExtraForm, taken: ReadonlySet<string>): { ok: true; value: Extra } | { ok: false; issues: FieldIssue[] } {
  const flags = (["business", "producer"] as const).filter((k) => f.onlyFor[k]);
  const candidate = {
    id: f.id.trim(),
    pillar: f.pillar === "" ? undefined : f.pillar,
    label: f.label,
    help: f.help,
    relevance: { ...(flags.length ? { flags } : {}), mayDecline: f.mayDecline, ...(f.mayDecline && f.declineHint.trim() ? { declineHint: f.declineHint } : {}) },
  };
  const r = parse(CommuneCriterionInput, candidate);
  const issues = r.success ? [] : fieldIssues(r.error.issues);
  for (const f of ["label", "help"] as const) {
    const problem = placeholderProblem(candidate[f]);
    if (problem) issues.push({ path: f, message: problem });
  }
  if (candidate.id && taken.has(candidate.id)) issues.push({ path: "id", message: `Mã “${candidate.id}” đã có trong thư viện hoặc bộ tiêu chí của xã. Bác chọn mã khác.` });
  if (issues.length || !r.success) return { ok: false, issues };
  return { ok: true, value: r.data };
}

/** "30/11/2026" in the commune's time. */
export function day(iso: string): string {
  return new Date(iso).toLocaleDateString("vi-VN", { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
}
