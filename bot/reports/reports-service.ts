import type { EffectiveCatalogue } from "../../shared/criteria";
import type {
  AggregateCheckResponse,
  CatalogueView,
  CommuneDashboard,
  SilentHouseholds,
  TargetBasis,
  TrendResponse,
  VillageDashboard,
  VillageFigures,
  VillageStandings,
  WeekReport,
} from "../../shared/contracts";
import { percent } from "../../shared/contracts";
import { ApiError, forbidden } from "../auth/api-error";
import { access, type Principal } from "../auth/roles";
import type { Clock } from "../clock";
import type { CommuneConfig, Village } from "../config/commune";
import type { Db } from "../db/connection";
import type { HouseholdsRepo } from "../households/households-repo";
import type { Scope } from "../households/progress";
import type { AggregatesRepo, VillageCriterionRow, VillageScopeRow } from "./aggregates-repo";
import { criteriaInfo, pointsChange, rank, sumRows, villageFigures, type CountRows, type CriterionInfo } from "./figures";
import { weekKey, weekLabel, type WeekId } from "./iso-week";
import { recomputeInWorker } from "./background";
import { MissingRepo, rulesOf, type GapRow } from "./missing-repo";
import { recomputeAggregates } from "./recompute";
import type { SegmentSource, SegmentVillageCounts, SnapshotService } from "./snapshots";
import type { WeekSegments } from "./xlsx-writer";
import type { VillageReportsService } from "./village-reports";

const iso = (ms: number) => new Date(ms).toISOString();

function toCountRows(criteria: readonly VillageCriterionRow[], scopes: readonly VillageScopeRow[]): Map<string, CountRows> {
  const out = new Map<string, { criteria: Map<string, VillageCriterionRow>; scopes: Map<Scope, VillageScopeRow> }>();
  const get = (v: string) => {
    let r = out.get(v);
    if (!r) out.set(v, (r = { criteria: new Map(), scopes: new Map() }));
    return r;
  };
  for (const r of criteria) get(r.villageId).criteria.set(r.criterionId, r);
  for (const r of scopes) get(r.villageId).scopes.set(r.scope, r);
  return out;
}

const EMPTY: CountRows = { criteria: new Map(), scopes: new Map() };

/** Segment counts of several villages added up. */
function sumSegmentCounts(rows: readonly Pick<SegmentVillageCounts, "members" | "awaiting" | "fullyMet" | "fullyMetVerified">[]) {
  const t = { members: 0, awaiting: 0, fullyMet: 0, fullyMetVerified: 0 };
  for (const c of rows) {
    t.members += c.members;
    t.awaiting += c.awaiting;
    t.fullyMet += c.fullyMet;
    t.fullyMetVerified += c.fullyMetVerified;
  }
  return t;
}

/** A database file a worker thread can open with its own connection (not an in-memory database). */
const fileOf = (db: Db): string | null => {
  const name = db.$client.name;
  return name && name !== ":memory:" && !db.$client.memory ? name : null;
};

/** Dashboards, weekly reports and trends, read from the kept aggregates and the frozen weeks. */
export class ReportsService {
  /** Who still misses what (set-based queries; the exports read it page by page). */
  readonly missingRepo: MissingRepo;

  constructor(
    private readonly db: Db,
    private readonly aggregates: AggregatesRepo,
    private readonly households: HouseholdsRepo,
    private readonly snapshots: SnapshotService,
    private readonly villageReports: VillageReportsService,
    readonly catalogue: EffectiveCatalogue,
    private readonly commune: CommuneConfig,
    private readonly clock: Clock,
  ) {
    this.missingRepo = new MissingRepo(db);
  }
  /**
   * Households whose answers have not changed for `weeks` weeks, per village: the ones a village head
   * or a volunteer should visit. Officers see every village, a village head their own.
   */
  silentHouseholds(p: Principal, weeks: number): SilentHouseholds {
    if (!p.officer && p.headOf.size === 0) throw forbidden("Chỉ cán bộ xã và trưởng thôn xem được số hộ lâu không cập nhật.");
    const villages = this.commune.villages.filter((v) => p.officer || p.headOf.has(v.id));
    const since = this.clock.now() - weeks * 7 * 24 * 3600_000;
    const rows = this.households.silentCounts(
      villages.map((v) => v.id),
      since,
    );
    const active = rows.reduce((n, r) => n + r.active, 0);
    const silent = rows.reduce((n, r) => n + r.silent, 0);
    return {
      weeks,
      since: new Date(since).toISOString(),
      villages: rows.map((r, i) => ({ villageId: r.villageId, villageName: villages[i]!.name, active: r.active, silent: r.silent, silentPercent: percent(r.silent, r.active) })),
      total: { active, silent, silentPercent: percent(silent, active) },
    };
  }


