import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/connection";
import { zaloGroups } from "../db/schema";

export type GroupRow = typeof zaloGroups.$inferSelect;
export type GroupStatus = GroupRow["status"];

/** SQL for the group registry. */
export class GroupRepo {
  constructor(private readonly db: Db) {}

  get(groupId: string): GroupRow | undefined {
    return this.db.select().from(zaloGroups).where(eq(zaloGroups.groupId, groupId)).get();
  }

  all(): GroupRow[] {
    return this.db.select().from(zaloGroups).orderBy(asc(zaloGroups.villageId), asc(zaloGroups.name)).all();
  }

  save(row: GroupRow): void {
    const { groupId, ...rest } = row;
    this.db.insert(zaloGroups).values(row).onConflictDoUpdate({ target: zaloGroups.groupId, set: rest }).run();
  }
}
