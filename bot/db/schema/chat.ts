import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Where each resident is in their conversation with the OA (OA-scoped user id). */
export const conversations = sqliteTable("conversations", {
  userId: text("user_id").primaryKey(),
  /** idle | guide (reading guideId at step) | ask_village (purpose in `pending`) | rating (target in `pending`) */
  mode: text("mode", { enum: ["idle", "guide", "ask_village", "rating"] }).notNull().default("idle"),
  guideId: text("guide_id"),
  /** 1-based step of the current guide. */
  step: integer("step"),
  /** The guide session (funnel row) the resident is reading. */
  guideSessionId: integer("guide_session_id"),
  /** JSON: what the mode is waiting for (e.g. {"purpose":"schedule"}, {"candidates":[...]}, {"subject":"handoff","subjectId":3}). */
  pending: text("pending"),
  /** Consecutive messages the bot did not understand. */
  misses: integer("misses").notNull().default(0),
  villageId: text("village_id"),
  /** An officer answered from the OA chat: the bot stays silent until then. */
  silencedUntil: integer("silenced_until"),
  welcomedAt: integer("welcomed_at"),
  /** The last webhook event applied: a re-delivered event (after a crash) changes nothing twice. */
  lastEventKey: text("last_event_key"),
  updatedAt: integer("updated_at").notNull(),
});

/** One resident reading one guide: the funnel (started, furthest step, finished, left). */
export const guideSessions = sqliteTable(
  "guide_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    guideId: text("guide_id").notNull(),
    stepCount: integer("step_count").notNull(),
    maxStep: integer("max_step").notNull(),
    startedAt: integer("started_at").notNull(),
    lastStepAt: integer("last_step_at").notNull(),
    finishedAt: integer("finished_at"),
    /** Why it ended without finishing: another guide, "thoát", a hand-off. Null while open or finished. */
    leftReason: text("left_reason", { enum: ["switched", "exit", "handoff"] }),
  },
  (t) => [index("guide_sessions_guide_idx").on(t.guideId, t.startedAt), index("guide_sessions_user_idx").on(t.userId)],
);

/** Questions the bot could not map to a guide, for officers to map. */
export const unmatchedQuestions = sqliteTable(
  "unmatched_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
    mappedGuideId: text("mapped_guide_id"),
    /** True when the officer decided it is not a guide question (spam, greeting...). */
    dismissed: integer("dismissed", { mode: "boolean" }).notNull().default(false),
    resolvedAt: integer("resolved_at"),
    resolvedBy: text("resolved_by"),
  },
  // By person: the ticket of a hand-off finds its question, an erasure finds every row of the person.
  (t) => [index("unmatched_open_idx").on(t.resolvedAt, t.id), index("unmatched_user_idx").on(t.userId, t.id)],
);

/** Extra phrasings officers mapped to guides: loaded into the matcher at start and live. */
export const guidePhrasings = sqliteTable(
  "guide_phrasings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guideId: text("guide_id").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by"),
  },
  (t) => [uniqueIndex("guide_phrasings_uq").on(t.guideId, t.text)],
);

/** A resident handed to a person (seed 002): who was told, and when an officer answered. */
export const handoffs = sqliteTable(
  "handoffs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    villageId: text("village_id"),
    reason: text("reason", { enum: ["asked", "not_understood"] }).notNull(),
    question: text("question"),
    contactName: text("contact_name").notNull(),
    contactRole: text("contact_role").notNull(),
    contactPhone: text("contact_phone"),
    createdAt: integer("created_at").notNull(),
    answeredAt: integer("answered_at"),
    answeredBy: text("answered_by"),
  },
  (t) => [index("handoffs_user_idx").on(t.userId, t.id)],
);

/**
 * The mobile public-service team's sessions (seed 004): seeded once from the commune config, then
 * edited by officers. A cancelled session is kept (status `cancelled`), shown struck, never announced.
 */
export const teamSessions = sqliteTable(
  "team_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    villageId: text("village_id").notNull(),
    /** Local date YYYY-MM-DD (Asia/Ho_Chi_Minh) and times HH:MM. */
    date: text("date").notNull(),
    startTime: text("start_time").notNull(),
    endTime: text("end_time").notNull(),
    place: text("place").notNull(),
    /** JSON arrays of strings. */
    procedures: text("procedures").notNull(),
    papers: text("papers").notNull(),
    note: text("note"),
    status: text("status", { enum: ["scheduled", "cancelled"] }).notNull().default("scheduled"),
    cancelledAt: integer("cancelled_at"),
    /** Why it was cancelled, as the officer wrote it (shown to officers). */
    cancelReason: text("cancel_reason"),
    /** "YYYY-MM-DD HH:MM" the session was at before its last move (the chat says it was moved). */
    movedFrom: text("moved_from"),
    updatedAt: integer("updated_at"),
  },
  (t) => [
    // One scheduled session per village, date and start; cancelled ones stay beside a new one.
    uniqueIndex("team_sessions_uq").on(t.villageId, t.date, t.startTime).where(sql`${t.status} = 'scheduled'`),
    index("team_sessions_date_idx").on(t.date),
  ],
);

/** Whether the sessions were ever seeded from the commune file: seeding happens once, never again. */
export const teamScheduleSeed = sqliteTable("team_schedule_seed", {
  id: integer("id").primaryKey(),
  at: integer("at").notNull(),
  /** `config` (copied from the file), `existing` (a database from before this record), `import`. */
  source: text("source", { enum: ["config", "existing", "import"] }).notNull(),
});

/** 1-5 ratings after a team visit or a hand-off, per village. */
export const ratings = sqliteTable(
  "ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id").notNull(),
    villageId: text("village_id"),
    subject: text("subject", { enum: ["team_session", "handoff"] }).notNull(),
    subjectId: integer("subject_id").notNull(),
    score: integer("score").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("ratings_once_uq").on(t.userId, t.subject, t.subjectId), index("ratings_village_idx").on(t.villageId)],
);
