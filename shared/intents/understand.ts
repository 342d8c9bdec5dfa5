/**
 * What does a resident's message ask for: a guide, an action (intent), one of two ("Ý bác là…?"),
 * or nothing we do (and why). The classifier (./classifier.ts) is trained at start on the guides'
 * titles, keywords and phrasings, the intents' phrasings (./intents.ts), generated variants of all
 * of them (./variants.ts), and the phrasings officers mapped; officers' new mappings are learned at
 * once. A message equal (after folding) to a known phrasing gets that phrasing's label directly.
 *
 * Labels: a guide id, or "@" + an intent id.
 */
import type { Guide } from "../guides/schema";
import { PLACEHOLDER_RE } from "../guides/placeholders";
import { contentTokens, foldKey } from "../text/index";
import { trainClassifier, type Classifier, type ClassifierSnapshot, type Example, type Scored, type TrainOptions } from "./classifier";
import { GUIDE_EXAMPLES } from "./guide-examples";
import { INTENT_IDS, INTENT_PHRASINGS, isIntentId, type IntentId } from "./intents";
import { THRESHOLDS, type UnderstandThresholds } from "./thresholds";
import { prng, variantsOf } from "./variants";
import { createVocabulary } from "./evidence";

export type Understanding =
  | { kind: "guide"; guideId: string; p: number }
  | { kind: "intent"; intent: IntentId; p: number }
  /** "Ý bác là…?" with one or two choices. */
  | { kind: "ambiguous"; choices: string[]; p: number[] }
  | { kind: "none"; reason: "unclear" | "empty"; p: number };

export interface Understander {
  understand(text: string): Understanding;
  /** Every label with its probability, best first (for logs and tuning). */
  rank(text: string): Scored[];
  /** An officer mapped a question: learn it now. `label` is a guide id or "@intent". */
  learn(label: string, text: string): void;
  readonly labels: readonly string[];
  readonly trainingExamples: number;
  /** Why a message got its answer (tuning and logs): the ranking and each content word's support. */
  explain(text: string): Explanation;
}

export interface Explanation {
  ranked: Scored[];
  /** For the best two labels: the message's topic words and whether the label's phrasings use them. */
  evidence: { label: string; coverage: number; words: { word: string; support: boolean }[] }[];
}

export interface UnderstandOptions {
  thresholds: Partial<UnderstandThresholds>;
  train: Partial<TrainOptions>;
  /** Generated variants per phrasing. */
  variants: number;
  /** Variants per request phrasing with everyday chatter around it. */
  mixed: number;
}

const FILLER_FREE: ReadonlySet<IntentId> = new Set(["thanks", "greeting", "rating"]);

export const intentLabel = (id: IntentId) => `@${id}`;
const OFF_LABEL = intentLabel("off-topic");

/** Labels answered on function words alone. */
const SOCIAL: ReadonlySet<string> = new Set([...FILLER_FREE].map((id) => `@${id}`));

const SIDE_EFFECT: ReadonlySet<string> = new Set([intentLabel("opt-out"), intentLabel("opt-in")]);

/**
 * Trained weights by training input, so that a process that builds the bot many times (tests, a
 * restart of the services in one process) trains once; every caller gets its own copy, since
 * officers' mappings change the weights.
 */
const TRAINED = new Map<string, ClassifierSnapshot>();
let lastTrainedKey: string | undefined;
function trainOnce(examples: readonly Example[], train: Partial<TrainOptions>): Classifier {
  const key = `${hash(JSON.stringify(train))}:${hash(examples.map((e) => `${e.label}\t${e.text}`).join("\n"))}:${examples.length}`;
  lastTrainedKey = key;
  const known = TRAINED.get(key);
  if (known) return trainClassifier(examples, train, known);
  const clf = trainClassifier(examples, train);
  remember(key, clf.snapshot());
  return clf;
}
function remember(key: string, snapshot: ClassifierSnapshot): void {
  TRAINED.delete(key);
  if (TRAINED.size >= 4) TRAINED.delete(TRAINED.keys().next().value!);
  TRAINED.set(key, snapshot);
}

/** Weights trained for some inputs, to hand from one thread to another (structured-cloneable). */
export interface TrainedWeights {
  key: string;
  snapshot: ClassifierSnapshot;
}

/**
 * The weights of the last `createUnderstander` in this thread: a worker thread trains (seconds) and
 * hands them to the bot's thread (bot/guides/background-training.ts).
 */
export function lastTrainedWeights(): TrainedWeights | undefined {
  const snapshot = lastTrainedKey === undefined ? undefined : TRAINED.get(lastTrainedKey);
  return snapshot && lastTrainedKey !== undefined ? { key: lastTrainedKey, snapshot } : undefined;
}

/** Weights trained in another thread: the next `createUnderstander` on the same inputs copies them instead of training. */
export function adoptTrainedWeights(w: TrainedWeights): void {
  remember(w.key, w.snapshot);
}

