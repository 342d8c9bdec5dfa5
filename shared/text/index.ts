/**
 * Vietnamese text for matching: one entry point for the bot and the mini app.
 *
 *   normalizeText("Làm sao KÍCH HOẠT\u200b VNeID??")  → "làm sao kích hoạt vneid"
 *   foldKey("ko đk đc VNeID mức 2 ạ")              → "khong duoc duoc vneid muc 2 a"
 *   tokens("Đăng kí tk")                           → ["dang", "ki", "tai", "khoan"]
 */
import { normalizeText } from "./normalize";
import { expandTeencode } from "./teencode";
import { contentMask } from "./stopwords";

export { cleanText, normalizeText } from "./normalize";
export { canonicalTones, collapseRepeats, foldIY, foldText, removeDiacritics } from "./fold";
export {
  ACCENTED_TEENCODE,
  CONTEXTUAL_TEENCODE,
  TEENCODE,
  expandTeencode,
  type ContextualRule,
  type ContextualTeencodeKey,
  type TeencodeKey,
} from "./teencode";
export { STOP_PHRASES, STOP_WORDS, contentMask } from "./stopwords";

/** Folded, teencode-expanded tokens of a message: the units every matcher works on. */
export function tokens(s: string): string[] {
  const n = normalizeText(s);
  return n === "" ? [] : expandTeencode(n.split(" "));
}

/** The search key: normalised, teencode expanded, folded (no diacritics, đ→d), single spaces. */
export function foldKey(s: string): string {
  return tokens(s).join(" ");
}

/**
 * Terms for retrieval: content tokens (stop words and stop phrases removed) plus the
 * concatenated bigrams of consecutive content tokens ("dinh danh" → "dinhdanh"), which also meet
 * words typed without a space ("dinhdanh", "ihatinh").
 */
export function matchTerms(s: string): string[] {
  const t = tokens(s);
  const mask = contentMask(t);
  const content = t.filter((_, i) => mask[i]);
  const terms = [...content];
  for (let i = 0; i + 1 < content.length; i++) terms.push(`${content[i]}${content[i + 1]}`);
  return terms;
}
