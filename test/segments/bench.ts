/**
 * Segment progress at commune scale, 500,000 households (about 45% in one segment or more) against
 * 5,000, median of 5 reads: the page reads the counts the triggers keep (agg_segment_village: goal
 * ratio ≤ 2, independent of the number of households); the check's one grouped query over the
 * membership index recounts them from the raw rows (its time and plan are printed).
 *
 *   npx tsx test/segments/bench.ts        (BENCH lines, like npm run bench)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ManualClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { communeCatalogue } from "../../bot/households/catalogue";
import { SnapshotService } from "../../bot/reports/snapshots";
import { segmentReportSource } from "../../bot/segments/report-source";
import { SegmentsRepo } from "../../bot/segments/segments-repo";
import { demoCommune, testLogger } from "../support/env";

type Report = (name: string, value: number, unit: string) => void;

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

const SEGMENTS = ["can-bo-giao-vien", "dang-vien", "doan-vien", "hoi-phu-nu", "hoi-nong-dan", "ho-kinh-doanh"];

/** `n` households (met/applicable and vf_all set as after a campaign) and their memberships. */
function generate(path: string, n: number): { rows: number } {
  const handle = openDatabase(path, { synchronous: "NORMAL" });
  const sqlite = handle.sqlite;
  const villages = demoCommune().villages.map((v) => v.id);
  const random = rng(n);
  for (const [i, id] of SEGMENTS.entries()) sqlite.prepare("INSERT INTO segments (id, name, target_percent, position, status, created_at, updated_at) VALUES (?, ?, 90, ?, 'active', 0, 0)").run(id, id, i);
  const insH = sqlite.prepare(
    "INSERT INTO households (id, village_id, label, status, created_at, created_by, updated_at, applicable, met, answered, vf_all) VALUES (?, ?, ?, ?, 0, 'bench', 0, 20, ?, 20, ?)",
  );
  const insM = sqlite.prepare("INSERT INTO household_segments (household_id, segment_id, declared, decision) VALUES (?, ?, ?, ?)");
  let rows = 0;
  const CHUNK = 50_000;
  for (let start = 1; start <= n; start += CHUNK) {
    sqlite.transaction(() => {
      for (let id = start; id < Math.min(start + CHUNK, n + 1); id++) {
        const met = random() < 0.35 ? 20 : Math.floor(random() * 20);
        insH.run(id, villages[id % villages.length], `Hộ số ${id}`, random() < 0.02 ? "archived" : "active", met, met === 20 && random() < 0.5 ? 1 : 0);
        if (random() >= 0.45) continue;
        const k = 1 + Math.floor(random() * 2);
        const picked = new Set<string>();
        while (picked.size < k) picked.add(SEGMENTS[Math.floor(random() * SEGMENTS.length)]!);
        for (const s of picked) {
          const r = random();
          insM.run(id, s, r < 0.9 ? 1 : 0, r < 0.5 ? "confirmed" : r < 0.55 ? "rejected" : r >= 0.9 ? "confirmed" : null);
          rows++;
        }
      }
    })();
  }
  sqlite.exec("ANALYZE");
  handle.close();
  return { rows };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function readTimes(path: string, which: "counts" | "recount"): { ms: number; plan: string[] } {
  const handle = openDatabase(path, { synchronous: "NORMAL" });
  const repo = new SegmentsRepo(handle.db);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = process.hrtime.bigint();
    repo[which]();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (i > 0) times.push(ms); // the first read warms the page cache
  }
  const sql = (repo as unknown as { s: Record<string, { source: string }> }).s[which]!.source;
  const plan = (handle.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail);
  handle.close();
  return { ms: median(times), plan };
}

/**
 * The weekly freeze with the segments (copied from the kept counts, never the households) and the
 * frozen week's segments read back for its workbook: medians over 5 weeks.
 */
function freezeTimes(path: string): { freezeMs: number; readMs: number; rows: number } {
  const handle = openDatabase(path, { synchronous: "NORMAL" });
  const commune = demoCommune();
  const clock = new ManualClock(Date.parse("2026-07-20T03:00:00Z"));
  const snapshots = new SnapshotService(handle.db, communeCatalogue(commune), commune, clock, testLogger());
  snapshots.connectSegments(segmentReportSource(new SegmentsRepo(handle.db)));
  const freeze: number[] = [];
  const read: number[] = [];
  let rows = 0;
  for (let w = 20; w < 25; w++) {
    let t0 = process.hrtime.bigint();
    snapshots.freeze({ isoYear: 2026, isoWeek: w }, "manual");
    freeze.push(Number(process.hrtime.bigint() - t0) / 1e6);
    t0 = process.hrtime.bigint();
    rows = snapshots.loadSegments(`2026-W${w}`).counts.length;
    read.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  handle.close();
  return { freezeMs: median(freeze), readMs: median(read), rows };
}

export async function segmentsBench(report: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gds-seg-bench-"));
  try {
    const small = join(dir, "5k.sqlite");
    const big = join(dir, "500k.sqlite");
    generate(small, 5_000);
    const { rows } = generate(big, 500_000);
    const a = readTimes(small, "counts");
    const b = readTimes(big, "counts");
    const r = readTimes(big, "recount");
    report("segments_membership_rows_500k", rows, "rows");
    report("segments_progress_read_5k_ms", a.ms, "ms");
    report("segments_progress_read_500k_ms", b.ms, "ms");
    report("segments_progress_read_500k_vs_5k_ratio", b.ms / a.ms, "ratio");
    report("segments_recount_500k_ms", r.ms, "ms");
    const f = freezeTimes(big);
    report("segments_week_freeze_500k_ms", f.freezeMs, "ms");
    report("segments_frozen_read_500k_ms", f.readMs, "ms");
    report("segments_frozen_rows_500k", f.rows, "rows");
    process.stdout.write(`PLAN read: ${b.plan.join(" | ")}\nPLAN recount: ${r.plan.join(" | ")}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  segmentsBench((name, value, unit) => process.stdout.write(`BENCH ${name} ${Number.isFinite(value) ? +value.toFixed(3) : value} ${unit}\n`)).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
