import type Database from "better-sqlite3";
import type { Db } from "../db/connection";
import { SCOPES, type CriterionCounts, type Scope } from "../households/progress";

export interface VillageCriterionRow {
  villageId: string;
  criterionId: string;
  applicable: number;
  met: number;
  answered: number;
  verified: number;
  notApplicable: number;
}

export interface VillageScopeRow {
  villageId: string;
  scope: Scope;
  registered: number;
  assessed: number;
  fullyMet: number;
  /** Kept by the triggers of migration verified_triggers (households.vf_*), not by addScope. */
  fullyMetVerified: number;
}

/** One catalogue criterion as the verified-count triggers read it (agg_criterion_rules). */
export interface CriterionRuleRow {
  criterionId: string;
  pillar: string;
  restricted: boolean;
  business: boolean;
  producer: boolean;
  mayDecline: boolean;
}

interface RawCrit {
  village_id: string;
  criterion_id: string;
  applicable: number;
  met: number;
  answered: number;
  verified: number;
  not_applicable: number;
}
interface RawScope {
  village_id: string;
  scope: Scope;
  registered: number;
  assessed: number;
  fully_met: number;
  fully_met_verified: number;
}

const crit = (r: RawCrit): VillageCriterionRow => ({
  villageId: r.village_id,
  criterionId: r.criterion_id,
  applicable: r.applicable,
  met: r.met,
  answered: r.answered,
  verified: r.verified,
  notApplicable: r.not_applicable,
});
const scope = (r: RawScope): VillageScopeRow => ({
  villageId: r.village_id,
  scope: r.scope,
  registered: r.registered,
  assessed: r.assessed,
  fullyMet: r.fully_met,
  fullyMetVerified: r.fully_met_verified,
});

/**
 * The kept aggregates: per village and criterion, per village and scope. Written only inside the
 * transaction that changes an answer or a household; read by dashboards (a few hundred rows
 * whatever the number of households).
 */
export class AggregatesRepo {
  private readonly sqlite: Database.Database;
  private readonly addCritStmt;
  private readonly addScopeStmt;
  private readonly villageCritStmt;
  private readonly villageScopeStmt;
  private readonly allCritStmt;
  private readonly allScopeStmt;
  private readonly ensureCritStmt;
  private readonly ensureScopeStmt;

  constructor(db: Db | Database.Database) {
    const sqlite = (this.sqlite = "$client" in db ? db.$client : db);
    this.addCritStmt = sqlite.prepare<[number, number, number, number, number, string, string]>(
      `UPDATE agg_village_criterion SET applicable = applicable + ?, met = met + ?, answered = answered + ?,
         verified = verified + ?, not_applicable = not_applicable + ? WHERE village_id = ? AND criterion_id = ?`,
    );
    this.addScopeStmt = sqlite.prepare<[number, number, number, string, string]>(
      "UPDATE agg_village SET registered = registered + ?, assessed = assessed + ?, fully_met = fully_met + ? WHERE village_id = ? AND scope = ?",
    );
    this.villageCritStmt = sqlite.prepare<[string], RawCrit>("SELECT * FROM agg_village_criterion WHERE village_id = ?");
    this.villageScopeStmt = sqlite.prepare<[string], RawScope>("SELECT * FROM agg_village WHERE village_id = ?");
    this.allCritStmt = sqlite.prepare<[], RawCrit>("SELECT * FROM agg_village_criterion");
    this.allScopeStmt = sqlite.prepare<[], RawScope>("SELECT * FROM agg_village");
    this.ensureCritStmt = sqlite.prepare<[string, string]>("INSERT OR IGNORE INTO agg_village_criterion (village_id, criterion_id) VALUES (?, ?)");
    this.ensureScopeStmt = sqlite.prepare<[string, string]>("INSERT OR IGNORE INTO agg_village (village_id, scope) VALUES (?, ?)");
  }

