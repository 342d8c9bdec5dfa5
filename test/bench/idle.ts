/**
 * Idle memory of the production process: `node dist/bot/main.js` (what `npm start` runs), built
 * first, started in sandbox mode, resident set size once it is ready and has settled. Once on an
 * empty database, once on 500,000 households (test/bench/households.ts `generate`); then the time
 * a backup of the 500,000-household database takes.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { backupDatabase } from "../../bot/ops/backup";
import { generate } from "./households";

type Report = (name: string, value: number, unit: string) => void;

/** Idle: past the bot's second start-up garbage collection (bot/main.ts, a minute after start). */
const SETTLE_MS = Number(process.env.BENCH_IDLE_SETTLE_MS ?? 65_000);

function rssMb(pid: number): number {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  if (!m) throw new Error(`no VmRSS for process ${pid}`);
  return Number(m[1]) / 1024;
}

/** Starts the built bot on `dbPath`, waits until /readyz answers 200 and the process settles; returns its RSS in MB. */
async function idleRss(dbPath: string): Promise<number> {
  const env: Record<string, string | undefined> = { ...process.env, DATABASE_PATH: dbPath, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn", BACKUP_CRON: "off" };
  for (const k of Object.keys(env)) if (k.startsWith("ZALO_") || k === "NODE_ENV") delete env[k]; // sandbox
  const child = spawn(process.execPath, ["dist/bot/main.js"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  const exited = new Promise<never>((_, reject) => child.on("exit", (code) => reject(new Error(`the bot exited (${code}) before it settled:\n${out}`))));
  try {
    const port = await Promise.race([
      exited,
      (async () => {
        for (;;) {
          const m = out.match(/Readiness: http:\/\/127\.0\.0\.1:(\d+)\/readyz/);
          if (m) return Number(m[1]);
          await new Promise((r) => setTimeout(r, 100));
        }
      })(),
    ]);
    const until = Date.now() + 300_000;
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
      if (ok) break;
      if (Date.now() > until) throw new Error(`not ready in 300 s:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, SETTLE_MS))]);
    // Three samples a second apart; the last is the idle figure (they barely move once settled).
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      samples.push(rssMb(child.pid!));
      await new Promise((r) => setTimeout(r, 1000));
    }
    return samples.at(-1)!;
  } finally {
    exited.catch(() => undefined);
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

export async function idleBench(bench: Report): Promise<void> {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: ["ignore", "ignore", "inherit"] });
  const dir = mkdtempSync(join(tmpdir(), "gds-bench-idle-"));
  try {
    bench("idle_rss", await idleRss(join(dir, "empty.sqlite")), "MB");
    if (process.env.BENCH_IDLE_500K === "0") return;
    const big = join(dir, "households-500k.sqlite");
    generate(big, 500_000);
    // The generated database has no kept counts for this catalogue yet, so its first start recounts
    // every household (as after a catalogue change); the second start is a normal one.
    bench("idle_rss_500k_after_recount", await idleRss(big), "MB");
    bench("idle_rss_500k", await idleRss(big), "MB");
    // The nightly backup of that database (VACUUM INTO in a worker thread, integrity check, fsync).
    const t0 = performance.now();
    const backup = await backupDatabase(big, join(dir, "backups", "b.sqlite"));
    bench("backup_500k", (performance.now() - t0) / 1000, "s");
    bench("backup_500k_size", backup.bytes / 1024 / 1024, "MB");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
