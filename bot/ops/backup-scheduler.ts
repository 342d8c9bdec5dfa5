import type { FastifyBaseLogger } from "fastify";
import cron, { type ScheduledTask } from "node-cron";
import { ConfigError, envSchema, type Env } from "../config/env";
import { formatZodIssues } from "../config/format-issues";
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

/** How late a scheduled backup may still run (an event loop blocked as its minute turned). */
const MISSED_TOLERANCE_MS = 6 * 3600_000;

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
    // node-cron skips a run whose time passed while the event loop was busy for more than a second
    // (only a warning): the backup runs late instead, up to MISSED_TOLERANCE_MS after its time.
    this.task = cron.schedule(this.o.settings.BACKUP_CRON, () => this.runOnce(), {
      name: "nightly-backup",
      timezone: this.o.timezone,
      noOverlap: true,
      missedExecutionTolerance: MISSED_TOLERANCE_MS,
    });
    this.task.on("execution:missed", (ctx) => this.o.logger.warn({ due: ctx.date }, "backup: skipped, the bot was busy for hours at its time; the next scheduled run makes one"));
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
