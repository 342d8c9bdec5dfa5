/**
 * Issue 9, "What to build": raw webhook bodies and chat texts are purged by a scheduled job. The purge
 * itself is tested in retention.test.ts; this shows that starting the bot schedules it (daily, in the
 * commune's time zone), that the scheduled task runs the purge, and that stopping the bot removes it.
 */
import cron from "node-cron";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { MISSED_TOLERANCE_MS } from "../../bot/ops/daily-cron";
import { RETENTION_CRON } from "../../bot/privacy";
import { startStack, waitFor, type Stack } from "../support/stack";

const DAY = 86_400_000;
const retentionTasks = () => [...cron.getTasks().values()].filter((t) => t.name === "privacy-retention");

describe("the retention job is scheduled by the running bot", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it("starting the workers schedules one daily purge; its run empties what is past retention; stopping removes it", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 2, 0));
    expect(retentionTasks()).toEqual([]);
    s = await startStack({ clock });
    const tasks = retentionTasks();
    expect(tasks).toHaveLength(1);
    const task = tasks[0]!;
    expect(task.getPattern()).toBe(RETENTION_CRON);
    // Once a day: the next two runs are 24 hours apart.
    const [a, b] = task.getNextRuns(2);
    expect(b!.getTime() - a!.getTime()).toBe(DAY);
    // Runs late rather than never when the event loop was busy as 03:15 turned (bot/ops/daily-cron.ts,
    // whose behaviour test/ops/backup-missed.test.ts shows): node-cron keeps the tolerance on its runner.
    expect((task as unknown as { runner: { missedExecutionTolerance: number } }).runner.missedExecutionTolerance).toBe(MISSED_TOLERANCE_MS);

    const sqlite = s.services.database.sqlite;
    const questions = s.services.chat.questions;
    const old = questions.addUnmatched("8444444444444444401", "qwrt 0987 654 321", clock.now());
    clock.advance(91 * DAY);
    const recent = questions.addUnmatched("8444444444444444402", "ploq wert", clock.now());
    const ids = () => (sqlite.prepare("SELECT id FROM unmatched_questions ORDER BY id").all() as { id: number }[]).map((r) => r.id);
    expect(ids()).toEqual([old, recent]);

    // What the cron tick calls at 03:15: the purge, not just a valid expression.
    await task.execute();
    await waitFor(() => !ids().includes(old), 10_000, "the scheduled purge");
    expect(ids()).toEqual([recent]);

    await s.close();
    s = undefined;
    expect(retentionTasks()).toEqual([]);
  }, 60_000);
});
