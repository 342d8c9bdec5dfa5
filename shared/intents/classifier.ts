/**
 * A multinomial logistic regression (softmax) over sparse text features (./features.ts), trained
 * in-process at start with AdaGrad and L2: no model files, no downloads. Labels are guide ids and
 * "@intent" ids, one of which is the explicit out-of-scope class "@off-topic".
 *
 * Confidence is the softmax probability after temperature scaling; the temperature is fitted at
 * training time on a held-back slice of the training examples (negative log-likelihood), so a 0.7
 * means roughly "right 7 times in 10" on phrasings like the training ones.
 */
import { DEFAULT_FEATURE_WEIGHTS, featuresOf, type FeatureWeights } from "./features";
import { prng } from "./variants";

export interface Example {
  text: string;
  label: string;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  features: FeatureWeights;
  seed: number;
  /** Models averaged (each with its own example order): steadier decisions near the thresholds. */
  ensemble: number;
}

export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainOptions> = {
  epochs: 6,
  learningRate: 0.5,
  l2: 1e-5,
  features: DEFAULT_FEATURE_WEIGHTS,
  seed: 12,
  ensemble: 3,
};

export interface Scored {
  label: string;
  p: number;
}

export interface Classifier {
  readonly labels: readonly string[];
  /** Every label with its calibrated probability, best first. */
  predict(text: string): Scored[];
  /** How much a feature ("u:dien", "b:dien_thoai", "a:điện") speaks for a label rather than another. */
  lift(feature: string, label: string, vs: string): number;
  /** The weights as they are now, for `trainClassifier(examples, options, snapshot)`. */
  snapshot(): ClassifierSnapshot;
  /** Learn one more example now (an officer's mapping): a few steps on it, mixed with old examples. */
  learn(text: string, label: string): void;
  /** Mean fitted temperature of the ensemble's models. */
  readonly temperature: number;
}

interface Encoded {
  idx: Int32Array;
  val: Float32Array;
  y: number;
  /** Example weight: classes with few examples (a guide's ten phrasings) weigh as much as big ones. */
  w: number;
}

/** A trained classifier's weights, to build an independent copy without training again. */
export interface ClassifierSnapshot {
  readonly features: ReadonlyMap<string, number>;
  readonly data: readonly Encoded[];
  readonly cap: number;
  readonly members: readonly MemberState[];
}

interface MemberState {
  W: Float32Array;
  G: Float32Array;
  bias: Float32Array;
  gBias: Float32Array;
  temperature: number;
}

/**
 * Trains on `examples`; or, given `from` (a snapshot of a classifier trained on the same examples
 * and options), copies its weights instead (tests and restarts in one process train once).
 */
