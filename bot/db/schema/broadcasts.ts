import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Recurring messages, editable by officers; fired by the scheduler in the commune's time zone. */
export const broadcastSchedules = sqliteTable(
  "broadcast_schedules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** What the firing does: the kind decides the audience and the content builder. */
    kind: text("kind", { enum: ["report_reminder", "report_overdue", "team_visit", "legal_tip", "ranking", "nudges", "tickets_digest", "custom"] }).notNull(),
    name: text("name").notNull(),
    cron: text("cron").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Message template with {placeholders}; null = the kind's built-in text. */
    template: text("template"),
    /** JSON audience for `custom` schedules. */
    audience: text("audience"),
    updatedBy: text("updated_by").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Stable key of a default schedule seeded from the commune config (`default:<kind>`): renaming it never seeds it again. */
    seedKey: text("seed_key"),
  },
  (t) => [uniqueIndex("broadcast_schedules_kind_name_uq").on(t.kind, t.name), uniqueIndex("broadcast_schedules_seed_key_uq").on(t.seedKey)],
);

/** One row per schedule and due minute: a second firing of the same minute (restart) finds it and sends nothing. */
export const broadcastFirings = sqliteTable(
  "broadcast_firings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    scheduleId: integer("schedule_id").notNull().references(() => broadcastSchedules.id),
    /** The due minute, epoch ms. */
    slot: integer("slot").notNull(),
    firedAt: integer("fired_at").notNull(),
    outcome: text("outcome", { enum: ["sent", "late", "skipped_missed", "nothing_to_send"] }).notNull(),
    broadcastId: integer("broadcast_id"),
  },
  (t) => [uniqueIndex("broadcast_firings_uq").on(t.scheduleId, t.slot)],
);

/** A message sent to an audience: one-off by an officer, or produced by a schedule firing. */
export const broadcasts = sqliteTable("broadcasts", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  text: text("text").notNull(),
  /** Optional picture (e.g. the Friday ranking chart), an uploaded attachment id. */
  imageAttachmentId: text("image_attachment_id"),
  audience: text("audience").notNull(),
  status: text("status", { enum: ["draft", "scheduled", "queued"] }).notNull(),
  sendAt: integer("send_at"),
  createdBy: text("created_by").notNull(),
  createdAt: integer("created_at").notNull(),
  queuedAt: integer("queued_at"),
  scheduleId: integer("schedule_id"),
});

/** Per broadcast and recipient: the channel the planner chose and why; the outbox row carries the outcome. */
export const broadcastDeliveries = sqliteTable(
  "broadcast_deliveries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    broadcastId: integer("broadcast_id").notNull().references(() => broadcasts.id),
    /** Who it was meant for: a group, a resident, a village head... */
    targetKind: text("target_kind", { enum: ["group", "resident", "village_head", "volunteer", "officer"] }).notNull(),
    targetId: text("target_id").notNull(),
    villageId: text("village_id"),
    channel: text("channel", { enum: ["group", "cs", "promotion", "relay", "none"] }).notNull(),
    reason: text("reason").notNull(),
    outboxId: integer("outbox_id"),
  },
  (t) => [uniqueIndex("broadcast_deliveries_uq").on(t.broadcastId, t.targetKind, t.targetId), index("broadcast_deliveries_outbox_idx").on(t.outboxId)],
);

/** Delivery and read receipts from Zalo's user_received_message / user_seen_message webhooks. */
export const messageReceipts = sqliteTable("message_receipts", {
  messageId: text("message_id").primaryKey(),
  receivedAt: integer("received_at"),
  seenAt: integer("seen_at"),
});

/** At most one nudge per household (or resident) per ISO week. */
export const nudgeLog = sqliteTable(
  "nudge_log",
  {
    targetId: text("target_id").notNull(),
    week: text("week").notNull(),
    criterionId: text("criterion_id").notNull(),
    sentAt: integer("sent_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.week] })],
);

/** Residents who said "dừng" / "huỷ nhận tin": no nudges or broadcasts to them 1:1. */
export const optOuts = sqliteTable("opt_outs", {
  userId: text("user_id").primaryKey(),
  at: integer("at").notNull(),
});

/** Who scheduled or sent what, when, to whom. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    target: text("target"),
    details: text("details"),
  },
  // By action: the console's histories (segments, the commune file's last start) read one action's
  // newest entries; without it each read scanned the whole log (300,000 entries at 500,000 households).
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_action_idx").on(t.action)],
);
