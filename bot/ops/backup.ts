import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { dirname, join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { folderProblem } from "./preflight";

/**
 * Backups of the bot's SQLite database, and restoring one.
 *
 * A backup is `VACUUM INTO` a new file through a connection of its own, in a worker thread: a
 * consistent copy of everything committed (the -wal file included) taken while the bot keeps
 * serving. (SQLite's online backup API restarts whenever the bot writes and never finished under
 * load; copying the .sqlite file alone loses what is still in the -wal file.)
 */

const BACKUP_PREFIX = "gia-dinh-so-";
const BACKUP_NAME = /^gia-dinh-so-\d{8}-\d{6}-\d{3}\.sqlite$/;
const PARTIAL_SUFFIX = ".partial";

export class OpsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OpsError";
  }
}

export interface BackupResult {
  path: string;
  bytes: number;
  ms: number;
}

/** gia-dinh-so-20261130-021500-000.sqlite (UTC): names sort in time order. */
export function backupFileName(at: Date): string {
  const iso = at.toISOString(); // 2026-11-30T02:15:00.000Z
  return `${BACKUP_PREFIX}${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}-${iso.slice(20, 23)}.sqlite`;
}

/** The backups in a folder, oldest first. */
export function listBackups(dir: string): { name: string; path: string; bytes: number }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((n) => BACKUP_NAME.test(n))
    .sort()
    .map((name) => ({ name, path: join(dir, name), bytes: statSync(join(dir, name)).size }));
}

/** Keeps the newest `keep` backups of the folder and deletes the older ones (and day-old partial files). */
export function pruneBackups(dir: string, keep: number): string[] {
  const all = listBackups(dir);
  const removed = all.slice(0, Math.max(0, all.length - keep)).map((b) => b.path);
  for (const p of removed) rmSync(p, { force: true });
  if (existsSync(dir)) {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (n.startsWith(BACKUP_PREFIX) && n.endsWith(PARTIAL_SUFFIX) && Date.now() - statSync(p).mtimeMs > 24 * 3600_000) rmSync(p, { force: true });
    }
  }
  return removed;
}

/**
 * Writes a consistent copy of the database at `dbPath` to `target` (a new file; the folder is
 * created). Runs in a worker thread with its own connection; the copy is integrity-checked and
 * fsynced before it takes its final name, so a file with a backup's name is always a whole backup.
 */
export async function backupDatabase(dbPath: string, target: string, opts: { busyTimeoutMs?: number } = {}): Promise<BackupResult> {
  const started = Date.now();
  if (!existsSync(dbPath)) throw new OpsError(`There is no database at ${resolve(dbPath)}: check DATABASE_PATH (or --db).`);
  if (existsSync(target)) throw new OpsError(`${resolve(target)} already exists: a backup never overwrites a file.`);
  const folder = folderProblem(dirname(resolve(target)), "The backup folder", "the backup is written there", "or choose another folder (BACKUP_DIR, or --out)");
  if (folder) throw new OpsError(folder);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const partial = `${target}${PARTIAL_SUFFIX}`;
  rmSync(partial, { force: true });
  try {
    const out = await runWorker({ source: resolve(dbPath), target: resolve(partial), busyTimeoutMs: opts.busyTimeoutMs ?? 30_000 });
    if (!out.ok) throw new OpsError(`The backup of ${resolve(dbPath)} failed: ${out.message}`);
    if (out.integrity.join(";") !== "ok") throw new OpsError(`The backup copy failed its integrity check: ${out.integrity.slice(0, 5).join("; ")}`);
    renameSync(partial, target);
    syncDir(dirname(resolve(target)));
  } finally {
    rmSync(partial, { force: true });
  }
  return { path: target, bytes: statSync(target).size, ms: Date.now() - started };
}

type WorkerOutcome = { ok: true; integrity: string[] } | { ok: false; message: string };

function runWorker(data: { source: string; target: string; busyTimeoutMs: number }): Promise<WorkerOutcome> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL("./backup-worker.mjs", import.meta.url), { workerData: data });
    let settled = false;
    worker.once("message", (m: WorkerOutcome) => {
      settled = true;
      resolvePromise(m);
    });
    worker.once("error", (err) => {
      settled = true;
      reject(err);
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new OpsError(`the backup worker stopped (exit code ${code}) before it finished`));
    });
  });
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* some filesystems do not fsync directories; the rename is still atomic */
  }
}

