import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { CommitQueue } from "./commit-queue";
import { WriteHealth } from "./faults";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  /** Group commit for hot-path writes (webhook inserts, handled events). */
  commits: CommitQueue;
  /** Outcome of the last write (readiness): the commit queue and the background loops report here. */
  health: WriteHealth;
  close(): void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

export interface OpenOptions {
  /** FULL survives power loss at the cost of an fsync per commit; NORMAL survives process crashes only. */
  synchronous?: "FULL" | "NORMAL";
  /**
   * How long a statement waits for a lock held by another connection. better-sqlite3 waits
   * synchronously: the whole event loop (every webhook ack) waits with it, so the bot keeps it short
   * (DB_BUSY_TIMEOUT_MS, 250 ms): the webhook answers 503 (Zalo retries) and background loops back
   * off and try again. Default 5 s for scripts (recompute, backup) that may wait.
   */
  busyTimeoutMs?: number;
  /** Clock for the write-health timestamps. */
  now?: () => number;
}

export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/** The only place that opens SQLite: WAL, foreign keys, busy timeout, migrations applied. */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  sqlite.pragma("foreign_keys = ON");
  // Deleted rows are overwritten with zeros, not left in free pages (residents' erased data, Decree 13).
  sqlite.pragma("secure_delete = ON");
  // Migrations may wait longer for a lock (start-up, nothing else is running yet).
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
  const health = new WriteHealth(options.now);
  const commits = new CommitQueue(sqlite, 512, health);
  return {
    db,
    sqlite,
    commits,
    health,
    close() {
      commits.flush();
      if (sqlite.open) sqlite.close();
    },
  };
}
