import type { SimClock } from "./clock";
import { webhookSignatureHeader } from "./signing";
import type { SimStats } from "./types";

/**
 * Any webhook body: event_name and a string timestamp; app_id on every documented event but one (the
 * extension purchase has none). The MAC is always made with the app's id (the emitter's `appId`).
 */
export interface WebhookBody {
  app_id?: string;
  event_name: string;
  timestamp: string;
  [k: string]: unknown;
}

export type DeliveryStatus = "ok" | "failed" | "pending_retry";

/** One delivery attempt (or a refused one: no URL, webhook disabled). */
export interface DeliveryLogEntry {
  event_name: string;
  /** `${event_name}:${msg_id}` when the event carries a msg_id, else `${event_name}:#${seq}`. */
  key: string;
  msg_id?: string;
  /** 1 for the first attempt. */
  attempt: number;
  /** Value of the num_retry header (0 = first attempt, header absent). */
  num_retry: number;
  status: DeliveryStatus;
  http_status?: number;
  error?: string;
  url?: string;
  /** Sim-clock epoch ms when the attempt finished. */
  at: number;
  duration_ms?: number;
  /** For pending_retry: real ms until the next attempt. */
  next_retry_in_ms?: number;
}

export interface WebhookEmitterOptions {
  appId: string;
  oaSecretKey: string;
  url?: string;
  timeoutMs: number;
  retryScheduleMs: number[];
  retryTimeScale: number;
  clock: SimClock;
  stats: () => SimStats["webhooks"];
}

export interface WebhookState {
  url: string | null;
  enabled: boolean;
  disabled_at: number | null;
  disabled_reason: string | null;
  pending_retries: number;
  in_flight: number;
}

interface OutgoingEvent {
  key: string;
  event_name: string;
  msg_id?: string;
  raw: string;
  signature: string;
  /** Attempts made so far. */
  attempts: number;
}

const MAX_LOG = 5000;

/**
 * Delivers events the way Zalo does: POST JSON signed with X-ZEvent-Signature,
 * a 2 s answer deadline, identical resends with a num_retry header after
 * 30 s / 5 min / 15 min / 30 min / 1 h (scaled), then the webhook is disabled.
 * Deliveries run concurrently (Zalo promises no ordering).
 */
export class WebhookEmitter {
  private url: string | undefined;
  private enabled = true;
  private disabledAt: number | null = null;
  private disabledReason: string | null = null;
  private log: DeliveryLogEntry[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly controllers = new Set<AbortController>();
  private readonly inflight = new Set<Promise<boolean>>();
  private seq = 0;
  private closed = false;

  constructor(private readonly o: WebhookEmitterOptions) {
    this.url = o.url;
  }

  setUrl(url: string | undefined, enabled = true): void {
    this.url = url;
    this.enabled = enabled;
    if (enabled) {
      this.disabledAt = null;
      this.disabledReason = null;
    } else {
      this.disabledAt = this.o.clock.now();
      this.disabledReason = "disabled through the control API";
    }
  }

  state(): WebhookState {
    return {
      url: this.url ?? null,
      enabled: this.enabled,
      disabled_at: this.disabledAt,
      disabled_reason: this.disabledReason,
      pending_retries: this.timers.size,
      in_flight: this.inflight.size,
    };
  }

  deliveries(): DeliveryLogEntry[] {
    return this.log.map((e) => ({ ...e }));
  }

  /**
   * Signs and sends one event. `firstAttempt` resolves to true when the first
   * attempt got a 2xx in time; retries continue in the background.
   */
  emit(body: WebhookBody): { key: string; firstAttempt: Promise<boolean> } {
    const raw = JSON.stringify(body);
    const message = body.message as { msg_id?: unknown } | undefined;
    const msgId = typeof message?.msg_id === "string" ? message.msg_id : undefined;
    this.seq += 1;
    const ev: OutgoingEvent = {
      key: msgId ? `${body.event_name}:${msgId}` : `${body.event_name}:#${this.seq}`,
      event_name: body.event_name,
      raw,
      signature: webhookSignatureHeader(this.o.appId, raw, body.timestamp, this.o.oaSecretKey),
      attempts: 0,
      ...(msgId ? { msg_id: msgId } : {}),
    };
    this.o.stats().events += 1;
    return { key: ev.key, firstAttempt: this.track(this.attempt(ev)) };
  }

  /** Resolves when no attempt is in flight (scheduled retries are not waited for). */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** Clears the log and scheduled retries and re-enables the webhook; keeps the URL. */
  reset(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.log = [];
    this.enabled = true;
    this.disabledAt = null;
    this.disabledReason = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const c of this.controllers) c.abort();
    await Promise.allSettled([...this.inflight]);
  }

