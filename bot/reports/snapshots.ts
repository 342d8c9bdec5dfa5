import type Database from "better-sqlite3";
import type { FastifyBaseLogger } from "fastify";
import type { TargetBasis } from "../../shared/contracts";
import type { SegmentFigures } from "../../shared/contracts/segments";
import type { EffectiveCatalogue } from "../../shared/criteria";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import type { Scope } from "../households/progress";
import type { CountRows } from "./figures";
import { cutoffAt, lastClosedWeek, parseWeekKey, weekAt, weekKey, type Cutoff, type WeekId } from "./iso-week";

export interface SnapshotMeta {
  week: string;
  isoYear: number;
  isoWeek: number;
  cutoffAt: number;
  frozenAt: number;
  trigger: "cron" | "catch_up" | "manual";
  catalogueKey: string;
  targetPercent: number;
  /** Which count the target and the ranking used that week. */
  basis: TargetBasis;
}

export interface FrozenWeek {
  meta: SnapshotMeta;
  /** Per village: the frozen rows and the config's household count at the time. */
  villages: Map<string, CountRows & { official: number | null }>;
}

/** A household segment as the reports see it (its name, target and order). */
export interface SegmentDefinition {
  id: string;
  name: string;
  targetPercent: number;
  position: number;
}

/** A segment's kept counts in one village (agg_segment_village). */
export interface SegmentVillageCounts {
  segmentId: string;
  villageId: string;
  members: number;
  awaiting: number;
  fullyMet: number;
  fullyMetVerified: number;
}

/**
 * Household segments as the reports read them, given at composition (bot/services.ts) by bot/segments:
 * bot/segments imports the reports (its Excel uses the workbook's helpers), never the other way round.
 */
export interface SegmentSource {
  /** The active segments, in the commune's order. */
  definitions(): SegmentDefinition[];
  /** The kept counts: a few rows per segment and village, never the households. */
  counts(): SegmentVillageCounts[];
  /** A segment's figures against its target, by the segments' own rule (what "cần thêm N hộ" means). */
  figures(c: Pick<SegmentVillageCounts, "members" | "awaiting" | "fullyMet" | "fullyMetVerified">, targetPercent: number, basis: TargetBasis): SegmentFigures;
}

/** The segments of a frozen week, as they were at the freeze. */
export interface FrozenSegments {
  definitions: SegmentDefinition[];
  counts: SegmentVillageCounts[];
}

/**
 * Weekly snapshots: at the cut-off (Friday 16:00 by default, commune timezone) the kept aggregates
 * are copied, as they are, into the week's rows. A week is frozen once; later changes do not touch it.
 */
export class SnapshotService {
  private readonly sqlite: Database.Database;
  readonly cutoff: Cutoff;
  /** The household segments, once their module is connected (frozen with the week from then on). */
  private segments: SegmentSource | undefined;

  constructor(
    db: Db,
    private readonly catalogue: EffectiveCatalogue,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.sqlite = db.$client;
    this.cutoff = { weekday: commune.reporting.weekday, time: commune.reporting.dueTime, timeZone: commune.commune.timezone };
  }

  /** From now on every freeze also copies the segments and their kept counts. */
  connectSegments(source: SegmentSource): void {
    this.segments = source;
  }

  currentWeek(): WeekId {
    return weekAt(this.clock.now(), this.cutoff.timeZone);
  }

  cutoffOf(w: WeekId): number {
    return cutoffAt(w, this.cutoff);
  }

