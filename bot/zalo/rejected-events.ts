import type { Clock } from "../clock";

/** The part of the SQLite handle this needs. */
interface Sqlite {
  prepare(sql: string): { all(...params: unknown[]): unknown[] };
}

export interface RejectedEventCount {
  eventName: string;
  count: number;
  lastAt: number;
}

/** How recent a rejected event must be to mark readiness degraded. */
const RECENT_MS = 7 * 24 * 3600_000;

/**
 * Signed webhook events that were stored as `rejected` (an unknown event name, or a body that does
 * not match its documented schema), counted per event name. A new event type Zalo starts sending, or a
 * changed shape, shows up here instead of only in a table nobody reads.
 */
export class RejectedEventsRepo {
  private readonly stmt;

  constructor(sqlite: Sqlite) {
    // Uses inbox_events_status_idx: only the rejected rows are read.
    this.stmt = sqlite.prepare(
      "SELECT event_name AS eventName, count(*) AS count, max(received_at) AS lastAt FROM inbox_events WHERE status = 'rejected' GROUP BY event_name ORDER BY lastAt DESC",
    );
  }

  counts(): RejectedEventCount[] {
    return this.stmt.all() as RejectedEventCount[];
  }
}

/**
 * Readiness entry `webhookEvents`: always ready (a rejected event was answered 200 and changes
 * nothing), degraded while one was rejected in the last 7 days, with the counts per event name.
 */
export function rejectedEventsCheck(repo: RejectedEventsRepo, clock: Clock) {
  return {
    name: "webhookEvents",
    check: () => {
      const counts = repo.counts();
      const total = counts.reduce((n, c) => n + c.count, 0);
      const last = counts[0]?.lastAt;
      const recent = last !== undefined && clock.now() - last < RECENT_MS;
      return {
        ok: true,
        ...(recent ? { degraded: true } : {}),
        detail: {
          rejected: total,
          byEvent: Object.fromEntries(counts.map((c) => [c.eventName, c.count])),
          ...(last !== undefined ? { lastRejectedAt: new Date(last).toISOString() } : {}),
        },
      };
    },
  };
}
