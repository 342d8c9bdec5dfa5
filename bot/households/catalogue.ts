import type Database from "better-sqlite3";
import { HOUSEHOLD_FLAGS, HOUSEHOLD_FLAG_LABELS, PILLARS, PILLAR_LABELS, resolveCatalogue, type EffectiveCatalogue, type EffectiveCriterion } from "../../shared/criteria";
import type { CatalogueView } from "../../shared/contracts";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import type { AggregatesRepo } from "../reports/aggregates-repo";
import { recomputeAggregates } from "../reports/recompute";
import type { HouseholdsRepo } from "./households-repo";

/** The commune's effective catalogue: the config's choice, labels filled with the commune's names. */
export function communeCatalogue(commune: CommuneConfig): EffectiveCatalogue {
  return resolveCatalogue(commune.criteria, {
    commune: { name: commune.commune.name, kind: commune.commune.kind },
    province: { name: commune.commune.province },
    provinceApp: { name: commune.provinceApp.name },
    oa: { name: commune.oa.name },
    hotline: { province: commune.hotlines.province ?? "1022" },
  });
}

export function catalogueView(cat: EffectiveCatalogue, targetPercent: number): CatalogueView {
  return {
    id: cat.id,
    version: cat.version,
    key: cat.key,
    title: cat.title,
    source: cat.source,
    pillars: PILLARS.map((p) => ({ id: p, label: PILLAR_LABELS[p] })),
    flags: HOUSEHOLD_FLAGS.map((f) => ({ id: f, label: HOUSEHOLD_FLAG_LABELS[f] })),
    criteria: cat.criteria.map(criterionView),
    targetPercent,
  };
}

/** One criterion as the API shows it (the mini app's checklist, the console). */
export function criterionView(c: EffectiveCriterion): CatalogueView["criteria"][number] {
  return {
    id: c.id,
    order: c.order,
    pillar: c.pillar,
    label: c.label,
    help: c.help,
    ...(c.guideId ? { guideId: c.guideId } : {}),
    relevance: { ...(c.relevance.flags ? { flags: [...c.relevance.flags] } : {}), mayDecline: c.relevance.mayDecline, ...(c.relevance.declineHint ? { declineHint: c.relevance.declineHint } : {}) },
  };
}

export const AGGREGATES_CATALOGUE_KEY = "aggregates_catalogue";

/**
 * Records `cat` as a catalogue the commune used and as the one the kept counts are built for. Raw
 * statements on the given connection: the recount's worker thread runs it inside its last transaction.
 */
export function markCountsBuiltFor(sqlite: Database.Database, cat: EffectiveCatalogue, targetPercent: number, at: number): void {
  sqlite.prepare("INSERT OR IGNORE INTO catalogue_versions (key, definition, first_active_at) VALUES (?, ?, ?)").run(cat.key, JSON.stringify(catalogueView(cat, targetPercent)), at);
  sqlite.prepare("INSERT INTO households_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(AGGREGATES_CATALOGUE_KEY, cat.key);
}

/** Which catalogue the kept counts are built for (read inside a write transaction, it cannot be stale). */
export function countsBuiltFor(sqlite: Database.Database): string | undefined {
  return sqlite.prepare<[string], { value: string }>("SELECT value FROM households_meta WHERE key = ?").get(AGGREGATES_CATALOGUE_KEY)?.value;
}

/**
 * At start: records the catalogue in use, makes sure every village × criterion row exists, and, when
 * the catalogue changed since the counts were kept (or on a new database), rebuilds them from the raw
 * answers. Earlier weeks keep the figures and the catalogue key they were frozen with.
 */
export function syncCatalogue(deps: { db: Db; repo: HouseholdsRepo; aggregates: AggregatesRepo; catalogue: EffectiveCatalogue; commune: CommuneConfig; clock: Clock }): { rebuilt: boolean } {
  const { repo, catalogue: cat, commune } = deps;
  const villageIds = commune.villages.map((v) => v.id);
  repo.recordCatalogue(cat.key, JSON.stringify(catalogueView(cat, commune.target.percent)), deps.clock.now());
  deps.aggregates.ensureRows(villageIds, cat.criteria.map((c) => c.id));
  if (repo.meta(AGGREGATES_CATALOGUE_KEY) === cat.key) return { rebuilt: false };
  repo.tx(() => {
    recomputeAggregates(deps.db, cat, villageIds, { fix: true });
    repo.setMeta(AGGREGATES_CATALOGUE_KEY, cat.key);
  });
  return { rebuilt: true };
}