  private track(p: Promise<boolean>): Promise<boolean> {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
    return p;
  }

  private record(entry: DeliveryLogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.splice(0, this.log.length - MAX_LOG);
  }

  private async attempt(ev: OutgoingEvent): Promise<boolean> {
    const numRetry = ev.attempts;
    ev.attempts += 1;
    const stats = this.o.stats();
    const base = {
      event_name: ev.event_name,
      key: ev.key,
      ...(ev.msg_id ? { msg_id: ev.msg_id } : {}),
      attempt: ev.attempts,
      num_retry: numRetry,
    };
    if (this.closed) return false;
    const url = this.url;
    if (!url || !this.enabled) {
      stats.lost += 1;
      this.record({
        ...base,
        status: "failed",
        error: !url ? "no_webhook_url" : "webhook_disabled",
        at: this.o.clock.now(),
      });
      return false;
    }

    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-zevent-signature": ev.signature,
      "user-agent": "Zalo-Webhook-Simulator/1.0",
    };
    if (numRetry > 0) headers["num_retry"] = String(numRetry);

    stats.attempts += 1;
    if (numRetry > 0) stats.retries += 1;
    const started = Date.now();
    const controller = new AbortController();
    this.controllers.add(controller);
    const timer = setTimeout(() => controller.abort(), this.o.timeoutMs);
    let httpStatus: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(url, { method: "POST", headers, body: ev.raw, signal: controller.signal });
      httpStatus = res.status;
      await res.arrayBuffer();
      if (res.status < 200 || res.status >= 300) error = `http_${res.status}`;
    } catch (e) {
      error = controller.signal.aborted ? (this.closed ? "closed" : "timeout") : `connection_error: ${(e as Error).message}`;
    } finally {
      clearTimeout(timer);
      this.controllers.delete(controller);
    }
    const durationMs = Date.now() - started;
    const http = httpStatus !== undefined && error !== "timeout" ? { http_status: httpStatus } : {};

    if (!error) {
      stats.ok += 1;
      this.record({ ...base, status: "ok", ...http, url, at: this.o.clock.now(), duration_ms: durationMs });
      return true;
    }
    stats.failedAttempts += 1;
    if (this.closed) return false;

    const schedule = this.o.retryScheduleMs;
    const nextDelay = schedule[numRetry];
    if (nextDelay !== undefined) {
      const delay = Math.max(0, Math.round(nextDelay * this.o.retryTimeScale));
      this.record({
        ...base,
        status: "pending_retry",
        ...http,
        error,
        url,
        at: this.o.clock.now(),
        duration_ms: durationMs,
        next_retry_in_ms: delay,
      });
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.track(this.attempt(ev));
      }, delay);
      t.unref?.();
      this.timers.add(t);
    } else {
      stats.lost += 1;
      this.record({ ...base, status: "failed", ...http, error, url, at: this.o.clock.now(), duration_ms: durationMs });
      this.enabled = false;
      this.disabledAt = this.o.clock.now();
      this.disabledReason = `event ${ev.key} failed after ${numRetry} retries (${error})`;
    }
    return false;
  }
}
