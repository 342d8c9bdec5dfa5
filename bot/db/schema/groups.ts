import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * What the bot knows of each Zalo group (GMF) it may post into: the commune's configured village groups
 * and every group Zalo lists as the OA's. Kept in sync from the group webhook events, from Zalo's group
 * list and detail APIs (at start and daily) and from refused posts (-403, -237).
 */
export const zaloGroups = sqliteTable("zalo_groups", {
  groupId: text("group_id").primaryKey(),
  name: text("name").notNull(),
  /** The village whose config names this group; null for a group only Zalo knows of. */
  villageId: text("village_id"),
  /** active | disabled (package lapsed, -237) | deleted (delete_group) | not_owned (-403, or made by hand). */
  status: text("status", { enum: ["active", "disabled", "deleted", "not_owned"] }).notNull(),
  /** Why the status is what it is (the event, the API answer or the refused post), for officers and logs. */
  statusReason: text("status_reason"),
  statusChangedAt: integer("status_changed_at"),
  /** Zalo's own `status` string as last read (documented: enabled | disabled). */
  zaloStatus: text("zalo_status"),
  memberCount: integer("member_count"),
  /** getgroup's `max_member` (the GMF package: 10, 50, 100 or 1000). */
  maxMembers: integer("max_members"),
  /** When Zalo's list or detail API last answered for this group. */
  lastSyncAt: integer("last_sync_at"),
  lastEvent: text("last_event"),
  lastEventAt: integer("last_event_at"),
  updatedAt: integer("updated_at").notNull(),
});
