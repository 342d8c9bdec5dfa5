import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { HandlerRegistry } from "./handlers";
import type { InboxRepo, InboxRow } from "./inbox-repo";
import { parseZaloEvent } from "../zalo/events";
import { GroupCommit } from "./group-commit";

export interface InboxWorkerOptions {
  repo: InboxRepo;
  registry: HandlerRegistry;
  logger: FastifyBaseLogger;
  clock: Clock;
  concurrency: number;
  maxAttempts: number;
  pollIntervalMs?: number;
}

/**
 * Handles stored webhook events after the 200: at most one event per subject at a time, in arrival
 * order per subject, several subjects in parallel. Events are `processing` while handled; a crash
 * leaves them so, and the next start puts them back to pending (nothing lost, possibly handled twice).
 */
export class InboxWorker {
  private running = false;
  private inFlight = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];
  /** Handled events are marked done together: one commit for all that finish in the same turn. */
  private readonly done: GroupCommit<number, void>;

  constructor(private readonly opts: InboxWorkerOptions) {
    this.done = new GroupCommit((ids) => {
      opts.repo.markDone(ids, opts.clock.now());
      return ids.map(() => undefined);
    });
  }

  start(): void {
    if (this.running) return;
    const released = this.opts.repo.releaseProcessing();
    if (released > 0) this.opts.logger.warn({ released }, "inbox: events left in processing by a previous run are pending again");
    this.running = true;
    this.timer = setInterval(() => this.kick(), this.opts.pollIntervalMs ?? 1000);
    this.timer.unref();
    this.kick();
  }

  /** Called after each webhook insert so events are handled at once, not on the next poll. */
  kick(): void {
    if (!this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.fill();
    });
  }

  private fill(): void {
    if (!this.running) return;
    const free = this.opts.concurrency - this.inFlight.size;
    if (free <= 0) return;
    const rows = this.opts.repo.claimNext(free);
    for (const row of rows) {
      const p = this.handle(row).finally(() => {
        this.inFlight.delete(p);
        this.kick();
        if (this.inFlight.size === 0) this.notifyIdleIfDone();
      });
      this.inFlight.add(p);
    }
    if (rows.length === 0 && this.inFlight.size === 0) this.notifyIdleIfDone();
  }

  private async handle(row: InboxRow): Promise<void> {
    const parsed = parseZaloEvent(JSON.parse(row.raw), Buffer.from(row.raw));
    try {
      if (!parsed.ok) throw new Error(`stored event no longer parses: ${parsed.reason}`);
      for (const handler of this.opts.registry.handlersFor(row.eventName)) {
        await handler(parsed.event, { inboxId: row.id, eventKey: row.eventKey, receivedAt: row.receivedAt });
      }
      await this.done.write(row.id);
    } catch (err) {
      const finalFailure = row.attempts >= this.opts.maxAttempts;
      this.opts.logger.error({ err, inboxId: row.id, event: row.eventName, attempt: row.attempts, finalFailure }, "inbox: handler failed");
      this.opts.repo.markFailed(row.id, String((err as Error)?.stack ?? err), finalFailure, this.opts.clock.now());
    }
  }

  private notifyIdleIfDone(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves when nothing is claimable and nothing is in flight (tests, shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        this.kick();
      });
      const counts = this.opts.repo.countByStatus();
      if (this.inFlight.size === 0 && !counts.pending && !counts.processing) return;
    }
  }

  /** Stops claiming and waits for the events being handled. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight]);
    this.notifyIdleIfDone();
  }
}
