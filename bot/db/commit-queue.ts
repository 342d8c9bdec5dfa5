import type Database from "better-sqlite3";

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
 */
export class CommitQueue {
  private queue: Job[] = [];
  private scheduled = false;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly maxBatch = 512,
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
      this.sqlite.transaction(() => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: this.sqlite.transaction(job.work)() });
          } catch (error) {
            outcomes.push({ ok: false, error });
          }
        }
      })();
    } catch (error) {
      batch.forEach((job) => job.reject(error));
      return;
    }
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (o.ok) job.resolve(o.value);
      else job.reject(o.error);
    });
  }
}
