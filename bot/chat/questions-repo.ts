import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connection";
import { guidePhrasings, unmatchedQuestions } from "../db/schema";

export type UnmatchedRow = typeof unmatchedQuestions.$inferSelect;

/** SQL for questions the bot did not understand and the phrasings officers mapped to guides. */
export class QuestionsRepo {
  constructor(private readonly db: Db) {}

  addUnmatched(userId: string, text: string, at: number): number {
    return this.db.insert(unmatchedQuestions).values({ userId, text, createdAt: at }).returning({ id: unmatchedQuestions.id }).get().id;
  }

  open(limit: number): UnmatchedRow[] {
    return this.db.select().from(unmatchedQuestions).where(isNull(unmatchedQuestions.resolvedAt)).orderBy(desc(unmatchedQuestions.id)).limit(limit).all();
  }

  get(id: number): UnmatchedRow | undefined {
    return this.db.select().from(unmatchedQuestions).where(eq(unmatchedQuestions.id, id)).get();
  }

  /** Maps the question to a guide and keeps it as a phrasing, in one transaction. */
  resolve(id: number, guideId: string | null, by: string, at: number): void {
    this.db.transaction((tx) => {
      const q = tx.select().from(unmatchedQuestions).where(and(eq(unmatchedQuestions.id, id), isNull(unmatchedQuestions.resolvedAt))).get();
      if (!q) return;
      tx.update(unmatchedQuestions)
        .set({ mappedGuideId: guideId, dismissed: guideId === null, resolvedAt: at, resolvedBy: by })
        .where(eq(unmatchedQuestions.id, id))
        .run();
      if (guideId) tx.insert(guidePhrasings).values({ guideId, text: q.text, createdAt: at, createdBy: by }).onConflictDoNothing().run();
    });
  }

  phrasings(): { guideId: string; text: string }[] {
    return this.db.select({ guideId: guidePhrasings.guideId, text: guidePhrasings.text }).from(guidePhrasings).all();
  }
}
