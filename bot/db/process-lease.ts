import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type Database from "better-sqlite3";
import type { FastifyBaseLogger } from "fastify";
import { systemClock, type Clock } from "../clock";
import { describeDbError, type WriteHealth } from "./faults";

export class LeaseHeldError extends Error {
  constructor(
    readonly holder: { pid: number; host: string; acquiredAt: number; expiresAt: number },
    dbPath: string,
  ) {
    super(
      `Another Gia Đình Số bot (process ${holder.pid} on ${holder.host}, running since ${new Date(holder.acquiredAt).toISOString()}) ` +
        `is already working on the database ${dbPath}.\n` +
        "Two bots on one database would both send every message. Stop the other one first " +
        `(or, if it was killed, wait until ${new Date(holder.expiresAt).toISOString()}, when its claim expires).`,
    );
    this.name = "LeaseHeldError";
  }
}

interface LeaseRow {
  owner: string;
  pid: number;
  host: string;
  acquired_at: number;
  expires_at: number;
}

/**
 * One process at a time runs the background work on a database (inbox worker, sender, schedulers
 * keep their claims in memory). The holder renews its row every third of the TTL; a second process
 * finds a valid lease and refuses to start. A holder that died (crash, SIGKILL) frees it when the
 * TTL runs out, or at once for a process on the same host whose pid no longer exists.
 */
export class ProcessLease {
  readonly owner = randomUUID();
  private timer: NodeJS.Timeout | undefined;
  private held = false;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly o: {
      dbPath: string;
      ttlMs: number;
      logger: FastifyBaseLogger;
      /** Another process took the lease (ours had expired): stop the background work. */
      onLost(): void;
      clock?: Clock;
      /** Each renewal is a real write: its outcome keeps readiness current when nothing else writes. */
      health?: WriteHealth;
    },
  ) {}

  private now(): number {
    return (this.o.clock ?? systemClock).now();
  }

  /** Takes the lease or throws LeaseHeldError; idempotent. */
  acquire(): void {
    if (this.held) return;
    const now = this.now();
    this.sqlite
      .transaction(() => {
        const row = this.sqlite.prepare<[], LeaseRow>("SELECT owner, pid, host, acquired_at, expires_at FROM process_lease WHERE id = 1").get();
        if (row && row.owner !== this.owner && row.expires_at > now && !this.deadOnThisHost(row)) {
          throw new LeaseHeldError({ pid: row.pid, host: row.host, acquiredAt: row.acquired_at, expiresAt: row.expires_at }, this.o.dbPath);
        }
        this.sqlite
          .prepare(
            `INSERT INTO process_lease (id, owner, pid, host, acquired_at, expires_at) VALUES (1, @owner, @pid, @host, @now, @expires)
             ON CONFLICT (id) DO UPDATE SET owner = @owner, pid = @pid, host = @host, acquired_at = @now, expires_at = @expires`,
          )
          .run({ owner: this.owner, pid: process.pid, host: hostname(), now, expires: now + this.o.ttlMs });
      })
      .immediate();
    this.held = true;
    this.timer = setInterval(() => this.renew(), Math.max(1_000, Math.floor(this.o.ttlMs / 3)));
    this.timer.unref();
  }

  /** Extends the lease; a database fault is logged and retried at the next interval. */
  renew(): void {
    if (!this.held) return;
    const now = this.now();
    try {
      const r = this.sqlite.prepare("UPDATE process_lease SET expires_at = ? WHERE id = 1 AND owner = ?").run(now + this.o.ttlMs, this.owner);
      this.o.health?.ok();
      if (r.changes === 1) return;
      this.held = false;
      if (this.timer) clearInterval(this.timer);
      this.o.logger.error("process lease: another process took over this database; this one stops its background work");
      this.o.onLost();
    } catch (err) {
      this.o.health?.failed(err);
      this.o.logger.error({ err: describeDbError(err) }, "process lease: not renewed; trying again");
    }
  }

  release(): void {
    if (this.timer) clearInterval(this.timer);
    if (!this.held) return;
    this.held = false;
    try {
      if (this.sqlite.open) this.sqlite.prepare("DELETE FROM process_lease WHERE id = 1 AND owner = ?").run(this.owner);
    } catch (err) {
      this.o.logger.warn({ err: describeDbError(err) }, "process lease: not released; it expires by itself");
    }
  }

  private deadOnThisHost(row: LeaseRow): boolean {
    if (row.host !== hostname()) return false;
    if (row.pid === process.pid) return true;
    try {
      process.kill(row.pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === "ESRCH";
    }
  }
}
