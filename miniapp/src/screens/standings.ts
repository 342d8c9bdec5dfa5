/** Villages' figures as residents and officers read them: which percentage counts, and places. No DOM: tested in Node. */
import type { VillageDashboard } from "../api/types";

/** Plain words for which figure counts toward the target and the ranking (commune file `target.basis`). */
export const BASIS_WORDS: Record<VillageDashboard["basis"], string> = {
  self_declared: "số hộ tự khai",
  verified: "số hộ trưởng thôn đã xác nhận",
};

/** The figure that counts under the commune's basis. */
export const countedPercent = (v: { basis: VillageDashboard["basis"]; fullyMetPercent: number | null; fullyMetVerifiedPercent: number | null }) =>
  v.basis === "verified" ? v.fullyMetVerifiedPercent : v.fullyMetPercent;

/**
 * The residents' rule for the commune's villages, also on the officer's table: by the share of households
 * "đạt Gia đình số" as shown (under the commune's basis), highest first; equal figures share a place
 * (1, 1, 3: no hidden tie-breaker), and a village with no household "đạt" yet has no place (null).
 */
export function placed<T extends { basis: VillageDashboard["basis"]; fullyMetPercent: number | null; fullyMetVerifiedPercent: number | null }>(items: T[]) {
  // Equal as the screen shows them: to one decimal.
  const shown = items.map((v) => ({ v, p: Math.round((countedPercent(v) ?? 0) * 10) / 10 })).sort((a, b) => b.p - a.p);
  const same = (p: number) => shown.filter((x) => x.p === p);
  return shown.map(({ v, p }) => {
    const place = p > 0 ? shown.findIndex((x) => x.p === p) + 1 : null;
    return { ...v, percent: p, place, ties: place === null ? 0 : same(p).length - 1 };
  });
}
