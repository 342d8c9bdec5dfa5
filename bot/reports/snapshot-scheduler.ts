import type { FastifyBaseLogger } from "fastify";
import { systemClock, type Clock } from "../clock";
import { isDatabaseFault } from "../db/faults";
import { MINUTE_MS, MinuteTicker } from "../db/minute-ticker";
import { cutoffAt, cutoffCron, lastClosedWeek } from "./iso-week";
import type { SnapshotService } from "./snapshots";

/**
 * Freezes the week at the configured cut-off (Friday 16:00 Asia/Ho_Chi_Minh by default). A ticker
 * wakes after every minute and freezes when a cut-off passed since the last minute it handled, so an
 * event loop blocked while 16:00 turned only delays the freeze (node-cron skipped it). At start it
 * freezes a week whose cut-off passed while the bot was down (`catch_up`), or, when the bot starts
 * within the cut-off minute itself, freezes it as the regular run. A freeze the database refused is
 * tried again the next minute. The freezing reads the injected clock, so tests drive it through
 * `runNow` and `tickAt`.
 */
export class SnapshotScheduler {
  private ticker: MinuteTicker | undefined;
  /** The moment up to which cut-offs are handled. */
  private handledUntil: number | undefined;

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly logger: FastifyBaseLogger,
    private readonly clock: Clock = systemClock,
    /** Throws "try again later" while the counts move to a new catalogue (a week is never frozen half-way). */
    private readonly countsSettled: () => void = () => {},
  ) {}

  /** The cut-off as a cron expression (minute hour * * weekday), for display. */
  get expression(): string {
    return cutoffCron(this.snapshots.cutoff);
  }

  start(): void {
    if (this.ticker) return;
    this.ticker = new MinuteTicker(this.clock, (now) => this.tickAt(now), (err) => this.logger.error({ err }, "reports: snapshot tick failed"));
    this.ticker.start();
  }

  /** Freezes when a cut-off passed since the last handled moment (at start: since ever). */
  tickAt(now: number): void {
    const cutoff = cutoffAt(lastClosedWeek(now, this.snapshots.cutoff), this.snapshots.cutoff);
    if (this.handledUntil !== undefined && cutoff <= this.handledUntil) {
      this.handledUntil = now;
      return;
    }
    // First tick: a cut-off within the last minute is this start's own regular run, older is a catch-up.
    const trigger = this.handledUntil !== undefined || now - cutoff < MINUTE_MS ? "cron" : "catch_up";
    const outcome = this.run(trigger);
    if (outcome !== "refused") this.handledUntil = now;
  }

  /** What the job does; safe to call any time (a frozen week is never frozen twice). */
  runNow(trigger: "cron" | "catch_up"): string | null {
    const r = this.run(trigger);
    return r === "refused" ? null : r;
  }

  private run(trigger: "cron" | "catch_up"): string | null | "refused" {
    try {
      this.countsSettled();
      return this.snapshots.freezeDue(trigger);
    } catch (err) {
      this.logger.error({ err }, "reports: weekly snapshot failed; tried again next minute");
      return isDatabaseFault(err) ? "refused" : null;
    }
  }

  async stop(): Promise<void> {
    const t = this.ticker;
    this.ticker = undefined;
    if (t) await t.stop();
  }
}
