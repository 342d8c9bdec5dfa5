import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../db/connection";
import { teamSessions } from "../db/schema";

export type TeamSessionRow = typeof teamSessions.$inferSelect;
export type NewTeamSession = typeof teamSessions.$inferInsert;

/** SQL for the mobile public-service team's sessions. */
export class TeamScheduleRepo {
  constructor(private readonly db: Db) {}

  /** Inserts sessions not yet there (same village, date and start): seeding from config is repeatable. */
  upsertMany(rows: NewTeamSession[]): number {
    return this.db.transaction((tx) =>
      rows.reduce((n, r) => n + tx.insert(teamSessions).values(r).onConflictDoNothing().run().changes, 0),
    );
  }

  upcoming(villageId: string, fromDate: string, limit: number): TeamSessionRow[] {
    return this.db
      .select()
      .from(teamSessions)
      .where(and(eq(teamSessions.villageId, villageId), gte(teamSessions.date, fromDate)))
      .orderBy(asc(teamSessions.date), asc(teamSessions.startTime))
      .limit(limit)
      .all();
  }

  /** The village's most recent session before `beforeDate` (for a rating). */
  lastBefore(villageId: string, beforeDate: string): TeamSessionRow | undefined {
    return this.db
      .select()
      .from(teamSessions)
      .where(and(eq(teamSessions.villageId, villageId), lt(teamSessions.date, beforeDate)))
      .orderBy(desc(teamSessions.date), desc(teamSessions.startTime))
      .limit(1)
      .get();
  }

  get(id: number): TeamSessionRow | undefined {
    return this.db.select().from(teamSessions).where(eq(teamSessions.id, id)).get();
  }

  all(fromDate: string): TeamSessionRow[] {
    return this.db.select().from(teamSessions).where(gte(teamSessions.date, fromDate)).orderBy(asc(teamSessions.date), asc(teamSessions.startTime)).all();
  }
}
