/**
 * Answers waiting for the network, kept in localStorage with their idempotency keys so that a closed
 * app, a dead battery or a lost response never loses or doubles one: the same key is sent until the
 * server has it ("replayed" the second time). Pure over a KeyValueStore.
 */
import type { KeyValueStore } from "../platform/types";
import type { PendingAnswer } from "./household";

const KEY = "gds.queue.v1";

/** 20 random bytes as base64url-ish: fits the server's key pattern [A-Za-z0-9._:-]{8,100}. */
export function newIdempotencyKey(random: (n: number) => Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return `ma-${Array.from(random(20), (b) => alphabet[b & 63]).join("")}`;
}

export class AnswerQueue {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly key = KEY,
  ) {}

  all(): PendingAnswer[] {
    try {
      const v = JSON.parse(this.store.getItem(this.key) ?? "[]") as unknown;
      return Array.isArray(v) ? (v as PendingAnswer[]) : [];
    } catch {
      return [];
    }
  }

  size(): number {
    return this.all().length;
  }

  /**
   * Queues an answer. An earlier answer to the same criterion that is not being sent right now is
   * replaced (it never reached the server, so only the latest matters); one in flight is kept.
   */
  add(a: PendingAnswer, inFlight: ReadonlySet<string> = new Set()): void {
    const rest = this.all().filter((p) => inFlight.has(p.key) || !(p.householdId === a.householdId && p.criterionId === a.criterionId));
    this.write([...rest, a]);
  }

  remove(keys: Iterable<string>): void {
    const drop = new Set(keys);
    if (drop.size === 0) return;
    this.write(this.all().filter((p) => !drop.has(p.key)));
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private write(items: PendingAnswer[]): void {
    if (items.length === 0) this.store.removeItem(this.key);
    else this.store.setItem(this.key, JSON.stringify(items));
    for (const fn of this.listeners) fn();
  }
}
