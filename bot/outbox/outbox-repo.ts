import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { outbox } from "../db/schema";

/** Rows whose text holds a secret (the officers' one-time console link): blanked once sent or given up. */
export const SECRET_ORIGIN = "console-link";
const REDACTED = JSON.stringify({ kind: "text", text: "(đường dẫn đăng nhập máy tính: đã gửi, đã ẩn)" });
const redactSecret = sql`CASE WHEN ${outbox.origin} = ${SECRET_ORIGIN} THEN ${REDACTED} ELSE ${outbox.payload} END`;

export type OutboxRow = typeof outbox.$inferSelect;
export type OutboxChannel = OutboxRow["channel"];
export type OutboxStatus = OutboxRow["status"];

export interface NewOutboxRow {
  dedupeKey: string;
  channel: OutboxChannel;
  recipientId: string;
  kind: OutboxRow["kind"];
  payload: string;
  origin: string | undefined;
  notBefore: number;
  createdAt: number;
}

/** SQL for the outbox table. */
export class OutboxRepo {
  constructor(private readonly db: Db) {}

  /** Inserts unless the dedupe key exists; returns the row id and whether it is new. */
  insert(rows: NewOutboxRow[]): { id: number; created: boolean }[] {
    return this.db.transaction((tx) =>
      rows.map((r) => {
        const inserted = tx
          .insert(outbox)
          .values({
            dedupeKey: r.dedupeKey,
            channel: r.channel,
            recipientId: r.recipientId,
            kind: r.kind,
            payload: r.payload,
            origin: r.origin ?? null,
            status: "pending",
            nextAttemptAt: r.notBefore,
            createdAt: r.createdAt,
          })
          .onConflictDoNothing({ target: outbox.dedupeKey })
          .returning({ id: outbox.id })
          .get();
        if (inserted) return { id: inserted.id, created: true };
        const existing = tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, r.dedupeKey)).get();
        return { id: existing!.id, created: false };
      }),
    );
  }

  /**
   * Claims due rows: per recipient only the oldest unfinished row (messages to one person keep their
   * order; a row in `sending` holds its recipient back). Claimed rows become `sending` and are
   * committed before any request leaves: after a crash, `sending` means "may have been delivered".
   */
  claimDue(now: number, limit: number): OutboxRow[] {
    if (limit <= 0) return [];
    return this.db.transaction((tx) => {
      const candidates = tx.all<{ id: number }>(sql`
        SELECT o.id AS id FROM outbox o
        WHERE o.status = 'pending' AND o.next_attempt_at <= ${now}
          AND NOT EXISTS (SELECT 1 FROM outbox p
                          WHERE p.recipient_id = o.recipient_id AND p.status IN ('pending', 'sending') AND p.id < o.id)
        ORDER BY o.next_attempt_at, o.id
        LIMIT ${limit}`);
      const ids = candidates.map((c) => c.id);
      if (ids.length === 0) return [];
      tx.update(outbox)
        .set({ status: "sending", claimedAt: now, attempts: sql`${outbox.attempts} + 1` })
        .where(and(inArray(outbox.id, ids), eq(outbox.status, "pending")))
        .run();
      return tx.select().from(outbox).where(inArray(outbox.id, ids)).orderBy(outbox.id).all();
    });
  }

  markSent(id: number, messageId: string, at: number): void {
    this.db
      .update(outbox)
      .set({ status: "sent", messageId, sentAt: at, errorCode: null, errorMessage: null, payload: redactSecret })
      .where(eq(outbox.id, id))
      .run();
  }

  /** Final outcome without delivery: failed, outside_window or uncertain. */
  markFinal(id: number, status: "failed" | "outside_window" | "uncertain", code: number | undefined, message: string): void {
    this.db
      .update(outbox)
      .set({ status, errorCode: code ?? null, errorMessage: message.slice(0, 1000), payload: redactSecret })
      .where(eq(outbox.id, id))
      .run();
  }

  /** Back to pending for another attempt at `at`; `refundAttempt` when nothing was tried (no token). */
  reschedule(id: number, at: number, code: number | undefined, message: string, refundAttempt = false): void {
    this.db
      .update(outbox)
      .set({
        status: "pending",
        nextAttemptAt: at,
        errorCode: code ?? null,
        errorMessage: message.slice(0, 1000),
        ...(refundAttempt ? { attempts: sql`max(${outbox.attempts} - 1, 0)` } : {}),
      })
      .where(eq(outbox.id, id))
      .run();
  }

  /** Rows left in `sending` (a crash or a timed-out request): their fate must be reconciled. */
  inFlight(): OutboxRow[] {
    return this.db.select().from(outbox).where(eq(outbox.status, "sending")).orderBy(outbox.id).all();
  }

  /** Message ids already recorded for a recipient, so one delivered message is never matched to two rows. */
  knownMessageIds(recipientId: string): Set<string> {
    const rows = this.db
      .select({ messageId: outbox.messageId })
      .from(outbox)
      .where(and(eq(outbox.recipientId, recipientId), isNotNull(outbox.messageId)))
      .all();
    return new Set(rows.map((r) => r.messageId!));
  }

  /** Newest first, for officers: what failed, what is uncertain, what went out. */
  listByStatus(status: OutboxStatus, limit: number): OutboxRow[] {
    return this.db.select().from(outbox).where(eq(outbox.status, status)).orderBy(sql`${outbox.id} DESC`).limit(limit).all();
  }

  /** An officer sends a failed or uncertain row again (same row, same dedupe key). */
  requeue(id: number, at: number): boolean {
    return (
      this.db
        .update(outbox)
        .set({ status: "pending", attempts: 0, nextAttemptAt: at, errorCode: null, errorMessage: null })
        .where(and(eq(outbox.id, id), inArray(outbox.status, ["failed", "uncertain"])))
        .run().changes === 1
    );
  }

  get(id: number): OutboxRow | undefined {
    return this.db.select().from(outbox).where(eq(outbox.id, id)).get();
  }

  countByStatus(): Record<string, number> {
    const rows = this.db.select({ status: outbox.status, n: sql<number>`count(*)` }).from(outbox).groupBy(outbox.status).all();
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Earliest time a pending row becomes due, for the sender's sleep. */
  nextDueAt(): number | undefined {
    const row = this.db.select({ at: sql<number | null>`min(${outbox.nextAttemptAt})` }).from(outbox).where(eq(outbox.status, "pending")).get();
    return row?.at ?? undefined;
  }
}
