import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { zaloUsers } from "../db/schema";

export type ZaloUserRow = typeof zaloUsers.$inferSelect;

/** SQL for what the bot knows of each person who talked to the OA. */
export class ZaloUsersRepo {
  constructor(private readonly db: Db) {}

  /** Records an interaction (opens Zalo's 7-day consultation window); never moves the time backwards. */
  touch(userId: string, at: number, fields: { userIdByApp?: string | undefined; isFollower?: boolean } = {}): void {
    const set: Partial<ZaloUserRow> = {};
    if (fields.userIdByApp) set.userIdByApp = fields.userIdByApp;
    if (fields.isFollower !== undefined) set.isFollower = fields.isFollower;
    this.db
      .insert(zaloUsers)
      .values({ userId, lastInteractionAt: at, firstSeenAt: at, ...set })
      .onConflictDoUpdate({
        target: zaloUsers.userId,
        set: { ...set, lastInteractionAt: sql`max(coalesce(${zaloUsers.lastInteractionAt}, 0), ${at})` },
      })
      .run();
  }

  setFollower(userId: string, isFollower: boolean, at: number): void {
    this.db
      .insert(zaloUsers)
      .values({ userId, isFollower, firstSeenAt: at })
      .onConflictDoUpdate({ target: zaloUsers.userId, set: { isFollower } })
      .run();
  }

  get(userId: string): ZaloUserRow | undefined {
    return this.db.select().from(zaloUsers).where(eq(zaloUsers.userId, userId)).get();
  }

  findByAppUserId(userIdByApp: string): ZaloUserRow | undefined {
    return this.db.select().from(zaloUsers).where(eq(zaloUsers.userIdByApp, userIdByApp)).get();
  }

  delete(userId: string): void {
    this.db.delete(zaloUsers).where(eq(zaloUsers.userId, userId)).run();
  }
}
