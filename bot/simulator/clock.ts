/**
 * The simulator's clock. Zalo's rules (token expiry, the 7-day consultation
 * window, promotion days and hours, attachment lifetime, rate-limit minutes)
 * are all evaluated against this clock so tests can move time without waiting.
 *
 * By default it follows real time with an offset; it can be frozen so that a
 * test sees exactly the instant it set.
 */
export class SimClock {
  private offsetMs = 0;
  private frozenAt: number | null = null;

  constructor(startMs?: number) {
    if (startMs !== undefined) this.set(startMs);
  }

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  /** Moves the clock forward (or back, with a negative value). Returns the new time. */
  advance(ms: number): number {
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offsetMs += ms;
    return this.now();
  }

  /** Sets the clock to an absolute epoch-ms value. Returns the new time. */
  set(ms: number): number {
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offsetMs = ms - Date.now();
    return this.now();
  }

  /** Freezes (true) or releases (false) the clock at its current value. */
  freeze(frozen: boolean): void {
    if (frozen && this.frozenAt === null) this.frozenAt = this.now();
    if (!frozen && this.frozenAt !== null) {
      this.offsetMs = this.frozenAt - Date.now();
      this.frozenAt = null;
    }
  }

  isFrozen(): boolean {
    return this.frozenAt !== null;
  }

  /** Back to real time, not frozen. */
  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }
}
