import { eq } from "drizzle-orm";
import type { Db } from "./connection";
import { schedulerCursors } from "./schema";

/** SQL for the last minute each minute-driven job handled (see schema/runtime.ts). */
export class SchedulerCursorRepo {
  constructor(private readonly db: Db) {}

  get(name: string): number | undefined {
    return this.db.select({ lastSlot: schedulerCursors.lastSlot }).from(schedulerCursors).where(eq(schedulerCursors.name, name)).get()?.lastSlot;
  }

  set(name: string, lastSlot: number, at: number): void {
    this.db
      .insert(schedulerCursors)
      .values({ name, lastSlot, updatedAt: at })
      .onConflictDoUpdate({ target: schedulerCursors.name, set: { lastSlot, updatedAt: at } })
      .run();
  }
}
