/**
 * Evidence for a label beyond the classifier's probability: how much of a message the label's own
 * training phrasings explain.
 *
 * A softmax spreads all its mass over the labels it knows, so one strong word ("ứng dụng", "mật
 * khẩu", "cán bộ") can give a guide 0.99 in a message whose other words are about something the
 * model never saw ("ứng dụng chỉnh ảnh đẹp", "tài khoản facebook bị quên mật khẩu"). The check
 * here is independent of the weights: the message's content words are grouped into Vietnamese
 * words (two syllables that occur together in some training phrasing, "điện thoại", "tài khoản",
 * are one word); words that carry no topic (pronouns, particles, regional question words, numbers,
 * everyday words such as "tiền", "nhà", and words the phrasings of many labels use) are left out;
 * the rest either occur in the label's own phrasings (support) or not (another topic's, or unknown
 * to the model: a run of unknown syllables is one word). Coverage = support / (support + the rest).
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
  // everyday words of any request: the phone, money, papers, home, the commune, sending and asking
  "điện thoại", "máy", "tiền", "nhà", "giấy", "tờ", "số", "xã", "thôn", "xóm", "làng", "mạng", "tin", "nhắn", "gửi", "gọi",
  "giấy tờ", "tin nhắn", "mở", "xin", "mang", "dùng", "cách", "chỗ", "việc", "bên", "khác", "tháng", "tuần",
];
const fold = (w: string) => w.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d");
const NEUTRAL_ACCENTED: ReadonlySet<string> = new Set(NEUTRAL_WORDS);
/** Folded; words of two syllables as "a b" (a unit of two in `wordsOf`). */
const NEUTRAL_FOLDED: ReadonlySet<string> = new Set(NEUTRAL_WORDS.map(fold));
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

/** A label's syllables and pairs of adjacent syllables. */
interface LabelWords {
  /** Single syllables, folded. */
  folded: Set<string>;
  accented: Set<string>;
  /** Folded syllables the label's phrasings use without accents ("vneid", "qr", "otp", "tien"). */
  bare: Set<string>;
  /** Folded syllables the label's phrasings use with accents. */
  accentedFolds: Set<string>;
  /** Words of two syllables, folded ("tien dien"). */
  pairs: Set<string>;
  /** The phrasings' syllables, to tell which ones the label uses on their own (`free`). */
  texts: string[][];
}

export interface VocabularyOptions {
  /** A word the phrasings of this many labels (besides `outOfScope`, whose examples name every other topic) use is everyday vocabulary. */
  commonLabels: number;
  /**
   * Two syllables are one word when they follow each other at least twice in the training
   * phrasings and in at least this share of the rarer one's uses ("khách hàng", "điện thoại",
   * "phản ánh"; not "số điện" of "số điện thoại", nor "cài ứng" of "cài ứng dụng").
   */
  wordShare: number;
  outOfScope: string;
}

