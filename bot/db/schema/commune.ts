import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The commune's own data (issue 15): villages, village heads, volunteers, officers and settings, as
 * one validated document per version. The latest row is the live document; the commune file only
 * seeds the first one. The mobile team's sessions are not in it (they live in team_sessions).
 * Kept: the last 200 versions, none older than a year (the latest always).
 */
export const communeVersions = sqliteTable(
  "commune_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at").notNull(),
    /** Who saved it: the officer's name, "seed" or "import:<name>". */
    actor: text("actor").notNull(),
    /** Which part changed: seed, villages, officers, volunteers, identity, import. */
    section: text("section").notNull(),
    /** What changed, in Vietnamese words for the history page. */
    summary: text("summary").notNull(),
    /** The whole commune document (CommuneConfig JSON, without mobileTeam.sessions). */
    doc: text("doc").notNull(),
  },
  (t) => [index("commune_versions_at_idx").on(t.at)],
);

/**
 * One-time codes that link a staff member of the document (by their stable key) to the Zalo account
 * that types it in the OA chat or enters it in the mini app. 48 hours, single use, salted hashes only.
 */
export const staffLinkCodes = sqliteTable(
  "staff_link_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The person's key in the commune document. */
    personKey: text("person_key").notNull(),
    salt: text("salt").notNull(),
    /** SHA-256 (hex) of salt + code. */
    codeHash: text("code_hash").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("staff_link_codes_person_idx").on(t.personKey), index("staff_link_codes_expires_idx").on(t.expiresAt)],
);

/** Wrong staff codes per account (OA id or mini-app id) and commune-wide (subject "*"), per window. */
export const staffCodeFailures = sqliteTable("staff_code_failures", {
  subject: text("subject").primaryKey(),
  windowStart: integer("window_start").notNull(),
  failures: integer("failures").notNull(),
});
