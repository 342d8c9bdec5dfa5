/**
 * Features of a message for the classifier: Vietnamese syllables after normalising and teencode
 * expansion (folded unigrams, bigrams so "điện thoại" is one feature apart from "điện", accented
 * unigrams when the resident typed accents) and character 3-grams of the folded syllables (typos,
 * words glued together). Each group has a weight; values are not length-normalised, so filler
 * words in a long message (whose weights the classifier learns to be near zero) do not dilute the
 * strong words.
 */
import { expandedTokens } from "../text/index";

export interface FeatureWeights {
  unigram: number;
  bigram: number;
  accented: number;
  char: number;
}

export const DEFAULT_FEATURE_WEIGHTS: Readonly<FeatureWeights> = { unigram: 1, bigram: 1, accented: 0.75, char: 0.25 };

/** Feature name → value (group weight); duplicates collapse. */
export function featuresOf(text: string, w: FeatureWeights = DEFAULT_FEATURE_WEIGHTS): Map<string, number> {
  const out = new Map<string, number>();
  const toks = expandedTokens(text).filter((t) => t.folded !== "" && /[a-z0-9]/.test(t.folded));
  const folded = toks.map((t) => t.folded);
  // A message typed with accents tells words apart that folding merges (cảnh/canh, lừa/lúa): there
  // every word also gets its accented feature (an unaccented word in it is a word too), and the
  // folded unigram weighs half.
  const accentedMessage = toks.some((t) => t.accented !== t.folded);
  const uw = accentedMessage ? w.unigram * 0.5 : w.unigram;
  for (const f of folded) out.set(`u:${f}`, uw);
  for (let i = 0; i + 1 < folded.length; i++) out.set(`b:${folded[i]}_${folded[i + 1]}`, w.bigram);
  if (accentedMessage) for (const t of toks) out.set(`a:${t.accented}`, w.accented);
  if (w.char > 0) {
    for (const f of folded) {
      if (f.length < 3) continue;
      const p = `<${f}>`;
      for (let i = 0; i + 3 <= p.length; i++) out.set(`c:${p.slice(i, i + 3)}`, w.char);
    }
  }
  return out;
}
