import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { CommitQueue } from "./commit-queue";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DatabaseHandle {
  db: Db;
  sqlite: Database.Database;
  /** Group commit for hot-path writes (webhook inserts, handled events). */
  commits: CommitQueue;
  close(): void;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

export interface OpenOptions {
  /** FULL survives power loss at the cost of an fsync per commit; NORMAL survives process crashes only. */
  synchronous?: "FULL" | "NORMAL";
  busyTimeoutMs?: number;
}

/** The only place that opens SQLite: WAL, foreign keys, busy timeout, migrations applied. */
export function openDatabase(path: string, options: OpenOptions = {}): DatabaseHandle {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma(`synchronous = ${options.synchronous ?? "FULL"}`);
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const commits = new CommitQueue(sqlite);
  return {
    db,
    sqlite,
    commits,
    close() {
      commits.flush();
      if (sqlite.open) sqlite.close();
    },
  };
}
