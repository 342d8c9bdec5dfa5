import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { GUIDES, type Guide } from "../../shared/guides";
import { AuditLog } from "../audit/audit-log";
import type { GuideLibrary, RebuildReport } from "../chat/guide-library";
import type { Clock } from "../clock";
import type { Db } from "../db/connection";
import { serialTrainer, trainInWorker } from "./background-training";
import { GuideService } from "./guide-service";
import { GuidesRepo } from "./guides-repo";
import { LegalTipService } from "./legal-tips";
import { guideRoutes } from "./routes";
import { syncShippedGuides } from "./shipped-sync";

export interface GuidesModuleDeps {
  db: Db;
  clock: Clock;
  logger: FastifyBaseLogger;
  audit?: AuditLog;
  /** The shipped guides (shared/guides/content): the seed, and the updates the start applies. */
  shipped?: readonly Guide[];
}

/**
 * Content (issue 15): guides with versions and the weekly legal tips, in the database. At start the
 * shipped guides are synced (added, updated where the commune did not edit them, else flagged) and
 * the legal tips seeded once. The chat's library reads the guides from here (`source`), and is
 * rebuilt after every change (`rebuild`, also for the commune's names and links).
 */
export function createGuidesModule(d: GuidesModuleDeps) {
  const repo = new GuidesRepo(d.db);
  const audit = d.audit ?? new AuditLog(d.db, () => d.clock.now());
  const synced = syncShippedGuides(repo, d.shipped ?? GUIDES, d.clock.now(), audit);
  if (synced.added.length + synced.updated.length + synced.pending.length > 0) d.logger.info(synced, "guides: shipped content synced");
  const legalTips = new LegalTipService(repo, audit, d.clock);
  const seededTips = legalTips.seed();
  if (seededTips > 0) d.logger.info({ seededTips }, "guides: legal tips added from the shipped list");

  let library: GuideLibrary | undefined;
  const service = new GuideService({
    repo,
    audit,
    library: () => {
      if (!library) throw new Error("guides: the chat's library is not connected");
      return library;
    },
    context: () => {
      if (!library) throw new Error("guides: the chat's library is not connected");
      return library.context();
    },
    clock: d.clock,
    onRebuilt: (id, r) => {
      d.logger.info({ guide: id, ms: Math.round(r.ms * 10) / 10, classifier: r.classifier }, "guides: library rebuilt");
      void r.trained.then((t) => t.swapped && d.logger.info({ guide: id, ms: Math.round(t.ms) }, "guides: classifier trained anew in the background and swapped in"));
    },
  });

  // One training at a time, the newest (many edits in a row do not start a worker each).
  const trainer = serialTrainer(trainInWorker);
  return {
    repo,
    service,
    legalTips,
    synced,
    /** What the chat's library reads (createChatModule's `guides`). */
    source: {
      guides: (): Guide[] => repo.currentDocs().map((c) => c.doc),
      versions: (): Map<string, number> => new Map(repo.currentDocs().map((c) => [c.guideId, c.version])),
      trainer,
    },
    /** The chat's library, once built. */
    connect(l: GuideLibrary) {
      library = l;
    },
    /**
     * Rebuild the library from the database now (the commune's names or links changed: the commune
     * store's onChange). Never throws: when a guide can no longer be shown with the commune's values
     * (a link removed), the library keeps what it had and the reason is logged and returned.
     */
    rebuild(): RebuildReport | { error: string } {
      try {
        return service.rebuild();
      } catch (err) {
        d.logger.error({ err }, "guides: the library could not be rebuilt; the guides in use stay");
        return { error: (err as Error).message };
      }
    },
    routes(requireOfficer: preHandlerHookHandler, officerName: (req: FastifyRequest) => string, auth: { authenticate(h: string | undefined): { appUserId: string; admin: boolean } }, adminName: (appUserId: string) => string) {
      return (app: FastifyInstance) => app.register(guideRoutes, { requireOfficer, officerName, authenticate: (h) => auth.authenticate(h), adminName, guides: service, legalTips });
    },
  };
}

export type GuidesModule = ReturnType<typeof createGuidesModule>;
