import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommitQueue } from "../db/commit-queue";
import { describeDbError, isDatabaseFault } from "../db/faults";
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
  /** Wait before the 2nd attempt of a failed event; doubles each attempt (jittered), up to retryMaxMs. */
  retryBaseMs?: number;
  retryMaxMs?: number;
  random?: () => number;
}

/**
 * Handles stored webhook events after the 200: at most one event per subject at a time, in arrival
 * order per subject, several subjects in parallel. An event stays `pending` on disk until it is
 * done, so a crash loses nothing: the next start handles it again (at-least-once; handlers make
 * their effects idempotent through outbox dedupe keys). An event that crashes the whole process
 * every time would block its subject: its attempts are only counted when a handler throws.
 *
 * A failed attempt is retried after a delay (2 s, 4 s, 8 s... with jitter), not at once; the subject's
 * later events wait behind it. When the database itself refuses (lock held elsewhere, full disk, I/O
 * error) the attempt is not counted: the event stays pending and is tried again after a back-off,
 * so nothing is lost and no event is given up because of the disk. The delays live in memory: after
 * a restart, pending events are tried at once.
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
  /** Events waiting for their next attempt: id → not before (clock ms). */
  private readonly retryAt = new Map<number, number>();
  private retryTimer: NodeJS.Timeout | undefined;
  /** The database refused the last claim: no new claim before this time. */
  private pausedUntil = 0;
  private dbFailures = 0;

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
    const now = this.opts.clock.now();
    if (this.pausedUntil > now) return;
    for (const [id, at] of this.retryAt) if (at <= now) this.retryAt.delete(id);
    // Events waiting for a retry count as taken: they hold their subject's later events back.
    const taken = new Set([...this.inFlight.keys(), ...this.ready.map((r) => r.id), ...this.retryAt.keys()]);
    const free = this.opts.concurrency - this.inFlight.size - this.ready.length;
    let rows: InboxRow[] = [];
    try {
      rows = free > 0 ? this.opts.repo.claimable(free, taken) : [];
      this.dbFailures = 0;
    } catch (err) {
      this.dbFailures++;
      this.pausedUntil = now + this.backoff(this.dbFailures, 250, 5_000);
      this.opts.logger.error({ err: describeDbError(err) }, "inbox: cannot read pending events; trying again shortly");
      this.wakeAt(this.pausedUntil);
      return;
    }
    this.ready.push(...rows);
    this.startNext();
    if (rows.length === 0) this.notifyIdle();
  }

  private backoff(attempt: number, baseMs: number, maxMs: number): number {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + (this.opts.random ?? Math.random)() * (ceiling / 2));
  }

  /** Kicks the worker at `at` (clock time), besides the regular poll. */
  private wakeAt(at: number): void {
    if (!this.running) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    let next = at;
    for (const t of this.retryAt.values()) next = Math.min(next, t);
    if (this.pausedUntil > this.opts.clock.now()) next = Math.min(next, this.pausedUntil);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, Math.max(5, next - this.opts.clock.now()));
    this.retryTimer.unref();
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
      const p = this.handle(row)
        .catch((err) => this.opts.logger.error({ err, inboxId: row.id }, "inbox: unexpected worker error"))
        .finally(() => {
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
      this.dbFailures = 0;
    } catch (err) {
      if (isDatabaseFault(err)) return this.retryLater(row, err);
      const attempt = row.attempts + 1;
      const finalFailure = attempt >= this.opts.maxAttempts;
      this.opts.logger.error({ err, inboxId: row.id, event: row.eventName, attempt, finalFailure }, "inbox: handler failed");
      try {
        await commits.run(() => repo.markFailed(row.id, String((err as Error)?.stack ?? err), finalFailure, clock.now()));
      } catch (writeErr) {
        // The failure could not be recorded: the event stays pending, its attempt uncounted.
        return this.retryLater(row, writeErr);
      }
      if (!finalFailure) this.delay(row.id, this.backoff(attempt, this.opts.retryBaseMs ?? 2_000, this.opts.retryMaxMs ?? 5 * 60_000));
    }
  }

  /** The database refused: not the event's fault, not an attempt; try again after a back-off. */
  private retryLater(row: InboxRow, err: unknown): void {
    this.dbFailures++;
    const delay = this.backoff(this.dbFailures, 250, 10_000);
    if (this.dbFailures <= 1 || !isDatabaseFault(err)) {
      this.opts.logger.error({ err: describeDbError(err), inboxId: row.id }, "inbox: database refused a write; the event stays pending and is tried again");
    }
    this.delay(row.id, delay);
  }

  private delay(id: number, ms: number): void {
    const at = this.opts.clock.now() + ms;
    this.retryAt.set(id, at);
    this.wakeAt(at);
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
      // A drain does not wait out retry delays: events due for a retry are tried now.
      this.retryAt.clear();
      this.pausedUntil = 0;
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
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await Promise.allSettled([...this.inFlight.values()]);
    this.notifyIdle();
  }
}
