import { accessSync, constants, existsSync, statSync } from "node:fs";
import { userInfo } from "node:os";
import { dirname, resolve } from "node:path";
import { ConfigError } from "../config/env";

/**
 * Checks, before SQLite opens anything, that the database's folder exists (or can be created) and is
 * writable (SQLite writes its -wal and -shm files beside the database), and that an existing
 * database file is writable. Returns the problems as plain sentences naming the path and what to
 * do; empty when all is well.
 */
export function databasePathProblems(dbPath: string, opts: { mustExist?: boolean } = {}): string[] {
  if (dbPath === ":memory:") return [];
  const file = resolve(dbPath);
  const dir = dirname(file);
  const user = currentUser();
  const elsewhere = "or set DATABASE_PATH to a writable place";

  if (existsSync(file)) {
    const st = statSync(file);
    if (!st.isFile()) return [`DATABASE_PATH ${file} is a ${st.isDirectory() ? "folder" : "special file"}, not a database file: give the path of the .sqlite file.`];
    if (!canAccess(file, constants.R_OK | constants.W_OK)) {
      return [`The database file ${file} is read-only for the user ${user}. Give that user write access to it (e.g. sudo chown -R ${user} ${dir}), ${elsewhere}.`];
    }
    const p = folderProblem(dir, "The database folder", "SQLite writes its -wal and -shm files there", elsewhere);
    return p ? [p] : [];
  }
  if (opts.mustExist) return [`There is no database at ${file}. Check the path (DATABASE_PATH, or --db); nothing was created.`];
  const p = folderProblem(dir, "The database folder", "SQLite creates the database and its -wal and -shm files there", elsewhere);
  return p ? [p] : [];
}

/** A folder the process must write in (created if missing): undefined when fine, else what is wrong and what to do. */
export function folderProblem(dir: string, label: string, why: string, elsewhere: string): string | undefined {
  const user = currentUser();
  const abs = resolve(dir);
  let existing = abs;
  while (!existsSync(existing)) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) return `${label} ${abs} cannot be created: ${existing} is a file, not a folder; ${elsewhere}.`;
  if (canAccess(existing, constants.W_OK | constants.X_OK)) return undefined;
  return existing === abs
    ? `${label} ${abs} is read-only for the user ${user} (${why}). Give that user write access to it (e.g. sudo chown -R ${user} ${abs}), ${elsewhere}.`
    : `${label} ${abs} does not exist and the user ${user} cannot create it (${existing} is not writable). Create it: sudo mkdir -p ${abs} && sudo chown ${user} ${abs}; ${elsewhere}.`;
}

/** At start: a database path the bot cannot use stops it with the path and what to do (no stack trace). */
export function assertDatabasePathUsable(dbPath: string): void {
  const problems = databasePathProblems(dbPath);
  if (problems.length > 0) throw new ConfigError("DATABASE_PATH", problems);
}

function canAccess(path: string, mode: number): boolean {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? "?");
  }
}
