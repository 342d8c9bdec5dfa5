/** Vietnamese text folding and guide matching, against plain string work on the same message. */
import { createGuideMatcher, GUIDES } from "../../shared/guides";
import { matchTerms } from "../../shared/text";

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
}
