import { and, asc, desc, eq, gte, inArray, isNull, like, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import {
  auditLog,
  broadcastDeliveries,
  broadcastFirings,
  broadcasts,
  broadcastSchedules,
  messageReceipts,
  nudgeLog,
  optOuts,
  conversations,
  outbox,
  zaloUsers,
} from "../db/schema";

export type ScheduleRow = typeof broadcastSchedules.$inferSelect;
export type BroadcastRow = typeof broadcasts.$inferSelect;
export type DeliveryRow = typeof broadcastDeliveries.$inferSelect;
export type NewDelivery = typeof broadcastDeliveries.$inferInsert;

/** SQL for schedules, firings, broadcasts, deliveries, receipts, nudges, opt-outs and the audit log. */
export class BroadcastRepo {
  constructor(readonly db: Db) {}

  // ---- schedules and firings
  schedules(): ScheduleRow[] {
    return this.db.select().from(broadcastSchedules).orderBy(asc(broadcastSchedules.id)).all();
  }

  schedule(id: number): ScheduleRow | undefined {
    return this.db.select().from(broadcastSchedules).where(eq(broadcastSchedules.id, id)).get();
  }

  /**
   * Seeds a default schedule once under a stable key: nothing happens when a row holds the key
   * (whatever its name now). A database seeded before keys existed: its oldest row of that kind
   * without a key takes the key (officers cannot create default kinds, so that row is the seeded one).
   */
  seedSchedule(seedKey: string, s: Omit<typeof broadcastSchedules.$inferInsert, "seedKey">): void {
    this.db.transaction((tx) => {
      if (tx.select({ id: broadcastSchedules.id }).from(broadcastSchedules).where(eq(broadcastSchedules.seedKey, seedKey)).get()) return;
      const legacy = tx
        .select({ id: broadcastSchedules.id })
        .from(broadcastSchedules)
        .where(and(eq(broadcastSchedules.kind, s.kind), isNull(broadcastSchedules.seedKey)))
        .orderBy(asc(broadcastSchedules.id))
        .get();
      if (legacy && s.kind !== "custom") {
        tx.update(broadcastSchedules).set({ seedKey }).where(eq(broadcastSchedules.id, legacy.id)).run();
        return;
      }
      tx.insert(broadcastSchedules).values({ ...s, seedKey }).onConflictDoNothing().run();
    });
  }

  createSchedule(s: Omit<typeof broadcastSchedules.$inferInsert, "id" | "seedKey">): ScheduleRow {
    return this.db.insert(broadcastSchedules).values(s).returning().get();
  }

  updateSchedule(id: number, set: Partial<Pick<ScheduleRow, "cron" | "enabled" | "template" | "audience" | "name">>, by: string, at: number): void {
    this.db.update(broadcastSchedules).set({ ...set, updatedBy: by, updatedAt: at }).where(eq(broadcastSchedules.id, id)).run();
  }

  /** Records the firing of (schedule, slot); false when that minute already fired. */
  claimFiring(scheduleId: number, slot: number, at: number, outcome: (typeof broadcastFirings.$inferInsert)["outcome"]): number | undefined {
    const row = this.db
      .insert(broadcastFirings)
      .values({ scheduleId, slot, firedAt: at, outcome })
      .onConflictDoNothing()
      .returning({ id: broadcastFirings.id })
      .get();
    return row?.id;
  }

  setFiringResult(firingId: number, outcome: (typeof broadcastFirings.$inferInsert)["outcome"], broadcastId: number | null): void {
    this.db.update(broadcastFirings).set({ outcome, broadcastId }).where(eq(broadcastFirings.id, firingId)).run();
  }

  firings(scheduleId: number, limit = 20) {
    return this.db.select().from(broadcastFirings).where(eq(broadcastFirings.scheduleId, scheduleId)).orderBy(desc(broadcastFirings.slot)).limit(limit).all();
  }

  // ---- broadcasts and deliveries
  createBroadcast(b: typeof broadcasts.$inferInsert): BroadcastRow {
    return this.db.insert(broadcasts).values(b).returning().get();
  }

  broadcast(id: number): BroadcastRow | undefined {
    return this.db.select().from(broadcasts).where(eq(broadcasts.id, id)).get();
  }

  listBroadcasts(limit = 100): BroadcastRow[] {
    return this.db.select().from(broadcasts).orderBy(desc(broadcasts.id)).limit(limit).all();
  }

  dueScheduledBroadcasts(now: number): BroadcastRow[] {
    return this.db.select().from(broadcasts).where(and(eq(broadcasts.status, "scheduled"), lt(broadcasts.sendAt, now + 1))).all();
  }

  /** A draft's content (drafts only: a scheduled or sent broadcast is not rewritten). */
  updateDraft(id: number, set: Pick<BroadcastRow, "title" | "text" | "audience">): boolean {
    return this.db.update(broadcasts).set(set).where(and(eq(broadcasts.id, id), eq(broadcasts.status, "draft"))).run().changes === 1;
  }

  /** Schedules a draft for `sendAt`; false when it is not a draft any more. */
  scheduleDraft(id: number, sendAt: number): boolean {
    return this.db.update(broadcasts).set({ status: "scheduled", sendAt }).where(and(eq(broadcasts.id, id), eq(broadcasts.status, "draft"))).run().changes === 1;
  }

  /** A scheduled broadcast back to a draft before its time; false when it already went (or was not scheduled). */
  cancelScheduled(id: number): boolean {
    return this.db.update(broadcasts).set({ status: "draft", sendAt: null }).where(and(eq(broadcasts.id, id), eq(broadcasts.status, "scheduled"))).run().changes === 1;
  }

  /** Deletes a draft (never a scheduled or sent broadcast). */
  deleteDraft(id: number): boolean {
    return this.db.delete(broadcasts).where(and(eq(broadcasts.id, id), eq(broadcasts.status, "draft"))).run().changes === 1;
  }

  markQueued(id: number, at: number): boolean {
    return this.db.update(broadcasts).set({ status: "queued", queuedAt: at }).where(and(eq(broadcasts.id, id), inArray(broadcasts.status, ["draft", "scheduled"]))).run().changes === 1;
  }

  setBroadcastImage(id: number, attachmentId: string): void {
    this.db.update(broadcasts).set({ imageAttachmentId: attachmentId }).where(eq(broadcasts.id, id)).run();
  }

  insertDelivery(d: NewDelivery): void {
    this.db.insert(broadcastDeliveries).values(d).onConflictDoNothing().run();
  }

  /** Each delivery with its outbox outcome and receipts. */
  report(broadcastId: number) {
    return this.db
      .select({
        targetKind: broadcastDeliveries.targetKind,
        targetId: broadcastDeliveries.targetId,
        villageId: broadcastDeliveries.villageId,
        channel: broadcastDeliveries.channel,
        reason: broadcastDeliveries.reason,
        outboxId: broadcastDeliveries.outboxId,
        status: outbox.status,
        errorCode: outbox.errorCode,
        errorMessage: outbox.errorMessage,
        messageId: outbox.messageId,
        receivedAt: messageReceipts.receivedAt,
        seenAt: messageReceipts.seenAt,
      })
      .from(broadcastDeliveries)
      .leftJoin(outbox, eq(outbox.id, broadcastDeliveries.outboxId))
      .leftJoin(messageReceipts, eq(messageReceipts.messageId, outbox.messageId))
      .where(eq(broadcastDeliveries.broadcastId, broadcastId))
      .all();
  }

  // ---- village tags on followers
  /** Followers whose village (learned in chat) differs from the tag Zalo holds for them. */
  followersToTag(limit: number): { userId: string; villageId: string; villageTag: string | null }[] {
    return this.db
      .select({ userId: zaloUsers.userId, villageId: conversations.villageId, villageTag: zaloUsers.villageTag })
      .from(zaloUsers)
      .innerJoin(conversations, eq(conversations.userId, zaloUsers.userId))
      .where(and(eq(zaloUsers.isFollower, true), sql`${conversations.villageId} IS NOT NULL`, sql`${zaloUsers.villageTag} IS NOT ${conversations.villageId}`))
      .limit(limit)
      .all() as { userId: string; villageId: string; villageTag: string | null }[];
  }

  setVillageTag(userId: string, villageId: string): void {
    this.db.update(zaloUsers).set({ villageTag: villageId }).where(eq(zaloUsers.userId, userId)).run();
  }

  // ---- promotion quota, receipts, nudges, opt-outs
  /** Promotion messages queued for a user from `since` (their daily allowance is one). */
  promotionsSince(userId: string, since: number): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(outbox)
        .where(and(eq(outbox.recipientId, userId), eq(outbox.channel, "promotion"), gte(outbox.nextAttemptAt, since)))
        .get()?.n ?? 0
    );
  }

  receipt(messageId: string, field: "receivedAt" | "seenAt", at: number): void {
    this.db
      .insert(messageReceipts)
      .values({ messageId, [field]: at })
      .onConflictDoUpdate({ target: messageReceipts.messageId, set: { [field]: sql`coalesce(${messageReceipts[field]}, ${at})` } })
      .run();
  }

  /** One nudge per target and ISO week: false when the target already had one this week. */
  claimNudge(targetId: string, week: string, criterionId: string, at: number): boolean {
    return this.db.insert(nudgeLog).values({ targetId, week, criterionId, sentAt: at }).onConflictDoNothing().run().changes === 1;
  }

  optOut(userId: string, at: number): void {
    this.db.insert(optOuts).values({ userId, at }).onConflictDoNothing().run();
  }

  optIn(userId: string): void {
    this.db.delete(optOuts).where(eq(optOuts.userId, userId)).run();
  }

  isOptedOut(userId: string): boolean {
    return this.db.select().from(optOuts).where(eq(optOuts.userId, userId)).get() !== undefined;
  }

  audit(actor: string, action: string, target: string | null, details: unknown, at: number): void {
    this.db.insert(auditLog).values({ actor, action, target, details: details === undefined ? null : JSON.stringify(details), at }).run();
  }

  /**
   * The broadcasts' own entries (broadcast.*, schedule.*, nudges.*) of the commune's one audit log: any
   * officer reads them; the rest (the admin's commune history with the staff's Zalo and app ids, guides,
   * segments) has its own screens and rules.
   */
  auditTrail(limit = 200) {
    // Prefix ranges ("." < "/"), not LIKE: audit_log_action_idx serves them (LIKE read the whole log, 30-60 ms at 500,000 households).
    const prefix = (p: string) => and(gte(auditLog.action, `${p}.`), lt(auditLog.action, `${p}/`));
    const mine = or(prefix("broadcast"), prefix("schedule"), prefix("nudges"));
    return this.db.select().from(auditLog).where(mine).orderBy(desc(auditLog.id)).limit(limit).all();
  }
}
