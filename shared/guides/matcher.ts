/**
 * Which guide does a resident's message ask for? BM25 retrieval (MiniSearch) over each guide's
 * phrasings, title and keywords, on the `matchTerms` of `shared/text`: folded (accents and đ
 * removed), teencode expanded, stop words removed, plus bigrams of consecutive content words.
 * So "lam sao kich hoat dinh danh muc 2", "làm sao kích hoạt định danh mức 2" and
 * "lsao kích hoạt đđ mức 2" meet the same terms.
 *
 * Decision (Rasa FallbackClassifier style):
 * - `none` when the best guide's score is under `minScore`, or it explains under `minCoverage` of
 *   the message's content words (off-topic messages share a word or two with some guide by
 *   chance: "giá vàng" shares "gia" with "tham gia"), or the message has no content word at all
 *   ("hihi", "ạ", emoji).
 * - `ambiguous` when the runner-up guide also passes and scores at least `ambiguityRatio` × best.
 * - `clear` otherwise.
 * The default thresholds were measured on test/shared/phrasings.table.ts (see the comment on
 * DEFAULT_MATCHER_OPTIONS).
 *
 * Guides should be rendered (`renderGuide`) before indexing so that the province app's name and
 * the OA's name are searchable; any `{{placeholder}}` left is removed before indexing.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { contentTokens, matchTerms, normalizeText, removeDiacritics, type ExpandedToken } from "../text/index";
import type { Guide } from "./schema";
import { PLACEHOLDER_RE } from "./placeholders";

export interface MatchCandidate {
  guideId: string;
  score: number;
}

export type MatchResult =
  | { kind: "clear"; guideId: string; score: number }
  | { kind: "ambiguous"; candidates: [MatchCandidate, MatchCandidate] }
  | { kind: "none" };

export interface GuideMatcherOptions {
  /** Lowest score (MiniSearch BM25 × coverage) of the best guide. */
  minScore: number;
  /** Lowest share of the message's content words the best guide explains (accent-aware, see `coverageOf`). */
  minCoverage: number;
  /** Runner-up score / best score at or above which the answer is `ambiguous`. */
  ambiguityRatio: number;
  /** MiniSearch fuzzy fraction for terms of 4+ letters. */
  fuzzy: number;
}

/**
 * Chosen on test/shared/phrasings.table.ts (100 resident questions, 25 off-topic lines), with the
 * sample commune of test/shared/fixtures.ts; re-run `npx tsx test/shared/measure-matcher.ts
 * --verbose` after changing guides or this file. Scores are MiniSearch BM25 × coverage.
 * - minScore 6: off-topic lines peak at 4.0 ("xổ số miền bắc hôm nay"), table rows start at 8.1
 *   ("cài ihatinh kiểu gì"); 6 sits between. Every value from 4 to 8 gives the same table result.
 * - minCoverage 0.5: rows with one unknown word in two ("bật gps gửi vị trí") sit at exactly
 *   0.5; 0.6 turns 4 of them into `none`.
 * - ambiguityRatio 0.8: at 0.9 one row becomes a wrong clear answer (zalopay: bank/QR vs
 *   electricity); at 0.8 there is no wrong clear answer and 4 rows ask "did you mean A or B?".
 * Result: 96/100 clear and correct, 4 ambiguous with the right guide among the two, 0 wrong,
 * 0/25 false matches. A held-out table written afterwards (phrasings.heldout.ts, not tuned on):
 * 38/40 clear and correct, 1 wrong, 1 ambiguous, 2/12 false matches.
 * BM25 scores shift as phrasings are added (IDF, document lengths): re-measure.
 */
export const DEFAULT_MATCHER_OPTIONS: Readonly<GuideMatcherOptions> = {
  minScore: 6,
  minCoverage: 0.5,
  ambiguityRatio: 0.8,
  fuzzy: 0.2,
};

export interface RankedCandidate extends MatchCandidate {
  /** Share of the message's content words found in this guide's best document. */
  coverage: number;
}

export interface GuideMatcher {
  match(text: string): MatchResult;
  /** Teach the matcher a new way of asking for a guide (e.g. from the officers' review queue). */
  addPhrasing(guideId: string, text: string): void;
  /** Every guide that shares a term with the message, best first: for tuning and logs. */
  rank(text: string): RankedCandidate[];
}

interface Doc {
  id: number;
  guideId: string;
  text: string;
}

/** Tokens at least this long get fuzzy and prefix matching; shorter ones must match exactly. */
const MIN_FUZZY_LEN = 4;
const MIN_PREFIX_LEN = 4;

/**
 * A keyword of 3+ words written as one ("i-Hà Tĩnh" → "ihatinh", "TikTok Shop"... ), the way
 * names get typed; 2-word keywords are covered by the bigram terms already.
 */
function glued(keyword: string): string {
  const words = contentTokens(stripPlaceholders(keyword)).map((t) => t.folded);
  return words.length >= 3 ? words.join("") : "";
}

/** Did the writer type accents? (Teencode expansions add accents of their own: not counted.) */
function hasDiacritics(s: string): boolean {
  const n = normalizeText(s);
  return removeDiacritics(n) !== n;
}

function stripPlaceholders(s: string): string {
  return s.replace(PLACEHOLDER_RE, " ");
}

