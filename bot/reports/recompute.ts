/**
 * Recomputes every kept count from the raw rows (households and answers) and reports each place where
 * the kept value differs; with `fix`, replaces the kept values in one transaction.
 *
 * Streams: households are read in batches of `BATCH` by id (keyset), each batch's answers with one
 * range query, and a household's fix is written as soon as it is found, so memory stays the same at
 * 5,000 or 500,000 households. The HTTP check runs this in a worker thread (bot/reports/background.ts).
 *
 * Command line (the bot may keep running; SQLite serialises the writers):
 *   npx tsx bot/reports/recompute.ts [--fix] [--db data/gia-dinh-so.sqlite] [--commune bot/config/communes/demo.json]
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type Database from "better-sqlite3";
import type { AnswerValue, EffectiveCatalogue } from "../../shared/criteria";
import { householdFromRaw } from "../households/households-repo";
import { SCOPES, householdContribution, scopeCounts, type AnswerState, type CriterionCounts, type Scope, type Tallies } from "../households/progress";
import { AggregatesRepo, type CriterionRuleRow, type VillageCriterionRow, type VillageScopeRow } from "./aggregates-repo";
import { relevanceOf } from "./missing-repo";
import type { Db } from "../db/connection";

export interface RecomputeResult {
  households: number;
  differences: number;
  samples: { where: string; kept: unknown; recomputed: unknown }[];
  fixed: boolean;
}

const BATCH = 5_000;
/** agg_village_activity's day: UTC days since 1970 of a household's last change. */
const DAY_MS = 86_400_000;

/** households.vf_* column of each scope (verified "fully met", kept by the triggers of migration 0011). */
const VF_COLUMN: Record<Scope, "vf_all" | "vf_cq" | "vf_kt" | "vf_xh"> = {
  all: "vf_all",
  "chinh-quyen-so": "vf_cq",
  "kinh-te-so": "vf_kt",
  "xa-hoi-so": "vf_xh",
};

/** The rules the verified-count triggers read, derived from the catalogue. */
export function criterionRules(cat: EffectiveCatalogue): CriterionRuleRow[] {
  return cat.criteria
    .map((c) => ({ criterionId: c.id, pillar: c.pillar, ...relevanceOf(c) }))
    .sort((a, b) => (a.criterionId < b.criterionId ? -1 : a.criterionId > b.criterionId ? 1 : 0));
}

/**
 * Verified "fully met" per scope: every criterion of the scope that applies is met and confirmed.
 * The TypeScript statement of what the SQL triggers keep (they are checked against it).
 */
export function verifiedFullyMet(cat: EffectiveCatalogue, criteria: ReadonlyMap<string, CriterionCounts>): Record<Scope, boolean> {
  const out = { all: true, "chinh-quyen-so": true, "kinh-te-so": true, "xa-hoi-so": true } as Record<Scope, boolean>;
  for (const c of cat.criteria) {
    const k = criteria.get(c.id)!;
    if (k.applicable === 1 && k.verified === 0) out.all = out[c.pillar] = false;
  }
  return out;
}

type Sqlite = Database.Database;
const clientOf = (db: Db | Sqlite): Sqlite => ("$client" in db ? db.$client : db);

interface RawRow extends Record<string, unknown> {
  id: number;
  village_id: string;
  status: "active" | "archived";
  vf_all: number;
  vf_cq: number;
  vf_kt: number;
  vf_xh: number;
}

/** What one pass over every household (batches by id) finds under a catalogue. */
interface Tally {
  crit: Map<string, VillageCriterionRow>;
  scopes: Map<string, VillageScopeRow>;
  households: number;
}

/**
 * Reads every household and its answers in batches of `BATCH` (keyset on id), computes its tallies
 * and verified flags under `cat`, hands each to `visit` and adds the active ones to the village rows.
 * Memory is one batch plus the village rows, whatever the number of households.
 */