  /** Freezes week `w` now. Returns false when it was already frozen (nothing changes). */
  freeze(w: WeekId, trigger: SnapshotMeta["trigger"]): boolean {
    const week = weekKey(w);
    const now = this.clock.now();
    const official = new Map(this.commune.villages.map((v) => [v.id, v.households ?? null]));
    return this.sqlite
      .transaction(() => {
        const r = this.sqlite
          .prepare(
            `INSERT OR IGNORE INTO weekly_snapshots (week, iso_year, iso_week, cutoff_at, frozen_at, trigger, catalogue_key, target_percent, basis)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(week, w.isoYear, w.isoWeek, this.cutoffOf(w), now, trigger, this.catalogue.key, Math.round(this.commune.target.percent), this.commune.target.basis);
        if (r.changes === 0) return false;
        const criteria = this.catalogue.criteria.map((c) => c.id);
        this.sqlite
          .prepare(
            `INSERT INTO snapshot_criteria (week, village_id, criterion_id, applicable, met, answered, verified, not_applicable)
             SELECT ?, village_id, criterion_id, applicable, met, answered, verified, not_applicable FROM agg_village_criterion
             WHERE criterion_id IN (${criteria.map(() => "?").join(",")})`,
          )
          .run(week, ...criteria);
        const insV = this.sqlite.prepare(
          "INSERT INTO snapshot_villages (week, village_id, scope, registered, official, assessed, fully_met, fully_met_verified) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        );
        for (const row of this.sqlite
          .prepare<[], { village_id: string; scope: string; registered: number; assessed: number; fully_met: number; fully_met_verified: number }>("SELECT * FROM agg_village")
          .all()) {
          insV.run(week, row.village_id, row.scope, row.registered, official.get(row.village_id) ?? null, row.assessed, row.fully_met, row.fully_met_verified);
        }
        this.freezeSegments(week);
        return true;
      })
      .immediate();
  }

  /**
   * What the cron job runs at the cut-off, and the start-up catch-up: freezes the most recent week
   * whose cut-off has passed, unless it is frozen already. A catch-up (the bot was down at the
   * cut-off) is marked as such, with the time it was actually frozen.
   */
  freezeDue(trigger: "cron" | "catch_up"): string | null {
    const w = lastClosedWeek(this.clock.now(), this.cutoff);
    if (trigger === "catch_up" && !this.anyHousehold()) return null;
    if (!this.freeze(w, trigger)) return null;
    this.logger.info({ week: weekKey(w), trigger }, "reports: week frozen");
    return weekKey(w);
  }

  private anyHousehold(): boolean {
    return this.sqlite.prepare("SELECT 1 FROM households LIMIT 1").get() !== undefined;
  }

  /**
   * In the freeze's transaction: the active segments as they are (name, target, order) and their kept
   * counts (agg_segment_village, a few rows per segment and village: never the households).
   */
  private freezeSegments(week: string): void {
    const source = this.segments;
    if (!source) return;
    const defs = source.definitions();
    if (defs.length === 0) return;
    const insS = this.sqlite.prepare("INSERT INTO snapshot_segments (week, segment_id, name, target_percent, position) VALUES (?, ?, ?, ?, ?)");
    for (const d of defs) insS.run(week, d.id, d.name, d.targetPercent, d.position);
    const frozen = new Set(defs.map((d) => d.id));
    const insC = this.sqlite.prepare(
      "INSERT INTO snapshot_segment_villages (week, segment_id, village_id, members, awaiting, fully_met, fully_met_verified) VALUES (?, ?, ?, ?, ?, ?, ?)",
    );
    for (const c of source.counts()) if (frozen.has(c.segmentId)) insC.run(week, c.segmentId, c.villageId, c.members, c.awaiting, c.fullyMet, c.fullyMetVerified);
  }

  /** A frozen week's segments as they were at the freeze (none: the commune had none, or the week froze before segments were kept). */
  loadSegments(week: string): FrozenSegments {
    const definitions = this.sqlite
      .prepare<[string], { segment_id: string; name: string; target_percent: number; position: number }>(
        "SELECT segment_id, name, target_percent, position FROM snapshot_segments WHERE week = ? ORDER BY position, segment_id",
      )
      .all(week)
      .map((r) => ({ id: r.segment_id, name: r.name, targetPercent: r.target_percent, position: r.position }));
    const counts = this.sqlite
      .prepare<[string], { segment_id: string; village_id: string; members: number; awaiting: number; fully_met: number; fully_met_verified: number }>(
        "SELECT segment_id, village_id, members, awaiting, fully_met, fully_met_verified FROM snapshot_segment_villages WHERE week = ?",
      )
      .all(week)
      .map((r) => ({ segmentId: r.segment_id, villageId: r.village_id, members: r.members, awaiting: r.awaiting, fullyMet: r.fully_met, fullyMetVerified: r.fully_met_verified }));
    return { definitions, counts };
  }

  meta(week: string): SnapshotMeta | undefined {
    const r = this.sqlite.prepare<[string], Record<string, unknown>>("SELECT * FROM weekly_snapshots WHERE week = ?").get(week);
    return r ? metaFromRaw(r) : undefined;
  }

  /** Frozen weeks, newest first. */
  list(limit: number, beforeWeek?: string): SnapshotMeta[] {
    const rows = this.sqlite
      .prepare<[string, number], Record<string, unknown>>("SELECT * FROM weekly_snapshots WHERE week < ? ORDER BY iso_year DESC, iso_week DESC LIMIT ?")
      .all(beforeWeek ?? "9999", limit);
    return rows.map(metaFromRaw);
  }

  load(week: string): FrozenWeek | undefined {
    const meta = this.meta(week);
    if (!meta) return undefined;
    const villages = new Map<string, CountRows & { official: number | null }>();
    const get = (v: string) => {
      let r = villages.get(v);
      if (!r) villages.set(v, (r = { criteria: new Map(), scopes: new Map(), official: null }));
      return r as { criteria: Map<string, never>; scopes: Map<Scope, never>; official: number | null } & CountRows;
    };
    for (const r of this.sqlite.prepare<[string], Record<string, number | string | null>>("SELECT * FROM snapshot_villages WHERE week = ?").all(week)) {
      const v = get(r.village_id as string);
      (v.scopes as Map<Scope, unknown>).set(r.scope as Scope, {
        registered: r.registered,
        assessed: r.assessed,
        fullyMet: r.fully_met,
        // Weeks frozen before verified counts were kept: none confirmed.
        fullyMetVerified: r.fully_met_verified ?? 0,
      });
      v.official = (r.official as number | null) ?? null;
    }
    for (const r of this.sqlite.prepare<[string], Record<string, number | string>>("SELECT * FROM snapshot_criteria WHERE week = ?").all(week)) {
      (get(r.village_id as string).criteria as Map<string, unknown>).set(r.criterion_id as string, {
        applicable: r.applicable,
        met: r.met,
        answered: r.answered,
        verified: r.verified,
        notApplicable: r.not_applicable,
      });
    }
    return { meta, villages };
  }

  isWeek(key: string): WeekId | undefined {
    return parseWeekKey(key);
  }
}

function metaFromRaw(r: Record<string, unknown>): SnapshotMeta {
  return {
    week: r.week as string,
    isoYear: r.iso_year as number,
    isoWeek: r.iso_week as number,
    cutoffAt: r.cutoff_at as number,
    frozenAt: r.frozen_at as number,
    trigger: r.trigger as SnapshotMeta["trigger"],
    catalogueKey: r.catalogue_key as string,
    targetPercent: r.target_percent as number,
    basis: (r.basis as TargetBasis | undefined) ?? "self_declared",
  };
}