/** Content words of a message, one per distinct (folded, accented) pair. */
function contentWords(text: string): ExpandedToken[] {
  const seen = new Set<string>();
  return contentTokens(text).filter((t) => {
    const k = `${t.folded} ${t.accented}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The words a guide knows: folded, and for words its authors wrote with accents somewhere, the
 * accented spellings used (unaccented phrasings tell nothing about spelling).
 */
interface Vocabulary {
  folded: Set<string>;
  spellings: Map<string, Set<string>>;
}

export function createGuideMatcher(
  guides: readonly Guide[],
  extraPhrasings: readonly { guideId: string; text: string }[] = [],
  options: Partial<GuideMatcherOptions> = {},
): GuideMatcher {
  const opts: GuideMatcherOptions = { ...DEFAULT_MATCHER_OPTIONS, ...options };
  const ids = new Set(guides.map((g) => g.id));
  const index = new MiniSearch<Doc>({
    fields: ["text"],
    storeFields: ["guideId"],
    tokenize: (text) => matchTerms(text),
    processTerm: (term) => term,
    searchOptions: {
      // `rank` passes terms already built by matchTerms, joined by spaces.
      tokenize: (query) => query.split(" ").filter((t) => t !== ""),
      combineWith: "OR",
      fuzzy: (term) => (term.length >= MIN_FUZZY_LEN && !/^\d+$/.test(term) ? opts.fuzzy : false),
      prefix: (term) => term.length >= MIN_PREFIX_LEN,
    },
  });

  let nextId = 0;
  const vocab = new Map<string, Vocabulary>();
  const add = (guideId: string, text: string) => {
    const clean = stripPlaceholders(text);
    const words = contentTokens(clean);
    if (words.length === 0) return; // nothing searchable: do not add an empty document
    let v = vocab.get(guideId);
    if (v === undefined) vocab.set(guideId, (v = { folded: new Set(), spellings: new Map() }));
    const accentedDoc = hasDiacritics(clean);
    for (const w of words) {
      v.folded.add(w.folded);
      if (accentedDoc) {
        const set = v.spellings.get(w.folded) ?? new Set<string>();
        set.add(w.accented);
        v.spellings.set(w.folded, set);
      }
    }
    index.add({ id: nextId++, guideId, text: clean });
  };

  for (const g of guides) {
    add(g.id, g.title);
    if (g.keywords && g.keywords.length > 0) add(g.id, [...g.keywords, ...g.keywords.map(glued)].join(" "));
    for (const p of g.phrasings) add(g.id, p);
  }

  const addPhrasing = (guideId: string, text: string) => {
    if (!ids.has(guideId)) throw new Error(`addPhrasing: unknown guide id "${guideId}"`);
    add(guideId, text);
  };
  for (const e of extraPhrasings) addPhrasing(e.guideId, e.text);

  /**
   * Share of the message's content words a guide explains. Folding merges words (giá/giả,
   * lúa/lừa, thứ/thủ, canh/cảnh), so when the resident types accents, they count:
   * - 1: the guide has the word spelled the same way; or the message has no accents at all, or
   *   the guide has the word only in unaccented phrasings, and the folded word matches;
   * - 0.75: an unaccented word in an otherwise accented message that the guide spells with
   *   accents (people skip some accents);
   * - 0.25: the word was typed with other accents than the guide's (most likely another word);
   * - 0.5: met only through a fuzzy or prefix match (a typo);
   * - 0: not in the guide.
   */
  const coverageOf = (
    guideId: string,
    words: readonly ExpandedToken[],
    accentedMessage: boolean,
    matched: ReadonlySet<string>,
  ): number => {
    const v = vocab.get(guideId);
    let credit = 0;
    for (const w of words) {
      if (v?.folded.has(w.folded)) {
        const spellings = v.spellings.get(w.folded);
        if (!accentedMessage || spellings === undefined || spellings.has(w.accented)) credit += 1;
        else credit += w.accented === w.folded ? 0.75 : 0.25;
      } else if (matched.has(w.folded)) credit += 0.5;
    }
    return credit / words.length;
  };

  const rank = (text: string): RankedCandidate[] => {
    const words = contentWords(text);
    if (words.length === 0) return [];
    const accentedMessage = hasDiacritics(text);
    // Query terms are de-duplicated so a repeated word does not count twice.
    const query = [...new Set(matchTerms(text))].join(" ");
    const results: SearchResult[] = index.search(query);
    const best = new Map<string, RankedCandidate>();
    for (const r of results) {
      const guideId = r["guideId"] as string;
      const coverage = coverageOf(guideId, words, accentedMessage, new Set(r.queryTerms));
      // BM25 ignores accents; weighting by coverage demotes guides met through folded
      // look-alikes ("bản sao" vs "bán hàng") and rewards guides that explain the whole message.
      const score = r.score * coverage;
      const prev = best.get(guideId);
      if (prev === undefined || score > prev.score) best.set(guideId, { guideId, score, coverage });
    }
    return [...best.values()].sort((a, b) => b.score - a.score);
  };

  const passes = (c: RankedCandidate | undefined): c is RankedCandidate =>
    c !== undefined && c.score >= opts.minScore && c.coverage >= opts.minCoverage;

  const match = (text: string): MatchResult => {
    const [first, second] = rank(text);
    if (!passes(first)) return { kind: "none" };
    if (passes(second) && second.score >= opts.ambiguityRatio * first.score) {
      return {
        kind: "ambiguous",
        candidates: [
          { guideId: first.guideId, score: first.score },
          { guideId: second.guideId, score: second.score },
        ],
      };
    }
    return { kind: "clear", guideId: first.guideId, score: first.score };
  };

  return { match, addPhrasing, rank };
}
