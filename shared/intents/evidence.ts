/**
 * Evidence for a label beyond the classifier's probability: how much of a message the label's own
 * training phrasings explain.
 *
 * A softmax spreads all its mass over the labels it knows, so one strong word ("ứng dụng", "mật
 * khẩu", "cán bộ") can give a guide 0.99 in a message whose other words are about something the
 * model never saw ("ứng dụng chỉnh ảnh đẹp", "tài khoản facebook bị quên mật khẩu"). The check
 * here is independent of the weights: the message's content words are grouped into Vietnamese
 * words (two syllables that occur together in some training phrasing, "điện thoại", "tài khoản",
 * are one word), words that carry no topic (pronouns, particles, regional question words, numbers)
 * are left out, and the rest either occur in the label's own phrasings (support) or not (unknown to
 * the model, or another topic's). Coverage = support / (support + the rest).
 *
 * It uses the phrasings as written (titles, keywords, phrasings, examples, officers' mappings), not
 * the generated variants: those mix everyday chatter into requests on purpose, which gives every
 * chatter word a small weight for every guide.
 */
import { contentMask, expandedTokens, type ExpandedToken } from "../text/index";

/**
 * Words that carry no topic although they are not stop words of the retrieval matcher: Southern,
 * Central and Highlands pronouns and question words, particles of spoken run-ons, classifiers, and
 * time and degree words of chat. Accented: typed with accents, only these forms are left out ("hội"
 * is not "hỏi"); typed without, their folded forms are. A label's own phrasings still make them
 * support.
 */