function tallyHouseholds(
  sqlite: Sqlite,
  cat: EffectiveCatalogue,
  villageIds: readonly string[],
  visit: (raw: RawRow, h: ReturnType<typeof householdFromRaw>, c: ReturnType<typeof householdContribution>, vf: Record<Scope, boolean>) => void,
): Tally {
  const crit = new Map<string, VillageCriterionRow>();
  const scopes = new Map<string, VillageScopeRow>();
  const critRow = (v: string, c: string) => {
    const k = `${v}\u0000${c}`;
    let r = crit.get(k);
    if (!r) crit.set(k, (r = { villageId: v, criterionId: c, applicable: 0, met: 0, answered: 0, verified: 0, notApplicable: 0 }));
    return r;
  };
  const scopeRow = (v: string, s: Scope) => {
    const k = `${v}\u0000${s}`;
    let r = scopes.get(k);
    if (!r) scopes.set(k, (r = { villageId: v, scope: s, registered: 0, assessed: 0, fullyMet: 0, fullyMetVerified: 0 }));
    return r;
  };
  for (const v of villageIds) {
    for (const c of cat.criteria) critRow(v, c.id);
    for (const s of SCOPES) scopeRow(v, s);
  }
  const householdsStmt = sqlite.prepare<[number, number], RawRow>("SELECT * FROM households WHERE id > ? ORDER BY id LIMIT ?");
  const answersStmt = sqlite.prepare<[number, number], { household_id: number; criterion_id: string; value: AnswerValue; verified_at: number | null }>(
    "SELECT household_id, criterion_id, value, verified_at FROM household_answers WHERE household_id > ? AND household_id <= ?",
  );
  let count = 0;
  let after = 0;
  for (;;) {
    const batch = householdsStmt.all(after, BATCH);
    if (batch.length === 0) break;
    const last = batch[batch.length - 1]!.id;
    const answers = new Map<number, Map<string, AnswerState>>();
    for (const a of answersStmt.iterate(after, last)) {
      let m = answers.get(a.household_id);
      if (!m) answers.set(a.household_id, (m = new Map()));
      m.set(a.criterion_id, { value: a.value, verified: a.verified_at !== null });
    }
    for (const raw of batch) {
      const h = householdFromRaw(raw as unknown as Parameters<typeof householdFromRaw>[0]);
      count++;
      const c = householdContribution(cat, h.flags, answers.get(h.id) ?? new Map());
      const vf = verifiedFullyMet(cat, c.criteria);
      visit(raw, h, c, vf);
      if (h.status !== "active") continue;
      for (const [id, k] of c.criteria) add(critRow(h.villageId, id), k);
      const sc = scopeCounts(c.tallies);
      for (const s of SCOPES) {
        const r = scopeRow(h.villageId, s);
        r.registered += sc[s].registered;
        r.assessed += sc[s].assessed;
        r.fullyMet += sc[s].fullyMet;
        r.fullyMetVerified += +vf[s];
      }
    }
    after = last;
  }
  return { crit, scopes, households: count };
}

/** The first scope whose kept tallies differ from the computed ones, if any. */
const differingScope = (h: ReturnType<typeof householdFromRaw>, c: ReturnType<typeof householdContribution>): Scope | undefined =>
  SCOPES.find((s) => {
    const k = h.tallies[s];
    const r = c.tallies[s];
    return k.applicable !== r.applicable || k.met !== r.met || k.answered !== r.answered;
  });

