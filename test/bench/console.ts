/**
 * The officers' console at commune scale (issue 15's pages and the dashboards): every page's API read
 * through the real app (inject: routing, auth, JSON) over a database of 500,000 households against
 * 5,000 (the baseline, same data shape, same run), each size in a child process of its own so its
 * memory is its own. Per API: the median time and its ratio to 5k; for the whole run at 500k: the
 * longest event-loop stall (one request's synchronous work) and the resident memory at rest and at
 * its peak while the pages are read.
 *
 * The data, as after a few years of a large commune: households with 40% of their answers, half with
 * a member the OA knows, 45% in a segment or more; an audit log of 0.6 entries per household; a
 * kept question (and its ticket) for one household in ten, nine in ten closed; 26 frozen weeks; 100
 * saved versions of the commune document and of a guide; 500 team sessions.
 *
 *   BENCH_ONLY=console npm run bench
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { createLogger } from "../../bot/logger";
import { createServices } from "../../bot/services";
import { demoCommune, testEnv, TEST_CREDENTIALS } from "../support/env";
import { generate } from "./households";

type Report = (name: string, value: number, unit: string) => void;

export const ADMIN = "2073657895127295082"; // demo.json: the admin officer's appUserId

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
}

/** Audit actions as a commune's log holds them: the bulk from everyday work, the console's own few. */
const BULK_ACTIONS = ["commune.link_code", "team_session.update", "guide.edit", "privacy.erase", "role.grant", "ticket.answer", "household.archive", "unmatched.map"];

/** Segments, memberships and a long audit log, written straight into the file (big transactions). */
function addRows(path: string, n: number): void {
  const handle = openDatabase(path, { synchronous: "NORMAL" });
  const sqlite = handle.sqlite;
  const random = rng(n + 1);
  const segments = demoCommune().segments ?? [];
  segments.forEach((s, i) =>
    sqlite.prepare("INSERT INTO segments (id, name, target_percent, position, status, created_at, updated_at) VALUES (?, ?, ?, ?, 'active', 0, 0)").run(s.id, s.name, s.targetPercent, i),
  );
  const insM = sqlite.prepare("INSERT INTO household_segments (household_id, segment_id, declared, decision) VALUES (?, ?, ?, ?)");
  const insA = sqlite.prepare("INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)");
  // A question the bot kept: its ticket comes from the table's trigger, as in the chat.
  const insQ = sqlite.prepare("INSERT INTO unmatched_questions (user_id, text, created_at) VALUES (?, ?, ?)");
  const CHUNK = 50_000;
  const start0 = Date.now() - 3 * 365 * 86_400_000;
  for (let start = 1; start <= n; start += CHUNK) {
    sqlite.transaction(() => {
      for (let id = start; id < Math.min(start + CHUNK, n + 1); id++) {
        if (random() < 0.45) {
          const picked = new Set<string>();
          const k = 1 + Math.floor(random() * 2);
          while (picked.size < k) picked.add(segments[Math.floor(random() * segments.length)]!.id);
          for (const s of picked) {
            const r = random();
            insM.run(id, s, r < 0.9 ? 1 : 0, r < 0.5 ? "confirmed" : r < 0.55 ? "rejected" : r >= 0.9 ? "confirmed" : null);
          }
        }
        if (random() < 0.1) insQ.run(`bench-oa-${id}`, `Cho hỏi việc số ${id} làm thế nào`, start0 + id * 100);
        if (random() < 0.6) {
          const action = BULK_ACTIONS[Math.floor(random() * BULK_ACTIONS.length)]!;
          insA.run(start0 + id * 100, `bench-${id % 97}`, action, `household:${id}`, JSON.stringify({ note: { bench: true, n: id } }));
        }
      }
    })();
  }
  // Most tickets answered and closed long ago; the newest tenth still open.
  sqlite.prepare("UPDATE tickets SET status = 'done', closed_at = created_at + 3600000, closed_by = 'bench' WHERE id % 10 <> 0").run();
  handle.close();
}

