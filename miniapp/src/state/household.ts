/**
 * What the household screen shows: the server's household with the answers still waiting to be sent
 * laid over it, progress recomputed the way the server counts it (shared/criteria criterionStatus:
 * not applicable leaves both numerator and denominator; unanswered counts as not met). Pure.
 */
import type { AnswerValue } from "../api/types";
import type { HouseholdView } from "../../../shared/contracts/households";

export type CriterionState = HouseholdView["criteria"][number];
export type CriterionStatus = CriterionState["status"];
type Progress = Omit<HouseholdView["progress"], "pillars">;

export interface PendingAnswer {
  /** The idempotency key, chosen when the resident tapped. */
  key: string;
  householdId: number;
  criterionId: string;
  value: AnswerValue;
  note?: string;
  /** When the resident tapped (ms). */
  at: number;
}

/** Mirrors shared/criteria criterionStatus with what the server tells about each criterion. */
export function statusFor(c: Pick<CriterionState, "appliesByFlags" | "mayDecline">, value: AnswerValue | null | undefined): CriterionStatus {
  if (!c.appliesByFlags) return "na";
  if (value === "dat") return "met";
  if (value === "chua_dat") return "unmet";
  if (value === "khong_ap_dung" && c.mayDecline) return "na";
  return "unanswered";
}

/** Which answers a household may give to a criterion (the server refuses the others). */
export function allowedAnswers(c: Pick<CriterionState, "appliesByFlags" | "mayDecline">): AnswerValue[] {
  if (!c.appliesByFlags) return ["khong_ap_dung"];
  return c.mayDecline ? ["dat", "chua_dat", "khong_ap_dung"] : ["dat", "chua_dat"];
}

export function progressOf(criteria: readonly Pick<CriterionState, "status">[]): Progress {
  let applicable = 0;
  let met = 0;
  let answered = 0;
  for (const c of criteria) {
    if (c.status === "na") continue;
    applicable++;
    if (c.status === "met") met++;
    if (c.status === "met" || c.status === "unmet") answered++;
  }
  return { applicable, met, answered, assessed: answered === applicable, fullyMet: met === applicable };
}

/** The household with pending answers applied (the latest per criterion wins). */
export function withPending(h: HouseholdView, pending: readonly PendingAnswer[]): HouseholdView {
  const latest = new Map<string, PendingAnswer>();
  for (const p of pending) if (p.householdId === h.id) latest.set(p.criterionId, p);
  if (latest.size === 0) return h;
  const criteria = h.criteria.map((c) => {
    const p = latest.get(c.id);
    if (!p) return c;
    const same = c.answer?.value === p.value;
    return {
      ...c,
      status: statusFor(c, p.value),
      answer: {
        value: p.value,
        note: p.note ?? c.answer?.note ?? null,
        updatedAt: new Date(p.at).toISOString(),
        // Changing the value clears the village head's check (as the server does).
        verified: same ? (c.answer?.verified ?? false) : false,
        verifiedAt: same ? (c.answer?.verifiedAt ?? null) : null,
      },
    };
  });
  const pillars = h.progress.pillars.map((pl) => ({ ...pl, ...progressOf(criteria.filter((c) => c.pillar === pl.pillar)) }));
  return { ...h, criteria, progress: { ...progressOf(criteria), pillars } };
}
