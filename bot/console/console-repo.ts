import { and, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db/connection";
import { consoleLogins, consoleSessions } from "../db/schema";

export type ConsoleLoginRow = typeof consoleLogins.$inferSelect;
export type ConsoleSessionRow = typeof consoleSessions.$inferSelect;

/** The console's login requests and PC sessions (the only place that talks SQL for them). */
export class ConsoleRepo {
  constructor(private readonly db: Db) {}

  insertLogin(row: typeof consoleLogins.$inferInsert): void {
    this.db.insert(consoleLogins).values(row).run();
  }

  login(idHash: string): ConsoleLoginRow | undefined {
    return this.db.select().from(consoleLogins).where(eq(consoleLogins.idHash, idHash)).get();
  }

  /** Approves a QR request that is still waiting; false when it was approved, used or expired meanwhile. */
  approve(idHash: string, appUserId: string, name: string | null, at: number, authAt: number): boolean {
    const r = this.db
      .update(consoleLogins)
      .set({ appUserId, name, approvedAt: at, authAt })
      .where(and(eq(consoleLogins.idHash, idHash), eq(consoleLogins.kind, "qr"), isNull(consoleLogins.approvedAt), gt(consoleLogins.expiresAt, at)))
      .run();
    return r.changes === 1;
  }

  /** Marks a login as used and records its session, atomically: a request or a link gives one session. */
  consume(idHash: string, at: number, session: typeof consoleSessions.$inferInsert): boolean {
    return this.db.transaction((tx) => {
      const r = tx
        .update(consoleLogins)
        .set({ consumedAt: at })
        .where(and(eq(consoleLogins.idHash, idHash), isNull(consoleLogins.consumedAt), gt(consoleLogins.expiresAt, at)))
        .run();
      if (r.changes !== 1) return false;
      tx.insert(consoleSessions).values(session).run();
      return true;
    });
  }

  session(sid: string): ConsoleSessionRow | undefined {
    return this.db.select().from(consoleSessions).where(eq(consoleSessions.sid, sid)).get();
  }

  seen(sid: string, at: number): void {
    this.db.update(consoleSessions).set({ lastSeenAt: at }).where(eq(consoleSessions.sid, sid)).run();
  }

  /** Sessions not ended yet, newest first. */
  activeSessions(now: number): ConsoleSessionRow[] {
    return this.db
      .select()
      .from(consoleSessions)
      .where(and(isNull(consoleSessions.revokedAt), gt(consoleSessions.endsAt, now)))
      .orderBy(desc(consoleSessions.createdAt))
      .limit(200)
      .all();
  }

  revoke(sid: string, by: string, at: number): boolean {
    return this.db.update(consoleSessions).set({ revokedAt: at, revokedBy: by }).where(and(eq(consoleSessions.sid, sid), isNull(consoleSessions.revokedAt))).run().changes === 1;
  }

  revokeAllOf(appUserId: string, by: string, at: number): number {
    return this.db.update(consoleSessions).set({ revokedAt: at, revokedBy: by }).where(and(eq(consoleSessions.appUserId, appUserId), isNull(consoleSessions.revokedAt))).run().changes;
  }

  /** Forgets logins and sessions that ended before `before` (kept a while as the admin's record). */
  purge(before: number, now: number): void {
    this.db.delete(consoleLogins).where(lt(consoleLogins.expiresAt, before)).run();
    // A QR code nobody approved is worth nothing once expired: not kept at all.
    this.db.delete(consoleLogins).where(and(isNull(consoleLogins.approvedAt), lt(consoleLogins.expiresAt, now))).run();
    this.db
      .delete(consoleSessions)
      .where(or(lt(consoleSessions.endsAt, before), lt(consoleSessions.revokedAt, before)))
      .run();
  }
}
