import type { SimClock } from "./clock";
import type { EventBuilder } from "./events";
import type { FaultQueue } from "./faults";
import type { NumericIdGen } from "./ids";
import type { ResolvedSimulatorOptions } from "./options";
import type { RateLimiter } from "./rate-limit";
import type { SimState } from "./state";
import type { WebhookBody, WebhookEmitter } from "./webhook-emitter";

/** What every domain module of the simulator works with. */
export interface SimContext {
  opts: ResolvedSimulatorOptions;
  clock: SimClock;
  state: SimState;
  emitter: WebhookEmitter;
  events: EventBuilder;
  ids: NumericIdGen;
  rateLimiter: RateLimiter;
  faults: FaultQueue;
}

/** Sends an event; resolves to whether the first attempt was acknowledged with 2xx. */
export function emit(ctx: SimContext, body: WebhookBody): Promise<boolean> {
  return ctx.emitter.emit(body).firstAttempt;
}
