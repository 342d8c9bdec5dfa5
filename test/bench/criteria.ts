/**
 * The criteria recount (issue 15) at 500,000 households: the admin adopts a new set through the real
 * app; the households are recounted in a worker thread. Measured: the whole recount (household writes
 * wait that long), the longest time one step holds the database's write lock (other writers wait at
 * most that), the longest stall of the bot's event loop meanwhile, and, as the baseline measured in
 * the same run, the write lock the one-transaction rebuild holds (what the start-up sync and the
 * admin's "fix" do).
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { communeCatalogue } from "../../bot/households/catalogue";
import { createLogger } from "../../bot/logger";
import { recomputeAggregates } from "../../bot/reports/recompute";
import { createServices } from "../../bot/services";
import { demoCommune, testEnv, TEST_CREDENTIALS } from "../support/env";
import { generate } from "./households";

type Report = (name: string, value: number, unit: string) => void;
const ADMIN = "2073657895127295082"; // demo.json: the admin's appUserId

export async function criteriaBench(bench: Report): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "gds-bench-criteria-"));
  const path = join(dir, "criteria-500k.sqlite");
  try {
    generate(path, 500_000);
    const services = createServices({
      env: testEnv({ DATABASE_PATH: path, DB_SYNCHRONOUS: "FULL", LOG_LEVEL: "silent", RATE_LIMIT_PER_MINUTE: "1000000" }),
      commune: demoCommune(),
      credentials: TEST_CREDENTIALS,
      endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
      clock: systemClock,
      logger: createLogger("silent"),
    });
    const app = await buildApp(services);
    try {
      const headers = { authorization: `Bearer ${services.gds.auth.issue(ADMIN).session}` };
      const view = (await app.inject({ method: "GET", url: "/api/admin/criteria", headers })).json() as { version: number; choice: { include: string[] } };
      const choice = { exclude: ["ung-dung-nong-nghiep"], include: [...view.choice.include, "binh-dan-hoc-vu-so"], relabel: {}, extra: [] };
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      const t0 = performance.now();
      const res = await app.inject({ method: "POST", url: "/api/admin/criteria", headers, payload: { baseVersion: view.version, choice } });
      if (res.statusCode !== 202) throw new Error(`adopt answered ${res.statusCode}: ${res.body}`);
      await services.criteria.service.settled();
      const total = performance.now() - t0;
      loop.disable();
      const last = services.criteria.service.lastRecount();
      if (!last || services.gds.liveCatalogue.state().state !== "idle") throw new Error("the recount did not finish");
      bench("criteria_recount_500k", total / 1000, "s");
      bench("criteria_recount_changed_households_500k", last.changed, "households");
      bench("criteria_recount_longest_lock_500k", last.longestLockMs, "ms");
      bench("criteria_recount_event_loop_max_stall_500k", loop.max / 1e6, "ms");
    bench("criteria_recount_event_loop_p99_500k", loop.percentile(99) / 1e6, "ms");

      // Baseline: the same move as one transaction on the bot's thread (the write lock held throughout).
      const back = communeCatalogue(demoCommune());
      const b0 = performance.now();
      recomputeAggregates(services.database.sqlite, back, services.config.commune.villages.map((v) => v.id), { fix: true });
      const oneTx = performance.now() - b0;
      bench("criteria_one_transaction_lock_500k", oneTx, "ms");
      bench("criteria_recount_longest_lock_vs_one_transaction_ratio", last.longestLockMs / oneTx, "ratio");
    } finally {
      await app.close();
      await services.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
