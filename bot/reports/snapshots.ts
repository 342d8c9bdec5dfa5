import type Database from "better-sqlite3";
import type { FastifyBaseLogger } from "fastify";
import type { TargetBasis } from "../../shared/contracts";
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

/**
 * Weekly snapshots: at the cut-off (Friday 16:00 by default, commune timezone) the kept aggregates
 * are copied, as they are, into the week's rows. A week is frozen once; later changes do not touch it.
 */
export class SnapshotService {
  private readonly sqlite: Database.Database;
  readonly cutoff: Cutoff;

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
