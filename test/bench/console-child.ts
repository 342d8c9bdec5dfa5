/**
 * One size of the console bench (test/bench/console.ts), in a process of its own: opens the real
 * services and app over the given database, reads every console page's API through inject (warm-up,
 * then timed requests one after another, the event loop free between two), samples the resident
 * memory every 5 ms and times the longest gap of a 1 ms ticker per API (the longest synchronous
 * stretch, while nothing else could run). Prints `RESULT <json>`.
 */
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { createLogger } from "../../bot/logger";
import { createServices } from "../../bot/services";
import { demoCommune, testEnv, TEST_CREDENTIALS } from "../support/env";
import type { ChildResult } from "./console";

const ADMIN = "2073657895127295082";
const path = process.argv[2]!;
const WARM = Number(process.env.BENCH_CONSOLE_WARM ?? 3);
const ROUNDS = Number(process.env.BENCH_CONSOLE_ROUNDS ?? 15);

/** A date `n` days from today (the calendar page asks for six weeks). */
const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** The pages' reads: issue 15's pages (commune, guides, calendar, segments), the dashboards, the lists. */
const APIS: [name: string, url: string][] = [
  ["commune_view", "/api/admin/commune"],
  ["commune_history", "/api/admin/commune/history?limit=100"],
  ["commune_export", "/api/admin/commune/export"],
  ["guides_list", "/api/officer/guides"],
  ["guide_detail", "/api/officer/guides/tien-dien"],
  ["legal_tips", "/api/officer/legal-tips"],
  ["team_sessions", `/api/officer/team-sessions?from=${day(0)}&to=${day(41)}`],
  ["segments_admin", "/api/admin/segments"],
  ["segments_progress", "/api/segments/progress"],
  ["dash_villages", "/api/reports/dash/villages"],
  ["dash_criteria", "/api/reports/dash/criteria"],
  ["dash_pillars", "/api/reports/dash/pillars"],
  ["dash_silent", "/api/reports/dash/silent?weeks=4"],
  ["dash_completeness", "/api/reports/dash/completeness?weeks=8"],
  ["dash_trend", "/api/reports/dash/trend?weeks=26"],
  ["commune_dashboard", "/api/commune/dashboard"],
  ["audit_trail", "/api/officer/audit"],
  ["console_sessions", "/api/admin/console-sessions"],
  ["tickets", "/api/officer/tickets"],
];

const rssMb = () => process.memoryUsage().rss / 1048576;

async function main() {
  const services = createServices({
    env: testEnv({ DATABASE_PATH: path, LOG_LEVEL: "silent", RATE_LIMIT_PER_MINUTE: "100000000" }),
    commune: demoCommune(),
    credentials: TEST_CREDENTIALS,
    endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
    clock: systemClock,
    logger: createLogger("silent"),
  });
  const app = await buildApp(services);
  const headers = { authorization: `Bearer ${services.gds.auth.issue(ADMIN).session}` };
  global.gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const rssIdleMb = rssMb();
  let rssPeakMb = rssIdleMb;
  const sampler = setInterval(() => (rssPeakMb = Math.max(rssPeakMb, rssMb())), 5);
  let last = performance.now();
  let gap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
  }, 1);
  const apis: ChildResult["apis"] = [];
  for (const [name, url] of APIS) {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < WARM + ROUNDS; i++) {
      // The loop runs its timers between two requests: a gap is one request's synchronous work.
      await new Promise((r) => setTimeout(r, 2));
      if (i === WARM) {
        last = performance.now();
        gap = 0;
      }
      const t0 = performance.now();
      const res = await app.inject({ method: "GET", url, headers });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
      bytes = res.rawPayload.length;
      if (i >= WARM) times.push(ms);
    }
    await new Promise((r) => setTimeout(r, 2));
    times.sort((a, b) => a - b);
    apis.push({ name, medianMs: times[Math.floor(times.length / 2)]!, maxMs: times[times.length - 1]!, stallMs: gap, bytes });
  }
  clearInterval(sampler);
  clearInterval(ticker);
  process.stdout.write(`RESULT ${JSON.stringify({ rssIdleMb, rssPeakMb, apis } satisfies ChildResult)}\n`);
  await app.close();
  await services.stop();
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
