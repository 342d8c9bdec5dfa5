/**
 * The households' counts moved to a new criteria catalogue, in a worker thread with a connection of
 * its own (bot/reports/recompute.ts `recountForCatalogue`: a snapshot read without the write lock,
 * then short write batches, then one short transaction that switches the catalogue). Started by
 * bot/criteria/recount.ts; built to dist/ by scripts/build.mjs.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import type { CommuneConfig } from "../config/commune";
import { communeCatalogue, markCountsBuiltFor } from "../households/catalogue";
import { recountForCatalogue, type CatalogueRecountResult } from "../reports/recompute";

export interface RecountInput {
  dbPath: string;
  commune: CommuneConfig;
  /** The catalogue key the parent resolved: the worker refuses to build anything else. */
  key: string;
  at: number;
  batch?: number;
  pauseMs?: number;
}

export type RecountOutput = { type: "progress"; phase: "read" | "write"; done: number } | { type: "done"; result: CatalogueRecountResult } | { type: "error"; message: string; code?: string };

const port = parentPort!;
const input = workerData as RecountInput;

function main(): void {
  const cat = communeCatalogue(input.commune);
  if (cat.key !== input.key) throw new Error(`catalogue resolved to ${cat.key} in the worker, ${input.key} in the bot`);
  const sqlite = new Database(input.dbPath, { fileMustExist: true });
  try {
    sqlite.pragma("busy_timeout = 5000");
    sqlite.pragma("foreign_keys = ON");
    const result = recountForCatalogue(sqlite, cat, input.commune.villages.map((v) => v.id), {
      batch: input.batch,
      pauseMs: input.pauseMs,
      progress: (phase, done) => port.postMessage({ type: "progress", phase, done } satisfies RecountOutput),
      finish: () => markCountsBuiltFor(sqlite, cat, input.commune.target.percent, input.at),
    });
    port.postMessage({ type: "done", result } satisfies RecountOutput);
  } finally {
    sqlite.close();
  }
}

try {
  main();
} catch (err) {
  const code = (err as { code?: unknown } | null)?.code;
  port.postMessage({ type: "error", message: (err as Error)?.stack ?? String(err), ...(typeof code === "string" ? { code } : {}) } satisfies RecountOutput);
}