  /** The household segments (bot/segments, given at composition); undefined until connected. */
  private segments: SegmentSource | undefined;

  /** Connects the household segments: the weekly workbook and the Friday ranking show them, every freeze copies them. */
  connectSegments(source: SegmentSource): void {
    this.segments = source;
    this.snapshots.connectSegments(source);
  }

  /**
   * The week's segments over the report's villages, on the report's basis: as frozen with the week for
   * a frozen week (a segment renamed, retargeted or archived since keeps that week's figures), from
   * the kept counts for the current week. Undefined when there is none.
   */
  weekSegments(report: Pick<WeekReport, "week" | "source" | "villages" | "totals">): WeekSegments | undefined {
    const source = this.segments;
    if (!source) return undefined;
    const { definitions, counts } = report.source === "snapshot" ? this.snapshots.loadSegments(report.week) : { definitions: source.definitions(), counts: source.counts() };
    if (definitions.length === 0) return undefined;
    const ids = new Set(report.villages.map((v) => v.villageId));
    const villages = this.commune.villages.filter((v) => ids.has(v.id)).map((v) => ({ id: v.id, name: v.name }));
    const basis = report.totals.basis;
    const byKey = new Map(counts.map((c) => [`${c.segmentId}\u0000${c.villageId}`, c]));
    const zero = { members: 0, awaiting: 0, fullyMet: 0, fullyMetVerified: 0 };
    return {
      source: report.source,
      basis,
      villages,
      items: definitions.map((d) => {
        const rows = villages.map((v) => ({ v, c: byKey.get(`${d.id}\u0000${v.id}`) ?? zero }));
        return {
          segmentId: d.id,
          name: d.name,
          targetPercent: d.targetPercent,
          totals: source.figures(sumSegmentCounts(rows.map((r) => r.c)), d.targetPercent, basis),
          villages: rows.map(({ v, c }) => ({ villageId: v.id, villageName: v.name, ...source.figures(c, d.targetPercent, basis) })),
        };
      }),
    };
  }

  /**
   * Each active segment commune-wide, now, against its target on the commune's basis (the Friday
   * ranking's part about segments); empty when the commune defines none.
   */
  segmentStandings(): { segmentId: string; name: string; targetPercent: number; members: number; percent: number | null; needed: number; reached: boolean; verified: boolean }[] {
    const source = this.segments;
    if (!source) return [];
    const definitions = source.definitions();
    if (definitions.length === 0) return [];
    const bySegment = new Map<string, SegmentVillageCounts[]>();
    for (const c of source.counts()) {
      const list = bySegment.get(c.segmentId);
      if (list) list.push(c);
      else bySegment.set(c.segmentId, [c]);
    }
    return definitions.map((d) => {
      const f = source.figures(sumSegmentCounts(bySegment.get(d.id) ?? []), d.targetPercent, this.basis);
      return { segmentId: d.id, name: d.name, targetPercent: d.targetPercent, members: f.members, percent: f.countedPercent, needed: f.needed, reached: f.reached, verified: this.basis === "verified" };
    });
  }

  /** The database file, for work done off the event loop on a connection of its own; null in memory. */
  get databaseFile(): string | null {
    return fileOf(this.db);
  }

  private get basis() {
    return this.commune.target.basis;
  }

  private village(villageId: string): Village {
    const v = this.commune.villages.find((x) => x.id === villageId);
    if (!v) throw new ApiError("not_found", `Không có thôn “${villageId}”.`);
    return v;
  }

  private info(v: Village, official: number | null = v.households ?? null) {
    return { id: v.id, name: v.name, officialHouseholds: official };
  }