/** FNV-1a: a stable 32-bit seed from a string. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function clean(s: string): string {
  return s.replace(PLACEHOLDER_RE, " ").replace(/\s+/g, " ").trim();
}

export function createUnderstander(
  guides: readonly Guide[],
  extra: readonly { label: string; text: string }[] = [],
  options: Partial<UnderstandOptions> = {},
): Understander {
  const th: UnderstandThresholds = { ...THRESHOLDS, ...options.thresholds };
  const nVariants = options.variants ?? 4;
  const nMixed = options.mixed ?? 2;
  const examples: Example[] = [];
  const exact = new Map<string, string>();
  // Everyday words from the out-of-scope examples, mixed into requests ("nhà có mấy tạ tiêu mà
  // thương lái ép giá quá, muốn bán trên mạng"): the words around a request must not outvote it.
  const chatter = INTENT_PHRASINGS["off-topic"].filter((p) => p.split(" ").length >= 2);

  const vocabulary = createVocabulary({ commonLabels: th.commonLabels, wordShare: th.wordShare, outOfScope: OFF_LABEL });
  const add = (label: string, text: string, filler: boolean, remember = true) => {
    const t = clean(text);
    if (t === "") return;
    vocabulary.add(label, t);
    if (remember) exact.set(foldKey(t), label);
    // Seeds come from the phrasing itself: adding a phrasing does not reshuffle everyone else's variants.
    const seed = hash(`${label} ${t}`);
    for (const v of variantsOf(t, seed, { filler, count: nVariants })) examples.push({ text: v, label });
    if (filler && label !== OFF_LABEL) {
      const mix = prng(seed ^ 0x5bd1e995);
      for (let i = 0; i < nMixed; i++) {
        const c = chatter[Math.floor(mix() * chatter.length)]!;
        const d = chatter[Math.floor(mix() * chatter.length)]!;
        examples.push({ text: mix() < 0.5 ? `${c} mà ${t}` : `${c}, ${d}, ${t} ${mix() < 0.5 ? "với" : ""}`, label });
      }
    }
  };
  // A guide's keyword that names a procedure the commune has no guide for ("khai sinh", "đất đai"
  // among the online services guide's keywords, for retrieval) is no evidence for the guide on its
  // own: there the procedure answer is right; the guide's phrasings ("làm khai sinh online") still are.
  const procedures = INTENT_PHRASINGS.procedure.map((p) => ` ${foldKey(p)} `);
  const namesProcedure = (k: string) => procedures.some((p) => p.includes(` ${foldKey(k)} `));
  for (const g of guides) {
    add(g.id, g.title, true);
    for (const k of g.keywords ?? []) {
      // The guide still explains the word ("chứng thực bản sao online").
      if (namesProcedure(k)) {
        vocabulary.add(g.id, clean(k));
        continue;
      }
      add(g.id, k, true, false);
      // A name of 3+ words typed as one ("ihatinh", "tiktokshop").
      const glued = foldKey(clean(k)).split(" ");
      if (glued.length >= 3) add(g.id, glued.join(""), false, false);
    }
    for (const p of g.phrasings) add(g.id, p, true);
    for (const p of GUIDE_EXAMPLES[g.id] ?? []) add(g.id, p, true, false);
  }
  for (const id of INTENT_IDS) for (const p of INTENT_PHRASINGS[id]) add(intentLabel(id), p, !FILLER_FREE.has(id));
  const labelOk = (l: string) => guides.some((g) => g.id === l) || (l.startsWith("@") && isIntentId(l.slice(1)));
  for (const e of extra) if (labelOk(e.label)) add(e.label, e.text, false);

  const clf: Classifier = trainOnce(examples, options.train ?? {});

  // A guide or action is answered only when its own phrasings use most of the message's topic
  // words (./evidence.ts): one shared word — "bảo hiểm" in "bảo hiểm ô tô", "ứng dụng" in "ứng
  // dụng chỉnh ảnh" — is not enough, however sure the classifier is.
  const coverage = (label: string, text: string): number => vocabulary.coverage(label, text).coverage;
  /** The label's phrasings explain `askCoverage` of the message, with at least one word. */
  const explainsSome = (label: string, text: string): boolean => {
    const c = vocabulary.coverage(label, text);
    return c.coverage >= th.askCoverage && c.words.some((w) => w.support);
  };
  /** The label's phrasings explain the message, with at least one word of it (not a message of particles). */
  const explains = (label: string, text: string): boolean => {
    const c = vocabulary.coverage(label, text);
    return c.coverage >= th.minCoverage && c.words.some((w) => w.support);
  };

  const toUnderstanding = (label: string, p: number): Understanding =>
    label.startsWith("@") ? { kind: "intent", intent: label.slice(1) as IntentId, p } : { kind: "guide", guideId: label, p };

  const understand = (text: string): Understanding => {
    const key = foldKey(text);
    if (!/[a-z0-9]/.test(key)) return { kind: "none", reason: "empty", p: 0 };
    const known = exact.get(key);
    if (known !== undefined) return toUnderstanding(known, 1);
    const [a, b] = clf.predict(text) as [Scored, Scored];
    const OFF = intentLabel("off-topic");
    // "Ý bác là…?" offers the runner-up too when it is likely, or when the message's words speak
    // for it more than for the best ("…trúng thưởng, chuyển 3 triệu phí rồi": the victim's answer
    // beside the prevention guide).
    const ask = (x: Scored, y?: Scored): Understanding =>
      y && y.label !== OFF && (y.p >= 0.1 || (y.p >= th.rival / 4 && coverage(y.label, text) > coverage(x.label, text)))
        ? { kind: "ambiguous", choices: [x.label, y.label], p: [x.p, y.p] }
        : { kind: "ambiguous", choices: [x.label], p: [x.p] };
    if (a.label === OFF) {
      // Chatter around a request can outweigh it ("nhà có mấy tạ tiêu mà thương lái ép giá, muốn tự
      // bán trên mạng"): a runner-up whose phrasings explain the whole message is offered.
      if (b.p >= th.rescue && explains(b.label, text)) return ask(b);
      return a.p >= th.offTopic ? toUnderstanding(OFF, a.p) : { kind: "none", reason: "unclear", p: a.p };
    }
    // A message without one topic word ("nhà tui ở thôn 3", "nay nhà có khách") gives no evidence
    // for a guide or an action, however the classifier leans: ask, or do not guess. Thanks,
    // greetings and ratings are made of such words.
    const supportWords = SOCIAL.has(a.label) ? Infinity : vocabulary.coverage(a.label, text).words.filter((w) => w.support).length;
    if (supportWords === 0) return a.p >= th.clear ? ask(a, b) : { kind: "none", reason: "unclear", p: a.p };
    // One word of evidence ("trả" in "tiền điện thoại trả sau") needs a surer model to answer.
    if (supportWords === 1 && a.p >= th.clear && a.p < th.thinClear) return ask(a, b);
    const cov = coverage(a.label, text);
    // A label the model is all but sure of needs less of the message explained (`sureCoverage`).
    if (cov < (a.p >= th.sure ? th.sureCoverage : th.minCoverage)) {
      // A likely label that explains too little of the message: ask rather than open it when it
      // explains at least `askCoverage` of it (or the model is `askSure` of it), else say what the
      // OA helps with.
      if (a.p < th.clear) return suggestOrNone(a, b, text);
      if (cov < th.askCoverage && a.p < th.askSure) return toUnderstanding(OFF, 1 - a.p);
      return ask(a, b);
    }
    // A runner-up the message's words support better than the best: ask between the two.
    if (a.p >= th.clear && b.label !== OFF && b.p >= th.rival && explains(b.label, text) && coverage(b.label, text) > cov) return ask(a, b);
    // Actions that change something (stop or restart reminders) need more certainty; else ask.
    if (SIDE_EFFECT.has(a.label) && a.p < th.sideEffect) {
      return b.label !== OFF ? { kind: "ambiguous", choices: [a.label, b.label], p: [a.p, b.p] } : { kind: "none", reason: "unclear", p: a.p };
    }
    if (a.p >= th.clear && (b.label === OFF || b.p < th.ratio * a.p)) return toUnderstanding(a.label, a.p);
    // The model torn between two, the message's words only for the best ("…định danh mức 2":
    // the level-2 guide, not the install guide): the words decide.
    if (a.p >= th.tieBreak && b.label !== OFF && cov >= th.minCoverage && !explains(b.label, text)) return toUnderstanding(a.label, a.p);
    if (b.label !== OFF && a.p + b.p >= th.pair) return { kind: "ambiguous", choices: [a.label, b.label], p: [a.p, b.p] };
    if (a.p >= th.clear) return toUnderstanding(a.label, a.p);
    return suggestOrNone(a, b, text);
  };

  /** Not sure enough to answer: offer the likeliest one or two when they are likely enough, else "chưa hiểu". */
  const suggestOrNone = (a: Scored, b: Scored, text: string): Understanding => {
    const choices = [a, b].filter((x, i) => x.label !== OFF_LABEL && x.p >= (i === 0 ? th.suggest : th.suggest / 2) && explainsSome(x.label, text));
    if (choices.length === 0) return { kind: "none", reason: "unclear", p: a.p };
    return { kind: "ambiguous", choices: choices.map((x) => x.label), p: choices.map((x) => x.p) };
  };


  return {
    understand,
    rank: (text) => clf.predict(text),
    learn(label, text) {
      if (!labelOk(label)) throw new Error(`learn: unknown label "${label}"`);
      exact.set(foldKey(clean(text)), label);
      vocabulary.add(label, clean(text));
      clf.learn(clean(text), label);
    },
    labels: clf.labels,
    trainingExamples: examples.length,
    explain(text) {
      const ranked = clf.predict(text).slice(0, 4);
      return { ranked, evidence: ranked.slice(0, 2).map((r) => ({ label: r.label, ...vocabulary.coverage(r.label, text) })) };
    },
  };
}
