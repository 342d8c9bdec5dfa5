/**
 * Group commit: writes that arrive in the same turn of the event loop share one transaction, so
 * one fsync covers many webhook events (synchronous=FULL costs ~0.2 ms per commit on this disk;
 * batched it costs ~0.01 ms per row). Each caller's promise settles after the commit that holds its
 * row, so a 200 is never sent for an event that is not on disk.
 */
export class GroupCommit<T, R> {
  private queue: { item: T; resolve(r: R): void; reject(e: unknown): void }[] = [];
  private scheduled = false;

  constructor(
    private readonly commit: (items: T[]) => R[],
    private readonly maxBatch = 256,
  ) {}

  write(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
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
    try {
      const results = this.commit(batch.map((b) => b.item));
      batch.forEach((b, i) => b.resolve(results[i]!));
    } catch (err) {
      batch.forEach((b) => b.reject(err));
    }
  }
}