  /** A village's totals: its households, its village head and officers; a household of it sees the totals too. */
  villageDashboard(p: Principal, villageId: string): VillageDashboard {
    const v = this.village(villageId);
    if (!access.villageTotals(p, villageId)) throw forbidden("Bác chỉ xem được số liệu của thôn mình.");
    const rows = this.aggregates.village(villageId);
    const counts = toCountRows(rows.criteria, rows.scopes).get(villageId) ?? EMPTY;
    return {
      ...villageFigures(this.info(v), counts, criteriaInfo(this.catalogue), this.commune.target.percent, this.basis),
      catalogueKey: this.catalogue.key,
      asOf: iso(this.clock.now()),
    };
  }

  communeDashboard(p: Principal): CommuneDashboard {
    if (!access.commune(p)) throw forbidden("Chỉ cán bộ xã xem được số liệu toàn xã.");
    const { byVillage, info, target, ranked } = this.rankedVillages();
    return {
      commune: { name: this.commune.commune.name, kind: this.commune.commune.kind },
      catalogueKey: this.catalogue.key,
      asOf: iso(this.clock.now()),
      totals: this.totals(this.commune.villages, (id) => byVillage.get(id) ?? EMPTY, info, target, this.basis),
      villages: ranked,
    };
  }

  /** Every village's figures from the kept counts, ranked: shared by the dashboard and the standings. */
  private rankedVillages() {
    const rows = this.aggregates.all();
    const byVillage = toCountRows(rows.criteria, rows.scopes);
    const info = criteriaInfo(this.catalogue);
    const target = this.commune.target.percent;
    const ranked = rank(this.commune.villages.map((v) => villageFigures(this.info(v), byVillage.get(v.id) ?? EMPTY, info, target, this.basis)));
    return { byVillage, info, target, ranked };
  }

  /** Every village ranked, for anyone logged in (a household sees how its village ranks): totals only. */
  villageStandings(): VillageStandings {
    const { target, ranked } = this.rankedVillages();
    return {
      asOf: iso(this.clock.now()),
      targetPercent: target,
      basis: this.basis,
      items: ranked.map((v) => ({
        rank: v.rank,
        villageId: v.villageId,
        name: v.villageName,
        fullyMetPercent: v.fullyMetPercent,
        fullyMetVerifiedPercent: v.fullyMetVerifiedPercent,
        needed: v.target.needed,
        reached: v.target.reached,
      })),
    };
  }

  private totals(
    villages: readonly Village[],
    rows: (id: string) => CountRows,
    info: readonly CriterionInfo[],
    target: number,
    basis: TargetBasis,
    official?: (id: string) => number | null,
  ): VillageFigures {
    const off = villages.map((v) => (official ? official(v.id) : (v.households ?? null)));
    const known = off.filter((x): x is number => x !== null);
    // The target base per village is max(official, registered): the commune's base is their sum.
    const perVillage = villages.map((v, i) => villageFigures(this.info(v, off[i] ?? null), rows(v.id), info, target, basis));
    const sum = sumRows(villages.map((v) => rows(v.id)));
    const f = villageFigures(
      { id: "*", name: `${this.commune.commune.kind} ${this.commune.commune.name}`, officialHouseholds: known.length > 0 ? known.reduce((a, b) => a + b, 0) : null },
      sum,
      info,
      target,
      basis,
    );
    const base = perVillage.reduce((a, v) => a + v.target.base, 0);
    const required = perVillage.reduce((a, v) => a + v.target.required, 0);
    const needed = perVillage.reduce((a, v) => a + v.target.needed, 0);
    return {
      ...f,
      fullyMetPercent: percent(f.fullyMet, base),
      fullyMetVerifiedPercent: percent(f.fullyMetVerified, base),
      target: { percent: target, base, required, needed, reached: base > 0 && needed === 0 },
      pillars: f.pillars.map((pl) => ({ ...pl, fullyMetPercent: percent(pl.fullyMet, base), fullyMetVerifiedPercent: percent(pl.fullyMetVerified, base) })),
    };
  }

  /** Villages a principal may see in commune-wide reports: all for officers, their own for village heads. */
  private visibleVillages(p: Principal): Village[] {
    if (p.officer) return this.commune.villages;
    if (p.headOf.size > 0) return this.commune.villages.filter((v) => p.headOf.has(v.id));
    throw forbidden("Chỉ cán bộ xã và trưởng thôn xem được báo cáo tuần.");
  }