/** The bot holding the database, read from its lease row (bot/db/process-lease.ts), if it is alive. */
function liveLeaseHolder(sqlite: Database.Database, now = Date.now()): { pid: number; host: string; since: string } | undefined {
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'process_lease'").get();
  if (!hasTable) return undefined;
  const row = sqlite.prepare("SELECT pid, host, acquired_at, expires_at FROM process_lease WHERE id = 1").get() as
    | { pid: number; host: string; acquired_at: number; expires_at: number }
    | undefined;
  if (!row || row.expires_at <= now) return undefined;
  if (row.host === hostname()) {
    try {
      process.kill(row.pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === "ESRCH") return undefined;
    }
  }
  return { pid: row.pid, host: row.host, since: new Date(row.acquired_at).toISOString() };
}

/** integrity_check of a database file, opened read-only; "ok" or the first problems. */
export function integrityCheck(path: string): string[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("PRAGMA integrity_check").pluck().all() as string[];
  } finally {
    db.close();
  }
}

/** Migrations recorded in a database (drizzle's journal), to refuse a backup from newer code. */
function appliedMigrations(path: string): number {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!has) throw new OpsError(`${resolve(path)} is not a Gia Đình Số database (no migration journal).`);
    return (db.prepare("SELECT count(*) FROM __drizzle_migrations").pluck().get() as number) ?? 0;
  } catch (err) {
    if (err instanceof OpsError) throw err;
    throw new OpsError(`${resolve(path)} cannot be read as a database (${(err as Error).message}): is it really a backup? Nothing was changed.`);
  } finally {
    db?.close();
  }
}

export interface RestoreResult {
  restored: string;
  /** Where the database that was there before now is (undefined when there was none). */
  replacedKeptAt?: string;
}

/**
 * Puts a backup in place of the database at `dbPath`. Refuses while a bot (or anything else) has
 * that database open. The backup is copied next to the target and integrity-checked there before
 * it takes the database's name; the database it replaces is kept beside it as
 * `<name>.replaced-<time>` (checkpointed first, so it is one whole file).
 */
export function restoreDatabase(backupPath: string, dbPath: string, opts: { knownMigrations?: number; now?: Date } = {}): RestoreResult {
  const source = resolve(backupPath);
  const target = resolve(dbPath);
  if (!existsSync(source) || !statSync(source).isFile()) throw new OpsError(`There is no backup file at ${source}.`);
  if (source === target) throw new OpsError("The backup and the database are the same file.");
  const applied = appliedMigrations(source);
  if (opts.knownMigrations !== undefined && applied > opts.knownMigrations) {
    throw new OpsError(`The backup was made by a newer version of the bot (${applied} schema migrations, this version knows ${opts.knownMigrations}): update the bot first.`);
  }
  mkdirSync(dirname(target), { recursive: true });

  const stamp = (opts.now ?? new Date()).toISOString().replace(/[-:]/g, "").replace(/\..*$/, "");
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  copyFileSync(source, incoming);
  try {
    const fd = openSync(incoming, "r+");
    fsyncSync(fd);
    closeSync(fd);
    const check = integrityCheck(incoming);
    if (check.join(";") !== "ok") throw new OpsError(`The backup ${source} failed its integrity check, nothing was changed: ${check.slice(0, 5).join("; ")}`);

    let replacedKeptAt: string | undefined;
    if (existsSync(target)) {
      closeAfterExclusiveCheck(target);
      replacedKeptAt = `${target}.replaced-${stamp}`;
      renameSync(target, replacedKeptAt);
      for (const ext of ["-wal", "-shm", "-journal"]) {
        if (existsSync(`${target}${ext}`)) renameSync(`${target}${ext}`, `${replacedKeptAt}${ext}`);
      }
    }
    renameSync(incoming, target);
    syncDir(dirname(target));
    return { restored: target, ...(replacedKeptAt ? { replacedKeptAt } : {}) };
  } finally {
    rmSync(incoming, { force: true });
  }
}

/**
 * Refuses when a bot holds the database (its lease row) or any process has it open (an exclusive
 * lock cannot be taken), then checkpoints the WAL into the main file so it can be moved whole.
 */
function closeAfterExclusiveCheck(target: string): void {
  const db = new Database(target, { fileMustExist: true, timeout: 0 });
  try {
    const holder = liveLeaseHolder(db);
    if (holder) {
      throw new OpsError(
        `A bot is running on ${target} (process ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
          "Stop it first (sudo systemctl stop gia-dinh-so, or Ctrl+C), then run the restore again. Nothing was changed.",
      );
    }
    db.pragma("locking_mode = EXCLUSIVE");
    try {
      db.exec("BEGIN EXCLUSIVE; COMMIT;");
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith("SQLITE_BUSY")) {
        throw new OpsError(`${target} is open in another process (a running bot or a command). Stop it first, then run the restore again. Nothing was changed.`);
      }
      throw err;
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
}

/** Where backups go by default: `backups/` beside the database. */
export function defaultBackupDir(dbPath: string): string {
  return join(dirname(resolve(dbPath)), "backups");
}
