import { desc, isNull } from "drizzle-orm";
import type { Db } from "../db/connection";
import { outboxPauses } from "../db/schema";

export type OutboxPauseRow = typeof outboxPauses.$inferSelect;

export interface NewOutboxPause {
  source: OutboxPauseRow["source"];
  code: number | null;
  message: string;
  since: number;
  pausedBy: string | null;
}

/** SQL for the outbox pauses: at most one open (not resumed) at a time; closed ones are the audit. */
export class OutboxPauseRepo {
  constructor(private readonly db: Db) {}

  /** The pause in force, if any. */
  current(): OutboxPauseRow | undefined {
    return this.db.select().from(outboxPauses).where(isNull(outboxPauses.resumedAt)).orderBy(desc(outboxPauses.id)).limit(1).get();
  }

  /** Opens a pause unless one is already open (then returns that one, unchanged). */
  open(p: NewOutboxPause): OutboxPauseRow {
    return this.db.transaction((tx) => {
      const open = tx.select().from(outboxPauses).where(isNull(outboxPauses.resumedAt)).orderBy(desc(outboxPauses.id)).limit(1).get();
      if (open) return open;
      return tx.insert(outboxPauses).values(p).returning().get();
    });
  }

  /** Closes the open pause (who resumed, when); undefined when none was open. */
  close(resumedBy: string, at: number): OutboxPauseRow | undefined {
    return this.db
      .update(outboxPauses)
      .set({ resumedAt: at, resumedBy })
      .where(isNull(outboxPauses.resumedAt))
      .returning()
      .all()
      .at(-1);
  }

  /** The admin officer was told about the open pause. */
  markNotified(at: number): void {
    this.db.update(outboxPauses).set({ notifiedAt: at }).where(isNull(outboxPauses.resumedAt)).run();
  }

  /** The latest pauses, newest first (the open one included). */
  recent(limit: number): OutboxPauseRow[] {
    return this.db.select().from(outboxPauses).orderBy(desc(outboxPauses.id)).limit(limit).all();
  }
}
