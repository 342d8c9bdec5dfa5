import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connection";
import { guidePhrasings, unmatchedQuestions } from "../db/schema";

export type UnmatchedRow = typeof unmatchedQuestions.$inferSelect;
export type UnmatchedWithContext = UnmatchedRow & { villageId: string | null; reply: { text: string; at: number } | null };

/** SQL for questions the bot did not understand and the phrasings officers mapped to guides. */
export class QuestionsRepo {
  constructor(private readonly db: Db) {}

  addUnmatched(userId: string, text: string, at: number): number {
    return this.db.insert(unmatchedQuestions).values({ userId, text, createdAt: at }).returning({ id: unmatchedQuestions.id }).get().id;
  }

  open(limit: number): UnmatchedRow[] {
    return this.db.select().from(unmatchedQuestions).where(isNull(unmatchedQuestions.resolvedAt)).orderBy(desc(unmatchedQuestions.id)).limit(limit).all();
  }

  /**
   * Open questions with what an officer needs to place them: the sender's village (the chat's, else
   * their household's) and what the bot replied: the last text of the messages sent to them within a
   * minute of it (a first contact's welcome comes before the reply itself).
   */
  openWithContext(limit: number): UnmatchedWithContext[] {
    const sqlite = this.db.$client;
    const village = sqlite.prepare<[string, string], { v: string | null }>(
      `SELECT COALESCE((SELECT village_id FROM conversations WHERE user_id = ?),
        (SELECT h.village_id FROM household_members m JOIN households h ON h.id = m.household_id WHERE m.oa_user_id = ? LIMIT 1)) AS v`,
    );
    const replies = sqlite.prepare<[string, number, number], { payload: string; created_at: number }>(
      "SELECT payload, created_at FROM outbox WHERE recipient_id = ? AND created_at >= ? AND created_at <= ? ORDER BY id LIMIT 3",
    );
    return this.open(limit).map((q) => {
      const sent = replies.all(q.userId, q.createdAt, q.createdAt + 60_000);
      const said = sent
        .map((r) => {
          try {
            const m = JSON.parse(r.payload) as { text?: unknown };
            return { text: typeof m.text === "string" ? m.text : "", at: r.created_at };
          } catch {
            return { text: "", at: r.created_at };
          }
        })
        .filter((r) => r.text !== "")
        .at(-1);
      return { ...q, villageId: village.get(q.userId, q.userId)?.v ?? null, reply: said ? { text: said.text.slice(0, 1000), at: said.at } : null };
    });
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
