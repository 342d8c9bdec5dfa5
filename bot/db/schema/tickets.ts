import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Hand-off tickets (issue 14): every hand-off to a person and every question the bot could not answer
 * is a ticket officers follow to the end. Created by SQLite triggers in the same transaction as the
 * hand-off or the question (migration tickets_triggers), so none is ever missed, whichever code path
 * (resident, anonymous chat) created it. The words stay in `handoffs` / `unmatched_questions`.
 */
export const tickets = sqliteTable(
  "tickets",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    source: text("source", { enum: ["handoff", "question"] }).notNull(),
    /** handoffs.id or unmatched_questions.id. */
    sourceId: integer("source_id").notNull(),
    /** The resident's OA-scoped id (or `anon:<id>` for an anonymous chat). */
    userId: text("user_id").notNull(),
    villageId: text("village_id"),
    status: text("status", { enum: ["new", "in_progress", "done"] }).notNull().default("new"),
    /** Who should answer: the hand-off's contact at first (volunteer, village head, officer). */
    assigneeRole: text("assignee_role", { enum: ["volunteer", "village_head", "officer"] }),
    assigneeName: text("assignee_name"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** First answer from a person (OA chat or console). */
    answeredAt: integer("answered_at"),
    closedAt: integer("closed_at"),
    /** Staff identity (mini-app id or configured name) that closed it. */
    closedBy: text("closed_by"),
  },
  (t) => [uniqueIndex("tickets_source_uidx").on(t.source, t.sourceId), index("tickets_status_idx").on(t.status, t.id), index("tickets_user_idx").on(t.userId)],
);
