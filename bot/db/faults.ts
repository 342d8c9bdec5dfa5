/**
 * SQLite errors that say nothing about the data being written, only that the database could not
 * take the write now: a lock held by another process past the busy timeout, a full disk, an I/O
 * error, a read-only file. Background loops treat them as "try again later": the work is not
 * counted as a failed attempt and stays where it is (pending) until the database takes writes again.
 */
const TRANSIENT_PREFIXES = ["SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PROTOCOL", "SQLITE_NOMEM"];

export function isDatabaseFault(err: unknown): boolean {
  // A refusal that says "not now" by design (the counts are being rebuilt): the same "try again later".
  if ((err as { transient?: unknown } | null)?.transient === true) return true;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && TRANSIENT_PREFIXES.some((p) => code.startsWith(p))) return true;
  // A closed connection (shutdown race) or a transaction the engine already rolled back.
  const message = (err as Error | null)?.message ?? "";
  return /database connection is not open|cannot commit - no transaction is active/.test(message);
}

/** Short, log-friendly description: "SQLITE_FULL: database or disk is full". */
export function describeDbError(err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const message = (err as Error | null)?.message ?? String(err);
  return typeof code === "string" ? `${code}: ${message}` : message;
}

/**
 * The outcome of the last write, for readiness: a database that answers `SELECT 1` but refuses every
 * write (full disk, lock held elsewhere) is not ready.
 */
export class WriteHealth {
  private lastOkAt: number | undefined;
  private lastFailure: { at: number; error: string } | undefined;

  constructor(
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
    /** A failure keeps the database "not ready" this long even if other writes went through meanwhile. */
    private readonly holdMs = 10_000,
  ) {}

  ok(): void {
    this.lastOkAt = this.now();
  }

  failed(err: unknown): void {
    this.lastFailure = { at: this.now(), error: describeDbError(err) };
  }

  /** Reports the error when it is a database fault; returns whether it was one. */
  observe(err: unknown): boolean {
    if (!isDatabaseFault(err)) return false;
    this.failed(err);
    return true;
  }

  /**
   * Not ok while the last write failed, and for `holdMs` after any failure: a small write that still
   * fits (the lease's heartbeat) must not hide inserts that a full disk refuses.
   */
  status(): { ok: true; lastWriteAt: number | undefined } | { ok: false; since: number; error: string; lastWriteAt: number | undefined } {
    const f = this.lastFailure;
    if (f && ((this.lastOkAt ?? 0) <= f.at || this.now() - f.at < this.holdMs)) {
      return { ok: false, since: f.at, error: f.error, lastWriteAt: this.lastOkAt };
    }
    return { ok: true, lastWriteAt: this.lastOkAt };
  }
}
