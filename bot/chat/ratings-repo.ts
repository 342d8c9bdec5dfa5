import { sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { ratings } from "../db/schema";

export type NewRating = typeof ratings.$inferInsert;

/** SQL for 1-5 ratings. One rating per resident and subject; a second one replaces the first. */
export class RatingsRepo {
  constructor(private readonly db: Db) {}

  upsert(r: NewRating): void {
    this.db
      .insert(ratings)
      .values(r)
      .onConflictDoUpdate({ target: [ratings.userId, ratings.subject, ratings.subjectId], set: { score: r.score, createdAt: r.createdAt } })
      .run();
  }

  /** Per village and subject kind: count and average. */
  summary(): { villageId: string | null; subject: string; count: number; average: number }[] {
    return this.db
      .select({ villageId: ratings.villageId, subject: ratings.subject, count: sql<number>`count(*)`, average: sql<number>`round(avg(${ratings.score}), 2)` })
      .from(ratings)
      .groupBy(ratings.villageId, ratings.subject)
      .all();
  }
}
