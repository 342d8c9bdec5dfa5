/**
 * Exports and heavy report work at province scale (500,000 households), against a real bot process:
 * - the whole-commune Excel export and the missing-households CSV, streamed to an HTTP client: time,
 *   size, and the peak RSS of the serving process (sampled from /proc while it runs; goal < 300 MB);
 * - webhook ack latency (p99) while the export or the aggregate check runs (they run in a worker
 *   thread: acks must stay fast);
 * - the aggregate check over HTTP, and the peak RSS of a start that recounts every household;
 * - planning a "households missing a criterion" broadcast: the set-based queries against the
 *   per-household lookups they replaced (measured in the same run, on the same database).
 *
 * `tsx test/bench/exports.ts serve <db>` is the child: the bot in production mode, printing its port
 * and an officer's and an admin's session.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { buildApp } from "../../bot/app";
import { householdSources } from "../../bot/broadcasts/household-sources";
import { systemClock } from "../../bot/clock";
import { loadCommuneConfig } from "../../bot/config/commune";
import { parseEnv } from "../../bot/config/env";
import { createLogger } from "../../bot/logger";
import { createServices } from "../../bot/services";
import { BENCH_CREDENTIALS, signedTextEvents } from "./credentials";
import { generate, OFFICER } from "./households";
import { openLoop, percentile } from "./load";

type Report = (name: string, value: number, unit: string) => void;

const ADMIN = "2073657895127295082"; // demo.json: the admin officer's appUserId
const SIZE = Number(process.env.BENCH_EXPORT_HOUSEHOLDS ?? 500_000);
const label = SIZE === 500_000 ? "500k" : String(SIZE);

function env(dbPath: string) {
  return parseEnv({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    DATABASE_PATH: dbPath,
    ZALO_APP_ID: BENCH_CREDENTIALS.appId,
    ZALO_APP_SECRET: BENCH_CREDENTIALS.appSecret,
    ZALO_OA_ID: BENCH_CREDENTIALS.oaId,
    ZALO_OA_SECRET_KEY: BENCH_CREDENTIALS.oaSecretKey,
    DB_SYNCHRONOUS: "FULL",
    RATE_LIMIT_PER_MINUTE: "1000000",
    // The aggregate check at 500,000 households answers after more than the default 75 s idle cut.
    CONNECTION_TIMEOUT_MS: "900000",
  });
}

function services(dbPath: string) {
  const e = env(dbPath);
  return createServices({
    env: e,
    commune: loadCommuneConfig(e.COMMUNE_CONFIG),
    credentials: BENCH_CREDENTIALS,
    endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
    clock: systemClock,
    logger: createLogger("silent"),
  });
}

async function serve(dbPath: string): Promise<void> {
  const s = services(dbPath);
  const app = await buildApp(s);
  s.worker.start();
  await app.listen({ port: 0, host: "127.0.0.1" });
  const port = (app.server.address() as { port: number }).port;
  // The longest event-loop stall since the last ask (SIGUSR2): what a webhook ack waited behind.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  process.on("SIGUSR2", () => {
    process.stdout.write(`LOOP ${(loop.max / 1e6).toFixed(1)}\n`);
    loop.reset();
  });
  process.stdout.write(`READY ${port} ${s.gds.auth.issue(OFFICER).session} ${s.gds.auth.issue(ADMIN).session}\n`);
}

const signedEvents = (n: number) => signedTextEvents(n, { sender: "85", app: "exp", msg: "bench-export" });

/** kB of a /proc/<pid>/status line (VmRSS: now; VmHWM: peak since start). */
function procKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const m = readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`${field}:\\s+(\\d+) kB`));
  return m ? Number(m[1]) : NaN;
}

interface During<T> {
  value: T;
  seconds: number;
  peakMb: number;
  ackP99: number;
  ackErrors: number;
  /** Longest event-loop stall of the serving process meanwhile. */
  loopMaxMs: number;
}

/** Asks the child for its longest event-loop stall since the last ask. */
function loopMax(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const on = (d: Buffer) => {
      const m = String(d).match(/LOOP ([\d.]+)/);
      if (!m) return;
      child.stdout!.off("data", on);
      resolve(Number(m[1]));
    };
    child.stdout!.on("data", on);
    child.kill("SIGUSR2");
  });
}

