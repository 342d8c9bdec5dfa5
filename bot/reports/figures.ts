/**
 * Turns kept (or frozen) count rows into the figures people read: coverage, completeness,
 * "đạt Gia đình số", target and the households still needed, ranking. Pure: no SQL, no clock.
 */
import { PILLARS, PILLAR_LABELS, type EffectiveCatalogue } from "../../shared/criteria";
import { percent, type CriterionFigures, type TargetBasis, type VillageFigures } from "../../shared/contracts";
import type { Scope } from "../households/progress";

export interface ScopeCounts {
  registered: number;
  assessed: number;
  fullyMet: number;
  /** Fully met and every applicable criterion confirmed by the village head (null: not kept then, read as 0). */
  fullyMetVerified: number;
}

export interface CountRows {
  criteria: ReadonlyMap<string, { applicable: number; met: number; answered: number; verified: number; notApplicable: number }>;
  scopes: ReadonlyMap<Scope, ScopeCounts>;
}

const ZERO_SCOPE: ScopeCounts = { registered: 0, assessed: 0, fullyMet: 0, fullyMetVerified: 0 };

export interface CriterionInfo {
  id: string;
  label: string;
  pillar: (typeof PILLARS)[number];
}

/**
 * Households needed to reach `percent` of `base`, rounded up, in integers: the percentage is taken to
 * thousandths (the commune file allows 80.5), then ceil(base × p / 100) as an integer division. Exact for
 * any commune (base × 100,000 stays far below 2^53): 46 households at 80% need 37, 45 need 36, 0 need 0.
 */
export function requiredHouseholds(base: number, percent: number): number {
  const milli = Math.round(percent * 1000);
  const scaled = base * milli; // an integer
  return (scaled - (scaled % 100_000)) / 100_000 + (scaled % 100_000 === 0 ? 0 : 1);
}

export function criteriaInfo(cat: EffectiveCatalogue): CriterionInfo[] {
  return cat.criteria.map((c) => ({ id: c.id, label: c.label, pillar: c.pillar }));
}

export function villageFigures(
  v: { id: string; name: string; officialHouseholds: number | null },
  rows: CountRows,
  criteria: readonly CriterionInfo[],
  targetPercent: number,
  basis: TargetBasis,
): VillageFigures {
  const all = rows.scopes.get("all") ?? ZERO_SCOPE;
  const base = Math.max(v.officialHouseholds ?? 0, all.registered);
  const required = requiredHouseholds(base, targetPercent);
  const counted = basis === "verified" ? all.fullyMetVerified : all.fullyMet;
  const needed = Math.max(0, required - counted);
  return {
    villageId: v.id,
    villageName: v.name,
    officialHouseholds: v.officialHouseholds,
    registered: all.registered,
    assessed: all.assessed,
    completeness: percent(all.assessed, all.registered),
    fullyMet: all.fullyMet,
    fullyMetPercent: percent(all.fullyMet, base),
    fullyMetVerified: all.fullyMetVerified,
    fullyMetVerifiedPercent: percent(all.fullyMetVerified, base),
    verifiedShare: percent(all.fullyMetVerified, all.fullyMet),
    basis,
    target: { percent: targetPercent, base, required, needed, reached: base > 0 && needed === 0 },
    pillars: PILLARS.map((p) => {
      const s = rows.scopes.get(p) ?? ZERO_SCOPE;
      return {
        pillar: p,
        label: PILLAR_LABELS[p],
        assessed: s.assessed,
        fullyMet: s.fullyMet,
        fullyMetPercent: percent(s.fullyMet, base),
        fullyMetVerified: s.fullyMetVerified,
        fullyMetVerifiedPercent: percent(s.fullyMetVerified, base),
      };
    }),
    criteria: criteria.map((c): CriterionFigures => {
      const k = rows.criteria.get(c.id) ?? { applicable: 0, met: 0, answered: 0, verified: 0, notApplicable: 0 };
      return { criterionId: c.id, label: c.label, pillar: c.pillar, ...k, coverage: percent(k.met, k.applicable) };
    }),
  };
}

/** Adds count rows (commune totals are the sum of its villages' kept rows). */
export function sumRows(list: readonly CountRows[]): CountRows {
  const criteria = new Map<string, { applicable: number; met: number; answered: number; verified: number; notApplicable: number }>();
  const scopes = new Map<Scope, ScopeCounts>();
  for (const r of list) {
    for (const [id, k] of r.criteria) {
      const t = criteria.get(id) ?? { applicable: 0, met: 0, answered: 0, verified: 0, notApplicable: 0 };
      criteria.set(id, {
        applicable: t.applicable + k.applicable,
        met: t.met + k.met,
        answered: t.answered + k.answered,
        verified: t.verified + k.verified,
        notApplicable: t.notApplicable + k.notApplicable,
      });
    }
    for (const [s, k] of r.scopes) {
      const t = scopes.get(s) ?? ZERO_SCOPE;
      scopes.set(s, {
        registered: t.registered + k.registered,
        assessed: t.assessed + k.assessed,
        fullyMet: t.fullyMet + k.fullyMet,
        fullyMetVerified: t.fullyMetVerified + k.fullyMetVerified,
      });
    }
  }
  return { criteria, scopes };
}

/** The percentage that counts toward the target under a figure's basis. */
export function countedPercent(v: Pick<VillageFigures, "basis" | "fullyMetPercent" | "fullyMetVerifiedPercent">): number | null {
  return v.basis === "verified" ? v.fullyMetVerifiedPercent : v.fullyMetPercent;
}

/**
 * Ranks by share of households "đạt Gia đình số" under the commune's basis (self-declared or
 * verified), then completeness; equal figures share a rank.
 */
export function rank<T extends VillageFigures>(villages: readonly T[]): (T & { rank: number })[] {
  const key = (v: VillageFigures) => [countedPercent(v) ?? -1, v.completeness ?? -1] as const;
  const sorted = villages.map((v, i) => ({ v, i })).sort((a, b) => {
    const [a1, a2] = key(a.v);
    const [b1, b2] = key(b.v);
    return b1 - a1 || b2 - a2 || a.i - b.i;
  });
  const out: (T & { rank: number })[] = [];
  sorted.forEach(({ v }, pos) => {
    const prev = out[pos - 1];
    const same = prev !== undefined && key(prev)[0] === key(v)[0] && key(prev)[1] === key(v)[1];
    out.push({ ...v, rank: same ? prev.rank : pos + 1 });
  });
  return out;
}

/** Percentage points between two percentages, one decimal; null if either is missing. */
export function pointsChange(now: number | null, before: number | null | undefined): number | null {
  if (now === null || before === null || before === undefined) return null;
  return Math.round((now - before) * 10) / 10;
}
