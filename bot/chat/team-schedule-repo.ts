import { and, asc, desc, eq, gte, lt, lte, ne, type SQL } from "drizzle-orm";
import type { Db } from "../db/connection";
import { teamScheduleSeed, teamSessions } from "../db/schema";

export type TeamSessionRow = typeof teamSessions.$inferSelect;
export type NewTeamSession = typeof teamSessions.$inferInsert;
export type TeamSessionChange = Partial<Pick<TeamSessionRow, "date" | "startTime" | "endTime" | "place" | "procedures" | "papers" | "note" | "status" | "cancelledAt" | "cancelReason" | "movedFrom" | "updatedAt">>;

const scheduled = eq(teamSessions.status, "scheduled");

/** SQL for the mobile public-service team's sessions. Residents and reminders see scheduled sessions only. */
export class TeamScheduleRepo {
  constructor(private readonly db: Db) {}

  /** Runs `fn` in one transaction (the audit entry written inside it commits with the change). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }

  /**
   * Seeds once: when the database never recorded a seeding, copies `rows` (a database that already has
   * sessions from before the record is marked seeded without adding any). Later starts add nothing, so a
   * session the commune moved or cancelled never comes back from the file.
   */
  seedOnce(rows: NewTeamSession[], at: number): number {
    return this.db.transaction((tx) => {
      if (tx.select({ id: teamScheduleSeed.id }).from(teamScheduleSeed).get()) return 0;
      const existing = tx.select({ id: teamSessions.id }).from(teamSessions).limit(1).get();
      tx.insert(teamScheduleSeed).values({ id: 1, at, source: existing ? "existing" : "config" }).run();
      if (existing) return 0;
      return rows.reduce((n, r) => n + tx.insert(teamSessions).values(r).onConflictDoNothing().run().changes, 0);
    });
  }

  seeded(): { at: number; source: string } | undefined {
    return this.db.select({ at: teamScheduleSeed.at, source: teamScheduleSeed.source }).from(teamScheduleSeed).get();
  }

  /** The whole calendar becomes `rows` (an import): every session before is deleted; recorded as seeded. */
  replaceAll(rows: NewTeamSession[], at: number): number {
    this.db.delete(teamSessions).run();
    this.db.insert(teamScheduleSeed).values({ id: 1, at, source: "import" }).onConflictDoUpdate({ target: teamScheduleSeed.id, set: { at, source: "import" } }).run();
    return rows.reduce((n, r) => n + this.db.insert(teamSessions).values(r).run().changes, 0);
  }

  insert(row: NewTeamSession): TeamSessionRow {
    return this.db.insert(teamSessions).values(row).returning().get();
  }

  update(id: number, set: TeamSessionChange): TeamSessionRow | undefined {
    return this.db.update(teamSessions).set(set).where(eq(teamSessions.id, id)).returning().get();
  }

  /** Scheduled sessions of the village from `fromDate` on. */
  upcoming(villageId: string, fromDate: string, limit: number): TeamSessionRow[] {
    return this.db
      .select()
      .from(teamSessions)
      .where(and(eq(teamSessions.villageId, villageId), gte(teamSessions.date, fromDate), scheduled))
      .orderBy(asc(teamSessions.date), asc(teamSessions.startTime))
      .limit(limit)
      .all();
  }

  /** The village's most recent scheduled session before `beforeDate` (for a rating). */
  lastBefore(villageId: string, beforeDate: string): TeamSessionRow | undefined {
    return this.db
      .select()
      .from(teamSessions)
      .where(and(eq(teamSessions.villageId, villageId), lt(teamSessions.date, beforeDate), scheduled))
      .orderBy(desc(teamSessions.date), desc(teamSessions.startTime))
      .limit(1)
      .get();
  }

  get(id: number): TeamSessionRow | undefined {
    return this.db.select().from(teamSessions).where(eq(teamSessions.id, id)).get();
  }

  /** Scheduled sessions from `fromDate` on (what the reminders announce). */
  all(fromDate: string): TeamSessionRow[] {
    return this.db.select().from(teamSessions).where(and(gte(teamSessions.date, fromDate), scheduled)).orderBy(asc(teamSessions.date), asc(teamSessions.startTime)).all();
  }

  /** Every session between two dates (inclusive), cancelled ones too: the officers' calendar. */
  range(q: { from?: string; to?: string; villageId?: string }): TeamSessionRow[] {
    const where: SQL[] = [];
    if (q.from) where.push(gte(teamSessions.date, q.from));
    if (q.to) where.push(lte(teamSessions.date, q.to));
    if (q.villageId) where.push(eq(teamSessions.villageId, q.villageId));
    return this.db
      .select()
      .from(teamSessions)
      .where(where.length ? and(...where) : undefined)
      .orderBy(asc(teamSessions.date), asc(teamSessions.startTime), asc(teamSessions.id))
      .all();
  }

  /** Scheduled sessions of the village on that date, except `exceptId`. */
  sameDay(villageId: string, date: string, exceptId?: number): TeamSessionRow[] {
    const where = [eq(teamSessions.villageId, villageId), eq(teamSessions.date, date), scheduled];
    if (exceptId !== undefined) where.push(ne(teamSessions.id, exceptId));
    return this.db.select().from(teamSessions).where(and(...where)).orderBy(asc(teamSessions.startTime)).all();
  }
}
