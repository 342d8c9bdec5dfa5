import type Database from "better-sqlite3";
import { isDatabaseFault, type WriteHealth } from "./faults";

interface Job {
  work(): unknown;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/**
 * Group commit for the whole process: writes queued in the same turn of the event loop run in one
 * transaction, so one fsync (synchronous=FULL) covers a webhook insert, a batch of handled events and
 * their bookkeeping together. Each job runs in its own savepoint: a job that throws is rolled back
 * alone and only its caller sees the error. Promises settle after the commit, so nothing is
 * acknowledged before it is on disk.
 *
 * When the database itself refuses the write (lock held elsewhere past the busy timeout, full disk,
 * I/O error), the whole batch is rolled back and every caller of the batch gets that error: nothing
 * was written, nobody is told otherwise, and the queue goes on with the next batch (it never throws
 * out of its timer and never stays stuck in an open transaction).
 */
export class CommitQueue {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly maxBatch = 512,
    private readonly health?: WriteHealth,
  ) {}

  run<R>(work: () => R): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length >= this.maxBatch) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      if (!this.sqlite.open) throw new Error("The database connection is not open");
      // IMMEDIATE: the write lock is taken (or refused) up front, never half-way through the batch.
      this.sqlite
        .transaction(() => {
          for (const job of batch) {
            try {
              outcomes.push({ ok: true, value: this.sqlite.transaction(job.work)() });
            } catch (error) {
              // The database refused (not this job's data): abandon the whole batch.
              if (isDatabaseFault(error)) throw error;
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      this.abandon();
      this.health?.observe(error);
      for (const job of batch) settle(() => job.reject(error));
      return;
    }
    this.health?.ok();
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      settle(() => (o.ok ? job.resolve(o.value) : job.reject(o.error)));
    });
  }

  /** After a failed batch: make sure no transaction is left open on the shared connection. */
  private abandon(): void {
    try {
      if (this.sqlite.open && this.sqlite.inTransaction) this.sqlite.exec("ROLLBACK");
    } catch {
      // The engine already rolled back, or the connection is gone: nothing is left open either way.
    }
  }
}

function settle(fn: () => void): void {
  try {
    fn();
  } catch {
    // resolve/reject never throw; kept defensive so one caller cannot stop the others being told.
  }
}
