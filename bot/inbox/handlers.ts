import type { EventName, EventOf, ZaloEvent } from "../zalo/events";

export interface HandlerContext {
  inboxId: number;
  eventKey: string;
  receivedAt: number;
}

export type EventHandler<E extends ZaloEvent = ZaloEvent> = (event: E, ctx: HandlerContext) => void | Promise<void>;

interface Entry {
  handler: EventHandler;
  priority: number;
  seq: number;
}

/** Well-known priorities: lower runs first. */
export const HANDLER_PRIORITY = {
  /** Learn who the sender is (link the chat to a household) before anyone answers them. */
  identity: -10,
  normal: 0,
} as const;

/**
 * Handlers per webhook event name. Capabilities register here (chat, households...); the inbox worker
 * calls every handler for an event: the ones registered for every event first, then by priority
 * (lower first), then in registration order. `withPriority` gives a view that registers at another
 * priority, so a capability's handlers can run before the chat's whatever the composition order.
 * Handlers may run more than once for one event after a crash (at-least-once): whatever they send
 * must go through the outbox with a dedupe key derived from ctx.eventKey, which makes the effect once.
 */
export class HandlerRegistry {
  constructor(
    private readonly handlers = new Map<string, Entry[]>(),
    private readonly priority: number = HANDLER_PRIORITY.normal,
    private readonly counter = { seq: 0 },
  ) {}

  /** The same registry; handlers registered through the view get `priority`. */
  withPriority(priority: number): HandlerRegistry {
    return new HandlerRegistry(this.handlers, priority, this.counter);
  }

  on<N extends EventName>(names: N | readonly N[], handler: EventHandler<EventOf<N>>): this {
    for (const name of typeof names === "string" ? [names] : names) this.add(name, handler as EventHandler);
    return this;
  }

  /** Runs for every event, whatever its name. */
  onAny(handler: EventHandler): this {
    this.add("*", handler);
    return this;
  }

  private add(name: string, handler: EventHandler): void {
    const list = this.handlers.get(name) ?? [];
    list.push({ handler, priority: this.priority, seq: this.counter.seq++ });
    list.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    this.handlers.set(name, list);
  }

  handlersFor(eventName: string): EventHandler[] {
    return [...(this.handlers.get("*") ?? []), ...(this.handlers.get(eventName) ?? [])].map((e) => e.handler);
  }
}
