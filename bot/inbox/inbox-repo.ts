import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { inboxEvents } from "../db/schema";

export type InboxRow = typeof inboxEvents.$inferSelect;

export interface NewInboxEvent {
  eventKey: string;
  eventName: string;
  subjectId: string;
  appUserId: string | undefined;
  raw: string;
  status: "pending" | "rejected";
  parseError?: string;
  numRetry: number | undefined;
  receivedAt: number;
}

/** The inbox table: webhook events stored once, then handled in order per subject. */
export class InboxRepo {
  private readonly insertStmt;
  // Hot path of the worker: prepared once (drizzle's builder re-prepares on every call).
  private readonly claimable;
  private readonly toProcessing;
  private readonly selectById;
  private readonly toDone;

  constructor(private readonly db: Db) {
    const sqlite = db.$client;
    this.claimable = sqlite.prepare<[number], { id: number }>(`
      SELECT e.id AS id FROM inbox_events e
      WHERE e.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM inbox_events p
                        WHERE p.subject_id = e.subject_id AND p.status IN ('pending', 'processing') AND p.id < e.id)
      ORDER BY e.id
      LIMIT ?`);
    this.toProcessing = sqlite.prepare<[number]>("UPDATE inbox_events SET status = 'processing', attempts = attempts + 1 WHERE id = ? AND status = 'pending'");
    this.selectById = db.select().from(inboxEvents).where(eq(inboxEvents.id, sql.placeholder("id"))).prepare();
    this.toDone = sqlite.prepare<[number, number]>("UPDATE inbox_events SET status = 'done', handled_at = ?, last_error = NULL WHERE id = ?");
    this.insertStmt = db
      .insert(inboxEvents)
      .values({
        eventKey: sql.placeholder("eventKey"),
        eventName: sql.placeholder("eventName"),
        subjectId: sql.placeholder("subjectId"),
        appUserId: sql.placeholder("appUserId"),
        raw: sql.placeholder("raw"),
        status: sql.placeholder("status"),
        parseError: sql.placeholder("parseError"),
        numRetry: sql.placeholder("numRetry"),
        receivedAt: sql.placeholder("receivedAt"),
      })
      .onConflictDoNothing({ target: inboxEvents.eventKey })
      .prepare();
  }

  /** Stores the event unless its key is already there. Returns whether a row was written. */
  insert(e: NewInboxEvent): boolean {
    return this.insertMany([e])[0]!;
  }

  /** One transaction for many events (group commit); per event, whether a row was written. */
  insertMany(events: NewInboxEvent[]): boolean[] {
    return this.db.transaction(() =>
      events.map(
        (e) =>
          this.insertStmt.run({
            ...e,
            appUserId: e.appUserId ?? null,
            parseError: e.parseError ?? null,
            numRetry: e.numRetry ?? null,
          }).changes === 1,
      ),
    );
  }

  /**
   * Claims up to `limit` events: for each subject, only its oldest unfinished event, and only when
   * that one is pending (not already being handled). Claimed rows move to `processing` atomically.
   */
  claimNext(limit: number): InboxRow[] {
    if (limit <= 0) return [];
    // Walks pending rows in id order and stops after `limit` claimable ones: the cost does not grow
    // with the backlog (indexes: status+id, and subject+status+id for the "earlier unfinished" probe).
    return this.db.transaction(() => {
      const ids = this.claimable.all(limit).map((r) => r.id);
      return ids.map((id) => {
        this.toProcessing.run(id);
        return this.selectById.get({ id })!;
      });
    });
  }

  markDone(ids: number[], at: number): void {
    if (ids.length === 0) return;
    this.db.transaction(() => ids.forEach((id) => this.toDone.run(at, id)));
  }

  /** A failed attempt: back to pending while attempts remain, else failed for good (the subject moves on). */
  markFailed(id: number, error: string, finalFailure: boolean, at: number): void {
    this.db
      .update(inboxEvents)
      .set({ status: finalFailure ? "failed" : "pending", lastError: error.slice(0, 2000), handledAt: finalFailure ? at : null })
      .where(and(eq(inboxEvents.id, id), eq(inboxEvents.status, "processing")))
      .run();
  }

  /** After a crash: events that were being handled go back to pending. */
  releaseProcessing(): number {
    return this.db.update(inboxEvents).set({ status: "pending" }).where(eq(inboxEvents.status, "processing")).run().changes;
  }

  countByStatus(): Record<string, number> {
    const rows = this.db
      .select({ status: inboxEvents.status, n: sql<number>`count(*)` })
      .from(inboxEvents)
      .groupBy(inboxEvents.status)
      .all();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Data-subject request: keep the dedupe keys, drop what the user said. */
  redactSubject(subjectId: string): number {
    return this.db
      .update(inboxEvents)
      .set({ raw: "{}", appUserId: null })
      .where(and(eq(inboxEvents.subjectId, subjectId), inArray(inboxEvents.status, ["done", "failed", "rejected"])))
      .run().changes;
  }
}
