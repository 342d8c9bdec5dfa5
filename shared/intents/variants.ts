/**
 * Generated variants of a training phrasing, the ways residents type the same thing: without
 * diacritics, in teencode, with Central/Highlands words, wrapped in filler ("dạ cho em hỏi…",
 * "…chỉ tui với"), as a voice-to-text run-on, with a typo. Deterministic (seeded), so a start-up
 * always trains the same model.
 */
import { normalizeText, removeDiacritics } from "../text/index";

/** A small seeded PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

const PREFIXES = [
  "cho hỏi", "ad ơi", "dạ cho em hỏi", "chị ơi cho hỏi là", "alo", "bác muốn hỏi", "xin hỏi", "con ơi", "anh ơi",
  "ờ thì tui muốn hỏi là", "dạ em chào ad, cho em hỏi", "cán bộ ơi", "cho tui hỏi chút", "mình muốn hỏi",
];
const SUFFIXES = [
  "với", "ạ", "giúp em với", "được không", "làm sao", "nhé", "chỉ tui với", "thế nào", "vậy", "ad ơi",
  "tui già rồi không rành", "mà không biết làm", "cảm ơn nhiều", "gấp lắm", "với ạ, em cảm ơn",
];
const RUN_ON = [
  "mấy bữa nay", "con tui nó nói là", "mà tui không biết bắt đầu từ đâu hết", "người ta bảo vậy", "ờ thì",
  "tui hỏi hoài mà chưa ai chỉ", "bây giờ", "á",
];

/** Plain word swaps on the accented text: teencode and regional words (whole words only). */
/** A whole word (Unicode letters, so \b will not do). Node only: the mini app never imports this. */
const w = (word: string) => new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, "gu");

const TEENCODE_SWAPS: [RegExp, readonly string[]][] = [
  [w("không"), ["ko", "k", "hok", "hông", "khum"]],
  [w("được"), ["dc", "đc", "đuợc"]],
  [w("biết"), ["bik", "bít"]],
  [w("gì"), ["j", "chi"]],
  [w("vậy"), ["v", "z", "rứa"]],
  [w("rồi"), ["r", "rùi"]],
  [w("với"), ["vs", "zới"]],
  [w("muốn"), ["mún"]],
  [w("làm"), ["lm", "mần"]],
  [w("tài khoản"), ["tk"]],
  [w("người"), ["ng"]],
  [w("sao"), ["răng", "s"]],
  [w("đâu"), ["mô"]],
  [w("này"), ["ni"]],
  [w("thế nào"), ["răng", "ntn", "kiểu gì"]],
  [w("bây giờ"), ["chừ", "bi giờ"]],
  [w("tôi"), ["tui", "tau", "mình", "e"]],
  [w("em"), ["e"]],
  [w("anh"), ["a"]],
  [w("thôn"), ["làng", "buôn", "xóm", "bon"]],
  [w("điện thoại"), ["đt", "dt", "máy"]],
  [w("ứng dụng"), ["app"]],
];

function typo(r: () => number, s: string): string {
  const words = s.split(" ");
  const long = words.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 4);
  if (long.length === 0) return s;
  const [w, i] = pick(r, long);
  const k = 1 + Math.floor(r() * (w.length - 2));
  words[i] = r() < 0.5 ? w.slice(0, k) + w.slice(k + 1) : w.slice(0, k) + w[k + 1] + w[k] + w.slice(k + 2);
  return words.join(" ");
}

function swapWords(r: () => number, s: string): string {
  let out = s;
  for (const [re, subs] of TEENCODE_SWAPS) if (r() < 0.6) out = out.replace(re, () => pick(r, subs));
  return out;
}

export interface VariantOptions {
  /** Wrap in filler words (requests); off for greetings, thanks, chit-chat. */
  filler: boolean;
  /** How many variants to add beside the original. */
  count: number;
}

/** The phrasing itself plus `count` variants (no duplicates). */
export function variantsOf(phrasing: string, seed: number, o: VariantOptions): string[] {
  const r = prng(seed);
  const base = normalizeText(phrasing);
  const out = new Set<string>([base, removeDiacritics(base)]);
  const makers: (() => string)[] = [
    () => removeDiacritics(swapWords(r, base)),
    () => swapWords(r, base),
    () => typo(r, removeDiacritics(base)),
  ];
  if (o.filler) {
    makers.push(
      () => `${pick(r, PREFIXES)} ${base} ${pick(r, SUFFIXES)}`,
      () => removeDiacritics(`${pick(r, PREFIXES)} ${swapWords(r, base)} ${pick(r, SUFFIXES)}`),
      () => `${pick(r, PREFIXES)} ${pick(r, RUN_ON)} ${base} ${pick(r, RUN_ON)} ${pick(r, SUFFIXES)} ${pick(r, SUFFIXES)}`,
    );
  }
  for (let i = 0; out.size < o.count + 1 && i < o.count * 4; i++) out.add(makers[i % makers.length]!().trim());
  return [...out];
}