export function trainClassifier(examples: readonly Example[], options: Partial<TrainOptions> = {}, from?: ClassifierSnapshot): Classifier {
  const o: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...options };
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const C = labels.length;
  const featIndex = new Map<string, number>(from?.features ?? []);

  const encode = (text: string, grow: boolean): { idx: Int32Array; val: Float32Array } => {
    const f = featuresOf(text, o.features);
    const idx: number[] = [];
    const val: number[] = [];
    for (const [name, v] of f) {
      let i = featIndex.get(name);
      if (i === undefined && grow) featIndex.set(name, (i = featIndex.size));
      if (i !== undefined) {
        idx.push(i);
        val.push(v);
      }
    }
    return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
  };

  const perClass = new Map<string, number>();
  for (const e of examples) perClass.set(e.label, (perClass.get(e.label) ?? 0) + 1);
  const mean = examples.length / Math.max(1, perClass.size);
  const weightOf = (label: string) => Math.min(3, Math.max(0.5, Math.sqrt(mean / perClass.get(label)!)));
  const data: Encoded[] = from ? [...from.data] : examples.map((e) => ({ ...encode(e.text, true), y: labelIndex.get(e.label)!, w: weightOf(e.label) }));
  // Room for features officers' phrasings add later.
  let cap = from?.cap ?? Math.ceil(featIndex.size * 1.25) + 1024;
  const rand = prng(o.seed);
  const members = Array.from({ length: o.ensemble }, (_, k) => member(k, from?.members[k]));

  /** One logistic regression of the ensemble (its own shuffles and calibration slice). */
  function member(k: number, init?: MemberState) {
    let W = init ? init.W.slice() : new Float32Array(cap * C);
    let G = init ? init.G.slice() : new Float32Array(cap * C).fill(1e-6);
    const bias = init ? init.bias.slice() : new Float32Array(C);
    const gBias = init ? init.gBias.slice() : new Float32Array(C).fill(1e-6);
    const logits = new Float64Array(C);
    const r = prng(o.seed * 7919 + k);
    let temperature = init?.temperature ?? 1;

    const raw = (x: { idx: Int32Array; val: Float32Array }, z: Float64Array) => {
      for (let c = 0; c < C; c++) z[c] = bias[c]!;
      for (let j = 0; j < x.idx.length; j++) {
        const base = x.idx[j]! * C;
        const v = x.val[j]!;
        for (let c = 0; c < C; c++) z[c]! += W[base + c]! * v;
      }
      return z;
    };
    const softmax = (z: Float64Array, T: number, out: Float64Array) => {
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, z[c]! / T);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += out[c] = Math.exp(z[c]! / T - max);
      for (let c = 0; c < C; c++) out[c]! /= sum;
      return out;
    };
    const step = (x: Encoded, lr: number) => {
      const p = softmax(raw(x, logits), 1, logits);
      for (let c = 0; c < C; c++) {
        const g = (p[c]! - (c === x.y ? 1 : 0)) * x.w;
        // Sparse update: a class the example already rules out barely moves; skipping it (and its
        // tiny L2 shrink) makes training several times faster.
        if (g > -1e-3 && g < 1e-3) continue;
        gBias[c]! += g * g;
        bias[c]! -= (lr * g) / Math.sqrt(gBias[c]!);
        for (let j = 0; j < x.idx.length; j++) {
          const i = x.idx[j]! * C + c;
          const gw = g * x.val[j]! + o.l2 * W[i]!;
          G[i]! += gw * gw;
          W[i]! -= (lr * gw) / Math.sqrt(G[i]!);
        }
      }
    };
    const fitTemperature = (held: Encoded[]): number => {
      if (held.length === 0) return 1;
      const zs = held.map((x) => raw(x, new Float64Array(C)));
      const p = new Float64Array(C);
      let best = 1;
      let bestNll = Infinity;
      for (let T = 0.5; T <= 4; T += 0.1) {
        let nll = 0;
        zs.forEach((z, i) => (nll -= Math.log(Math.max(1e-12, softmax(z, T, p)[held[i]!.y]!))));
        if (nll < bestNll) [bestNll, best] = [nll, T];
      }
      return Math.round(best * 10) / 10;
    };

    // Temperature: fitted on a slice held back from all but the last two epochs.
    const order = data.map((_, i) => i);
    const calib = new Set<number>();
    for (let i = 0; i < data.length; i++) if (r() < 0.1) calib.add(i);
    for (let e = 0; e < (init ? 0 : o.epochs); e++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      for (const i of order) if (e >= o.epochs - 2 || !calib.has(i)) step(data[i]!, o.learningRate);
      if (e === o.epochs - 3) temperature = fitTemperature([...calib].map((i) => data[i]!));
    }

    return {
      get temperature() {
        return temperature;
      },
      state: (): MemberState => ({ W: W.slice(), G: G.slice(), bias: bias.slice(), gBias: gBias.slice(), temperature }),
      /** Weight of feature i for class c relative to class `vs`. */
      lift: (i: number, c: number, vs: number) => W[i * C + c]! - W[i * C + vs]!,
      probs: (x: { idx: Int32Array; val: Float32Array }) => softmax(raw(x, new Float64Array(C)), temperature, new Float64Array(C)),
      step,
      grow(ncap: number) {
        const nW = new Float32Array(ncap * C);
        nW.set(W);
        const nG = new Float32Array(ncap * C).fill(1e-6);
        nG.set(G);
        [W, G] = [nW, nG];
      },
    };
  }

  const predict = (text: string): Scored[] => {
    const x = encode(text, false);
    const sum = new Float64Array(C);
    for (const m of members) {
      const p = m.probs(x);
      for (let c = 0; c < C; c++) sum[c]! += p[c]! / members.length;
    }
    return labels.map((label, c) => ({ label, p: sum[c]! })).sort((a, b) => b.p - a.p);
  };

  /** How much feature `name` speaks for `label` rather than `vs` (ensemble mean); 0 for unknown features. */
  const lift = (name: string, label: string, vs: string): number => {
    const i = featIndex.get(name);
    const c = labelIndex.get(label);
    const v = labelIndex.get(vs);
    if (i === undefined || c === undefined || v === undefined) return 0;
    return members.reduce((a, m) => a + m.lift(i, c, v), 0) / members.length;
  };

  const learn = (text: string, label: string) => {
    const y = labelIndex.get(label);
    if (y === undefined) throw new Error(`learn: unknown label "${label}"`);
    const x = { ...encode(text, true), y, w: 2 };
    if (featIndex.size > cap) {
      cap = Math.ceil(featIndex.size * 1.5);
      for (const m of members) m.grow(cap);
    }
    data.push(x);
    for (const m of members) {
      for (let i = 0; i < 20; i++) {
        m.step(x, o.learningRate);
        m.step(data[Math.floor(rand() * data.length)]!, o.learningRate);
      }
    }
  };

  return {
    labels,
    predict,
    lift,
    snapshot: () => ({ features: new Map(featIndex), data: [...data], cap, members: members.map((m) => m.state()) }),
    learn,
    get temperature() {
      return members.reduce((a, m) => a + m.temperature, 0) / members.length;
    },
  };
}
