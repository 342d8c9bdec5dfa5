import type Database from "better-sqlite3";
import type { AnswerValue, HouseholdFlags, Pillar } from "../../shared/criteria";
import type { Db } from "../db/connection";
import { PILLAR_COLUMN, type Tallies, type Tally } from "./progress";

/** One UTC day: agg_village_activity counts households by the day of their last change. */
const DAY_MS = 86_400_000;

export interface HouseholdRow {
  id: number;
  villageId: string;
  label: string;
  flags: HouseholdFlags;
  status: "active" | "archived";
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  tallies: Tallies;
  /** Someone was a member once (with no member now: the household was left). */
  hadMembers: boolean;
}

export interface AnswerRow {
  criterionId: string;
  value: AnswerValue;
  note: string | null;
  updatedAt: number;
  updatedBy: string;
  verifiedAt: number | null;
  verifiedBy: string | null;
}

export interface HistoryRow {
  id: number;
  criterionId: string;
  kind: "answer" | "verify" | "unverify";
  fromValue: string | null;
  toValue: string | null;
  note: string | null;
  actor: string;
  actorRole: "household" | "village_head" | "officer";
  at: number;
  idempotencyKey: string;
}

export interface MemberRow {
  appUserId: string;
  householdId: number;
  oaUserId: string | null;
  displayName: string | null;
  joinedVia: "register" | "invite";
  joinedAt: number;
}

interface RawHousehold {
  id: number;
  village_id: string;
  label: string;
  is_business: number;
  is_producer: number;
  status: "active" | "archived";
  created_at: number;
  created_by: string;
  updated_at: number;
  applicable: number;
  met: number;
  answered: number;
  cq_applicable: number;
  cq_met: number;
  cq_answered: number;
  kt_applicable: number;
  kt_met: number;
  kt_answered: number;
  xh_applicable: number;
  xh_met: number;
  xh_answered: number;
  had_members: number;
}

export function householdFromRaw(r: RawHousehold): HouseholdRow {
  const t = (a: number, m: number, n: number): Tally => ({ applicable: a, met: m, answered: n });
  return {
    id: r.id,
    villageId: r.village_id,
    label: r.label,
    flags: { business: r.is_business === 1, producer: r.is_producer === 1 },
    status: r.status,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
    hadMembers: r.had_members === 1,
    tallies: {
      all: t(r.applicable, r.met, r.answered),
      "chinh-quyen-so": t(r.cq_applicable, r.cq_met, r.cq_answered),
      "kinh-te-so": t(r.kt_applicable, r.kt_met, r.kt_answered),
      "xa-hoi-so": t(r.xh_applicable, r.xh_met, r.xh_answered),
    },
  };
}

interface RawAnswer {
  criterion_id: string;
  value: AnswerValue;
  note: string | null;
  updated_at: number;
  updated_by: string;
  verified_at: number | null;
  verified_by: string | null;
}
const answerFromRaw = (r: RawAnswer): AnswerRow => ({
  criterionId: r.criterion_id,
  value: r.value,
  note: r.note,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  verifiedAt: r.verified_at,
  verifiedBy: r.verified_by,
});

/** The only SQL over households, members, invites, answers, history and idempotency keys. */
export class HouseholdsRepo {
  readonly sqlite: Database.Database;
  private readonly s;
  private readonly addTallyStmts: Record<Pillar, Database.Statement<[number, number, number, number, number, number, number]>>;

