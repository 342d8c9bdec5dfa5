// Worker thread of bot/ops/backup.ts (plain JavaScript so the same file runs under tsx, vitest and
// the compiled bot). Its own SQLite connection, so the bot's event loop keeps answering webhooks
// while the copy is written:
//   1. VACUUM INTO a new file: one read transaction, a consistent copy of everything committed,
//      WAL included (copying the .sqlite file alone would miss what is still in the -wal file);
//   2. the copy forgets the running process's leases (a bot started on a restored copy must not wait
//      for a claim held by the process that was running when the copy was taken);
//   3. PRAGMA integrity_check on the copy, then fsync.
import { closeSync, fsyncSync, openSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { source, target, busyTimeoutMs } = workerData;

function run() {
  const live = new Database(source, { readonly: true, fileMustExist: true, timeout: busyTimeoutMs });
  try {
    live.prepare("VACUUM INTO ?").run(target);
  } finally {
    live.close();
  }
  const copy = new Database(target, { fileMustExist: true });
  let integrity;
  try {
    const tables = new Set(copy.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all());
    if (tables.has("process_lease")) copy.prepare("DELETE FROM process_lease").run();
    if (tables.has("zalo_connection")) copy.prepare("UPDATE zalo_connection SET lease_owner = NULL, lease_until = 0").run();
    integrity = copy.prepare("PRAGMA integrity_check").pluck().all();
  } finally {
    copy.close();
  }
  const fd = openSync(target, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { integrity };
}

try {
  parentPort.postMessage({ ok: true, ...run() });
} catch (err) {
  parentPort.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err), code: err && err.code });
}