  private criteriaOf(catalogueKey: string): CriterionInfo[] {
    if (catalogueKey === this.catalogue.key) return criteriaInfo(this.catalogue);
    const def = this.households.catalogueDefinition(catalogueKey);
    if (!def) return criteriaInfo(this.catalogue);
    return (JSON.parse(def) as CatalogueView).criteria.map((c) => ({ id: c.id, label: c.label, pillar: c.pillar }));
  }

  /** One week's figures: frozen if the week is frozen, live for the current week. */
  weekReport(p: Principal, weekParam: string | undefined): WeekReport {
    const visible = this.visibleVillages(p);
    const w: WeekId = this.villageReports.resolveWeek(weekParam);
    const key = weekKey(w);
    const frozen = this.snapshots.load(key);
    const current = weekKey(this.snapshots.currentWeek()) === key;
    if (!frozen && !current) throw new ApiError("not_found", `Chưa có số liệu chốt cho ${weekLabel(key)} (chưa đến hạn chốt hoặc hệ thống không chạy lúc chốt).`);
    let rows: (id: string) => CountRows;
    let official: (id: string) => number | null;
    let catalogueKey: string;
    let target: number;
    let basis: TargetBasis;
    if (frozen) {
      rows = (id) => frozen.villages.get(id) ?? EMPTY;
      official = (id) => frozen.villages.get(id)?.official ?? null;
      catalogueKey = frozen.meta.catalogueKey;
      target = frozen.meta.targetPercent;
      basis = frozen.meta.basis;
    } else {
      const all = this.aggregates.all();
      const live = toCountRows(all.criteria, all.scopes);
      rows = (id) => live.get(id) ?? EMPTY;
      official = (id) => this.commune.villages.find((v) => v.id === id)?.households ?? null;
      catalogueKey = this.catalogue.key;
      target = this.commune.target.percent;
      basis = this.basis;
    }
    const info = this.criteriaOf(catalogueKey);
    const prevMeta = this.snapshots.list(1, key)[0];
    const prev = prevMeta ? this.snapshots.load(prevMeta.week) : undefined;
    const prevInfo = prev ? this.criteriaOf(prev.meta.catalogueKey) : [];
    const prevFig = (v: Village) =>
      prev?.villages.has(v.id) ? villageFigures(this.info(v, prev.villages.get(v.id)!.official), prev.villages.get(v.id)!, prevInfo, prev.meta.targetPercent, prev.meta.basis) : undefined;
    const ranked = rank(this.commune.villages.map((v) => villageFigures(this.info(v, official(v.id)), rows(v.id), info, target, basis)));
    const visibleIds = new Set(visible.map((v) => v.id));
    const villages = ranked
      .filter((f) => visibleIds.has(f.villageId))
      .map((f) => {
        const before = prevFig(this.village(f.villageId));
        const prevCoverage = new Map(before?.criteria.map((c) => [c.criterionId, c.coverage]) ?? []);
        return {
          ...f,
          change: {
            fullyMetPercent: pointsChange(f.fullyMetPercent, before?.fullyMetPercent),
            criteria: Object.fromEntries(f.criteria.map((c) => [c.criterionId, pointsChange(c.coverage, prevCoverage.get(c.criterionId))])),
          },
        };
      });
    const totals = this.totals(visible, rows, info, target, basis, official);
    const prevTotals = prev
      ? this.totals(visible, (id) => prev.villages.get(id) ?? EMPTY, prevInfo, prev.meta.targetPercent, prev.meta.basis, (id) => prev.villages.get(id)?.official ?? null)
      : undefined;
    return {
      week: key,
      source: frozen ? "snapshot" : "live",
      cutoffAt: iso(this.snapshots.cutoffOf(w)),
      frozenAt: frozen ? iso(frozen.meta.frozenAt) : null,
      catalogueKey,
      previousWeek: prev?.meta.week ?? null,
      catalogueChanged: prev !== undefined && prev.meta.catalogueKey !== catalogueKey,
      criteria: info,
      totals: { ...totals, change: { fullyMetPercent: pointsChange(totals.fullyMetPercent, prevTotals?.fullyMetPercent) } },
      villages,
      reports: this.villageReports.overview(w, p.officer ? undefined : p.headOf),
    };
  }

