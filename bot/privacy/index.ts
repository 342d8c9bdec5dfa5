import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { ScheduledTask } from "node-cron";
import { scheduleDaily } from "../ops/daily-cron";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import type { HouseholdServices } from "../households/module";
import { AggregatesRepo } from "../reports/aggregates-repo";
import { PrivacyRepo } from "./privacy-repo";
import { ErasureConfirmations, PrivacyService } from "./privacy-service";
import { privacyRoutes } from "./routes";

export interface PrivacyModuleDeps {
  db: Db;
  gds: HouseholdServices;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/** Daily at 03:15 in the commune's time zone (quiet hours). */
export const RETENTION_CRON = "15 3 * * *";

/**
 * Residents' personal data (bot/privacy): the erasure service, the download, the retention purge
 * (a daily node-cron job that never throws out of its tick) and the routes.
 */
export function createPrivacyModule(d: PrivacyModuleDeps) {
  const service = new PrivacyService({
    repo: new PrivacyRepo(d.db),
    householdsRepo: d.gds.householdsRepo,
    aggregates: new AggregatesRepo(d.db),
    catalogue: d.gds.catalogue,
    commune: d.commune,
    clock: d.clock,
    logger: d.logger,
    revokeSessions: (appUserId) => d.gds.auth.revokeSessions(appUserId),
    countsWritable: () => d.gds.liveCatalogue.assertCountsWritable(),
  });
  const confirmations = new ErasureConfirmations(d.clock);
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> | undefined;

  /** One retention run; logs and swallows any failure (a cron tick must never throw). */
  const runRetention = async (): Promise<Record<string, number> | undefined> => {
    if (running) return undefined;
    const p = service.purgeExpired().then(
      (counts) => {
        if (Object.keys(counts).length > 0) d.logger.info({ counts, retentionDays: service.retentionDays }, "privacy: retention purge");
        return counts;
      },
      (err: unknown) => {
        d.logger.error({ err }, "privacy: retention purge failed");
        return undefined;
      },
    );
    running = p;
    try {
      return await p;
    } finally {
      running = undefined;
    }
  };

  return {
    service,
    confirmations,
    runRetention,
    start(): void {
      if (task) return;
      task = scheduleDaily(RETENTION_CRON, runRetention, {
        name: "privacy-retention",
        timezone: d.commune.commune.timezone,
        logger: d.logger,
        missedMessage: "privacy: the retention purge was skipped (the bot was busy for hours at its time); the next day's run purges everything due",
      });
    },
    async stop(): Promise<void> {
      const t = task;
      task = undefined;
      if (t) await t.destroy();
      await running;
      service.stop();
    },
    routes(requireOfficer: preHandlerHookHandler, officerId: (req: FastifyRequest) => string) {
      return (app: FastifyInstance) =>
        app.register(privacyRoutes, {
          privacy: service,
          confirmations,
          authenticate: (h) => d.gds.auth.authenticate(h),
          requireOfficer,
          officerId,
        });
    },
  };
}

export type PrivacyModule = ReturnType<typeof createPrivacyModule>;
