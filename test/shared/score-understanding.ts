/**
 * Scoring of held-out set 2 and the development set (same rules for the matcher alone, the bench
 * and the conversation test). An outcome is what the bot did: answered one label (guide id or
 * "@intent"), asked between choices, or missed.
 */
import type { HeldoutRow } from "./phrasings.heldout2";
import { REAL_REQUEST_KINDS } from "./phrasings.heldout2";

export type Outcome = { answer: string } | { choices: string[] } | { miss: true };

/** Out-of-scope answers that are never "wrong" for an out-of-scope message. */
const HARMLESS = new Set(["@off-topic", "@procedure"]);

export interface Score {
  real: number;
  realRight: number;
  /** Real requests answered with another guide or action (not a miss, not a question). */
  realWrong: number;
  outOfScope: number;
  /** Out-of-scope or look-alike messages answered with a guide or an action. */
  outWrong: number;
  /** Out-of-scope messages that got "Ý bác là…?" with guides or actions. */
  outAsked: number;
  failures: string[];
}

export function isRight(row: HeldoutRow, o: Outcome): boolean {
  const ok = [row.want, ...(row.also ?? [])];
  if ("answer" in o) return ok.includes(o.answer) || (!REAL_REQUEST_KINDS.has(row.kind) && HARMLESS.has(o.answer));
  if ("choices" in o) return REAL_REQUEST_KINDS.has(row.kind) && o.choices.some((c) => ok.includes(c));
  return !REAL_REQUEST_KINDS.has(row.kind);
}

export function score(rows: readonly HeldoutRow[], outcomeOf: (text: string) => Outcome): Score {
  const s: Score = { real: 0, realRight: 0, realWrong: 0, outOfScope: 0, outWrong: 0, outAsked: 0, failures: [] };
  for (const row of rows) {
    const o = outcomeOf(row.text);
    const right = isRight(row, o);
    if (REAL_REQUEST_KINDS.has(row.kind)) {
      s.real++;
      if (right) s.realRight++;
      else if ("answer" in o) s.realWrong++;
    } else {
      s.outOfScope++;
      if (!right && "answer" in o) s.outWrong++;
      if ("choices" in o) s.outAsked++;
    }
    if (!right) s.failures.push(`[${row.kind}] ${JSON.stringify(row.text)} want ${row.want} got ${JSON.stringify(o)}`);
  }
  return s;
}

export function summary(name: string, s: Score): string {
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
  return (
    `${name}: real requests ${s.realRight}/${s.real} right (${pct(s.realRight, s.real)}), ${s.realWrong} wrong answer; ` +
    `out of scope ${s.outOfScope}: ${s.outWrong} wrong answer (${pct(s.outWrong, s.outOfScope)}), ${s.outAsked} asked`
  );
}
