import { and, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { conversations, guideSessions } from "../db/schema";

export type ConversationRow = typeof conversations.$inferSelect;
export type GuideSessionRow = typeof guideSessions.$inferSelect;

export interface FunnelRow {
  guideId: string;
  started: number;
  finished: number;
  left: number;
  open: number;
  /** reached[k] = sessions that reached step k+1 */
  reached: number[];
}

/** A resident's conversation before anything happened (idle, no guide, village unknown). */
export function newConversation(userId: string, now: number): ConversationRow {
  return {
    userId,
    mode: "idle",
    guideId: null,
    step: null,
    guideSessionId: null,
    pending: null,
    misses: 0,
    villageId: null,
    silencedUntil: null,
    welcomedAt: null,
    lastEventKey: null,
    updatedAt: now,
  };
}

/** SQL for conversation state and the guide sessions behind the funnel. */
export class ConversationRepo {
  constructor(private readonly db: Db) {}

  get(userId: string): ConversationRow | undefined {
    return this.db.select().from(conversations).where(eq(conversations.userId, userId)).get();
  }

  save(row: ConversationRow): void {
    const { userId, ...rest } = row;
    this.db.insert(conversations).values(row).onConflictDoUpdate({ target: conversations.userId, set: rest }).run();
  }

  /** Residents whose village the chat has learned (for broadcasts to a village's residents). */
  residents(villageIds?: readonly string[]): { userId: string; villageId: string }[] {
    const rows = this.db
      .select({ userId: conversations.userId, villageId: conversations.villageId })
      .from(conversations)
      .where(villageIds ? inArray(conversations.villageId, [...villageIds]) : isNotNull(conversations.villageId))
      .all();
    return rows.filter((r): r is { userId: string; villageId: string } => r.villageId !== null);
  }

  startSession(userId: string, guideId: string, stepCount: number, at: number): number {
    return this.db
      .insert(guideSessions)
      .values({ userId, guideId, stepCount, maxStep: 1, startedAt: at, lastStepAt: at })
      .returning({ id: guideSessions.id })
      .get().id;
  }

  reachStep(sessionId: number, step: number, at: number): void {
    this.db
      .update(guideSessions)
      .set({ maxStep: sql`max(${guideSessions.maxStep}, ${step})`, lastStepAt: at })
      .where(eq(guideSessions.id, sessionId))
      .run();
  }

  finishSession(sessionId: number, at: number): void {
    this.db
      .update(guideSessions)
      .set({ finishedAt: at, lastStepAt: at })
      .where(and(eq(guideSessions.id, sessionId), isNull(guideSessions.finishedAt)))
      .run();
  }

  leaveSession(sessionId: number, reason: "switched" | "exit" | "handoff"): void {
    this.db
      .update(guideSessions)
      .set({ leftReason: reason })
      .where(and(eq(guideSessions.id, sessionId), isNull(guideSessions.finishedAt), isNull(guideSessions.leftReason)))
      .run();
  }

  /** Per guide: started, finished, left (switched/exit/hand-off), still open, and how many reached each step. */
  funnel(since: number): FunnelRow[] {
    const rows = this.db
      .select({ guideId: guideSessions.guideId, stepCount: guideSessions.stepCount, maxStep: guideSessions.maxStep, finishedAt: guideSessions.finishedAt, leftReason: guideSessions.leftReason })
      .from(guideSessions)
      .where(sql`${guideSessions.startedAt} >= ${since}`)
      .all();
    const byGuide = new Map<string, FunnelRow>();
    for (const r of rows) {
      const f = byGuide.get(r.guideId) ?? { guideId: r.guideId, started: 0, finished: 0, left: 0, open: 0, reached: [] };
      f.started++;
      if (r.finishedAt !== null) f.finished++;
      else if (r.leftReason !== null) f.left++;
      else f.open++;
      for (let k = 0; k < Math.max(r.stepCount, f.reached.length); k++) f.reached[k] = (f.reached[k] ?? 0) + (k < r.maxStep ? 1 : 0);
      byGuide.set(r.guideId, f);
    }
    return [...byGuide.values()].sort((a, b) => b.started - a.started);
  }
}
