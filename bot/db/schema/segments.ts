import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { households } from "./households";

/**
 * Household segments (issue 15): groups a commune's campaign plan sets its own target for ("Gia đình
 * cán bộ, công chức, giáo viên" 100%, "Gia đình có đảng viên" 95%...). Defined by the admin officer
 * (seeded from the commune file's `segments`), edits audited in `audit_log`.
 */
export const segments = sqliteTable("segments", {
  /** Stable slug ("dang-vien"): kept by memberships and exports. */
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Share of the segment's households that should be "đạt Gia đình số" (1-100). */
  targetPercent: integer("target_percent").notNull(),
  /** Order in lists and tables. */
  position: integer("position").notNull().default(0),
  /** Archived segments leave the lists; memberships stay (restoring brings them back). */
  status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
  createdAt: integer("created_at").notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/**
 * A household in a segment: what the household declared and what the village head (or an officer)
 * decided, kept apart. Member: declared and not rejected, or confirmed by the head.
 */
export const householdSegments = sqliteTable(
  "household_segments",
  {
    householdId: integer("household_id")
      .notNull()
      .references(() => households.id),
    segmentId: text("segment_id")
      .notNull()
      .references(() => segments.id),
    /** 1: the household says it belongs. */
    declared: integer("declared").notNull().default(0),
    declaredAt: integer("declared_at"),
    declaredBy: text("declared_by"),
    /** The village head's decision; cleared when the household's declaration changes. */
    decision: text("decision", { enum: ["confirmed", "rejected"] }),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by"),
  },
  (t) => [
    primaryKey({ columns: [t.householdId, t.segmentId] }),
    // The grouped progress query reads this index only, then each household by rowid.
    index("household_segments_segment_idx").on(t.segmentId, t.householdId, t.declared, t.decision),
  ],
);

/**
 * Per segment and village, over active member households: kept by SQLite triggers (migration
 * segments_triggers) in the same transaction as every change of a membership or of a household's
 * "đạt", verified "đạt", status or village, whatever code path makes it. The progress page reads
 * these rows; SegmentsRepo.recount() is the grouped query that checks them.
 */
export const aggSegmentVillage = sqliteTable(
  "agg_segment_village",
  {
    segmentId: text("segment_id").notNull(),
    villageId: text("village_id").notNull(),
    members: integer("members").notNull().default(0),
    /** Declared by the household, not yet decided by the head. */
    awaiting: integer("awaiting").notNull().default(0),
    fullyMet: integer("fully_met").notNull().default(0),
    fullyMetVerified: integer("fully_met_verified").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.segmentId, t.villageId] })],
);

/**
 * A segment as it was when a week froze (bot/reports/snapshots.ts, with weekly_snapshots): its name,
 * target and order that week, so a past week's workbook shows that week's segments even after the
 * admin renamed, retargeted or archived one.
 */
export const snapshotSegments = sqliteTable(
  "snapshot_segments",
  {
    week: text("week").notNull(),
    segmentId: text("segment_id").notNull(),
    name: text("name").notNull(),
    targetPercent: integer("target_percent").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.segmentId] })],
);

/** agg_segment_village as it was when the week froze: per segment and village, a few rows a week. */
export const snapshotSegmentVillages = sqliteTable(
  "snapshot_segment_villages",
  {
    week: text("week").notNull(),
    segmentId: text("segment_id").notNull(),
    villageId: text("village_id").notNull(),
    members: integer("members").notNull(),
    awaiting: integer("awaiting").notNull(),
    fullyMet: integer("fully_met").notNull(),
    fullyMetVerified: integer("fully_met_verified").notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.segmentId, t.villageId] })],
);
