import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db/connection";
import { handoffs } from "../db/schema";

export type HandoffRow = typeof handoffs.$inferSelect;
export type NewHandoff = typeof handoffs.$inferInsert;

/** SQL for hand-offs to a person. */
export class HandoffRepo {
  constructor(private readonly db: Db) {}

  create(h: NewHandoff): HandoffRow {
    return this.db.insert(handoffs).values(h).returning().get();
  }

  /** The resident's latest hand-off not answered yet. */
  openFor(userId: string): HandoffRow | undefined {
    return this.db
      .select()
      .from(handoffs)
      .where(and(eq(handoffs.userId, userId), isNull(handoffs.answeredAt)))
      .orderBy(desc(handoffs.id))
      .limit(1)
      .get();
  }

  markAnswered(id: number, adminId: string, at: number): void {
    this.db.update(handoffs).set({ answeredAt: at, answeredBy: adminId }).where(and(eq(handoffs.id, id), isNull(handoffs.answeredAt))).run();
  }

  get(id: number): HandoffRow | undefined {
    return this.db.select().from(handoffs).where(eq(handoffs.id, id)).get();
  }

  recent(limit: number): HandoffRow[] {
    return this.db.select().from(handoffs).orderBy(desc(handoffs.id)).limit(limit).all();
  }
}