export function recomputeAggregates(db: Db | Sqlite, cat: EffectiveCatalogue, villageIds: readonly string[], opts: { fix?: boolean; maxSamples?: number } = {}): RecomputeResult {
  const sqlite = clientOf(db);
  const maxSamples = opts.maxSamples ?? 20;
  const aggregates = new AggregatesRepo(sqlite);
  const work = (): RecomputeResult => {
    const fix = !!opts.fix;
    const samples: RecomputeResult["samples"] = [];
    let differences = 0;
    const differ = (where: string, kept: unknown, recomputed: unknown) => {
      differences++;
      if (samples.length < maxSamples) samples.push({ where, kept, recomputed });
    };

    // The rules the triggers read: first, so household fixes below are kept right by the triggers.
    const rules = criterionRules(cat);
    const keptRules = aggregates.rules();
    if (JSON.stringify(keptRules) !== JSON.stringify(rules)) {
      differ("criterion rules", keptRules.length, rules.length);
      if (fix) aggregates.replaceRules(rules);
    }

    const setTallies = sqlite.prepare(
      `UPDATE households SET applicable = ?, met = ?, answered = ?, cq_applicable = ?, cq_met = ?, cq_answered = ?,
         kt_applicable = ?, kt_met = ?, kt_answered = ?, xh_applicable = ?, xh_met = ?, xh_answered = ? WHERE id = ?`,
    );
    const setVerified = sqlite.prepare("UPDATE households SET vf_all = ?, vf_cq = ?, vf_kt = ?, vf_xh = ? WHERE id = ?");
    // Active households per village and day of their last change (agg_village_activity, "silent" counts).
    const activity = new Map<string, number>();
    const { crit, scopes, households: count } = tallyHouseholds(sqlite, cat, villageIds, (raw, h, c, vf) => {
      if (h.status === "active") {
        const k = `${h.villageId}\u0000${Math.floor((raw.updated_at as number) / DAY_MS)}`;
        activity.set(k, (activity.get(k) ?? 0) + 1);
      }
      const s = differingScope(h, c);
      if (s) {
        differ(`household ${h.id} ${s}`, h.tallies[s], c.tallies[s]);
        if (fix) writeTallies(setTallies, h.id, c.tallies);
      }
      const keptVf = SCOPES.map((s) => raw[VF_COLUMN[s]] === 1);
      if (SCOPES.some((s, i) => vf[s] !== keptVf[i])) {
        differ(`household ${h.id} verified`, keptVf, SCOPES.map((s) => vf[s]));
        if (fix) setVerified.run(...SCOPES.map((s) => +vf[s]), h.id);
      }
    });

    const kept = aggregates.all();
    const keptCrit = new Map(kept.criteria.map((r) => [`${r.villageId}\u0000${r.criterionId}`, r]));
    const keptScope = new Map(kept.scopes.map((r) => [`${r.villageId}\u0000${r.scope}`, r]));
    const zeroCrit = { applicable: 0, met: 0, answered: 0, verified: 0, notApplicable: 0 };
    const zeroScope = { registered: 0, assessed: 0, fullyMet: 0, fullyMetVerified: 0 };
    for (const key of new Set([...crit.keys(), ...keptCrit.keys()])) {
      const r = crit.get(key);
      const k = keptCrit.get(key);
      const rv = r ? pickCrit(r) : zeroCrit;
      const kv = k ? pickCrit(k) : zeroCrit;
      if (JSON.stringify(rv) !== JSON.stringify(kv)) differ(`village ${key.replace("\u0000", " criterion ")}`, kv, rv);
    }
    for (const key of new Set([...scopes.keys(), ...keptScope.keys()])) {
      const r = scopes.get(key);
      const k = keptScope.get(key);
      const rv = r ? pickScope(r) : zeroScope;
      const kv = k ? pickScope(k) : zeroScope;
      if (JSON.stringify(rv) !== JSON.stringify(kv)) differ(`village ${key.replace("\u0000", " scope ")}`, kv, rv);
    }

    const keptActivity = new Map(
      sqlite
        .prepare<[], { village_id: string; day: number; households: number }>("SELECT village_id, day, households FROM agg_village_activity WHERE households <> 0")
        .all()
        .map((r) => [`${r.village_id}\u0000${r.day}`, r.households]),
    );
    for (const key of new Set([...activity.keys(), ...keptActivity.keys()])) {
      const r = activity.get(key) ?? 0;
      const k = keptActivity.get(key) ?? 0;
      if (r !== k) differ(`village ${key.replace("\u0000", " active households last changed on day ")}`, k, r);
    }

    const fixed = fix && differences > 0;
    // Household rows were fixed as they were found; the village rows last (the triggers moved them meanwhile).
    if (fixed) {
      aggregates.replaceAll([...crit.values()], [...scopes.values()]);
      sqlite.prepare("DELETE FROM agg_village_activity").run();
      const ins = sqlite.prepare("INSERT INTO agg_village_activity (village_id, day, households) VALUES (?, ?, ?)");
      for (const [key, n] of activity) {
        const [v, d] = key.split("\u0000") as [string, string];
        ins.run(v, Number(d), n);
      }
    }
    return { households: count, differences, samples, fixed };
  };
  // One transaction: a consistent read, and the fix applied atomically (IMMEDIATE only when fixing).
  const tx = sqlite.transaction(work);
  return opts.fix ? tx.immediate() : tx.deferred();
}

