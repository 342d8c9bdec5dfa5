/**
 * Measure the guide matcher on the committed phrasing table, and sweep its thresholds.
 * Run: npx tsx test/shared/measure-matcher.ts [--verbose]
 *
 * Prints, for the default options: accuracy (clear and correct), wrong-clear, ambiguous, none on
 * the positive rows, and false matches on the none rows; then the score/coverage distribution
 * that the thresholds were chosen from, and a small grid sweep.
 */
import { GUIDES } from "../../shared/guides/content/index";
import { createGuideMatcher, DEFAULT_MATCHER_OPTIONS, type GuideMatcherOptions } from "../../shared/guides/matcher";
import { renderGuide } from "../../shared/guides/placeholders";
import { SAMPLE_CONTEXT } from "./fixtures";
import { NONE_TABLE, PHRASING_TABLE } from "./phrasings.table";

const verbose = process.argv.includes("--verbose");
const rendered = GUIDES.map((g) => renderGuide(g, SAMPLE_CONTEXT));

export function evaluate(options: Partial<GuideMatcherOptions> = {}) {
  const m = createGuideMatcher(rendered, [], options);
  let correct = 0;
  let wrong = 0;
  let ambiguousWithRight = 0;
  let ambiguousWithout = 0;
  let none = 0;
  const failures: string[] = [];
  for (const row of PHRASING_TABLE) {
    const r = m.match(row.text);
    if (r.kind === "clear" && r.guideId === row.guide) correct++;
    else {
      if (r.kind === "clear") wrong++;
      else if (r.kind === "ambiguous") {
        if (r.candidates.some((c) => c.guideId === row.guide)) ambiguousWithRight++;
        else ambiguousWithout++;
      } else none++;
      const top = m.rank(row.text).slice(0, 3).map((c) => `${c.guideId}:${c.score.toFixed(1)}/${c.coverage.toFixed(2)}`);
      failures.push(`${JSON.stringify(row.text)} want ${row.guide}, got ${JSON.stringify(r)} | ${top.join(" ")}`);
    }
  }
  let falsePositives = 0;
  for (const text of NONE_TABLE) {
    const r = m.match(text);
    if (r.kind !== "none") {
      falsePositives++;
      failures.push(`NONE ${JSON.stringify(text)} got ${JSON.stringify(r)}`);
    }
  }
  return { correct, wrong, ambiguousWithRight, ambiguousWithout, none, falsePositives, failures, matcher: m };
}

const n = PHRASING_TABLE.length;
const d = evaluate();
console.log(`options ${JSON.stringify(DEFAULT_MATCHER_OPTIONS)}`);
console.log(
  `positives ${n}: clear+correct ${d.correct} (${((100 * d.correct) / n).toFixed(1)}%), wrong clear ${d.wrong}, ` +
    `ambiguous incl. right ${d.ambiguousWithRight}, ambiguous without ${d.ambiguousWithout}, none ${d.none}`,
);
console.log(`negatives ${NONE_TABLE.length}: false matches ${d.falsePositives}`);
for (const f of d.failures) console.log("  " + f);

if (verbose) {
  console.log("\nper row: best score / coverage, runner-up ratio");
  for (const row of PHRASING_TABLE) {
    const [a, b] = d.matcher.rank(row.text);
    const ok = a?.guideId === row.guide ? " " : "X";
    console.log(
      `${ok} ${(a?.score ?? 0).toFixed(1).padStart(5)} ${(a?.coverage ?? 0).toFixed(2)} ${b && a ? (b.score / a.score).toFixed(2) : "  - "} ${row.text}`,
    );
  }
  for (const text of NONE_TABLE) {
    const [a, b] = d.matcher.rank(text);
    console.log(
      `N ${(a?.score ?? 0).toFixed(1).padStart(5)} ${(a?.coverage ?? 0).toFixed(2)} ${b && a ? (b.score / a.score).toFixed(2) : "  - "} ${text} ${a ? "→ " + a.guideId : ""}`,
    );
  }
}

console.log("\nsweep: minScore minCoverage ambiguityRatio → correct / wrong / ambiguous / none / falsePos");
for (const minScore of [3, 4, 5, 6, 8, 10]) {
  for (const minCoverage of [0.34, 0.5, 0.6, 0.67]) {
    for (const ambiguityRatio of [0.8, 0.9, 0.95]) {
      const e = evaluate({ minScore, minCoverage, ambiguityRatio });
      console.log(
        `${String(minScore).padStart(3)} ${minCoverage.toFixed(2)} ${ambiguityRatio.toFixed(2)} → ` +
          `${e.correct} / ${e.wrong} / ${e.ambiguousWithRight + e.ambiguousWithout} / ${e.none} / ${e.falsePositives}`,
      );
    }
  }
}

{
  const { HELDOUT_TABLE, HELDOUT_NONE } = await import("./phrasings.heldout");
  const m = createGuideMatcher(rendered);
  let ok = 0;
  let wrong = 0;
  let amb = 0;
  let none = 0;
  console.log("\nheld-out table:");
  for (const row of HELDOUT_TABLE) {
    const r = m.match(row.text);
    if (r.kind === "clear" && r.guideId === row.guide) ok++;
    else {
      if (r.kind === "clear") wrong++;
      else if (r.kind === "ambiguous") amb++;
      else none++;
      console.log(`  ${JSON.stringify(row.text)} want ${row.guide} got ${JSON.stringify(r)}`);
    }
  }
  let fp = 0;
  for (const t of HELDOUT_NONE) {
    const r = m.match(t);
    if (r.kind !== "none") {
      fp++;
      console.log(`  NONE ${JSON.stringify(t)} got ${JSON.stringify(r)}`);
    }
  }
  console.log(
    `held-out positives ${HELDOUT_TABLE.length}: clear+correct ${ok} (${((100 * ok) / HELDOUT_TABLE.length).toFixed(1)}%), ` +
      `wrong ${wrong}, ambiguous ${amb}, none ${none}; negatives ${HELDOUT_NONE.length}: false matches ${fp}`,
  );
}
