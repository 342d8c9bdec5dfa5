import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { ZaloFailure, ZaloResult } from "../zalo/errors";
import type { SentMessage, ZaloOaClient } from "../zalo/oa-client";
import { backoffDelay } from "./backoff";
import { messageOf } from "./outbox";
import type { OutboxRepo, OutboxRow } from "./outbox-repo";
import { RateLimiter } from "./rate-limiter";
import type { OutboxReconciler } from "./reconciler";

export interface SenderOptions {
  repo: OutboxRepo;
  client: ZaloOaClient;
  reconciler: OutboxReconciler;
  clock: Clock;
  logger: FastifyBaseLogger;
  ratePerMinute: number;
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** Wait before looking for a timed-out send in the history (Zalo may need a moment). */
  reconcileDelayMs?: number;
  /** After this many unreadable histories a row becomes `uncertain` for an officer to decide. */
  maxReconcileTries?: number;
  random?: () => number;
}

/**
 * Drains the outbox: one sender per database. Guarantee: a row is claimed (`sending`, committed)
 * before its request leaves, and a row found in `sending` is resent only after the conversation
 * history shows Zalo does not have it. Where it could still double: Zalo accepted the message but its
 * history does not show it yet when we look, or the history cannot tell two identical messages sent
 * within the same minutes apart (both in flight at once). Where it could be lost: never; a row whose
 * history cannot be read is marked `uncertain` after `maxReconcileTries` and left to an officer.
 */
