/**
 * Vietnamese text normalisation shared by the bot and the mini app.
 *
 * Two levels:
 * - `cleanText`: safe for storing and displaying what a resident typed: NFC, no invisible
 *   characters, single spaces. Case, diacritics and punctuation are kept.
 * - `normalizeText`: the matching form: `cleanText`, lower case, punctuation/emoji/symbols
 *   replaced by spaces. Diacritics are kept (folding is `fold.ts`).
 *
 * Order matters: invisible characters are removed BEFORE NFC, because a zero-width character
 * between a vowel and its combining tone mark (NFD input) blocks composition.
 */

/** Format characters (zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, Mongolian vowel
 *  separator, bidi marks and overrides, invisible math operators) and the combining grapheme joiner. */
const INVISIBLE = /[\p{Cf}\u034F]/gu;
/** Control characters other than tab and newline. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
/** JS `\s` covers the Unicode space separators (NBSP, U+2000..U+200A, U+202F, U+3000...). */
const WHITESPACE = /\s+/g;
/** Everything that is not a letter, a combining mark or a digit: punctuation, symbols, emoji. */
const NON_WORD = /[^\p{L}\p{M}\p{N}]+/gu;
/** Combining marks left with no letter to sit on (after a space or at the start). */
const STRAY_MARKS = /(^|\s)\p{M}+/gu;

/** NFC, invisible characters removed, whitespace collapsed and trimmed. Keeps case and punctuation. */
export function cleanText(s: string): string {
  return stripInvisible(s).normalize("NFC").replace(WHITESPACE, " ").trim();
}

/** Only the invisible and control characters out (lines kept): "\u200b\u200b" becomes "". */
export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, "").replace(CONTROL, "");
}

/**
 * The matching form of a message: `cleanText`, Vietnamese lower case (Đ→đ, Ạ→ạ: plain
 * `toLowerCase` is correct for Vietnamese, no locale needed), punctuation/emoji/symbols → space,
 * collapsed. Diacritics are kept.
 *
 * normalizeText("  Làm sao KÍCH HOẠT\u200b VNeID?? 😀 ") === "làm sao kích hoạt vneid"
 */
export function normalizeText(s: string): string {
  return cleanText(s)
    .toLowerCase()
    .normalize("NFC")
    .replace(NON_WORD, " ")
    .replace(STRAY_MARKS, "$1")
    .replace(WHITESPACE, " ")
    .trim();
}
