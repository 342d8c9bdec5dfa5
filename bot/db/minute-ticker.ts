import type { Clock } from "../clock";

export const MINUTE_MS = 60_000;

/** The start of the minute `ms` falls in. */
export function minuteOf(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * Calls `tick` just after each minute boundary, one call at a time (a slow tick delays the next, it
 * never overlaps it), and once at start. Unlike node-cron it never skips a run because the event loop
 * was busy when the minute turned: the tick itself decides which minutes it has not handled yet.
 * `tick` must not throw; if it does anyway, the error goes to `onError` and the ticker goes on.
 */
export class MinuteTicker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;

  constructor(
    private readonly clock: Clock,
    private readonly tick: (now: number) => Promise<void> | void,
    private readonly onError: (err: unknown) => void,
    /** How long after the boundary to wake (a little, so the new minute has begun on every clock). */
    private readonly lagMs = 200,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.run();
  }

  private run(): void {
    if (this.stopped) return;
    this.running = (async () => {
      try {
        await this.tick(this.clock.now());
      } catch (err) {
        this.onError(err);
      }
    })().finally(() => {
      this.running = undefined;
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.stopped) return;
    const now = this.clock.now();
    const wait = minuteOf(now) + MINUTE_MS - now + this.lagMs;
    this.timer = setTimeout(() => this.run(), Math.max(50, Math.min(wait, MINUTE_MS + this.lagMs)));
    this.timer.unref();
  }

  /** Stops the timer and waits for a tick in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
