import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommitQueue } from "../db/commit-queue";
import { parseZaloEvent } from "../zalo/events";
import type { HandlerRegistry } from "./handlers";
import type { InboxRepo, InboxRow } from "./inbox-repo";

export interface InboxWorkerOptions {
  repo: InboxRepo;
  commits: CommitQueue;
  registry: HandlerRegistry;
  logger: FastifyBaseLogger;
  clock: Clock;
  concurrency: number;
  maxAttempts: number;
  pollIntervalMs?: number;
}

/**
 * Handles stored webhook events after the 200: at most one event per subject at a time, in arrival
 * order per subject, several subjects in parallel. An event stays `pending` on disk until it is
 * done, so a crash loses nothing: the next start handles it again (at-least-once; handlers make
 * their effects idempotent through outbox dedupe keys). An event that crashes the whole process
 * every time would block its subject: its attempts are only counted when a handler throws.
 */
export class InboxWorker {
  private running = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  /** Claimed, not started yet: handlers start one per turn of the event loop (see startNext). */
  private readonly ready: InboxRow[] = [];
  private starting = false;
  private timer: NodeJS.Timeout | undefined;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly opts: InboxWorkerOptions) {}

  start(): void {
    if (this.running) return;
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
    const taken = new Set([...this.inFlight.keys(), ...this.ready.map((r) => r.id)]);
    const free = this.opts.concurrency - taken.size;
    const rows = free > 0 ? this.opts.repo.claimable(free, taken) : [];
    this.ready.push(...rows);
    this.startNext();
    if (rows.length === 0) this.notifyIdle();
  }

  /**
   * Starts the next claimed event, one per turn of the event loop: handlers are mostly synchronous
   * CPU (matching, SQLite), and starting them all at once would hold back the webhook's acks for the
   * whole batch. Between two starts Node reads the sockets, so a 200 waits for at most one handler.
   */
  private startNext(): void {
    if (this.starting || this.ready.length === 0) return;
    this.starting = true;
    setImmediate(() => {
      this.starting = false;
      const row = this.ready.shift();
      if (!row) return;
      if (!this.running) {
        this.ready.length = 0;
        this.notifyIdle();
        return;
      }
      const p = this.handle(row).finally(() => {
        this.inFlight.delete(row.id);
        this.kick();
        this.notifyIdle();
      });
      this.inFlight.set(row.id, p);
      this.startNext();
    });
  }

  private async handle(row: InboxRow): Promise<void> {
    const { repo, commits, clock } = this.opts;
    try {
      const parsed = parseZaloEvent(JSON.parse(row.raw), Buffer.from(row.raw));
      if (!parsed.ok) throw new Error(`stored event no longer parses: ${parsed.reason}`);
      for (const handler of this.opts.registry.handlersFor(row.eventName)) {
        await handler(parsed.event, { inboxId: row.id, eventKey: row.eventKey, receivedAt: row.receivedAt });
      }
      await commits.run(() => repo.markDone(row.id, clock.now()));
    } catch (err) {
      const attempt = row.attempts + 1;
      const finalFailure = attempt >= this.opts.maxAttempts;
      this.opts.logger.error({ err, inboxId: row.id, event: row.eventName, attempt, finalFailure }, "inbox: handler failed");
      await commits.run(() => repo.markFailed(row.id, String((err as Error)?.stack ?? err), finalFailure, clock.now()));
    }
  }

  private notifyIdle(): void {
    if (this.inFlight.size > 0 || this.ready.length > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((w) => w());
  }

  /** Resolves when nothing is pending and nothing is in flight (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0 || this.ready.length > 0 || this.opts.repo.countByStatus().pending) {
      await new Promise<void>((resolve) => {
        this.idleWaiters.push(resolve);
        this.kick();
      });
    }
  }

  /** Stops claiming and waits for the events being handled. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([...this.inFlight.values()]);
    this.notifyIdle();
  }
}
