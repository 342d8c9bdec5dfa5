import type { FastifyBaseLogger } from "fastify";
import type { ScheduledTask } from "node-cron";
import { ConfigError, envSchema, type Env } from "../config/env";
import { formatZodIssues } from "../config/format-issues";
import { scheduleDaily } from "./daily-cron";
import { backupDatabase, backupFileName, defaultBackupDir, pruneBackups, type BackupResult } from "./backup";

/** The nightly backup's settings: the BACKUP_* variables of the environment schema (see README, "Running a commune's server"). */
const backupEnvSchema = envSchema.pick({ BACKUP_DIR: true, BACKUP_CRON: true, BACKUP_KEEP: true });

export type BackupSettings = Pick<Env, "BACKUP_DIR" | "BACKUP_CRON" | "BACKUP_KEEP">;

/** Parses only the BACKUP_* variables (the bot itself reads them with the rest, in parseEnv). */
export function parseBackupEnv(raw: NodeJS.ProcessEnv): BackupSettings {
  const result = backupEnvSchema.safeParse(raw);
  if (!result.success) throw new ConfigError("environment", formatZodIssues(result.error));
  return result.data;
}

/**
 * The nightly backup inside the bot: a node-cron job that writes a backup (in a worker thread, so
 * webhooks keep being answered) and keeps the newest BACKUP_KEEP. A failure is logged and never
 * leaves the tick; the next night tries again.
 */
export class BackupScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<BackupResult | undefined> | undefined;
  readonly dir: string;

  constructor(
    private readonly o: { dbPath: string; settings: BackupSettings; timezone: string; logger: FastifyBaseLogger },
  ) {
    this.dir = o.settings.BACKUP_DIR ?? defaultBackupDir(o.dbPath);
  }

  start(): void {
    if (this.task || this.o.settings.BACKUP_CRON === "off" || this.o.dbPath === ":memory:") return;
    // Runs late rather than never when the event loop was busy as its minute turned (bot/ops/daily-cron.ts).
    this.task = scheduleDaily(this.o.settings.BACKUP_CRON, () => this.runOnce(), {
      name: "nightly-backup",
      timezone: this.o.timezone,
      logger: this.o.logger,
      missedMessage: "backup: skipped, the bot was busy for hours at its time; the next scheduled run makes one",
    });
  }

  /** One backup and the pruning after it; resolves to undefined (logged) when it failed. Never rejects. */
  runOnce(): Promise<BackupResult | undefined> {
    this.running ??= (async () => {
      try {
        const result = await backupDatabase(this.o.dbPath, `${this.dir}/${backupFileName(new Date())}`);
        const removed = pruneBackups(this.dir, this.o.settings.BACKUP_KEEP);
        this.o.logger.info({ backup: result.path, bytes: result.bytes, ms: result.ms, removed: removed.length }, "backup: written");
        return result;
      } catch (err) {
        this.o.logger.error({ err, dir: this.dir }, "backup: failed; the next scheduled run tries again");
        return undefined;
      }
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops the schedule and waits for a backup in progress. */
  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.running;
  }
}
