/**
 * Sends the queued answers: oldest first, up to 100 per request, one flush at a time. No network,
 * a timeout or a busy server keep them queued and retry with backoff (and at once when the network
 * comes back); an answer the server refuses (4xx) is dropped and reported in Vietnamese. Pure apart
 * from the injected timer.
 */
import type { AnswerChange, AnswersResponse, HouseholdView } from "../../../shared/contracts/households";
import { ApiError } from "../api/client";
import type { PendingAnswer } from "./household";
import type { AnswerQueue } from "./queue";

export type SendAnswers = (householdId: number, changes: AnswerChange[]) => Promise<AnswersResponse>;

export interface SyncStatus {
  pending: number;
  sending: boolean;
  /** The last attempt failed for lack of network (or timed out). */
  offline: boolean;
  /** Vietnamese: why the last attempt failed, while answers wait. */
  waitingReason: string | null;
  /** How many answers the last successful flush delivered, and when. */
  lastDelivered: { count: number; at: number } | null;
  /** Answers the server refused, with its reason (shown once, then cleared by the screen). */
  refused: { pending: PendingAnswer; message: string }[];
}

export interface AnswerSyncOptions {
  onHousehold(h: HouseholdView): void;
  /** setTimeout-like; returns a cancel function. */
  schedule(fn: () => void, ms: number): () => void;
  now(): number;
  batchSize?: number;
  backoffMs?: (failures: number) => number;
}

export const defaultBackoff = (failures: number) => Math.min(60_000, 2_000 * 2 ** Math.max(0, failures - 1));

export class AnswerSync {
  private running: Promise<void> | undefined;
  private again = false;
  private failures = 0;
  private cancelRetry: (() => void) | undefined;
  private readonly inFlight = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private state: Omit<SyncStatus, "pending"> = { sending: false, offline: false, waitingReason: null, lastDelivered: null, refused: [] };
  private snapshot: SyncStatus;

  constructor(
    readonly queue: AnswerQueue,
    private readonly send: SendAnswers,
    private readonly o: AnswerSyncOptions,
  ) {
    this.snapshot = { ...this.state, pending: queue.size() };
    queue.subscribe(() => this.emit());
  }

  /** The same object until something changes (React's useSyncExternalStore relies on it). */
  status(): SyncStatus {
    return this.snapshot;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Queues one answer and tries to send it at once. */
  answer(a: PendingAnswer): Promise<void> {
    this.queue.add(a, this.inFlight);
    return this.flush();
  }

  clearRefused(): void {
    this.set({ refused: [] });
  }

  /** Sends everything queued; a call while a flush runs makes that flush go round once more. */
  flush(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    this.running = this.run().finally(() => {
      this.running = undefined;
      this.set({ sending: false });
    });
    return this.running;
  }

  private async run(): Promise<void> {
    let delivered = 0;
    let limit = this.o.batchSize ?? 100;
    do {
      this.again = false;
      for (;;) {
        const all = this.queue.all();
        const first = all[0];
        if (!first) break;
        const batch = all.filter((p) => p.householdId === first.householdId).slice(0, limit);
        const keys = batch.map((p) => p.key);
        keys.forEach((k) => this.inFlight.add(k));
        this.set({ sending: true });
        try {
          const res = await this.send(
            first.householdId,
            batch.map((p) => ({ criterionId: p.criterionId, value: p.value, idempotencyKey: p.key, ...(p.note !== undefined ? { note: p.note } : {}) })),
          );
          this.queue.remove(keys);
          delivered += batch.length;
          this.failures = 0;
          this.set({ offline: false, waitingReason: null, lastDelivered: { count: delivered, at: this.o.now() } });
          this.o.onHousehold(res.household);
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError("offline", String(err));
          if (e.retryable) {
            this.failures++;
            this.set({ offline: e.kind !== "http", waitingReason: e.message });
            const cancel = this.o.schedule(() => void this.flush(), (this.o.backoffMs ?? defaultBackoff)(this.failures));
            this.cancelRetry = cancel;
            return;
          }
          if (batch.length > 1) {
            limit = 1; // find which answer the server refuses, send the others
            continue;
          }
          this.queue.remove(keys);
          // Refused is not sent: "Đã gửi xong" may only count what this flush delivered.
          this.set({ refused: [...this.state.refused, { pending: first, message: e.message }], ...(delivered ? {} : { lastDelivered: null }) });
        } finally {
          keys.forEach((k) => this.inFlight.delete(k));
        }
      }
    } while (this.again);
  }

  private set(patch: Partial<Omit<SyncStatus, "pending">>): void {
    this.state = { ...this.state, ...patch };
    this.emit();
  }

  private emit(): void {
    this.snapshot = { ...this.state, pending: this.queue.size() };
    for (const fn of this.listeners) fn();
  }
}
