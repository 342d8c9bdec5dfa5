/**
 * Accent folding for search keys. Fold only keys, never stored or displayed text
 * (đ is a letter of its own; "bang" folds băng/bằng/bảng together).
 */

/** Combining marks of any script (tone marks and vowel marks once decomposed). */
const COMBINING = /\p{M}/gu;

/**
 * Letters NFD does not decompose. đ/Đ is the classic trap: `"đ".normalize("NFD")` is still one
 * code unit, so the usual `replace(/[\u0300-\u036f]/g, "")` leaves "đinh danh". ð/Ð (Icelandic
 * eth) and ɖ/Ɖ (African D) are look-alikes some keyboards and fonts produce for đ/Đ.
 */
const NON_DECOMPOSABLE: Readonly<Record<string, string>> = {
  "đ": "d",
  "Đ": "D",
  "ð": "d",
  "Ð": "D",
  "ɖ": "d",
  "Ɖ": "D",
};
const NON_DECOMPOSABLE_RE = /[đĐðÐɖƉ]/g;

/**
 * Remove every diacritic: NFD (also composes-then-decomposes NFD or mixed input the same way),
 * drop combining marks, map đ→d. Case is kept.
 *
 * removeDiacritics("Định danh điện tử") === "Dinh danh dien tu"
 */
export function removeDiacritics(s: string): string {
  return s
    .normalize("NFD")
    .replace(COMBINING, "")
    .replace(NON_DECOMPOSABLE_RE, (c) => NON_DECOMPOSABLE[c] ?? c)
    .normalize("NFC");
}

const TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"; // huyền, sắc, ngã, hỏi, nặng
/**
 * Old-style tone on the second vowel of an open syllable oa/oe/uy ("hoà", "thuý"), not after q
 * ("quý" is right in both styles). Works on NFD text. No lookbehind or `v` flag: the mini app
 * runs in old WebViews (iOS < 16.4 has no lookbehind).
 */
const OLD_STYLE_TONE = new RegExp(
  `(^|[^qQ])(?:([oO])([aAeE])|([uU])([yY]))([${TONE_MARKS}])(?![\\p{L}\\p{M}])`,
  "gu",
);

/**
 * Canonical tone placement that keeps diacritics: moves the tone of the open syllables
 * oa/oe/uy to the first vowel, the common ("phổ thông") style:
 * hoà→hòa, khoẻ→khỏe, thuý→thúy, uỷ→ủy. Closed syllables (hoàn, thuyền) and "qu" (quý) are
 * unchanged. Returns NFC. `foldKey` does not need it (folding removes tones anyway); it is for
 * comparisons that keep accents.
 */
export function canonicalTones(s: string): string {
  return s
    .normalize("NFD")
    .replace(
      OLD_STYLE_TONE,
      (_m, pre: string, o?: string, ae?: string, u?: string, y?: string, tone?: string) =>
        `${pre}${o ?? u ?? ""}${tone ?? ""}${ae ?? y ?? ""}`,
    )
    .normalize("NFC");
}

/**
 * i/y spelling variants of the same syllable after a consonant: kỹ/kĩ, lý/lí, ký/kí, mỹ/mĩ, tỷ/tỉ,
 * quý/quí. Applied to folded tokens only ("dang ky" and "dang ki" meet).
 */
const I_Y_SYLLABLE = /^(b|c|d|g|h|k|l|m|n|p|r|s|t|v|x|ch|kh|ng|nh|ph|th|tr|qu)y$/;
export function foldIY(token: string): string {
  return I_Y_SYLLABLE.test(token) ? token.slice(0, -1) + "i" : token;
}

/** Runs of 3+ identical letters typed for emphasis ("ơiiii", "đượccc") collapse to one. */
const REPEATS = /(\p{L})\1{2,}/gu;
export function collapseRepeats(s: string): string {
  return s.replace(REPEATS, "$1");
}

/**
 * Fold an already normalised string (see `normalizeText`): diacritics removed, đ→d, repeated
 * letters collapsed. Tone placement (hoà/hòa) needs nothing more: both fold to "hoa".
 */
export function foldText(normalized: string): string {
  return collapseRepeats(removeDiacritics(normalized));
}
