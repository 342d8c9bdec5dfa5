import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Pauses of the whole outbox: an account-wide Zalo error (OA locked, Zalo Cloud Account out of money…)
 * or an officer's manual pause. The open pause (`resumed_at` null; the repo keeps at most one) survives a restart; a
 * closed one is the audit of who resumed sending, when, and which pause it ended.
 */
export const outboxPauses = sqliteTable(
  "outbox_pauses",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `zalo`: an account-wide error answer; `officer`: paused by hand. */
    source: text("source", { enum: ["zalo", "officer"] }).notNull(),
    /** Zalo's error code (null for a manual pause or an error without a code). */
    code: integer("code"),
    /** Zalo's message, or the officer's reason. */
    message: text("message").notNull(),
    /** Epoch ms. */
    since: integer("since").notNull(),
    /** Who paused by hand (audit name); null for a Zalo error. */
    pausedBy: text("paused_by"),
    /** When the admin officer was told (a message through the OA), if it could be sent. */
    notifiedAt: integer("notified_at"),
    resumedAt: integer("resumed_at"),
    resumedBy: text("resumed_by"),
  },
  (t) => [index("outbox_pauses_resumed_idx").on(t.resumedAt)],
);
