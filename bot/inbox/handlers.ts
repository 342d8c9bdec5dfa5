import type { EventName, EventOf, ZaloEvent } from "../zalo/events";

export interface HandlerContext {
  inboxId: number;
  eventKey: string;
  receivedAt: number;
}

export type EventHandler<E extends ZaloEvent = ZaloEvent> = (event: E, ctx: HandlerContext) => void | Promise<void>;

/**
 * Handlers per webhook event name. Capabilities register here (chat, households...); the inbox worker
 * calls every handler registered for an event, in registration order.
 * Handlers may run more than once for one event after a crash (at-least-once): whatever they send
 * must go through the outbox with a dedupe key derived from ctx.eventKey, which makes the effect once.
 */
export class HandlerRegistry {
  private readonly handlers = new Map<string, EventHandler[]>();

  on<N extends EventName>(names: N | readonly N[], handler: EventHandler<EventOf<N>>): this {
    for (const name of typeof names === "string" ? [names] : names) {
      const list = this.handlers.get(name) ?? [];
      list.push(handler as EventHandler);
      this.handlers.set(name, list);
    }
    return this;
  }

  /** Runs for every event, whatever its name. */
  onAny(handler: EventHandler): this {
    const list = this.handlers.get("*") ?? [];
    list.push(handler);
    this.handlers.set("*", list);
    return this;
  }

  handlersFor(eventName: string): EventHandler[] {
    return [...(this.handlers.get("*") ?? []), ...(this.handlers.get(eventName) ?? [])];
  }
}
