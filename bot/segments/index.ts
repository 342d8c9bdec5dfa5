import type { FastifyInstance } from "fastify";
import { AuditLog } from "../audit/audit-log";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import type { HouseholdServices } from "../households/module";
import { segmentRoutes } from "./routes";
import { SegmentsRepo } from "./segments-repo";
import { SegmentsService } from "./segments-service";

export interface SegmentsModuleDeps {
  db: Db;
  gds: HouseholdServices;
  commune: CommuneConfig;
  clock: Clock;
}

/**
 * Household segments and their targets (bot/segments): seeded once from the commune file, then edited
 * live by the admin officer (audited in audit_log); memberships and progress over the households.
 */
export function createSegmentsModule(d: SegmentsModuleDeps) {
  const repo = new SegmentsRepo(d.db);
  const service = new SegmentsService({
    repo,
    households: d.gds.householdsRepo,
    audit: new AuditLog(d.db, () => d.clock.now()),
    commune: d.commune,
    catalogueKey: () => d.gds.catalogue.key,
    clock: d.clock,
  });
  service.seed();
  return {
    repo,
    service,
    /** Registered before the households' routes (they check every API_ROUTES row is registered). */
    routes: (app: FastifyInstance) => app.register(segmentRoutes, { segments: service, commune: d.commune, authenticate: (h) => d.gds.auth.authenticate(h) }),
  };
}

export type SegmentsModule = ReturnType<typeof createSegmentsModule>;
