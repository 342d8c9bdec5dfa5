import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Sessions of a person issued at or before `valid_after` are refused (after an erasure, or a
 * "log out everywhere"). Keyed by a keyed hash of the mini-app user id, never the id itself: an
 * erased person's id must not remain anywhere in the database.
 */
export const sessionRevocations = sqliteTable("session_revocations", {
  userKey: text("user_key").primaryKey(),
  validAfter: integer("valid_after").notNull(),
});