/** Runs `work` while sampling the child's RSS and sending it signed webhooks at `rate`/s. */
async function during<T>(child: ChildProcess, port: number, work: () => Promise<T>, rate = 200): Promise<During<T>> {
  await loopMax(child);
  let peak = procKb(child.pid!, "VmRSS");
  // The kernel's high-water mark catches peaks between two samples; it counts from the start, so it
  // is the work's own peak only when the work raised it.
  const hwmBefore = procKb(child.pid!, "VmHWM");
  const sampler = setInterval(() => (peak = Math.max(peak, procKb(child.pid!, "VmRSS"))), 50);
  let running = true;
  const latencies: number[] = [];
  let errors = 0;
  const load = (async () => {
    while (running) {
      const r = await openLoop(port, "/webhooks/zalo", signedEvents(rate / 4), rate);
      latencies.push(...r.latenciesMs);
      errors += r.errors;
    }
  })();
  const t0 = performance.now();
  try {
    const value = await work();
    const seconds = (performance.now() - t0) / 1000;
    running = false;
    await load;
    peak = Math.max(peak, procKb(child.pid!, "VmRSS"));
    const hwmAfter = procKb(child.pid!, "VmHWM");
    if (hwmAfter > hwmBefore) peak = Math.max(peak, hwmAfter);
    return { value, seconds, peakMb: peak / 1024, ackP99: percentile(latencies, 99), ackErrors: errors, loopMaxMs: await loopMax(child) };
  } finally {
    running = false;
    clearInterval(sampler);
  }
}

/** GET, reading the body as it streams (counting bytes, keeping none). */
function download(port: number, path: string, session: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: "127.0.0.1", port, path, headers: { authorization: `Bearer ${session}` } }, (res) => {
      let bytes = 0;
      res.on("data", (d: Buffer) => (bytes += d.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    r.on("error", reject);
    r.end();
  });
}

function post(port: number, path: string, session: string, body: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const r = request(
      { host: "127.0.0.1", port, path, method: "POST", headers: { authorization: `Bearer ${session}`, "content-type": "application/json", "content-length": String(data.length) } },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    r.on("error", reject);
    r.end(data);
  });
}

/**
 * The serving process runs compiled JavaScript, as `npm start` does in production (dist/, built by
 * scripts/build.mjs): this file bundled the same way (packages left in node_modules, `import.meta.url`
 * kept pointing at each source file so migrations and the reports' worker resolve as in the repo).
 */
async function compiledServer(): Promise<string> {
  // The reports' worker as the production build writes it (dist/bot/reports/report-worker.js).
  await bundle(join(process.cwd(), "bot", "reports", "report-worker.ts"), join(process.cwd(), "dist", "bot", "reports", "report-worker.js"));
  // Inside the repository (node_modules/.cache): ES modules resolve packages from where the file is.
  const outfile = join(process.cwd(), "node_modules", ".cache", "gds-bench", `export-server-${process.pid}.mjs`);
  await bundle(fileURLToPath(import.meta.url), outfile);
  return outfile;
}

async function bundle(entry: string, outfile: string): Promise<void> {
  const esbuild = await import("esbuild");
  const { readFile } = await import("node:fs/promises");
  const { relative, dirname: dn, sep } = await import("node:path");
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
    plugins: [
      {
        name: "source-import-meta-url",
        setup(build) {
          // Spelled in pieces: this very file is rewritten by it.
          const meta = ["import", "meta", "url"].join(".");
          build.onLoad({ filter: /\.ts$/ }, async (args) => {
            const text = await readFile(args.path, "utf8");
            if (args.path.includes(`${sep}node_modules${sep}`) || !text.includes(meta)) return { contents: text, loader: "ts" };
            const rel = relative(dn(outfile), args.path).split(sep).join("/");
            return { contents: text.replaceAll(meta, `new URL(${JSON.stringify(rel)}, ${meta}).href`), loader: "ts" };
          });
        },
      },
    ],
  });
}

function start(script: string, dbPath: string): Promise<{ child: ChildProcess; port: number; officer: string; admin: string; startSeconds: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [script, "serve", dbPath], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      const m = out.match(/READY (\d+) (\S+) (\S+)/);
      if (m) resolve({ child, port: Number(m[1]), officer: m[2]!, admin: m[3]!, startSeconds: (performance.now() - t0) / 1000 });
    });
    child.on("exit", (code) => reject(new Error(`export bench server exited ${code}`)));
  });
}

