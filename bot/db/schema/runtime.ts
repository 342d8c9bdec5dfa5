import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The last minute each minute-driven job handled (`broadcasts`, `weekly-snapshot`): the next tick
 * processes every minute since, so a blocked event loop or a start inside a due minute loses nothing.
 */
export const schedulerCursors = sqliteTable("scheduler_cursors", {
  name: text("name").primaryKey(),
  /** Epoch ms of the start of the last minute handled. */
  lastSlot: integer("last_slot").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * One row (id = 1): which process runs the workers on this database. Renewed every few seconds; a
 * process that finds another holder's lease still valid refuses to start.
 */
export const processLease = sqliteTable("process_lease", {
  id: integer("id").primaryKey(),
  owner: text("owner").notNull(),
  pid: integer("pid").notNull(),
  host: text("host").notNull(),
  acquiredAt: integer("acquired_at").notNull(),
  expiresAt: integer("expires_at").notNull(),
});