/** What the console's own edits leave behind, made through the services: versions, sessions, weeks, segment edits. */
async function addHistory(path: string): Promise<void> {
  const services = createServices({
    env: testEnv({ DATABASE_PATH: path, DB_SYNCHRONOUS: "NORMAL", LOG_LEVEL: "silent" }),
    commune: demoCommune(),
    credentials: TEST_CREDENTIALS,
    endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
    clock: systemClock,
    logger: createLogger("silent"),
  });
  try {
    const store = services.commune.store;
    for (let i = 0; i < 100; i++) {
      const v = store.current().villages[i % store.current().villages.length]!;
      services.commune.service.edit("bench", { op: "village.update", baseVersion: store.version(), villageId: v.id, households: 100_000 + i });
    }
    const guides = services.guides.service;
    for (let i = 0; i < 100; i++) {
      const d = guides.detail("tien-dien");
      const doc = structuredClone(d.doc) as { steps: { text: string }[] };
      doc.steps[0]!.text = `${doc.steps[0]!.text.replace(/ \(sửa \d+\)$/, "")} (sửa ${i})`;
      guides.save("tien-dien", doc, d.version, "bench", `Sửa lần ${i}`);
    }
    const team = services.chat.team;
    const villages = store.current().villages.map((v) => v.id);
    const day0 = Date.now() + 86_400_000;
    for (let i = 0; i < 500; i++) {
      const date = new Date(day0 + i * 2 * 86_400_000).toISOString().slice(0, 10);
      team.create({ villageId: villages[i % villages.length]!, date, start: "13:30", end: "16:30", place: "Nhà văn hóa thôn", procedures: [], allowOverlap: true }, "bench");
    }
    const admin = services.gds.auth.issue(ADMIN).principal;
    for (let i = 0; i < 30; i++) services.segments.service.update(admin, "dang-vien", { targetPercent: 60 + i });
    const now = new Date();
    for (let w = 0; w < 26; w++) {
      const d = new Date(now.getTime() - (w + 1) * 7 * 86_400_000);
      const { isoYear, isoWeek } = isoWeekOf(d);
      services.gds.snapshots.freeze({ isoYear, isoWeek }, "manual");
    }
  } finally {
    await services.stop();
  }
}

function isoWeekOf(d: Date): { isoYear: number; isoWeek: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { isoYear: t.getUTCFullYear(), isoWeek: Math.ceil(((t.getTime() - yearStart) / 86_400_000 + 1) / 7) };
}

export interface ChildResult {
  rssIdleMb: number;
  rssPeakMb: number;
  apis: { name: string; medianMs: number; maxMs: number; stallMs: number; bytes: number }[];
}

function measure(path: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "test/bench/console-child.ts", path], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("RESULT "));
      if (code !== 0 || !line) return reject(new Error(`console bench child exited ${code}: ${out.slice(-2000)}`));
      resolve(JSON.parse(line.slice(7)) as ChildResult);
    });
  });
}

export async function consoleBench(bench: Report): Promise<void> {
  // BENCH_CONSOLE_DIR=<dir> keeps the two databases there and reuses them (while tuning a query).
  const kept = process.env.BENCH_CONSOLE_DIR;
  const dir = kept ?? mkdtempSync(join(tmpdir(), "gds-bench-console-"));
  try {
    const paths: Record<number, string> = {};
    for (const n of [5_000, 500_000]) {
      const path = join(dir, `console-${n}.sqlite`);
      paths[n] = path;
      if (kept && existsSync(path)) continue;
      const t0 = performance.now();
      generate(path, n);
      addRows(path, n);
      await addHistory(path);
      if (n === 500_000) bench("console_generate_500k", (performance.now() - t0) / 1000, "s");
    }
    // Two rounds, alternating sizes; the best median per API (shared, noisy machine).
    const runs: Record<number, ChildResult[]> = { 5000: [], 500000: [] };
    for (let round = 0; round < 2; round++) for (const n of [5_000, 500_000]) runs[n]!.push(await measure(paths[n]!));
    const best = (n: number, name: string) => Math.min(...runs[n]!.map((r) => r.apis.find((a) => a.name === name)!.medianMs));
    let stall = { ms: 0, name: "" };
    for (const a of runs[500_000]![0]!.apis) {
      const small = best(5_000, a.name);
      const large = best(500_000, a.name);
      bench(`console_api_${a.name}_500k_ms`, large, "ms");
      bench(`console_api_${a.name}_500k_vs_5k_ratio`, large / small, "ratio");
      for (const r of runs[500_000]!) {
        const s = r.apis.find((x) => x.name === a.name)!.stallMs;
        if (s > stall.ms) stall = { ms: s, name: a.name };
      }
    }
    bench("console_api_longest_event_loop_stall_500k_ms", stall.ms, "ms");
    process.stdout.write(`NOTE longest stall at 500k: ${stall.name}\n`);
    for (const r of runs[500_000]!) process.stdout.write(`NOTE 500k ${r.apis.map((a) => `${a.name} median ${a.medianMs.toFixed(1)} max ${a.maxMs.toFixed(1)} stall ${a.stallMs.toFixed(1)} ms ${a.bytes} B`).join("; ")}\n`);
    const peak = (n: number) => Math.max(...runs[n]!.map((r) => r.rssPeakMb));
    const idle = (n: number) => Math.min(...runs[n]!.map((r) => r.rssIdleMb));
    bench("console_rss_idle_500k_mb", idle(500_000), "MB");
    bench("console_rss_peak_500k_mb", peak(500_000), "MB");
    bench("console_rss_peak_5k_mb", peak(5_000), "MB");
    bench("console_rss_peak_500k_vs_5k_ratio", peak(500_000) / peak(5_000), "ratio");
  } finally {
    if (!kept) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  consoleBench((name, value, unit) => process.stdout.write(`BENCH ${name} ${Number.isFinite(value) ? +value.toFixed(3) : value} ${unit}\n`)).catch((err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}