export async function exportsBench(bench: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gds-bench-exports-"));
  const path = join(dir, "exports.sqlite");
  let child: ChildProcess | undefined;
  let script: string | undefined;
  try {
    generate(path, SIZE);
    script = await compiledServer();
    // The first start recounts every household (a new database, as after a catalogue change).
    const first = await start(script, path);
    bench(`start_recount_${label}_seconds`, first.startSeconds, "s");
    bench(`start_recount_${label}_peak_rss`, procKb(first.child.pid!, "VmHWM") / 1024, "MB");
    bench(`exports_server_rss_right_after_recount_${label}`, procKb(first.child.pid!, "VmRSS") / 1024, "MB");
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    // The bot as it usually runs: started on counted data (the usual restart), then the heavy work. (RSS right
    // after start, before the settling collections: the idle figure is the idle group's idle_rss_500k.)
    const s = await start(script, path);
    child = s.child;
    bench(`exports_server_rss_right_after_start_${label}`, procKb(child.pid!, "VmRSS") / 1024, "MB");

    // The same webhook load with nothing else running: the reference for the acks below.
    const base = await during(child, s.port, () => new Promise((r) => setTimeout(r, 10_000)));
    bench(`webhook_ack_p99_idle_${label}`, base.ackP99, "ms");
    bench(`event_loop_max_stall_idle_${label}`, base.loopMaxMs, "ms");

    const x = await during(child, s.port, () => download(s.port, "/api/exports/current.xlsx", s.officer));
    if (x.value.status !== 200) throw new Error(`xlsx export answered ${x.value.status}`);
    bench(`export_commune_xlsx_${label}`, x.seconds, "s");
    bench(`export_commune_xlsx_${label}_peak_rss`, x.peakMb, "MB");
    bench(`export_commune_xlsx_${label}_size`, x.value.bytes / 1024 / 1024, "MB");
    bench(`webhook_ack_p99_during_xlsx_export_${label}`, x.ackP99, "ms");
    bench(`webhook_ack_errors_during_xlsx_export_${label}`, x.ackErrors, "count");
    bench(`event_loop_max_stall_during_xlsx_export_${label}`, x.loopMaxMs, "ms");

    const c = await during(child, s.port, () => download(s.port, "/api/exports/current.csv?table=missing", s.officer));
    if (c.value.status !== 200) throw new Error(`csv export answered ${c.value.status}`);
    bench(`export_missing_csv_${label}`, c.seconds, "s");
    bench(`export_missing_csv_${label}_peak_rss`, c.peakMb, "MB");
    bench(`webhook_ack_p99_during_csv_export_${label}`, c.ackP99, "ms");
    bench(`event_loop_max_stall_during_csv_export_${label}`, c.loopMaxMs, "ms");

    const k = await during(child, s.port, () => post(s.port, "/api/admin/aggregates/check", s.admin, { fix: false }));
    if (k.value.status !== 200) throw new Error(`aggregate check answered ${k.value.status}: ${k.value.text}`);
    bench(`aggregate_check_http_${label}`, k.seconds, "s");
    bench(`aggregate_check_${label}_peak_rss`, k.peakMb, "MB");
    bench(`webhook_ack_p99_during_aggregate_check_${label}`, k.ackP99, "ms");
    bench(`event_loop_max_stall_during_aggregate_check_${label}`, k.loopMaxMs, "ms");
    bench(`aggregate_check_differences_${label}`, JSON.parse(k.value.text).differences, "count");
    child.kill("SIGKILL");
    child = undefined;

    // Planning "households missing a criterion": set-based (now) against one lookup per household (before).
    const svc = services(path);
    try {
      const gds = svc.gds;
      const t0 = performance.now();
      const planned = householdSources(gds, svc.config.commune).gaps.missing(undefined, undefined);
      const setBased = (performance.now() - t0) / 1000;
      const t1 = performance.now();
      let before = 0;
      for (const v of svc.config.commune.villages) {
        for (const h of gds.householdsRepo.villageHouseholds(v.id)) {
          if (h.status !== "active") continue;
          const ids = gds.householdsRepo.members(h.id).flatMap((m) => (m.oaUserId ? [m.oaUserId] : []));
          if (ids.length > 0 && gds.households.householdForOaUser(ids[0]!)?.missing[0]) before++;
        }
      }
      const perHousehold = (performance.now() - t1) / 1000;
      if (before !== planned.length) throw new Error(`set-based plan found ${planned.length} households, the per-household lookups ${before}`);
      bench(`broadcast_missing_plan_${label}_set_based`, setBased, "s");
      bench(`broadcast_missing_plan_${label}_per_household_before`, perHousehold, "s");
      bench(`broadcast_missing_plan_${label}_households`, planned.length, "count");
    } finally {
      await svc.stop();
    }
  } finally {
    child?.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    if (script) rmSync(script, { force: true });
    // Built for this run only: the bot's own build (scripts/build.mjs) writes it when it has the entry.
    rmSync(join(process.cwd(), "dist", "bot", "reports", "report-worker.js"), { force: true });
  }
}

if (process.argv[2] === "serve") {
  serve(process.argv[3]!).catch((err) => {
    process.stderr.write(String(err?.stack ?? err));
    process.exit(1);
  });
} else if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1] && !process.argv[1].endsWith(".mjs")) {
  exportsBench((name, value, unit) => process.stdout.write(`BENCH ${name} ${Number.isFinite(value) ? +value.toFixed(3) : value} ${unit}\n`)).catch((err) => {
    process.stderr.write(`bench failed: ${err?.stack ?? err}\n`);
    process.exit(1);
  });
}
