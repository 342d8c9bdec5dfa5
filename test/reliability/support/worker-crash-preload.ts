/**
 * Loaded into a real bot process (`node --import tsx --import <this file> bot/main.ts`) by the
 * training-worker suite: while the file named by GDS_WORKER_CRASH_FILE says "throw", "exit" or "oom",
 * every guide-training worker thread the bot starts (its workerData has `guides` and `extra`) runs
 * code that throws, calls process.exit(7), or runs out of its heap instead of training. Each one is
 * counted as a line in `<file>.log`. Other worker threads are left alone; nothing in the bot knows.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import workerThreads from "node:worker_threads";

const file = process.env.GDS_WORKER_CRASH_FILE;
if (file) {
  const Original = workerThreads.Worker;
  const CRASH: Record<string, string> = {
    throw: "throw new Error('the training failed (injected by the test)')",
    exit: "process.exit(7)",
    oom: "const kept = []; for (;;) kept.push(new Array(100000).fill(Math.random()))",
  };
  class CrashingWorker extends Original {
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      let mode = "";
      try {
        mode = readFileSync(file!, "utf8").trim();
      } catch {
        mode = "";
      }
      const data = options?.workerData as { guides?: unknown; extra?: unknown } | undefined;
      if (CRASH[mode] && data && Array.isArray(data.guides) && Array.isArray(data.extra)) {
        appendFileSync(`${file}.log`, `${mode}\n`);
        super(CRASH[mode]!, { eval: true, ...(mode === "oom" ? { resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } } : {}) });
        return;
      }
      super(filename, options);
    }
  }
  workerThreads.Worker = CrashingWorker as typeof Original;
  syncBuiltinESMExports();
}
