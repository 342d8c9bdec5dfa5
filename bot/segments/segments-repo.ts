import type Database from "better-sqlite3";
import type { Db } from "../db/connection";
import type { RawCountRow } from "./recount-worker";

export interface SegmentRow {
  id: string;
  name: string;
  targetPercent: number;
  position: number;
  status: "active" | "archived";
  createdAt: number;
  updatedAt: number;
}

export interface MembershipRow {
  segmentId: string;
  declared: boolean;
  declaredAt: number | null;
  declaredBy: string | null;
  decision: "confirmed" | "rejected" | null;
  decidedAt: number | null;
  decidedBy: string | null;
}

/** Per segment and village: active member households and how many are "đạt", self-declared and confirmed. */
export interface SegmentCountRow {
  segmentId: string;
  villageId: string;
  members: number;
  awaiting: number;
  fullyMet: number;
  fullyMetVerified: number;
}

interface RawSegment {
  id: string;
  name: string;
  target_percent: number;
  position: number;
  status: "active" | "archived";
  created_at: number;
  updated_at: number;
}
const segmentFromRaw = (r: RawSegment): SegmentRow => ({
  id: r.id,
  name: r.name,
  targetPercent: r.target_percent,
  position: r.position,
  status: r.status,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/**
 * A member: declared by the household and not rejected by the village head, or confirmed by them.
 * The same rule in SQL everywhere (progress, lists).
 */
export const MEMBER_SQL = "((hs.declared = 1 AND IFNULL(hs.decision, '') <> 'rejected') OR hs.decision = 'confirmed')";

/** The kept counts (agg_segment_village, by triggers): a few rows per segment and village. */
export const KEPT_SQL =
  "SELECT segment_id, village_id, members, awaiting, fully_met, fully_met_verified FROM agg_segment_village WHERE members <> 0 OR awaiting <> 0 OR fully_met <> 0 OR fully_met_verified <> 0";

/**
 * The same counts from the raw rows, in one grouped pass: the membership index in segment order, each
 * household by rowid.
 */
export const RECOUNT_SQL = `SELECT hs.segment_id, h.village_id, count(*) AS members,
  sum(hs.declared = 1 AND hs.decision IS NULL) AS awaiting,
  sum(h.met = h.applicable) AS fully_met,
  sum(h.vf_all = 1) AS fully_met_verified
FROM household_segments hs INDEXED BY household_segments_segment_idx
JOIN households h ON h.id = hs.household_id
WHERE h.status = 'active' AND ${MEMBER_SQL}
GROUP BY hs.segment_id, h.village_id`;

/** The only SQL over segments and household_segments. */
export class SegmentsRepo {
  readonly sqlite: Database.Database;
  private readonly s;

  constructor(db: Db) {
    const sqlite = (this.sqlite = db.$client);
    this.s = {
      all: sqlite.prepare<[], RawSegment>("SELECT * FROM segments ORDER BY position, created_at, id"),
      get: sqlite.prepare<[string], RawSegment>("SELECT * FROM segments WHERE id = ?"),
      count: sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM segments"),
      maxPosition: sqlite.prepare<[], { p: number | null }>("SELECT max(position) AS p FROM segments"),
      insert: sqlite.prepare<[RawSegment]>(
        "INSERT INTO segments (id, name, target_percent, position, status, created_at, updated_at) VALUES (@id, @name, @target_percent, @position, @status, @created_at, @updated_at)",
      ),
      update: sqlite.prepare<[{ id: string; name: string; targetPercent: number; position: number; status: string; at: number }]>(
        "UPDATE segments SET name = @name, target_percent = @targetPercent, position = @position, status = @status, updated_at = @at WHERE id = @id",
      ),
      memberships: sqlite.prepare<[number], Record<string, unknown>>("SELECT * FROM household_segments WHERE household_id = ?"),
      membership: sqlite.prepare<[number, string], Record<string, unknown>>("SELECT * FROM household_segments WHERE household_id = ? AND segment_id = ?"),
      upsertDeclared: sqlite.prepare<[{ householdId: number; segmentId: string; declared: number; at: number; by: string }]>(
        `INSERT INTO household_segments (household_id, segment_id, declared, declared_at, declared_by)
         VALUES (@householdId, @segmentId, @declared, @at, @by)
         ON CONFLICT (household_id, segment_id) DO UPDATE SET declared = excluded.declared, declared_at = excluded.declared_at,
           declared_by = excluded.declared_by, decision = NULL, decided_at = NULL, decided_by = NULL`,
      ),
      upsertDecision: sqlite.prepare<[{ householdId: number; segmentId: string; decision: string | null; at: number | null; by: string | null }]>(
        `INSERT INTO household_segments (household_id, segment_id, declared, decision, decided_at, decided_by)
         VALUES (@householdId, @segmentId, 0, @decision, @at, @by)
         ON CONFLICT (household_id, segment_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
      ),
      prune: sqlite.prepare<[number, string]>("DELETE FROM household_segments WHERE household_id = ? AND segment_id = ? AND declared = 0 AND decision IS NULL"),
      // The kept counts (agg_segment_village, by triggers): a few rows per segment and village.
      counts: sqlite.prepare<[], RawCountRow>(KEPT_SQL),
      // The same from the raw rows, in one grouped pass: what the kept counts are checked against.
      recount: sqlite.prepare<[], RawCountRow>(RECOUNT_SQL),
      clearKept: sqlite.prepare("DELETE FROM agg_segment_village"),
      insertKept: sqlite.prepare<[string, string, number, number, number, number]>(
        "INSERT INTO agg_segment_village (segment_id, village_id, members, awaiting, fully_met, fully_met_verified) VALUES (?, ?, ?, ?, ?, ?)",
      ),
    };
  }

  tx<R>(fn: () => R): R {
    return this.sqlite.transaction(fn).immediate();
  }

  all(): SegmentRow[] {
    return this.s.all.all().map(segmentFromRaw);
  }

  get(id: string): SegmentRow | undefined {
    const r = this.s.get.get(id);
    return r ? segmentFromRaw(r) : undefined;
  }

  count(): number {
    return this.s.count.get()!.n;
  }

  nextPosition(): number {
    return (this.s.maxPosition.get()?.p ?? -1) + 1;
  }

  insert(s: SegmentRow): void {
    this.s.insert.run({ id: s.id, name: s.name, target_percent: s.targetPercent, position: s.position, status: s.status, created_at: s.createdAt, updated_at: s.updatedAt });
  }

  update(s: { id: string; name: string; targetPercent: number; position: number; status: "active" | "archived"; at: number }): void {
    this.s.update.run(s);
  }

  memberships(householdId: number): MembershipRow[] {
    return this.s.memberships.all(householdId).map(membershipFromRaw);
  }

  membership(householdId: number, segmentId: string): MembershipRow | undefined {
    const r = this.s.membership.get(householdId, segmentId);
    return r ? membershipFromRaw(r) : undefined;
  }

  /** The household's declaration changed: the head's decision is cleared (they look again). */
  setDeclared(householdId: number, segmentId: string, declared: boolean, at: number, by: string): void {
    this.s.upsertDeclared.run({ householdId, segmentId, declared: declared ? 1 : 0, at, by });
    if (!declared) this.s.prune.run(householdId, segmentId);
  }

  setDecision(householdId: number, segmentId: string, decision: "confirmed" | "rejected" | null, at: number, by: string): void {
    this.s.upsertDecision.run({ householdId, segmentId, decision, at: decision ? at : null, by: decision ? by : null });
    if (decision === null) this.s.prune.run(householdId, segmentId);
  }

  /** Every segment × village with active member households, as the triggers keep them. */
  counts(): SegmentCountRow[] {
    return this.s.counts.all().map(countFromRaw);
  }

  /** The same counts from the raw rows (one grouped query over the membership index). */
  recount(): SegmentCountRow[] {
    return this.s.recount.all().map(countFromRaw);
  }

  /**
   * Compares the kept counts with a recount; with `fix`, replaces them (one transaction). Returns the
   * differences (segment|village: kept vs recounted).
   */
  check(fix: boolean): CountDifference[] {
    return this.tx(() => {
      const fresh = this.recount();
      const out = compareCounts(this.counts(), fresh);
      if (fix && out.length > 0) this.replaceKept(fresh);
      return out;
    });
  }

  /** Replaces the kept counts with these (in a transaction of the caller's). */
  replaceKept(rows: readonly SegmentCountRow[]): void {
    this.s.clearKept.run();
    for (const c of rows) this.s.insertKept.run(c.segmentId, c.villageId, c.members, c.awaiting, c.fullyMet, c.fullyMetVerified);
  }

  /** The database file (a worker thread opens its own connection to it); undefined in memory. */
  get path(): string | undefined {
    const name = this.sqlite.name;
    return name && name !== ":memory:" ? name : undefined;
  }
}

export interface CountDifference {
  where: string;
  kept: SegmentCountRow | null;
  recounted: SegmentCountRow | null;
}

/** Rows (segment|village) where the kept counts and a recount differ. */
export function compareCounts(kept: readonly SegmentCountRow[], recounted: readonly SegmentCountRow[]): CountDifference[] {
  const key = (c: SegmentCountRow) => `${c.segmentId}|${c.villageId}`;
  const a = new Map(kept.map((c) => [key(c), c]));
  const b = new Map(recounted.map((c) => [key(c), c]));
  const out: CountDifference[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k) ?? null;
    const y = b.get(k) ?? null;
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push({ where: k, kept: x, recounted: y });
  }
  return out;
}

export function countFromRaw(r: RawCountRow): SegmentCountRow {
  return {
    segmentId: r.segment_id,
    villageId: r.village_id,
    members: r.members,
    awaiting: r.awaiting ?? 0,
    fullyMet: r.fully_met ?? 0,
    fullyMetVerified: r.fully_met_verified ?? 0,
  };
}

function membershipFromRaw(r: Record<string, unknown>): MembershipRow {
  return {
    segmentId: r.segment_id as string,
    declared: r.declared === 1,
    declaredAt: (r.declared_at as number | null) ?? null,
    declaredBy: (r.declared_by as string | null) ?? null,
    decision: (r.decision as MembershipRow["decision"]) ?? null,
    decidedAt: (r.decided_at as number | null) ?? null,
    decidedBy: (r.decided_by as string | null) ?? null,
  };
}
