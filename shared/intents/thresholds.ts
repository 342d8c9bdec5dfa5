/**
 * Every threshold of the understanding step, in one place. Chosen by the sweep in
 * test/shared/measure-understanding.ts (`npx tsx test/shared/measure-understanding.ts --sweep`) on
 * the development set (test/shared/phrasings.dev.ts) only; held-out set 2 is measured once, never
 * swept. Each line is what the sweep gave on the dev set (190 real requests, 154 out-of-scope or
 * look-alike messages, demo commune), the others at their chosen values. "Wrong" = an out-of-scope
 * message answered with a guide or action; "direct" = real requests answered right without
 * "Ý bác là…?" (asking is scored right, but costs the resident a tap).
 *
 * - minCoverage / commonLabels (./evidence.ts: share of the message's topic words the label's own
 *   phrasings use; a word the phrasings of commonLabels labels use counts neither way):
 *   0.75/4 → 1 wrong, 167 direct; 0.75/8 → 0, 166; 0.8/4 → 0, 167; 0.8/8 → 0, 166; 0.8/99 → 0, 165;
 *   0.67/4 and 0.85 (earlier runs) → wrong answers or fewer direct. Chosen 0.8/8: the stricter
 *   side of a flat optimum (with 4, "vneid", "zalo", "tài khoản" count as everyday words; an
 *   earlier run answered "quên mật khẩu zalo" with the VNeID guide).
 * - wordShare 0.3 (two syllables are one word): 0.15 → 165 direct; 0.5 → 166; 0.8 → 169 direct but
 *   3 more out-of-scope asks. All 190/190, 0 wrong.
 * - thinClear 0.8 (one word of evidence needs this probability): off (0) → 1 wrong ("tiền điện
 *   thoại trả sau" → electricity guide); 0.7 → 0 wrong, 39 asked; 0.9 / 0.95 → 44 asked.
 * - sure / sureCoverage (a label the model is this sure of needs only sureCoverage of the
 *   message): 0.99/0.5 → 1 wrong, 174 direct; 0.99/0.6 → 0, 166; 0.99/0.67 → 0, 158; 0.95/0.5 → 3
 *   wrong; 0.95/0.6 → 0, 167. Chosen 0.99/0.6 (0.5 lets "ứng dụng" + one unknown word through).
 * - askCoverage 0.5: 0.6 → 2 real requests missed (1 answered off-topic); 0.4 / 0.3 → more asks.
 * - askSure 0.9 (below askCoverage, still ask when the model is this sure): 0.8, 0.95, off → same
 *   right and wrong, ±4 asked.
 * - rescue 0.08 (out of scope ranked first, runner-up explains the message: ask it): 0.04–off
 *   change only the asks here; an earlier run lost "…thương lái ép giá, muốn tự bán trên mạng"
 *   without it.
 * - rival 0.1 (a runner-up whose phrasings explain the message better than the best's: ask both):
 *   0.05–off change nothing on the dev set; "≥" instead of ">" asked "tải ứng dụng vneid về máy"
 *   between VNeID and the province app (committed table: 89 of 100 direct, below its 90).
 * - tieBreak 0.5 (model torn, words only for the best: answer it): 0.4–never change nothing on the
 *   dev set; on the committed table 0.4–0.55 → 91 of 100 direct, never → 90 ("lam sao kich hoat
 *   dinh danh muc 2" asked between level 2 and the install guide).
 * - clear 0.6 (pair 0.65): 0.4 / 0.5 → 0 wrong but 8–11 more asks; 0.7 → 1 real request missed.
 * - suggest 0.4 (below clear: offer the likeliest that explains half the message): 0.5 → 1 missed.
 * - offTopic (0.3–0.5) and ratio (0.4–0.8) change nothing.
 * - sideEffect 0.8: "tin nhắn lạ gửi link" (committed table) stopped reminders at 0.6; an opt-out
 *   must be meant.
 * Result on the dev set: 190/190 real requests right (166 direct), 0/154 out-of-scope messages
 * answered with a guide or action, 41 asked. The fourth batch of the dev set (32 + 36 rows) was
 * measured once as written, before the last changes: 32/32 right, 1/36 wrong (a water bill → the
 * electricity guide; other bills then went into the out-of-scope examples).
 */
export interface UnderstandThresholds {
  /** Lowest calibrated probability of the best label to answer it directly. */
  clear: number;
  /** Runner-up / best at or above which the bot asks "Ý bác là…?" with both. */
  ratio: number;
  /** Lowest best + runner-up probability for asking between two when no label is clear. */
  pair: number;
  /** Lowest probability of the out-of-scope class to say what the OA helps with (else "chưa hiểu"). */
  offTopic: number;
  /** Lowest share of the message's topic words the best label's own phrasings use, to answer it (./evidence.ts). */
  minCoverage: number;
  /** Below `minCoverage` but at least this: ask "Ý bác là…?" with it; below: the off-topic answer. */
  askCoverage: number;
  /** A word the phrasings of this many labels use is everyday vocabulary: neither for nor against a label. */
  commonLabels: number;
  /** Two syllables are one word from this share of the rarer one's uses in the training phrasings (./evidence.ts). */
  wordShare: number;
  /** Below `clear` (or with a close runner-up): answer the best from this probability when its phrasings explain the message and the runner-up's do not. */
  tieBreak: number;
  /** A best label the message gives one word of evidence for is answered from this probability (else asked). */
  thinClear: number;
  /** A best label at least this probable... */
  sure: number;
  /** ...is answered from this coverage on (instead of `minCoverage`). */
  sureCoverage: number;
  /** Below `askCoverage`: still ask (not the off-topic answer) when the best label is this probable. */
  askSure: number;
  /** Out-of-scope ranked first: offer the runner-up from this probability when its phrasings explain the message (`minCoverage`). */
  rescue: number;
  /** A runner-up at least this probable whose phrasings explain the message as well as the best's: ask between them. */
  rival: number;
  /** Below `clear`: still offer the likeliest label(s) as "Ý bác là…?" from this probability on (2 disables). */
  suggest: number;
  /** Lowest probability to stop or restart reminders directly (else ask "Ý bác là…?"). */
  sideEffect: number;
}

export const THRESHOLDS: Readonly<UnderstandThresholds> = {
  clear: 0.6,
  ratio: 0.6,
  pair: 0.65,
  offTopic: 0.4,
  minCoverage: 0.8,
  sure: 0.99,
  sureCoverage: 0.6,
  askCoverage: 0.5,
  commonLabels: 8,
  wordShare: 0.3,
  thinClear: 0.8,
  tieBreak: 0.5,
  askSure: 0.9,
  rescue: 0.08,
  rival: 0.1,
  sideEffect: 0.8,
  suggest: 0.4,
};
