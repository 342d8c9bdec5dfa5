import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/**
 * Guides as the commune edits them (issue 15): every version kept, the current one per guide. Seeded
 * from the shipped guides (shared/guides/content) on first start; a shipped update is added as a
 * version at start, made current only when the commune had not edited the guide (bot/guides/shipped-sync.ts).
 */
export const guides = sqliteTable("guides", {
  /** The guide's kebab-case id (shared/guides/schema.ts). */
  id: text("id").primaryKey(),
  currentVersion: integer("current_version").notNull(),
  /** Hash of the latest shipped content recorded (canonical JSON): a new one at start is an update. */
  shippedHash: text("shipped_hash").notNull(),
  /** A shipped update kept aside because the commune had edited the guide: its version, to review or adopt. */
  pendingVersion: integer("pending_version"),
  updatedAt: integer("updated_at").notNull(),
});

/** One version of one guide: the whole guide document, validated by GuideSchema before it is stored. */
export const guideVersions = sqliteTable(
  "guide_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    guideId: text("guide_id").notNull(),
    /** 1, 2, 3… per guide. */
    version: integer("version").notNull(),
    /** The guide as JSON (placeholders not filled). */
    doc: text("doc").notNull(),
    /** Hash of `doc` in canonical JSON. */
    hash: text("hash").notNull(),
    source: text("source", { enum: ["shipped", "commune"] }).notNull(),
    /** Who: an officer's audit name, or "nhà phát triển" for shipped content. */
    actor: text("actor").notNull(),
    at: integer("at").notNull(),
    /** Why (the officer's words), or what made it ("Quay lại bản 2"). */
    note: text("note"),
  },
  (t) => [uniqueIndex("guide_versions_uq").on(t.guideId, t.version)],
);

/** The weekly legal tips the village groups get (seeded from bot/broadcasts/legal-tips.ts on first start). */
export const legalTips = sqliteTable("legal_tips", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  title: text("title").notNull(),
  text: text("text").notNull(),
  /** Order in the weekly rotation. */
  position: integer("position").notNull(),
  /** Retired tips stay for the record and are never sent again. */
  retiredAt: integer("retired_at"),
  createdAt: integer("created_at").notNull(),
  createdBy: text("created_by").notNull(),
  updatedAt: integer("updated_at").notNull(),
  updatedBy: text("updated_by").notNull(),
});