  /** The last frozen weeks, newest first: totals and each village's share and rank. */
  trend(p: Principal, weeks: number): TrendResponse {
    const visible = this.visibleVillages(p);
    const visibleIds = new Set(visible.map((v) => v.id));
    return {
      weeks: this.snapshots.list(weeks).map((meta) => {
        const frozen = this.snapshots.load(meta.week)!;
        const info = this.criteriaOf(meta.catalogueKey);
        const rows = (id: string) => frozen.villages.get(id) ?? EMPTY;
        const official = (id: string) => frozen.villages.get(id)?.official ?? null;
        const ranked = rank(this.commune.villages.map((v) => villageFigures(this.info(v, official(v.id)), rows(v.id), info, meta.targetPercent, meta.basis)));
        const totals = this.totals(visible, rows, info, meta.targetPercent, meta.basis, official);
        return {
          week: meta.week,
          cutoffAt: iso(meta.cutoffAt),
          frozenAt: iso(meta.frozenAt),
          trigger: meta.trigger,
          catalogueKey: meta.catalogueKey,
          basis: meta.basis,
          totals: {
            registered: totals.registered,
            fullyMet: totals.fullyMet,
            fullyMetPercent: totals.fullyMetPercent,
            fullyMetVerified: totals.fullyMetVerified,
            fullyMetVerifiedPercent: totals.fullyMetVerifiedPercent,
          },
          villages: ranked
            .filter((f) => visibleIds.has(f.villageId))
            .map((f) => ({
              villageId: f.villageId,
              rank: f.rank,
              registered: f.registered,
              fullyMet: f.fullyMet,
              fullyMetPercent: f.fullyMetPercent,
              fullyMetVerified: f.fullyMetVerified,
              fullyMetVerifiedPercent: f.fullyMetVerifiedPercent,
            })),
        };
      }),
    };
  }

  /**
   * The commune's (or one village's) figures at each of the last `weeks` frozen weeks, oldest first:
   * the trend with its target and households still needed, as frozen (target and basis of that week).
   */
  frozenFigures(p: Principal, weeks: number, villageId?: string): { week: string; cutoffAt: string; figures: VillageFigures }[] {
    const visible = this.visibleVillages(p);
    if (villageId !== undefined && !visible.some((v) => v.id === villageId)) throw forbidden("Bác chỉ xem được số liệu của thôn mình.");
    return this.snapshots
      .list(weeks)
      .reverse()
      .map((meta) => {
        const frozen = this.snapshots.load(meta.week)!;
        const rows = (id: string) => frozen.villages.get(id) ?? EMPTY;
        const official = (id: string) => frozen.villages.get(id)?.official ?? null;
        const figures =
          villageId === undefined
            ? this.totals(visible, rows, [], meta.targetPercent, meta.basis, official)
            : villageFigures(this.info(this.village(villageId), official(villageId)), rows(villageId), [], meta.targetPercent, meta.basis);
        return { week: meta.week, cutoffAt: iso(meta.cutoffAt), figures };
      });
  }

  /**
   * Admin: recompute everything from the raw answers and report (optionally fix) any difference.
   * Runs in a worker thread on its own connection (streamed, constant memory): webhooks and
   * dashboards keep being answered meanwhile. A fix holds the write lock while it runs.
   */
  /**
   * The commune document's criteria choice the catalogue in use comes from (bot/households/live-catalogue.ts):
   * a check measures the counts against the set every reader uses, even when the document already names
   * a newer set whose recount has not finished (or failed).
   */
  criteriaInUse: (() => CommuneConfig["criteria"]) | undefined;

  async checkAggregates(p: Principal, fix: boolean): Promise<AggregateCheckResponse> {
    if (!p.admin) throw forbidden("Chỉ quản trị viên của xã chạy được việc kiểm tra số liệu.");
    const file = this.databaseFile;
    const commune = this.criteriaInUse ? { ...this.commune, criteria: this.criteriaInUse() } : this.commune;
    if (file) return recomputeInWorker({ dbPath: file, commune, fix });
    return recomputeAggregates(this.db, this.catalogue, this.commune.villages.map((v) => v.id), { fix });
  }

  /**
   * Households with a member the OA knows and the criterion to remind them of (the one asked, or the
   * first they miss), village by village: set-based queries, for broadcasts and nudges.
   */
  householdGaps(villageIds: readonly string[], criterionId: string | undefined): GapRow[] {
    const rules = rulesOf(this.catalogue);
    if (criterionId !== undefined && !rules.some((r) => r.id === criterionId)) return [];
    return villageIds.flatMap((v) => this.missingRepo.gaps(v, rules, criterionId));
  }
}
