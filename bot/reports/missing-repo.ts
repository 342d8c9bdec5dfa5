import type Database from "better-sqlite3";
import type { EffectiveCatalogue } from "../../shared/criteria";
import type { Db } from "../db/connection";

/** A criterion as the set-based queries need it (the catalogue's applicability rules, with its order). */
export interface CriterionRule {
  id: string;
  order: number;
  restricted: boolean;
  business: boolean;
  producer: boolean;
  mayDecline: boolean;
}

/** A criterion's applicability as flat booleans (the SQL rules and the verified-count triggers read these). */
export function relevanceOf(c: EffectiveCatalogue["criteria"][number]): Pick<CriterionRule, "restricted" | "business" | "producer" | "mayDecline"> {
  return {
    restricted: c.relevance.flags !== undefined,
    business: c.relevance.flags?.includes("business") ?? false,
    producer: c.relevance.flags?.includes("producer") ?? false,
    mayDecline: c.relevance.mayDecline,
  };
}

export function rulesOf(cat: EffectiveCatalogue): CriterionRule[] {
  return cat.criteria.map((c, i) => ({ id: c.id, order: i, ...relevanceOf(c) }));
}

export interface MissingHouseholdRow {
  householdId: number;
  label: string;
  /** chua_dat: answered "chưa đạt"; null: not answered (or "không áp dụng" where it may not be declined). */
  value: "chua_dat" | "khong_ap_dung" | null;
  note: string | null;
}

export interface GapRow {
  householdId: number;
  villageId: string;
  /** Members' OA user ids, in the order they joined. */
  userIds: string[];
  /** The criterion asked, or the first (catalogue order) the household still misses. */
  criterionId: string;
}

// A criterion applies to a household (by its flags) and is not met: "chưa đạt", no answer, or
// "không áp dụng" where the criterion may not be declined. The same rule as criterionStatus().
const APPLIES = "(c.restricted = 0 OR (c.business = 1 AND h.is_business = 1) OR (c.producer = 1 AND h.is_producer = 1))";
const NOT_MET = "(a.value IS NULL OR a.value = 'chua_dat' OR (a.value = 'khong_ap_dung' AND c.may_decline = 0))";
// The catalogue, passed as one JSON parameter (no table to keep in step).
const RULES_CTE = `rules AS MATERIALIZED (
  SELECT value ->> 'id' AS criterion_id, value ->> 'order' AS ord, value ->> 'restricted' AS restricted, value ->> 'business' AS business,
         value ->> 'producer' AS producer, value ->> 'mayDecline' AS may_decline
  FROM json_each(?))`;
const rulesJson = (rules: readonly CriterionRule[]) =>
  JSON.stringify(rules.map((r) => ({ id: r.id, order: r.order, restricted: +r.restricted, business: +r.business, producer: +r.producer, mayDecline: +r.mayDecline })));

/**
 * Who still misses what, answered by SQL over the whole set (never one query per household):
 * the village sheets and CSV of the exports (streamed row by row), and the broadcast audience
 * "households missing a criterion".
 */
export class MissingRepo {
  private readonly sqlite: Database.Database;
  private readonly missingStmt;
  private readonly gapsAskedStmt;
  private readonly gapsFirstStmt;

  constructor(db: Db | Database.Database) {
    const sqlite = (this.sqlite = "$client" in db ? db.$client : db);
    this.missingStmt = sqlite.prepare<[string, number, number, number, number, string, number, number], { id: number; label: string; value: MissingHouseholdRow["value"]; note: string | null }>(
      `SELECT h.id, h.label, a.value, a.note
       FROM (SELECT ? AS criterion_id, ? AS restricted, ? AS business, ? AS producer, ? AS may_decline) c
       JOIN households h ON h.village_id = ? AND h.status = 'active' AND h.id > ?
       LEFT JOIN household_answers a ON a.household_id = h.id AND a.criterion_id = c.criterion_id
       WHERE ${APPLIES} AND ${NOT_MET}
       ORDER BY h.id LIMIT ?`,
    );
    const members = "(SELECT json_group_array(m.oa_user_id) FROM (SELECT oa_user_id FROM household_members m WHERE m.household_id = h.id AND m.oa_user_id IS NOT NULL ORDER BY m.joined_at) m)";
    const hasMember = "EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id AND m.oa_user_id IS NOT NULL)";
    this.gapsAskedStmt = sqlite.prepare<[string, string, string], { id: number; village_id: string; user_ids: string; criterion_id: string }>(
      `WITH ${RULES_CTE}
       SELECT h.id, h.village_id, ${members} AS user_ids, c.criterion_id
       FROM rules c
       JOIN households h ON h.village_id = ? AND h.status = 'active'
       LEFT JOIN household_answers a ON a.household_id = h.id AND a.criterion_id = c.criterion_id
       WHERE c.criterion_id = ? AND ${APPLIES} AND ${NOT_MET} AND ${hasMember}
       ORDER BY h.id`,
    );
    this.gapsFirstStmt = sqlite.prepare<[string, string], { id: number; village_id: string; user_ids: string; criterion_id: string | null }>(
      `WITH ${RULES_CTE}
       SELECT h.id, h.village_id, ${members} AS user_ids,
         (SELECT c.criterion_id FROM rules c LEFT JOIN household_answers a ON a.household_id = h.id AND a.criterion_id = c.criterion_id
          WHERE ${APPLIES} AND ${NOT_MET} ORDER BY c.ord LIMIT 1) AS criterion_id
       FROM households h
       WHERE h.village_id = ? AND h.status = 'active' AND ${hasMember}
       ORDER BY h.id`,
    );
  }

  /**
   * Active households of a village that a criterion applies to and that do not meet it, by id,
   * `batch` at a time from after `afterId` (keyset: each call is a short query, memory stays flat).
   */
  missingPage(villageId: string, rule: CriterionRule, afterId: number, batch: number): MissingHouseholdRow[] {
    return this.missingStmt
      .all(rule.id, +rule.restricted, +rule.business, +rule.producer, +rule.mayDecline, villageId, afterId, batch)
      .map((r) => ({ householdId: r.id, label: r.label, value: r.value, note: r.note }));
  }

  /** Every page of missingPage, lazily. */
  *missing(villageId: string, rule: CriterionRule, batch = 2_000): Generator<MissingHouseholdRow> {
    let after = 0;
    for (;;) {
      const page = this.missingPage(villageId, rule, after, batch);
      yield* page;
      if (page.length < batch) return;
      after = page[page.length - 1]!.householdId;
    }
  }

  /**
   * Households of a village with at least one member the OA knows, and the criterion to nudge them
   * about: `criterionId` if they miss it, else (none asked) the first they miss. One query per village.
   */
  gaps(villageId: string, rules: readonly CriterionRule[], criterionId: string | undefined): GapRow[] {
    const json = rulesJson(rules);
    const rows = criterionId === undefined ? this.gapsFirstStmt.all(json, villageId) : this.gapsAskedStmt.all(json, villageId, criterionId);
    const out: GapRow[] = [];
    for (const r of rows) {
      if (r.criterion_id === null) continue;
      out.push({ householdId: r.id, villageId: r.village_id, userIds: JSON.parse(r.user_ids) as string[], criterionId: r.criterion_id });
    }
    return out;
  }
}