export function createVocabulary({ commonLabels, wordShare, outOfScope }: VocabularyOptions): Vocabulary {
  const byLabel = new Map<string, LabelWords>();
  /** How often two syllables follow each other in the training phrasings (a word of two syllables). */
  const pairCount = new Map<string, number>();
  const syllableCount = new Map<string, number>();
  const isWord = (a: string, b: string): number => {
    const c = pairCount.get(`${a} ${b}`) ?? 0;
    return c >= 2 && c >= wordShare * Math.min(syllableCount.get(a) ?? 0, syllableCount.get(b) ?? 0) ? c : 0;
  };
  /** Labels whose phrasings use a syllable or two syllables in a row. */
  const labelsOf = new Map<string, Set<string>>();
  const note = (key: string, label: string) => {
    let s = labelsOf.get(key);
    if (!s) labelsOf.set(key, (s = new Set()));
    s.add(label);
  };

  const add = (label: string, text: string) => {
    let w = byLabel.get(label);
    if (!w) byLabel.set(label, (w = { folded: new Set(), accented: new Set(), bare: new Set(), accentedFolds: new Set(), pairs: new Set(), texts: [] }));
    last = undefined;
    free = undefined;
    const toks = expandedTokens(text).filter((t) => /[a-z0-9]/.test(t.folded));
    w.texts.push(toks.map((t) => t.folded));
    toks.forEach((t, i) => {
      w.folded.add(t.folded);
      w.accented.add(t.accented);
      (t.accented === t.folded ? w.bare : w.accentedFolds).add(t.folded);
      note(t.folded, label);
      syllableCount.set(t.folded, (syllableCount.get(t.folded) ?? 0) + 1);
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
   * Words of a text: its content syllables, two adjacent ones joined where the training phrasings
   * join them (the likeliest split: "đóng | tiền điện | máy", not "đóng tiền | điện máy").
   */
  /**
   * Per label, the folded syllables its phrasings use outside a frequent word of two ("khách" of
   * "mã khách hàng" is not; "cài" of "cài lại" is). Built lazily: new phrasings change the counts.
   */
  let free: Map<string, Set<string>> | undefined;
  const freeOf = (label: string): Set<string> => {
    if (!free) {
      free = new Map();
      for (const [l, w] of byLabel) {
        const f = new Set<string>();
        for (const t of w.texts) t.forEach((s, i) => !(i > 0 && isWord(t[i - 1]!, s)) && !(i + 1 < t.length && isWord(s, t[i + 1]!)) && f.add(s));
        free.set(l, f);
      }
    }
    return free.get(label) ?? new Set();
  };

  let last: { text: string; words: { toks: ExpandedToken[]; start: number; end: number }[] } | undefined;
  /** `splitWords` of the last text asked (one message is checked against several labels). */
  const wordsOf = (text: string) => {
    if (last?.text !== text) last = { text, words: splitWords(text) };
    return last.words;
  };
  const splitWords = (text: string) => {
    const toks = expandedTokens(text);
    const content = contentMask(toks);
    const n = toks.length;
    // best[i]: score of the best split of toks[i..]; a word of two scores log(1 + its count).
    const best = new Float64Array(n + 1);
    const join = new Uint8Array(n + 1);
    for (let i = n - 1; i >= 0; i--) {
      best[i] = best[i + 1]!;
      // A word of two may hold a stop syllable ("phản ánh": "anh" is a pronoun alone).
      if (i + 1 < n && (content[i] || content[i + 1]) && /[a-z0-9]/.test(toks[i]!.folded) && /[a-z0-9]/.test(toks[i + 1]!.folded)) {
        const c = isWord(toks[i]!.folded, toks[i + 1]!.folded);
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
    /** The label's phrasings use the syllable. */
    const own = (t: ExpandedToken): boolean =>
      // A word typed with accents must be the label's word with those accents (lúa is not lừa).
      w !== undefined && (t.accented !== t.folded ? w.accented.has(t.accented) || (w.bare.has(t.folded) && !w.accentedFolds.has(t.folded)) : w.folded.has(t.folded));
    // A word many labels use is everyday vocabulary: no sign of another topic.
    const common = (key: string) => {
      const users = labelsOf.get(key);
      return users !== undefined && users.size - (users.has(outOfScope) ? 1 : 0) >= commonLabels;
    };
    const unknown = (word: string) => word.split(" ").every((x) => !labelsOf.has(x));
    const words: { word: string; support: boolean; start: number; end: number }[] = [];
    for (const { toks, start, end } of wordsOf(text)) {
      const word = toks.map((t) => t.accented).join(" ");
      if (toks.length === 2) {
        const key = `${toks[0]!.folded} ${toks[1]!.folded}`;
        // Words without topic count neither way, even where the label's phrasings use them.
        if (NEUTRAL_FOLDED.has(key)) continue;
        // The label's word, or both its syllables are the label's (a split the label's phrasings
        // do not make: "tắt | nhắc" against "tắt nhắc").
        if (w?.pairs.has(key) || (own(toks[0]!) && own(toks[1]!))) words.push({ word, support: true, start, end });
        else if (!common(key)) words.push({ word, support: false, start, end });
        continue;
      }
      const t = toks[0]!;
      if (neutral(t)) continue;
      // The label's syllable only inside a word of two: no support, and no sign of another topic.
      if (own(t) && !freeOf(label).has(t.folded)) continue;
      if (own(t)) words.push({ word, support: true, start, end });
      else if (!/^[0-9]+$/.test(t.folded) && !common(t.accented)) words.push({ word, support: false, start, end });
    }
    // Syllables no training phrasing uses, one after another, are one thing the model does not know
    // ("tạp hóa" → "tạp", "cống nghẹt"): one unit. Known words of other topics stay one unit each.
    const units: typeof words = [];
    for (const x of words) {
      const prev = units.at(-1);
      if (prev && !prev.support && !x.support && prev.end === x.start && unknown(prev.word) && unknown(x.word)) [prev.word, prev.end] = [`${prev.word} ${x.word}`, x.end];
      else units.push({ ...x });
    }
    const seen = new Map(units.map((x) => [x.word, x.support]));
    const support = [...seen.values()].filter(Boolean).length;
    return { coverage: seen.size === 0 ? 1 : support / seen.size, words: [...seen].map(([word, support]) => ({ word, support })) };
  };

  return { add, coverage };
}
