import { writeFileSync } from "node:fs";
import { join } from "node:path";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../bot/config/env";
import { openDatabase } from "../../bot/db/connection";
import { integrityCheck, listBackups } from "../../bot/ops/backup";
import { BackupScheduler, parseBackupEnv } from "../../bot/ops/backup-scheduler";
import { tempDir } from "../support/env";

function capturingLogger() {
  const lines: { level: number; msg: string; dir?: string }[] = [];
  const logger = pino({ level: "info" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
  return { logger, lines };
}

describe("the scheduled backup", () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it("a failing backup is logged and never escapes the tick; the next run works and keeps the newest N", async () => {
    const dbPath = join(tmp.dir, "bot.sqlite");
    const handle = openDatabase(dbPath);
    handle.sqlite.prepare("INSERT INTO role_grants (app_user_id, role, village_id, name, granted_by, granted_at) VALUES ('1', 'officer', '', 'A', 'test', 0)").run();

    // A "folder" that is a file: no user, root included, can write a backup there.
    const blocked = join(tmp.dir, "not-a-folder");
    writeFileSync(blocked, "x");
    const failing = capturingLogger();
    const bad = new BackupScheduler({ dbPath, settings: parseBackupEnv({ BACKUP_DIR: join(blocked, "backups") }), timezone: "Asia/Ho_Chi_Minh", logger: failing.logger });
    await expect(bad.runOnce()).resolves.toBeUndefined();
    const error = failing.lines.find((l) => l.level === 50);
    expect(error?.msg).toContain("backup: failed");
    expect(JSON.stringify(error)).toContain("is a file, not a folder");

    const ok = capturingLogger();
    const dir = join(tmp.dir, "backups");
    const good = new BackupScheduler({ dbPath, settings: parseBackupEnv({ BACKUP_DIR: dir, BACKUP_KEEP: "2" }), timezone: "Asia/Ho_Chi_Minh", logger: ok.logger });
    const written: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await good.runOnce();
      expect(r).toBeDefined();
      written.push(r!.path);
      await new Promise((res) => setTimeout(res, 5)); // distinct millisecond names
    }
    expect(listBackups(dir).map((b) => b.path)).toEqual(written.slice(1));
    expect(integrityCheck(written[2]!)).toEqual(["ok"]);
    expect(ok.lines.filter((l) => l.msg === "backup: written")).toHaveLength(3);
    await good.stop();
    handle.close();
  });

  it("a bad BACKUP_CRON or BACKUP_KEEP stops the start with a clear message", () => {
    expect(() => parseBackupEnv({ BACKUP_CRON: "every night" })).toThrow(ConfigError);
    expect(() => parseBackupEnv({ BACKUP_CRON: "every night" })).toThrow(/BACKUP_CRON.*a cron expression such as/);
    expect(() => parseBackupEnv({ BACKUP_KEEP: "0" })).toThrow(/BACKUP_KEEP/);
    expect(parseBackupEnv({})).toMatchObject({ BACKUP_CRON: "30 2 * * *", BACKUP_KEEP: 14 });
    expect(parseBackupEnv({ BACKUP_CRON: "off" }).BACKUP_CRON).toBe("off");
  });
});
