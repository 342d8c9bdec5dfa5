/**
 * What one household contributes to its village's counts: pure functions, used by the incremental
 * update on each answer and by the full recompute that checks it.
 */
import {
  PILLARS,
  criterionStatus,
  type AnswerValue,
  type CriterionStatus,
  type EffectiveCatalogue,
  type HouseholdFlags,
  type Pillar,
} from "../../shared/criteria";

/** "all" plus one scope per pillar. */
export const SCOPES = ["all", ...PILLARS] as const;
export type Scope = (typeof SCOPES)[number];

/** Column prefix of each pillar's counters on the households table. */
export const PILLAR_COLUMN: Record<Pillar, "cq" | "kt" | "xh"> = {
  "chinh-quyen-so": "cq",
  "kinh-te-so": "kt",
  "xa-hoi-so": "xh",
};

export interface Tally {
  applicable: number;
  met: number;
  answered: number;
}
export type Tallies = Record<Scope, Tally>;

export interface CriterionCounts {
  applicable: number;
  met: number;
  answered: number;
  verified: number;
  notApplicable: number;
}

export interface AnswerState {
  value: AnswerValue;
  verified: boolean;
}

export const zeroTally = (): Tally => ({ applicable: 0, met: 0, answered: 0 });
export const zeroTallies = (): Tallies => ({ all: zeroTally(), "chinh-quyen-so": zeroTally(), "kinh-te-so": zeroTally(), "xa-hoi-so": zeroTally() });
export const zeroCounts = (): CriterionCounts => ({ applicable: 0, met: 0, answered: 0, verified: 0, notApplicable: 0 });

/** One household's contribution to one criterion's counts. */
export function criterionCounts(status: CriterionStatus, verified: boolean): CriterionCounts {
  switch (status) {
    case "na":
      return { applicable: 0, met: 0, answered: 0, verified: 0, notApplicable: 1 };
    case "met":
      return { applicable: 1, met: 1, answered: 1, verified: verified ? 1 : 0, notApplicable: 0 };
    case "unmet":
      return { applicable: 1, met: 0, answered: 1, verified: 0, notApplicable: 0 };
    case "unanswered":
      return { applicable: 1, met: 0, answered: 0, verified: 0, notApplicable: 0 };
  }
}

export function subtractCounts(a: CriterionCounts, b: CriterionCounts): CriterionCounts {
  return {
    applicable: a.applicable - b.applicable,
    met: a.met - b.met,
    answered: a.answered - b.answered,
    verified: a.verified - b.verified,
    notApplicable: a.notApplicable - b.notApplicable,
  };
}

export function isZeroCounts(c: CriterionCounts): boolean {
  return c.applicable === 0 && c.met === 0 && c.answered === 0 && c.verified === 0 && c.notApplicable === 0;
}

/** A household has assessed a scope when it answered everything that applies, and meets it when it met everything. */
export function standing(t: Tally): { assessed: boolean; fullyMet: boolean } {
  return { assessed: t.answered === t.applicable, fullyMet: t.met === t.applicable };
}

export interface Contribution {
  criteria: Map<string, CriterionCounts>;
  tallies: Tallies;
}

/** Everything one household contributes under a catalogue. */
export function householdContribution(cat: EffectiveCatalogue, flags: HouseholdFlags, answers: ReadonlyMap<string, AnswerState>): Contribution {
  const criteria = new Map<string, CriterionCounts>();
  const tallies = zeroTallies();
  for (const c of cat.criteria) {
    const a = answers.get(c.id);
    const counts = criterionCounts(criterionStatus(c, flags, a?.value), a?.verified ?? false);
    criteria.set(c.id, counts);
    for (const scope of ["all", c.pillar] as const) {
      tallies[scope].applicable += counts.applicable;
      tallies[scope].met += counts.met;
      tallies[scope].answered += counts.answered;
    }
  }
  return { criteria, tallies };
}

/** Per-scope household counts a household adds to its village: registered, assessed, fully met. */
export function scopeCounts(t: Tallies): Record<Scope, { registered: number; assessed: number; fullyMet: number }> {
  const out = {} as Record<Scope, { registered: number; assessed: number; fullyMet: number }>;
  for (const s of SCOPES) {
    const st = standing(t[s]);
    out[s] = { registered: 1, assessed: st.assessed ? 1 : 0, fullyMet: st.fullyMet ? 1 : 0 };
  }
  return out;
}
