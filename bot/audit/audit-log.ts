import { and, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "../db/connection";
import { auditLog } from "../db/schema";

/** One audited change: who did what to which thing, with the state before and after (any JSON). */
export interface AuditRecord {
  actor: string;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping (a reason, a count); stored beside before/after. */
  note?: unknown;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  target: string | null;
  before?: unknown;
  after?: unknown;
  note?: unknown;
}

interface StoredDetails {
  before?: unknown;
  after?: unknown;
  note?: unknown;
}

/**
 * The audit trail over the `audit_log` table (who, when, what, before/after as JSON in `details`).
 * The only place that talks SQL for it; capabilities record through it.
 */
export class AuditLog {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {}

  record(r: AuditRecord): number {
    const details: StoredDetails = {};
    if (r.before !== undefined) details.before = r.before;
    if (r.after !== undefined) details.after = r.after;
    if (r.note !== undefined) details.note = r.note;
    const row = this.db
      .insert(auditLog)
      .values({
        at: this.now(),
        actor: r.actor,
        action: r.action,
        target: r.target ?? null,
        details: Object.keys(details).length === 0 ? null : JSON.stringify(details),
      })
      .returning({ id: auditLog.id })
      .get();
    return row.id;
  }

  /** Newest first. `target` filters on an exact target; `action` on an exact action. */
  list(opts: { target?: string; action?: string; limit?: number } = {}): AuditEntry[] {
    const where: SQL[] = [];
    if (opts.target !== undefined) where.push(eq(auditLog.target, opts.target));
    if (opts.action !== undefined) where.push(eq(auditLog.action, opts.action));
    const rows = this.db
      .select()
      .from(auditLog)
      .where(where.length ? and(...where) : undefined)
      .orderBy(desc(auditLog.id))
      .limit(Math.max(1, Math.min(opts.limit ?? 100, 1000)))
      .all();
    return rows.map((row) => {
      let d: StoredDetails = {};
      if (row.details) {
        try {
          const parsed = JSON.parse(row.details) as unknown;
          d = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as StoredDetails) : { note: parsed };
        } catch {
          d = { note: row.details };
        }
      }
      const e: AuditEntry = { id: row.id, at: row.at, actor: row.actor, action: row.action, target: row.target };
      if ("before" in d) e.before = d.before;
      if ("after" in d) e.after = d.after;
      if ("note" in d) e.note = d.note;
      return e;
    });
  }
}
