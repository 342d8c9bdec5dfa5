/**
 * Forced outcomes for the next matching Zalo-host calls (control API
 * POST /faults): an error code, an HTTP status, a delay, or a mix.
 */
export type FaultEndpoint = "message" | "group" | "token" | "any";
/** What kind of call is being made; "other" matches only "any" faults. */
export type CallKind = "message" | "group" | "token" | "other";

export interface Fault {
  code?: number;
  http_status?: number;
  delay_ms?: number;
}

export interface QueuedFault extends Fault {
  endpoint: FaultEndpoint;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  push(endpoint: FaultEndpoint, faults: Fault[]): number {
    for (const f of faults) this.queue.push({ ...f, endpoint });
    return this.queue.length;
  }

  /** Takes the first queued fault that applies to this kind of call. */
  take(kind: CallKind): QueuedFault | undefined {
    const i = this.queue.findIndex((f) => f.endpoint === "any" || f.endpoint === kind);
    if (i < 0) return undefined;
    const [f] = this.queue.splice(i, 1);
    return f;
  }

  list(): QueuedFault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): number {
    const n = this.queue.length;
    this.queue = [];
    return n;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