  /** Zero rows for every village × criterion and village × scope, so updates never miss a row. */
  ensureRows(villageIds: readonly string[], criterionIds: readonly string[]): void {
    this.sqlite.transaction(() => {
      for (const v of villageIds) {
        for (const c of criterionIds) this.ensureCritStmt.run(v, c);
        for (const s of SCOPES) this.ensureScopeStmt.run(v, s);
      }
    })();
  }

  addCriterion(villageId: string, criterionId: string, d: CriterionCounts): void {
    const r = this.addCritStmt.run(d.applicable, d.met, d.answered, d.verified, d.notApplicable, villageId, criterionId);
    if (r.changes !== 1) {
      this.ensureCritStmt.run(villageId, criterionId);
      this.addCritStmt.run(d.applicable, d.met, d.answered, d.verified, d.notApplicable, villageId, criterionId);
    }
  }

  addScope(villageId: string, s: Scope, registered: number, assessed: number, fullyMet: number): void {
    if (registered === 0 && assessed === 0 && fullyMet === 0) return;
    const r = this.addScopeStmt.run(registered, assessed, fullyMet, villageId, s);
    if (r.changes !== 1) {
      this.ensureScopeStmt.run(villageId, s);
      this.addScopeStmt.run(registered, assessed, fullyMet, villageId, s);
    }
  }

  village(villageId: string): { criteria: VillageCriterionRow[]; scopes: VillageScopeRow[] } {
    return { criteria: this.villageCritStmt.all(villageId).map(crit), scopes: this.villageScopeStmt.all(villageId).map(scope) };
  }

  all(): { criteria: VillageCriterionRow[]; scopes: VillageScopeRow[] } {
    return { criteria: this.allCritStmt.all().map(crit), scopes: this.allScopeStmt.all().map(scope) };
  }

  /** Replaces every kept row (the recompute's fix, or a catalogue change). Call inside a transaction. */
  replaceAll(criteria: readonly VillageCriterionRow[], scopes: readonly VillageScopeRow[]): void {
    this.sqlite.prepare("DELETE FROM agg_village_criterion").run();
    this.sqlite.prepare("DELETE FROM agg_village").run();
    const ic = this.sqlite.prepare(
      "INSERT INTO agg_village_criterion (village_id, criterion_id, applicable, met, answered, verified, not_applicable) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    const is = this.sqlite.prepare("INSERT INTO agg_village (village_id, scope, registered, assessed, fully_met, fully_met_verified) VALUES (?, ?, ?, ?, ?, ?)");
    for (const r of criteria) ic.run(r.villageId, r.criterionId, r.applicable, r.met, r.answered, r.verified, r.notApplicable);
    for (const r of scopes) is.run(r.villageId, r.scope, r.registered, r.assessed, r.fullyMet, r.fullyMetVerified);
  }

  rules(): CriterionRuleRow[] {
    return this.sqlite
      .prepare<[], { criterion_id: string; pillar: string; restricted: number; business: number; producer: number; may_decline: number }>(
        "SELECT * FROM agg_criterion_rules ORDER BY criterion_id",
      )
      .all()
      .map((r) => ({ criterionId: r.criterion_id, pillar: r.pillar, restricted: !!r.restricted, business: !!r.business, producer: !!r.producer, mayDecline: !!r.may_decline }));
  }

  /** Replaces the rules the triggers read (a catalogue change). Call inside the recompute's transaction. */
  replaceRules(rules: readonly CriterionRuleRow[]): void {
    this.sqlite.prepare("DELETE FROM agg_criterion_rules").run();
    const ins = this.sqlite.prepare("INSERT INTO agg_criterion_rules (criterion_id, pillar, restricted, business, producer, may_decline) VALUES (?, ?, ?, ?, ?, ?)");
    for (const r of rules) ins.run(r.criterionId, r.pillar, +r.restricted, +r.business, +r.producer, +r.mayDecline);
  }
}
