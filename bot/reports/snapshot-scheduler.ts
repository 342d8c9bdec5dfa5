import cron, { type ScheduledTask } from "node-cron";
import type { FastifyBaseLogger } from "fastify";
import { cutoffCron } from "./iso-week";
import type { SnapshotService } from "./snapshots";

/**
 * node-cron job at the configured cut-off (Friday 16:00 Asia/Ho_Chi_Minh by default) freezing the
 * week. At start it also freezes a week whose cut-off passed while the bot was down. The freezing
 * itself reads the injected clock, so tests drive it with a fake clock through `runNow`.
 */
export class SnapshotScheduler {
  private task: ScheduledTask | undefined;

  constructor(
    private readonly snapshots: SnapshotService,
    private readonly logger: FastifyBaseLogger,
  ) {}

  get expression(): string {
    return cutoffCron(this.snapshots.cutoff);
  }

  start(): void {
    if (this.task) return;
    this.runNow("catch_up");
    this.task = cron.schedule(this.expression, () => this.runNow("cron"), {
      timezone: this.snapshots.cutoff.timeZone,
      name: "weekly-snapshot",
      noOverlap: true,
    });
  }

  /** What the job does; safe to call any time (a frozen week is never frozen twice). */
  runNow(trigger: "cron" | "catch_up"): string | null {
    try {
      return this.snapshots.freezeDue(trigger);
    } catch (err) {
      this.logger.error({ err }, "reports: weekly snapshot failed");
      return null;
    }
  }

  async stop(): Promise<void> {
    const t = this.task;
    this.task = undefined;
    if (t) await t.destroy();
  }
}
