import cron, { type ScheduledTask } from "node-cron";
import type { FastifyBaseLogger } from "fastify";

/** How late a daily job may still run after its time (an event loop blocked as its minute turned). */
export const MISSED_TOLERANCE_MS = 6 * 3600_000;

/**
 * A node-cron job for the bot's daily housekeeping (nightly backup, retention purge). node-cron skips
 * a run whose minute passed while the event loop was busy for more than a second, with only a warning;
 * here the job runs late instead, up to MISSED_TOLERANCE_MS after its time, and a miss beyond that is
 * logged. Runs never overlap; `run` must not reject (it logs its own failures).
 */
export function scheduleDaily(
  expression: string,
  run: () => Promise<unknown> | void,
  o: { name: string; timezone: string; logger: FastifyBaseLogger; missedMessage: string },
): ScheduledTask {
  const task = cron.schedule(expression, () => void run(), { name: o.name, timezone: o.timezone, noOverlap: true, missedExecutionTolerance: MISSED_TOLERANCE_MS });
  task.on("execution:missed", (ctx) => o.logger.warn({ due: ctx.date }, o.missedMessage));
  return task;
}
