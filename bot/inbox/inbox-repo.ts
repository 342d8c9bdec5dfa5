import { eq, sql } from "drizzle-orm";
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
  private readonly claimableStmt;
  private readonly doneStmt;
  private readonly failStmt;

  constructor(private readonly db: Db) {
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
    const sqlite = db.$client;
    // Walks pending rows in id order and stops after `limit` claimable ones: the cost does not grow
    // with the backlog (indexes: status+id, and subject+status+id for the "earlier pending" probe).
    this.claimableStmt = sqlite.prepare<[number], RawInboxRow>(`
      SELECT * FROM inbox_events e
      WHERE e.status = 'pending'
        AND NOT EXISTS (SELECT 1 FROM inbox_events p
                        WHERE p.subject_id = e.subject_id AND p.status = 'pending' AND p.id < e.id)
      ORDER BY e.id
      LIMIT ?`);
    this.doneStmt = sqlite.prepare<[number, number]>("UPDATE inbox_events SET status = 'done', handled_at = ?, last_error = NULL WHERE id = ?");
    this.failStmt = sqlite.prepare<[{ id: number; status: string; error: string; at: number | null }]>(
      "UPDATE inbox_events SET status = @status, attempts = attempts + 1, last_error = @error, handled_at = @at WHERE id = @id",
    );
  }

  /** Stores the event unless its key is already there. Returns whether a row was written. */
  insert(e: NewInboxEvent): boolean {
    const result = this.insertStmt.run({
      ...e,
      appUserId: e.appUserId ?? null,
      parseError: e.parseError ?? null,
      numRetry: e.numRetry ?? null,
    });
    return result.changes === 1;
  }

  /**
   * The next events that may be handled: for each subject only its oldest pending event, skipping
   * the ones already being handled (`inFlight`, kept in memory: an event stays `pending` on disk
   * until it is done, so a crash simply leaves it to be handled again).
   */
  claimable(limit: number, inFlight: ReadonlySet<number>): InboxRow[] {
    if (limit <= 0) return [];
    return this.claimableStmt
      .all(limit + inFlight.size)
      .filter((r) => !inFlight.has(r.id))
      .slice(0, limit)
      .map(fromRaw);
  }

  markDone(id: number, at: number): void {
    this.doneStmt.run(at, id);
  }

  /** A failed attempt: back to pending while attempts remain, else failed for good (the subject moves on). */
  markFailed(id: number, error: string, finalFailure: boolean, at: number): void {
    this.failStmt.run({ id, status: finalFailure ? "failed" : "pending", error: error.slice(0, 2000), at: finalFailure ? at : null });
  }

  countByStatus(): Record<string, number> {
    const rows = this.db
      .select({ status: inboxEvents.status, n: sql<number>`count(*)` })
      .from(inboxEvents)
      .groupBy(inboxEvents.status)
      .all();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }
}

interface RawInboxRow {
  id: number;
  event_key: string;
  event_name: string;
  subject_id: string;
  app_user_id: string | null;
  raw: string;
  status: InboxRow["status"];
  parse_error: string | null;
  attempts: number;
  last_error: string | null;
  num_retry: number | null;
  received_at: number;
  handled_at: number | null;
}

function fromRaw(r: RawInboxRow): InboxRow {
  return {
    id: r.id,
    eventKey: r.event_key,
    eventName: r.event_name,
    subjectId: r.subject_id,
    appUserId: r.app_user_id,
    raw: r.raw,
    status: r.status,
    parseError: r.parse_error,
    attempts: r.attempts,
    lastError: r.last_error,
    numRetry: r.num_retry,
    receivedAt: r.received_at,
    handledAt: r.handled_at,
  };
}