export const NEUTRAL_WORDS: readonly string[] = [
  // pronouns, kin terms and address
  "tui", "tau", "mi", "hắn", "bố", "má", "cha", "vợ", "chồng", "bạn", "nhau", "họ", "mình", "e", "a", "c", "ad", "ae", "mn",
  "mọi", "người", "đó", "ni", "nớ", "nó", "này", "kia", "thằng", "đứa", "cháu", "con", "bà", "ông", "bác", "cô", "dì", "chú",
  // particles, spoken fillers, regional question words, classifiers
  "thưa", "ui", "ơi", "hả", "hè", "nghe", "nói", "bảo", "biết", "mô", "răng", "rứa", "chi", "hen", "nghen", "nè", "nha", "hông",
  "kiểu", "thế", "nào", "đâu", "chứ", "mà", "thì", "là", "một", "cái", "chiếc", "mấy", "vô", "ra", "đi", "tới", "qua", "lại",
  "gì", "sao", "làm", "mần", "coi", "hoài", "hỏi", "xong", "hết", "luôn", "nhé", "nhỉ", "giùm", "giúp", "dùm", "với", "ok",
  "oke", "thôi", "vậy", "ấy", "đấy", "đang", "đã", "vẫn", "cứ", "chắc", "nghĩ", "thấy", "tại", "vì", "nên", "phải", "cần",
  "có", "không", "được", "chưa", "rồi", "muốn", "ạ", "dạ", "vâng", "ừ", "nhờ", "xin", "hay", "còn", "cũng", "lỡ",
  // time words of chat
  "giờ", "bữa", "nay", "hôm", "mai", "năm", "bây", "lúc", "hồi", "trước", "sau", "nữa", "mới", "nãy", "khi", "lâu", "sớm", "dạo",
  // degree and quantity
  "lắm", "quá", "nhiều", "ít", "rất", "hơi", "vài", "tất", "cả", "những", "các", "thật", "thiệt",
];
const NEUTRAL_ACCENTED: ReadonlySet<string> = new Set(NEUTRAL_WORDS);
const NEUTRAL_FOLDED: ReadonlySet<string> = new Set(NEUTRAL_WORDS.map((w) => w.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d")));
const neutral = (t: ExpandedToken) => (t.accented !== t.folded ? NEUTRAL_ACCENTED.has(t.accented) : NEUTRAL_FOLDED.has(t.folded));

export interface Vocabulary {
  /** A label's phrasings were given (or an officer mapped one): remember its words. */
  add(label: string, text: string): void;
  /**
   * Share of the message's topic words that the label's phrasings use (1 when the message has
   * none), with the words for explanations.
   */
  coverage(label: string, text: string): { coverage: number; words: { word: string; support: boolean }[] };
}

interface LabelWords {
  folded: Set<string>;
  accented: Set<string>;
  /** Folded syllables the label's phrasings use without accents ("vneid", "qr", "otp", "tien"). */
  bare: Set<string>;
  /** Folded syllables the label's phrasings use with accents. */
  accentedFolds: Set<string>;
  pairs: Set<string>;
}

/** `commonLabels`: a word used by the phrasings of this many labels or more is everyday vocabulary. */
export function createVocabulary(commonLabels: number): Vocabulary {
  const byLabel = new Map<string, LabelWords>();
  /** How often two syllables follow each other in the training phrasings (a word of two syllables). */
  const pairCount = new Map<string, number>();
  /** Labels whose phrasings use a syllable or a word of two. */
  const labelsOf = new Map<string, Set<string>>();
  const note = (key: string, label: string) => {
    let s = labelsOf.get(key);
    if (!s) labelsOf.set(key, (s = new Set()));
    s.add(label);
  };

  const add = (label: string, text: string) => {
    let w = byLabel.get(label);
    if (!w) byLabel.set(label, (w = { folded: new Set(), accented: new Set(), bare: new Set(), accentedFolds: new Set(), pairs: new Set() }));
    const toks = expandedTokens(text).filter((t) => /[a-z0-9]/.test(t.folded));
    toks.forEach((t, i) => {
      w.folded.add(t.folded);
      w.accented.add(t.accented);
      (t.accented === t.folded ? w.bare : w.accentedFolds).add(t.folded);
      note(t.folded, label);
      if (t.accented !== t.folded) note(t.accented, label);
      const next = toks[i + 1];
      if (next) {
        const pair = `${t.folded} ${next.folded}`;
        w.pairs.add(pair);
        pairCount.set(pair, (pairCount.get(pair) ?? 0) + 1);
        note(pair, label);
      }
    });
  };

  /**
   * Words of the message: its content syllables, two adjacent ones joined where the training
   * phrasings join them (the likeliest split: "đóng | tiền điện | máy", not "đóng tiền | điện máy").
   */
  const wordsOf = (text: string) => {
    const toks = expandedTokens(text);
    const content = contentMask(toks);
    const n = toks.length;
    // best[i]: score of the best split of toks[i..]; a word of two scores log(1 + its count).
    const best = new Float64Array(n + 1);
    const join = new Uint8Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      best[i] = best[i + 1]!;
      if (i + 1 < n && content[i] && content[i + 1]) {
        const c = pairCount.get(`${toks[i]!.folded} ${toks[i + 1]!.folded}`) ?? 0;
        if (c > 0 && Math.log1p(c) + best[i + 2]! > best[i]!) [best[i], join[i]] = [Math.log1p(c) + best[i + 2]!, 1];
      }
    }
    // start/end: token positions, so that words next to each other in the message can be told.
    const out: { toks: ExpandedToken[]; start: number; end: number }[] = [];
    for (let i = 0; i < n; i++) {
      if (join[i]) {
        out.push({ toks: [toks[i]!, toks[i + 1]!], start: i, end: i + 2 });
        i++;
      } else if (content[i] && /[a-z0-9]/.test(toks[i]!.folded)) out.push({ toks: [toks[i]!], start: i, end: i + 1 });
    }
    return out;
  };

  const coverage = (label: string, text: string) => {
    const w = byLabel.get(label);
    /** true: the label uses the word; undefined: a word without topic; false: another topic's or unknown. */
    const own = (t: ExpandedToken): boolean =>
      // A word typed with accents must be the label's word with those accents (lúa is not lừa).
      w !== undefined && (t.accented !== t.folded ? w.accented.has(t.accented) || (w.bare.has(t.folded) && !w.accentedFolds.has(t.folded)) : w.folded.has(t.folded));
    // A word many labels use ("điện thoại", "tiền", "mang") is everyday vocabulary: no support, but no
    // sign of another topic either.
    const common = (key: string) => (labelsOf.get(key)?.size ?? 0) >= commonLabels;
    const unknown = (word: string) => word.split(" ").every((x) => !labelsOf.has(x));
    const words: { word: string; support: boolean; start: number; end: number }[] = [];
    for (const { toks, start, end } of wordsOf(text)) {
      const word = toks.map((t) => t.accented).join(" ");
      if (toks.length === 2) {
        const key = `${toks[0]!.folded} ${toks[1]!.folded}`;
        if (w?.pairs.has(key)) words.push({ word, support: true, start, end });
        else if (!common(key)) words.push({ word, support: false, start, end });
        continue;
      }
      const t = toks[0]!;
      if (own(t)) words.push({ word, support: true, start, end });
      else if (!neutral(t) && !/^[0-9]+$/.test(t.folded) && !common(t.accented)) words.push({ word, support: false, start, end });
    }
    // Syllables no training phrasing uses, one after another, are one thing the model does not know
    // ("tạp hóa" → "tạp", "cống nghẹt"): one unit. Known words of other topics stay one unit each.
    const units: typeof words = [];
    for (const x of words) {
      const last = units.at(-1);
      if (last && !last.support && !x.support && last.end === x.start && unknown(last.word) && unknown(x.word)) [last.word, last.end] = [`${last.word} ${x.word}`, x.end];
      else units.push({ ...x });
    }
    const seen = new Map(units.map((x) => [x.word, x.support]));
    const support = [...seen.values()].filter(Boolean).length;
    return { coverage: seen.size === 0 ? 1 : support / seen.size, words: [...seen].map(([word, support]) => ({ word, support })) };
  };

  return { add, coverage };
}