export interface CatalogueRecountResult {
  households: number;
  /** Households whose kept progress changed under the new catalogue. */
  changed: number;
  /** Longest time the write lock was held by one step (ms). */
  longestLockMs: number;
}

/**
 * Moves every kept count to a new catalogue without holding the write lock for the whole scan (a
 * full recount of 500,000 households takes seconds; the bot's other writes must go on meanwhile).
 * The caller guarantees that no household or answer changes until this returns (the households'
 * write gate, bot/households/live-catalogue.ts), so a snapshot read stays true:
 *   1. one read transaction (no write lock): each household's progress under `cat` is computed and
 *      the ones that change are staged in a temporary table of this connection; the village rows are
 *      summed in memory;
 *   2. the staged rows are written to `households` in short transactions of `batch` rows, with a
 *      pause between them so other writers get the lock;
 *   3. one short transaction replaces the rules the triggers read and the village rows, then runs
 *      `finish` (the caller records the catalogue as the one the counts are built for).
 * A crash in between leaves the catalogue marker on the old set: the start-up sync rebuilds.
 */
export function recountForCatalogue(
  sqlite: Sqlite,
  cat: EffectiveCatalogue,
  villageIds: readonly string[],
  opts: { batch?: number; pauseMs?: number; finish?: () => void; progress?: (phase: "read" | "write", done: number) => void } = {},
): CatalogueRecountResult {
  const batch = opts.batch ?? 2_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let longestLockMs = 0;
  const locked = <R>(fn: () => R): R => {
    const t = performance.now();
    const r = sqlite.transaction(fn).immediate();
    longestLockMs = Math.max(longestLockMs, performance.now() - t);
    return r;
  };
  sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS recount_stage (
    id INTEGER PRIMARY KEY, applicable INTEGER, met INTEGER, answered INTEGER, cq_applicable INTEGER, cq_met INTEGER, cq_answered INTEGER,
    kt_applicable INTEGER, kt_met INTEGER, kt_answered INTEGER, xh_applicable INTEGER, xh_met INTEGER, xh_answered INTEGER,
    vf_all INTEGER, vf_cq INTEGER, vf_kt INTEGER, vf_xh INTEGER)`);
  sqlite.exec("DELETE FROM temp.recount_stage");
  const stage = sqlite.prepare(`INSERT INTO temp.recount_stage VALUES (${Array.from({ length: 17 }, () => "?").join(", ")})`);
  let changed = 0;
  const tally = sqlite
    .transaction(() =>
      tallyHouseholds(sqlite, cat, villageIds, (raw, h, c, vf) => {
        const vfChanged = SCOPES.some((s) => vf[s] !== (raw[VF_COLUMN[s]] === 1));
        if (!vfChanged && !differingScope(h, c)) return;
        changed++;
        const t = c.tallies;
        stage.run(h.id, ...SCOPES.flatMap((s) => [t[s].applicable, t[s].met, t[s].answered]), ...SCOPES.map((s) => +vf[s]));
        if (changed % 10_000 === 0) opts.progress?.("read", changed);
      }),
    )
    .deferred();

  const ends = sqlite.prepare<[number, number], { id: number }>("SELECT id FROM temp.recount_stage WHERE id > ? ORDER BY id LIMIT 1 OFFSET ?");
  const lastId = sqlite.prepare<[], { id: number | null }>("SELECT max(id) AS id FROM temp.recount_stage").get()?.id ?? 0;
  const apply = sqlite.prepare(
    `UPDATE households SET applicable = s.applicable, met = s.met, answered = s.answered, cq_applicable = s.cq_applicable, cq_met = s.cq_met,
       cq_answered = s.cq_answered, kt_applicable = s.kt_applicable, kt_met = s.kt_met, kt_answered = s.kt_answered, xh_applicable = s.xh_applicable,
       xh_met = s.xh_met, xh_answered = s.xh_answered, vf_all = s.vf_all, vf_cq = s.vf_cq, vf_kt = s.vf_kt, vf_xh = s.vf_xh
     FROM temp.recount_stage AS s WHERE households.id = s.id AND s.id > ? AND s.id <= ?`,
  );
  let written = 0;
  for (let after = 0; after < lastId; ) {
    const end = ends.get(after, batch - 1)?.id ?? lastId;
    written += locked(() => apply.run(after, end).changes);
    opts.progress?.("write", written);
    after = end;
    if (opts.pauseMs !== 0) Atomics.wait(pause, 0, 0, opts.pauseMs ?? 5);
  }
  const aggregates = new AggregatesRepo(sqlite);
  locked(() => {
    aggregates.replaceRules(criterionRules(cat));
    aggregates.replaceAll([...tally.crit.values()], [...tally.scopes.values()]);
    opts.finish?.();
  });
  sqlite.exec("DELETE FROM temp.recount_stage");
  return { households: tally.households, changed, longestLockMs: Math.round(longestLockMs) };
}

function writeTallies(stmt: Database.Statement, id: number, t: Tallies): void {
  stmt.run(...(["all", "chinh-quyen-so", "kinh-te-so", "xa-hoi-so"] as const).flatMap((s) => [t[s].applicable, t[s].met, t[s].answered]), id);
}

function add(r: VillageCriterionRow, k: CriterionCounts): void {
  r.applicable += k.applicable;
  r.met += k.met;
  r.answered += k.answered;
  r.verified += k.verified;
  r.notApplicable += k.notApplicable;
}

const pickCrit = (r: VillageCriterionRow) => ({ applicable: r.applicable, met: r.met, answered: r.answered, verified: r.verified, notApplicable: r.notApplicable });
const pickScope = (r: VillageScopeRow) => ({ registered: r.registered, assessed: r.assessed, fullyMet: r.fullyMet, fullyMetVerified: r.fullyMetVerified });

async function cli(argv: string[]): Promise<void> {
  const { loadCommuneConfig } = await import("../config/commune");
  const { openDatabase } = await import("../db/connection");
  const { communeCatalogue } = await import("../households/catalogue");
  const arg = (name: string, fallback: string) => {
    const i = argv.indexOf(name);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const commune = loadCommuneConfig(arg("--commune", process.env.COMMUNE_CONFIG ?? "bot/config/communes/demo.json"));
  const handle = openDatabase(arg("--db", process.env.DATABASE_PATH ?? "data/gia-dinh-so.sqlite"));
  try {
    const r = recomputeAggregates(handle.db, communeCatalogue(commune), commune.villages.map((v) => v.id), { fix: argv.includes("--fix") });
    process.stdout.write(`${r.households} households checked, ${r.differences} difference(s)${r.fixed ? ", fixed" : ""}\n`);
    for (const s of r.samples) process.stdout.write(`  ${s.where}: kept ${JSON.stringify(s.kept)}, recomputed ${JSON.stringify(s.recomputed)}\n`);
    process.exitCode = r.differences > 0 && !r.fixed ? 2 : 0;
  } finally {
    handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  cli(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
