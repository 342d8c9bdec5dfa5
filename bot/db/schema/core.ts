import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Every webhook event Zalo delivered, stored once before the 200 (Zalo retries). */
export const inboxEvents = sqliteTable(
  "inbox_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `${event_name}:${msg_id}` where Zalo gives a message id, else `${event_name}:sha256(raw body)`. */
    eventKey: text("event_key").notNull(),
    eventName: text("event_name").notNull(),
    /** Whose events must be handled in order: the resident, or the group for group events. */
    subjectId: text("subject_id").notNull(),
    appUserId: text("app_user_id"),
    raw: text("raw").notNull(),
    /** pending → done | failed; rejected = signed but not a known/valid event, never handled. */
    status: text("status", { enum: ["pending", "done", "failed", "rejected"] }).notNull(),
    parseError: text("parse_error"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    numRetry: integer("num_retry"),
    receivedAt: integer("received_at").notNull(),
    handledAt: integer("handled_at"),
  },
  (t) => [
    uniqueIndex("inbox_events_event_key_uq").on(t.eventKey),
    index("inbox_events_status_idx").on(t.status, t.id),
    index("inbox_events_subject_idx").on(t.subjectId, t.status, t.id),
  ],
);

/** OA token pairs, newest last. The newest row is in use; older rows are kept as the previous pairs. */
export const zaloTokens = sqliteTable("zalo_tokens", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  accessToken: text("access_token").notNull(),
  refreshToken: text("refresh_token").notNull(),
  accessExpiresAt: integer("access_expires_at").notNull(),
  refreshExpiresAt: integer("refresh_expires_at").notNull(),
  source: text("source", { enum: ["authorization_code", "refresh", "initial_refresh_token"] }).notNull(),
  obtainedAt: integer("obtained_at").notNull(),
  /** The Zalo app and OA the pair was issued for (null on pairs stored before this was recorded). */
  appId: text("app_id"),
  oaId: text("oa_id"),
});

/** One row (id = 1): whether the OA is connected, and the cross-process refresh lease. */
export const zaloConnection = sqliteTable("zalo_connection", {
  id: integer("id").primaryKey(),
  status: text("status", { enum: ["never", "connected", "disconnected"] }).notNull(),
  reason: text("reason"),
  changedAt: integer("changed_at").notNull(),
  /** After a transient refresh failure: no new attempt before this time (no retry loop). */
  retryAt: integer("retry_at"),
  leaseOwner: text("lease_owner"),
  leaseUntil: integer("lease_until").notNull().default(0),
});

/** PKCE state of an officer's pending "connect the OA" flow; single use, 10 minutes. */
export const oauthStates = sqliteTable("oauth_states", {
  state: text("state").primaryKey(),
  codeVerifier: text("code_verifier").notNull(),
  redirectUri: text("redirect_uri").notNull(),
  createdAt: integer("created_at").notNull(),
  usedAt: integer("used_at"),
});

/** Every message the product sends is a row first; the sender drains this table. */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key").notNull(),
    /** `anonymous`: a person chatting without revealing their Zalo identity (recipient: see anonymousRecipient in zalo/oa-client). */
    channel: text("channel", { enum: ["cs", "transaction", "promotion", "group", "anonymous"] }).notNull(),
    recipientId: text("recipient_id").notNull(),
    kind: text("kind", { enum: ["text", "buttons", "image"] }).notNull(),
    payload: text("payload").notNull(),
    /** pending → sending → sent | failed | outside_window | uncertain */
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "outside_window", "uncertain"] }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at").notNull(),
    claimedAt: integer("claimed_at"),
    messageId: text("message_id"),
    errorCode: integer("error_code"),
    errorMessage: text("error_message"),
    origin: text("origin"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_key_uq").on(t.dedupeKey),
    index("outbox_due_idx").on(t.status, t.nextAttemptAt, t.id),
    index("outbox_recipient_idx").on(t.recipientId, t.status, t.id),
  ],
);

/** What the bot knows of each person who talked to the OA (OA-scoped id), for the messaging window. */
export const zaloUsers = sqliteTable(
  "zalo_users",
  {
  userId: text("user_id").primaryKey(),
  userIdByApp: text("user_id_by_app"),
  isFollower: integer("is_follower", { mode: "boolean" }).notNull().default(false),
  lastInteractionAt: integer("last_interaction_at"),
  /** The village tag set on this follower through Zalo's tag API (so officers can target it in OA Manager too). */
  villageTag: text("village_tag"),
  firstSeenAt: integer("first_seen_at").notNull().default(sql`(unixepoch() * 1000)`),
  },
  (t) => [index("zalo_users_by_app_idx").on(t.userIdByApp)],
);