  constructor(db: Db) {
    const sqlite = (this.sqlite = db.$client);
    this.s = {
      get: sqlite.prepare<[number], RawHousehold>("SELECT * FROM households WHERE id = ?"),
      insert: sqlite.prepare<[{ villageId: string; label: string; business: number; producer: number; at: number; by: string }]>(
        `INSERT INTO households (village_id, label, is_business, is_producer, status, created_at, created_by, updated_at)
         VALUES (@villageId, @label, @business, @producer, 'active', @at, @by, @at)`,
      ),
      update: sqlite.prepare<[{ id: number; villageId: string; label: string; business: number; producer: number; status: string; at: number }]>(
        "UPDATE households SET village_id = @villageId, label = @label, is_business = @business, is_producer = @producer, status = @status, updated_at = @at WHERE id = @id",
      ),
      setTallies: sqlite.prepare(
        `UPDATE households SET applicable = @all_a, met = @all_m, answered = @all_n,
           cq_applicable = @cq_a, cq_met = @cq_m, cq_answered = @cq_n, kt_applicable = @kt_a, kt_met = @kt_m, kt_answered = @kt_n,
           xh_applicable = @xh_a, xh_met = @xh_m, xh_answered = @xh_n WHERE id = @id`,
      ),
      touch: sqlite.prepare<[number, number]>("UPDATE households SET updated_at = ? WHERE id = ?"),
      answers: sqlite.prepare<[number], RawAnswer>("SELECT * FROM household_answers WHERE household_id = ?"),
      answer: sqlite.prepare<[number, string], RawAnswer>("SELECT * FROM household_answers WHERE household_id = ? AND criterion_id = ?"),
      upsertAnswer: sqlite.prepare(
        `INSERT INTO household_answers (household_id, criterion_id, value, note, updated_at, updated_by, verified_at, verified_by)
         VALUES (@householdId, @criterionId, @value, @note, @at, @by, @verifiedAt, @verifiedBy)
         ON CONFLICT (household_id, criterion_id) DO UPDATE SET value = excluded.value, note = excluded.note,
           updated_at = excluded.updated_at, updated_by = excluded.updated_by, verified_at = excluded.verified_at, verified_by = excluded.verified_by`,
      ),
      setVerified: sqlite.prepare<[number | null, string | null, number, string]>(
        "UPDATE household_answers SET verified_at = ?, verified_by = ? WHERE household_id = ? AND criterion_id = ?",
      ),
      history: sqlite.prepare(
        `INSERT INTO answer_history (household_id, criterion_id, kind, from_value, to_value, note, actor, actor_role, at, idempotency_key)
         VALUES (@householdId, @criterionId, @kind, @fromValue, @toValue, @note, @actor, @actorRole, @at, @key)`,
      ),
      historyPage: sqlite.prepare<[number, number, number], Record<string, unknown>>(
        "SELECT * FROM answer_history WHERE household_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
      ),
      request: sqlite.prepare<[number, string], { fingerprint: string; outcome: "changed" | "unchanged" }>(
        "SELECT fingerprint, outcome FROM answer_requests WHERE household_id = ? AND idempotency_key = ?",
      ),
      insertRequest: sqlite.prepare<[number, string, string, string, number]>(
        "INSERT INTO answer_requests (household_id, idempotency_key, fingerprint, outcome, at) VALUES (?, ?, ?, ?, ?)",
      ),
      member: sqlite.prepare<[string], Record<string, unknown>>("SELECT * FROM household_members WHERE app_user_id = ?"),
      membership: sqlite.prepare<[string], { household_id: number; village_id: string; oa_user_id: string | null }>(
        `SELECT m.household_id, h.village_id, m.oa_user_id FROM household_members m JOIN households h ON h.id = m.household_id
         WHERE m.app_user_id = ? AND h.status = 'active'`,
      ),
      members: sqlite.prepare<[number], Record<string, unknown>>("SELECT * FROM household_members WHERE household_id = ? ORDER BY joined_at"),
      insertMember: sqlite.prepare("INSERT INTO household_members (app_user_id, household_id, display_name, joined_via, joined_at) VALUES (@appUserId, @householdId, @name, @via, @at)"),
      markHadMembers: sqlite.prepare<[number]>("UPDATE households SET had_members = 1 WHERE id = ?"),
      deleteMember: sqlite.prepare<[string]>("DELETE FROM household_members WHERE app_user_id = ?"),
      leftRegisteredBy: sqlite.prepare<[string], { id: number; label: string }>(
        `SELECT id, label FROM households h WHERE created_by = ? AND status = 'active' AND had_members = 1
         AND NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id) ORDER BY id LIMIT 1`,
      ),
      memberByOa: sqlite.prepare<[string], Record<string, unknown>>("SELECT * FROM household_members WHERE oa_user_id = ?"),
      clearOa: sqlite.prepare<[string]>("UPDATE household_members SET oa_user_id = NULL WHERE oa_user_id = ?"),
      setOa: sqlite.prepare<[string, string]>("UPDATE household_members SET oa_user_id = ? WHERE app_user_id = ?"),
      invite: sqlite.prepare<[string], { code: string; household_id: number; expires_at: number; uses: number; max_uses: number }>(
        "SELECT * FROM household_invites WHERE code = ?",
      ),
      insertInvite: sqlite.prepare<[string, number, string, number, number, number]>(
        "INSERT INTO household_invites (code, household_id, created_by, created_at, expires_at, max_uses) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      useInvite: sqlite.prepare<[string]>("UPDATE household_invites SET uses = uses + 1 WHERE code = ?"),
      villagePage: sqlite.prepare<[string, number, number], RawHousehold>(
        "SELECT * FROM households WHERE village_id = ? AND status = 'active' AND id > ? ORDER BY id LIMIT ?",
      ),
      villageAll: sqlite.prepare<[string], RawHousehold>("SELECT * FROM households WHERE village_id = ? AND status = 'active' ORDER BY id"),
      answersOfVillage: sqlite.prepare<[string], RawAnswer & { household_id: number }>(
        `SELECT a.* FROM household_answers a JOIN households h ON h.id = a.household_id
         WHERE h.village_id = ? AND h.status = 'active' ORDER BY a.household_id`,
      ),
    };
    const tally = (p: string) =>
      sqlite.prepare<[number, number, number, number, number, number, number]>(
        `UPDATE households SET applicable = applicable + ?, met = met + ?, answered = answered + ?,
           ${p}_applicable = ${p}_applicable + ?, ${p}_met = ${p}_met + ?, ${p}_answered = ${p}_answered + ? WHERE id = ?`,
      );
    this.addTallyStmts = {
      "chinh-quyen-so": tally(PILLAR_COLUMN["chinh-quyen-so"]),
      "kinh-te-so": tally(PILLAR_COLUMN["kinh-te-so"]),
      "xa-hoi-so": tally(PILLAR_COLUMN["xa-hoi-so"]),
    };
  }

  /** Runs `fn` in one IMMEDIATE transaction (takes the write lock first: read-then-write stays consistent). */
  tx<R>(fn: () => R): R {
    return this.sqlite.transaction(fn).immediate();
  }

  get(id: number): HouseholdRow | undefined {
    const r = this.s.get.get(id);
    return r ? householdFromRaw(r) : undefined;
  }

  insert(h: { villageId: string; label: string; flags: HouseholdFlags; at: number; by: string }): number {
    const r = this.s.insert.run({ villageId: h.villageId, label: h.label, business: h.flags.business ? 1 : 0, producer: h.flags.producer ? 1 : 0, at: h.at, by: h.by });
    return Number(r.lastInsertRowid);
  }

  update(h: { id: number; villageId: string; label: string; flags: HouseholdFlags; status: "active" | "archived"; at: number }): void {
    this.s.update.run({ id: h.id, villageId: h.villageId, label: h.label, business: h.flags.business ? 1 : 0, producer: h.flags.producer ? 1 : 0, status: h.status, at: h.at });
  }

  setTallies(id: number, t: Tallies): void {
    const p = (x: Tally, k: string) => ({ [`${k}_a`]: x.applicable, [`${k}_m`]: x.met, [`${k}_n`]: x.answered });
    this.s.setTallies.run({ id, ...p(t.all, "all"), ...p(t["chinh-quyen-so"], "cq"), ...p(t["kinh-te-so"], "kt"), ...p(t["xa-hoi-so"], "xh") });
  }

  addTally(id: number, pillar: Pillar, d: Tally): void {
    this.addTallyStmts[pillar].run(d.applicable, d.met, d.answered, d.applicable, d.met, d.answered, id);
  }

  /**
   * Per village: active households, and those whose answers have not changed since `before` (silent).
   * Two index-only counts per village (households_silent_idx), never the rows themselves.
   */
  /**
   * Active households per village, and of them those whose last change is before `before` (ms). From the
   * counts kept per village and day (agg_village_activity, triggers of migration 0031): whole days before
   * `before`'s day summed, plus an index range over that one day for the exact moment. A few hundred rows
   * read, however many households (a count over the households took 33 ms at 500,000).
   */
  silentCounts(villageIds: readonly string[], before: number): { villageId: string; active: number; silent: number }[] {
    const day = Math.floor(before / DAY_MS);
    const kept = this.sqlite.prepare<[number, string], { active: number | null; silent: number | null }>(
      "SELECT sum(households) AS active, sum(CASE WHEN day < ? THEN households ELSE 0 END) AS silent FROM agg_village_activity WHERE village_id = ?",
    );
    const sameDay = this.sqlite.prepare<[string, number, number], { n: number }>(
      "SELECT count(*) AS n FROM households WHERE status = 'active' AND village_id = ? AND updated_at >= ? AND updated_at < ?",
    );
    return villageIds.map((v) => {
      const k = kept.get(day, v)!;
      return { villageId: v, active: k.active ?? 0, silent: (k.silent ?? 0) + (before > day * DAY_MS ? sameDay.get(v, day * DAY_MS, before)!.n : 0) };
    });
  }

  touch(id: number, at: number): void {
    this.s.touch.run(at, id);
  }

  answers(householdId: number): AnswerRow[] {
    return this.s.answers.all(householdId).map(answerFromRaw);
  }

  answer(householdId: number, criterionId: string): AnswerRow | undefined {
    const r = this.s.answer.get(householdId, criterionId);
    return r ? answerFromRaw(r) : undefined;
  }

  upsertAnswer(a: { householdId: number; criterionId: string; value: AnswerValue; note: string | null; at: number; by: string; verifiedAt: number | null; verifiedBy: string | null }): void {
    this.s.upsertAnswer.run(a);
  }

  setVerified(householdId: number, criterionId: string, at: number | null, by: string | null): void {
    this.s.setVerified.run(at, by, householdId, criterionId);
  }

  addHistory(h: Omit<HistoryRow, "id"> & { householdId: number }): void {
    this.s.history.run({
      householdId: h.householdId,
      criterionId: h.criterionId,
      kind: h.kind,
      fromValue: h.fromValue,
      toValue: h.toValue,
      note: h.note,
      actor: h.actor,
      actorRole: h.actorRole,
      at: h.at,
      key: h.idempotencyKey,
    });
  }

  history(householdId: number, beforeId: number, limit: number): HistoryRow[] {
    return this.s.historyPage.all(householdId, beforeId, limit).map((r) => ({
      id: r.id as number,
      criterionId: r.criterion_id as string,
      kind: r.kind as HistoryRow["kind"],
      fromValue: r.from_value as string | null,
      toValue: r.to_value as string | null,
      note: r.note as string | null,
      actor: r.actor as string,
      actorRole: r.actor_role as HistoryRow["actorRole"],
      at: r.at as number,
      idempotencyKey: r.idempotency_key as string,
    }));
  }

  request(householdId: number, key: string): { fingerprint: string; outcome: "changed" | "unchanged" } | undefined {
    return this.s.request.get(householdId, key);
  }

  recordRequest(householdId: number, key: string, fingerprint: string, outcome: "changed" | "unchanged", at: number): void {
    this.s.insertRequest.run(householdId, key, fingerprint, outcome, at);
  }

  member(appUserId: string): MemberRow | undefined {
    const r = this.s.member.get(appUserId);
    return r ? memberFromRaw(r) : undefined;
  }

  /** The active household a mini-app user belongs to. */
  membership(appUserId: string): { householdId: number; villageId: string; oaUserId: string | null } | undefined {
    const r = this.s.membership.get(appUserId);
    return r ? { householdId: r.household_id, villageId: r.village_id, oaUserId: r.oa_user_id } : undefined;
  }

  members(householdId: number): MemberRow[] {
    return this.s.members.all(householdId).map(memberFromRaw);
  }

  addMember(m: { appUserId: string; householdId: number; name: string | null; via: "register" | "invite"; at: number }): void {
    this.s.insertMember.run(m);
    this.s.markHadMembers.run(m.householdId);
  }

  /** An active household this user registered, once had members and has none now. */
  leftRegisteredBy(appUserId: string): { id: number; label: string } | undefined {
    return this.s.leftRegisteredBy.get(appUserId);
  }

  /** Number of members of each household (absent: none). */
  memberCounts(householdIds: readonly number[]): Map<number, number> {
    if (householdIds.length === 0) return new Map();
    const rows = this.sqlite
      .prepare<number[], { household_id: number; n: number }>(
        `SELECT household_id, count(*) AS n FROM household_members WHERE household_id IN (${householdIds.map(() => "?").join(",")}) GROUP BY household_id`,
      )
      .all(...householdIds);
    return new Map(rows.map((r) => [r.household_id, r.n]));
  }

  removeMember(appUserId: string): boolean {
    return this.s.deleteMember.run(appUserId).changes > 0;
  }

  memberByOaUser(oaUserId: string): MemberRow | undefined {
    const r = this.s.memberByOa.get(oaUserId);
    return r ? memberFromRaw(r) : undefined;
  }

  /** Links an OA-scoped id to a member (and unlinks it from anyone else: one person, one OA id). */
  linkOa(appUserId: string, oaUserId: string): void {
    this.s.clearOa.run(oaUserId);
    this.s.setOa.run(oaUserId, appUserId);
  }

  invite(code: string): { code: string; householdId: number; expiresAt: number; uses: number; maxUses: number } | undefined {
    const r = this.s.invite.get(code);
    return r ? { code: r.code, householdId: r.household_id, expiresAt: r.expires_at, uses: r.uses, maxUses: r.max_uses } : undefined;
  }

  addInvite(code: string, householdId: number, by: string, at: number, expiresAt: number, maxUses: number): void {
    this.s.insertInvite.run(code, householdId, by, at, expiresAt, maxUses);
  }

  useInvite(code: string): void {
    this.s.useInvite.run(code);
  }

  /** Active households of a village, by id, after `afterId`. */
  villagePage(villageId: string, afterId: number, limit: number): HouseholdRow[] {
    return this.s.villagePage.all(villageId, afterId, limit).map(householdFromRaw);
  }

  villageHouseholds(villageId: string): HouseholdRow[] {
    return this.s.villageAll.all(villageId).map(householdFromRaw);
  }

  /** Answers of every active household of a village, grouped by household id. */
  villageAnswers(villageId: string): Map<number, AnswerRow[]> {
    const out = new Map<number, AnswerRow[]>();
    for (const r of this.s.answersOfVillage.iterate(villageId)) {
      const list = out.get(r.household_id) ?? [];
      list.push(answerFromRaw(r));
      out.set(r.household_id, list);
    }
    return out;
  }

  answersFor(householdIds: readonly number[]): Map<number, AnswerRow[]> {
    const out = new Map<number, AnswerRow[]>();
    if (householdIds.length === 0) return out;
    const rows = this.sqlite
      .prepare<number[], RawAnswer & { household_id: number }>(`SELECT * FROM household_answers WHERE household_id IN (${householdIds.map(() => "?").join(",")})`)
      .all(...householdIds);
    for (const r of rows) {
      const list = out.get(r.household_id) ?? [];
      list.push(answerFromRaw(r));
      out.set(r.household_id, list);
    }
    return out;
  }

  meta(key: string): string | undefined {
    return this.sqlite.prepare<[string], { value: string }>("SELECT value FROM households_meta WHERE key = ?").get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.sqlite.prepare("INSERT INTO households_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, value);
  }

  recordCatalogue(key: string, definition: string, at: number): void {
    this.sqlite.prepare("INSERT OR IGNORE INTO catalogue_versions (key, definition, first_active_at) VALUES (?, ?, ?)").run(key, definition, at);
  }

  /** Every catalogue the commune has used, newest first, with the number of criteria in each. */
  catalogueHistory(limit = 50): { key: string; firstActiveAt: number; criteria: number }[] {
    return this.sqlite
      .prepare<[number], { key: string; firstActiveAt: number; criteria: number | null }>(
        "SELECT key, first_active_at AS firstActiveAt, json_array_length(definition, '$.criteria') AS criteria FROM catalogue_versions ORDER BY first_active_at DESC, rowid DESC LIMIT ?",
      )
      .all(limit)
      .map((r) => ({ ...r, criteria: r.criteria ?? 0 }));
  }

  /** The label a criterion had in the newest catalogue the commune used that has it (a criterion since removed). */
  formerCriterionLabel(criterionId: string): string | undefined {
    const rows = this.sqlite.prepare<[], { definition: string }>("SELECT definition FROM catalogue_versions ORDER BY first_active_at DESC, rowid DESC LIMIT 50").all();
    for (const r of rows) {
      const c = (JSON.parse(r.definition) as { criteria?: { id: string; label: string }[] }).criteria?.find((x) => x.id === criterionId);
      if (c) return c.label;
    }
    return undefined;
  }

  catalogueDefinition(key: string): string | undefined {
    return this.sqlite.prepare<[string], { definition: string }>("SELECT definition FROM catalogue_versions WHERE key = ?").get(key)?.definition;
  }

  countActive(): number {
    return this.sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM households WHERE status = 'active'").get()!.n;
  }
}

function memberFromRaw(r: Record<string, unknown>): MemberRow {
  return {
    appUserId: r.app_user_id as string,
    householdId: r.household_id as number,
    oaUserId: (r.oa_user_id as string | null) ?? null,
    displayName: (r.display_name as string | null) ?? null,
    joinedVia: r.joined_via as MemberRow["joinedVia"],
    joinedAt: r.joined_at as number,
  };
}
