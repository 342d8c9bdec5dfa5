import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../bot/db/connection";
import { listBackups } from "../../bot/ops/backup";
import { BackupScheduler, parseBackupEnv } from "../../bot/ops/backup-scheduler";
import { tempDir } from "../support/env";
import { waitFor } from "../support/stack";

/**
 * Issue 10 item 3, for the nightly backup: node-cron skips a run when the event loop is busy for
 * more than a second as the due minute turns (only a warning). The backup runs late instead.
 */
describe("the scheduled backup and a busy event loop", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("a run whose minute turned while the event loop was blocked still happens, once", async () => {
    const dbPath = join(tmp.dir, "bot.sqlite");
    const handle = openDatabase(dbPath);
    const lines: { msg: string }[] = [];
    const logger = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    const dir = join(tmp.dir, "backups");
    // Every minute, so the test meets a due minute soon.
    const scheduler = new BackupScheduler({ dbPath, settings: parseBackupEnv({ BACKUP_DIR: dir, BACKUP_CRON: "* * * * *" }), timezone: "Asia/Ho_Chi_Minh", logger });
    try {
      // Start just after a minute turned (a run at the start's own minute would not count), then wait
      // until 2 s before the next one.
      const msInMinute = () => Date.now() % 60_000;
      if (msInMinute() > 50_000) await new Promise((r) => setTimeout(r, 60_000 - msInMinute() + 200));
      scheduler.start();
      await new Promise((r) => setTimeout(r, 58_000 - msInMinute()));
      expect(listBackups(dir)).toHaveLength(0);
      // The event loop is blocked from :58 to :03 of the next minute (a synchronous piece of work).
      const until = Date.now() + 5_000;
      while (Date.now() < until) {
        /* busy */
      }
      await waitFor(() => listBackups(dir).length === 1, 15_000, "the late backup");
      await new Promise((r) => setTimeout(r, 1_000));
      expect(listBackups(dir)).toHaveLength(1);
      expect(lines.filter((l) => l.msg === "backup: written")).toHaveLength(1);
    } finally {
      await scheduler.stop();
      handle.close();
    }
  }, 150_000);
});
