/** Vietnamese text folding, guide matching and understanding (issue 12), against plain string work on the same message. */
import { guideContextFrom } from "../../bot/chat/guide-context";
import { loadCommuneConfig } from "../../bot/config/commune";
import { createGuideMatcher, GUIDES, renderGuide } from "../../shared/guides";
import { createUnderstander } from "../../shared/intents";
import { matchTerms } from "../../shared/text";
import { outcomeOf } from "../shared/measure-understanding";
import { DEV_SET } from "../shared/phrasings.dev";
import { HELDOUT2 } from "../shared/phrasings.heldout2";
import { score } from "../shared/score-understanding";

const MESSAGE =
  "Chào ad ạ, cho mình hỏi là mình muốn kích hoạt tài khoản định danh điện tử mức 2 trên ứng dụng VNeID mà ko đc, " +
  "nó báo lỗi sai mk hoài, phải làm sao bây giờ ạ? Cảm ơn nhiều nhé!!! 😀";

function perCallMicros(fn: () => unknown, n: number): number {
  for (let i = 0; i < Math.min(n, 500); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) * 1000) / n;
}

export function textBench(report: (name: string, value: number, unit: string) => void): void {
  // Baseline: what any handler does anyway (NFD, strip marks, lower case, split on spaces).
  const baseline = perCallMicros(() => MESSAGE.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/\s+/), 20_000);
  const fold = perCallMicros(() => matchTerms(MESSAGE), 20_000);
  const matcher = createGuideMatcher(GUIDES);
  const match = perCallMicros(() => matcher.match(MESSAGE), 2_000);
  report("text_fold_200_chars", fold, "us");
  report("text_fold_vs_plain_normalize_ratio", fold / baseline, "ratio");
  report("guide_match_200_chars", match, "us");
  report("guide_match_vs_plain_normalize_ratio", match / baseline, "ratio");

  // Issue 12: the classifier the bot trains at start, on the demo commune's guides.
  const ctx = guideContextFrom(loadCommuneConfig("bot/config/communes/demo.json"), "https://example.org/miniapp");
  const rendered = GUIDES.map((g) => renderGuide(g, ctx));
  const t0 = performance.now();
  const u = createUnderstander(rendered);
  report("understand_training_start", performance.now() - t0, "ms");
  report("understand_200_chars", perCallMicros(() => u.understand(MESSAGE), 2_000) / 1000, "ms");
  const h = score(HELDOUT2, (t) => outcomeOf(u, t));
  const d = score(DEV_SET, (t) => outcomeOf(u, t));
  // Real requests: right guide or action, or "Ý bác là…?" offering it. Out of scope: answered with a guide or action.
  report("understand_heldout2_accuracy", (100 * h.realRight) / h.real, "%");
  report("understand_heldout2_out_of_scope_wrong", (100 * h.outWrong) / h.outOfScope, "%");
  report("understand_dev_accuracy", (100 * d.realRight) / d.real, "%");
  report("understand_dev_out_of_scope_wrong", (100 * d.outWrong) / d.outOfScope, "%");
}