export class OutboxSender {
  private running = false;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly limiter: RateLimiter;
  private timer: NodeJS.Timeout | undefined;
  private wakeScheduled = false;
  private pausedUntil = 0;
  private consecutiveRateLimits = 0;
  private readonly reconcileTries = new Map<number, number>();
  private readonly reconcileTimers = new Set<NodeJS.Timeout>();
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly o: SenderOptions) {
    this.limiter = new RateLimiter(o.ratePerMinute);
  }

  /** Reconciles rows a previous run left in flight, then starts draining. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const stale = this.o.repo.inFlight();
    if (stale.length > 0) this.o.logger.warn({ rows: stale.length }, "outbox: rows left in flight by a previous run; reconciling");
    await Promise.all(stale.map((row) => this.track(this.reconcileRow(row))));
    this.wake();
  }

  wake(): void {
    if (!this.running || this.wakeScheduled) return;
    this.wakeScheduled = true;
    setImmediate(() => {
      this.wakeScheduled = false;
      this.pump();
    });
  }

  private sleepUntil(at: number): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(5, at - this.o.clock.now()));
  }

  private pump(): void {
    if (!this.running) return;
    const now = this.o.clock.now();
    if (this.pausedUntil > now) return this.sleepUntil(this.pausedUntil);
    while (this.inFlight.size < this.o.concurrency) {
      const wait = this.limiter.tryTake();
      if (wait > 0) return this.sleepUntil(this.o.clock.now() + wait);
      const [row] = this.o.repo.claimDue(this.o.clock.now(), 1);
      if (!row) {
        this.limiter.refund();
        break;
      }
      this.track(this.send(row));
    }
    // Finished sends wake the pump; otherwise sleep until the next row in backoff is due, and poll
    // once a second for rows written by another process.
    const next = this.o.repo.nextDueAt();
    const now2 = this.o.clock.now();
    this.sleepUntil(next !== undefined && next > now2 ? Math.min(next, now2 + 1_000) : now2 + 1_000);
    this.checkIdle();
  }

  private track(p: Promise<void>): Promise<void> {
    const tracked = p
      .catch((err) => this.o.logger.error({ err }, "outbox: unexpected sender error"))
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
        this.checkIdle();
      });
    this.inFlight.add(tracked);
    return tracked;
  }

  private async send(row: OutboxRow): Promise<void> {
    const message = messageOf(row);
    const result: ZaloResult<SentMessage> =
      row.channel === "group"
        ? await this.o.client.sendGroupMessage(row.recipientId, message)
        : await this.o.client.sendMessage(row.channel, row.recipientId, message);
    const now = this.o.clock.now();
    if (result.ok) {
      this.consecutiveRateLimits = 0;
      this.o.repo.markSent(row.id, result.data.messageId, now);
      return;
    }
    this.onFailure(row, result, now);
  }

  private onFailure(row: OutboxRow, f: ZaloFailure, now: number): void {
    const log = { outboxId: row.id, recipient: row.recipientId, code: f.code, kind: f.kind, attempt: row.attempts };
    switch (f.kind) {
      case "outside_window":
        this.o.logger.info(log, `outbox: outside the messaging window: ${f.message}`);
        return this.o.repo.markFinal(row.id, "outside_window", f.code, f.message);
      case "disconnected":
        // Nothing left: the attempt does not count; everyone waits for the OA to be reconnected.
        this.pausedUntil = now + 5_000;
        return this.o.repo.reschedule(row.id, now, f.code, f.message, true);
      case "retryable":
      case "token": {
        if (f.code === -32) {
          this.consecutiveRateLimits++;
          this.pausedUntil = now + backoffDelay(this.consecutiveRateLimits, this.o.backoffBaseMs, this.o.backoffMaxMs, this.o.random);
        }
        if (f.maybeDelivered) {
          this.o.logger.warn(log, `outbox: send may have reached Zalo (${f.message}); checking the history before any retry`);
          return this.reconcileLater(row, this.o.reconcileDelayMs ?? 3_000);
        }
        return this.retryOrFail(row, f.code, f.message, now);
      }
      case "permanent":
        this.o.logger.warn(log, `outbox: permanent failure: ${f.message}`);
        return this.o.repo.markFinal(row.id, "failed", f.code, f.message);
    }
  }

  private retryOrFail(row: OutboxRow, code: number | undefined, message: string, now: number): void {
    if (row.attempts >= this.o.maxAttempts) {
      this.o.logger.warn({ outboxId: row.id, code }, `outbox: giving up after ${row.attempts} attempts: ${message}`);
      return this.o.repo.markFinal(row.id, "failed", code, `after ${row.attempts} attempts: ${message}`);
    }
    const delay = backoffDelay(row.attempts, this.o.backoffBaseMs, this.o.backoffMaxMs, this.o.random);
    this.o.repo.reschedule(row.id, now + delay, code, message);
  }

  private async reconcileRow(row: OutboxRow): Promise<void> {
    const outcome = await this.o.reconciler.reconcile(row);
    const now = this.o.clock.now();
    if (outcome.found === true) {
      this.reconcileTries.delete(row.id);
      this.o.logger.info({ outboxId: row.id, messageId: outcome.messageId }, "outbox: in-flight row was delivered; recorded");
      return this.o.repo.markSent(row.id, outcome.messageId, now);
    }
    if (outcome.found === false) {
      this.reconcileTries.delete(row.id);
      return this.retryOrFail(row, undefined, "not delivered before the interruption", now);
    }
    const tries = (this.reconcileTries.get(row.id) ?? 0) + 1;
    this.reconcileTries.set(row.id, tries);
    if (tries >= (this.o.maxReconcileTries ?? 5)) {
      this.reconcileTries.delete(row.id);
      this.o.logger.error({ outboxId: row.id }, `outbox: cannot tell whether the row was delivered: ${outcome.reason}`);
      return this.o.repo.markFinal(row.id, "uncertain", undefined, `delivery unknown: ${outcome.reason}`);
    }
    this.reconcileLater(row, backoffDelay(tries, 1_000, 60_000, this.o.random));
  }

  /** The row stays `sending` (its recipient waits) until the history says what happened. */
  private reconcileLater(row: OutboxRow, delayMs: number): void {
    const timer = setTimeout(() => {
      this.reconcileTimers.delete(timer);
      if (this.running) void this.track(this.reconcileRow(row));
    }, delayMs);
    this.reconcileTimers.add(timer);
  }

  private checkIdle(): void {
    if (this.inFlight.size > 0 || this.idleWaiters.length === 0) return;
    const counts = this.o.repo.countByStatus();
    const next = this.o.repo.nextDueAt();
    const dueNow = next !== undefined && next <= this.o.clock.now();
    if (!counts.sending && !dueNow) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((w) => w());
    }
  }

  /** Resolves when nothing is in flight and nothing is due now (rows in backoff may remain). */
  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.wake();
      setImmediate(() => this.checkIdle());
    });
  }

  /** Stops claiming, lets the sends in flight finish (their outcome is recorded). */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    // Rows waiting for reconciliation stay `sending`: the next start reconciles them.
    this.reconcileTimers.forEach((t) => clearTimeout(t));
    this.reconcileTimers.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
