/**
 * Vietnamese text for matching: one entry point for the bot and the mini app.
 *
 *   normalizeText("Làm sao KÍCH HOẠT\u200b VNeID??")  → "làm sao kích hoạt vneid"
 *   foldKey("ko đk đc VNeID mức 2 ạ")              → "khong duoc duoc vneid muc 2 a"
 *   tokens("Đăng kí tk")                           → ["dang", "ki", "tai", "khoan"]
 */
import { normalizeText } from "./normalize";
import { expandTokens, type ExpandedToken } from "./teencode";
import { contentMask } from "./stopwords";

export { cleanText, normalizeText, stripInvisible } from "./normalize";
export { canonicalTones, collapseRepeats, foldIY, foldText, removeDiacritics } from "./fold";
export {
  ACCENTED_TEENCODE,
  CONTEXTUAL_TEENCODE,
  TEENCODE,
  expandTeencode,
  expandTokens,
  type ContextualRule,
  type ExpandedToken,
  type ContextualTeencodeKey,
  type TeencodeKey,
} from "./teencode";
export { ACCENTED_CONTENT_WORDS, ACCENTED_STOP_WORDS, STOP_PHRASES, STOP_WORDS, contentMask } from "./stopwords";

/** Tokens of a message after normalising and teencode expansion, folded and accented. */
export function expandedTokens(s: string): ExpandedToken[] {
  const n = normalizeText(s);
  return n === "" ? [] : expandTokens(n.split(" "));
}

/** Folded, teencode-expanded tokens of a message: the units every matcher works on. */
export function tokens(s: string): string[] {
  return expandedTokens(s).map((t) => t.folded);
}

/** The search key: normalised, teencode expanded, folded (no diacritics, đ→d), single spaces. */
export function foldKey(s: string): string {
  return tokens(s).join(" ");
}

/** Content tokens of a message: stop words and stop phrases removed. */
export function contentTokens(s: string): ExpandedToken[] {
  const t = expandedTokens(s);
  const mask = contentMask(t);
  return t.filter((_, i) => mask[i]);
}

/**
 * Folded terms for retrieval: content tokens plus the concatenated bigrams of consecutive
 * content tokens ("dinh danh" → "dinhdanh"), which also meet words typed without a space
 * ("dinhdanh", "ihatinh").
 */
export function matchTerms(s: string): string[] {
  const content = contentTokens(s).map((t) => t.folded);
  const terms = [...content];
  for (let i = 0; i + 1 < content.length; i++) terms.push(`${content[i]}${content[i + 1]}`);
  return terms;
}
export { quoteOneLine } from "./plain";
