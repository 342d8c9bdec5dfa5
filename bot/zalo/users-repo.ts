import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { zaloUsers } from "../db/schema";

export type ZaloUserRow = typeof zaloUsers.$inferSelect;

/** SQL for what the bot knows of each person who talked to the OA. */
export class ZaloUsersRepo {
  private readonly touchStmt;

  constructor(private readonly db: Db) {
    // Prepared once: every resident message passes here.
    this.touchStmt = db.$client.prepare<[{ userId: string; byApp: string | null; follower: number | null; at: number }]>(`
      INSERT INTO zalo_users (user_id, user_id_by_app, is_follower, last_interaction_at, first_seen_at)
      VALUES (@userId, @byApp, coalesce(@follower, 0), @at, @at)
      ON CONFLICT (user_id) DO UPDATE SET
        user_id_by_app = coalesce(@byApp, user_id_by_app),
        is_follower = coalesce(@follower, is_follower),
        last_interaction_at = max(coalesce(last_interaction_at, 0), @at)`);
  }

  /** Records an interaction (opens Zalo's 7-day consultation window); never moves the time backwards. */
  touch(userId: string, at: number, fields: { userIdByApp?: string | undefined; isFollower?: boolean } = {}): void {
    const follower = fields.isFollower === undefined ? null : fields.isFollower ? 1 : 0;
    this.touchStmt.run({ userId, byApp: fields.userIdByApp || null, follower, at });
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
}
