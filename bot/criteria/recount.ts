/**
 * Starts the recount worker (bot/criteria/recount-worker.ts) for one catalogue change; the thread ends
 * with it. Its heap is bounded: the work streams (one batch of households in memory), whatever the size
 * of the commune.
 */
import { startTsWorker } from "../ops/ts-worker";
import type { RecountRunner } from "./criteria-service";
import type { RecountInput, RecountOutput } from "./recount-worker";

/** Built beside the bot by scripts/build.mjs (bot/criteria/recount-worker.ts → dist/bot/criteria/recount-worker.js). */
const WORKER = new URL("./recount-worker.ts", import.meta.url);

export function recountInWorker(dbPath: string, opts: { batch?: number; pauseMs?: number } = {}): RecountRunner {
  return (job, progress) =>
    new Promise((resolve, reject) => {
      const workerData: RecountInput = { dbPath, commune: job.commune, key: job.key, at: job.at, ...opts };
      const worker = startTsWorker(WORKER, { workerData, resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 } });
      let settled = false;
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        fn();
      };
      worker.on("message", (m: RecountOutput) => {
        if (m.type === "progress") progress(m);
        else if (m.type === "done") settle(() => resolve(m.result));
        else settle(() => reject(Object.assign(new Error(`recount failed in its worker: ${m.message}`), m.code ? { code: m.code } : {})));
      });
      worker.once("error", (err) => settle(() => reject(err)));
      worker.once("exit", (code) => settle(() => reject(new Error(`the recount worker stopped (exit code ${code}) before it finished`))));
    });
}
