import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Officers logging in on a PC without a password (issue 14): a login request shown as a QR code on
 * /console/ and approved from the officer's phone, or a one-time link sent in the OA chat. Secrets are
 * kept only as SHA-256 hashes. Rows are purged 30 days after they end (the service does it).
 */
export const consoleLogins = sqliteTable(
  "console_logins",
  {
    /** SHA-256 (base64url) of the request id (QR) or of the link token. */
    idHash: text("id_hash").primaryKey(),
    kind: text("kind", { enum: ["qr", "link"] }).notNull(),
    /** QR only: SHA-256 of the secret the PC that asked for the code polls with. */
    pollHash: text("poll_hash"),
    /** QR only: the asking PC's browser as it named itself (120 characters), shown on the phone before approving. */
    device: text("device"),
    /** Who approved the QR code on their phone, or whom the link was sent to (mini-app user id). */
    appUserId: text("app_user_id"),
    name: text("name"),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    approvedAt: integer("approved_at"),
    /**
     * When Zalo last proved who the approver is (their session's login time; the link's creation for a
     * link): the PC's session ends 12 hours after it, never later than the approver's own.
     */
    authAt: integer("auth_at"),
    /** When the PC took its session: a request or a link gives one session, once. */
    consumedAt: integer("consumed_at"),
  },
  (t) => [index("console_logins_expires_idx").on(t.expiresAt)],
);

/** Sessions given to PCs, so the admin officer can list and end them. */
export const consoleSessions = sqliteTable(
  "console_sessions",
  {
    /** Random id carried in the session token (`sid`). */
    sid: text("sid").primaryKey(),
    appUserId: text("app_user_id").notNull(),
    name: text("name"),
    via: text("via", { enum: ["qr", "link"] }).notNull(),
    /** The browser as it named itself, cut to 120 characters (to tell the admin which PC it is). */
    device: text("device"),
    createdAt: integer("created_at").notNull(),
    /** Nothing is valid after this (12 hours after the login, like every session). */
    endsAt: integer("ends_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by"),
  },
  (t) => [index("console_sessions_user_idx").on(t.appUserId), index("console_sessions_ends_idx").on(t.endsAt)],
);
