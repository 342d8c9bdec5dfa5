/**
 * The segment counts' check off the event loop: a worker thread with a read-only connection of its own
 * reads the kept counts and the grouped recount in one read transaction (one snapshot: writes that
 * land meanwhile cannot show up as false differences). The worker is plain JavaScript given as text
 * (no TypeScript loader, no build entry), and loads the same SQLite driver as the bot.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.dbPath, { readonly: true, fileMustExist: true });
db.pragma("busy_timeout = 5000");
try {
  const read = db.transaction(() => ({ kept: db.prepare(workerData.keptSql).all(), recount: db.prepare(workerData.recountSql).all() }));
  parentPort.postMessage({ ok: true, value: read() });
} catch (err) {
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
} finally {
  db.close();
}
`;

export interface RawCountRow {
  segment_id: string;
  village_id: string;
  members: number;
  awaiting: number | null;
  fully_met: number | null;
  fully_met_verified: number | null;
}

/** Both readings of the same snapshot, from a worker thread (about 64 MB heap at most). */
export function readCountsInWorker(args: { dbPath: string; keptSql: string; recountSql: string }): Promise<{ kept: RawCountRow[]; recount: RawCountRow[] }> {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...args, driver }, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 } });
    let done = false;
    w.once("message", (m: { ok: true; value: { kept: RawCountRow[]; recount: RawCountRow[] } } | { ok: false; message: string }) => {
      done = true;
      if (m.ok) resolve(m.value);
      else reject(new Error(`segment check failed in its worker: ${m.message}`));
    });
    w.once("error", (err) => {
      done = true;
      reject(err);
    });
    w.once("exit", (code) => {
      if (!done) reject(new Error(`segment check worker exited with code ${code}`));
    });
  });
}
