import type { FastifyBaseLogger } from "fastify";
import { AuthService } from "../auth/auth-service";
import { RoleGrantService } from "../auth/role-grant-service";
import { RoleGrantsRepo, RoleResolver } from "../auth/roles";
import { SessionSigner } from "../auth/session";
import { ZaloGraphClient } from "../auth/zalo-graph";
import type { Clock } from "../clock";
import { derived, type CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import { AggregatesRepo } from "../reports/aggregates-repo";
import { ExportService } from "../reports/exports";
import { ReportsService } from "../reports/reports-service";
import { SnapshotScheduler } from "../reports/snapshot-scheduler";
import { SnapshotService } from "../reports/snapshots";
import { VillageReportsService } from "../reports/village-reports";
import type { ZaloEndpoints } from "../zalo/endpoints";
import { ZaloUsersRepo } from "../zalo/users-repo";
import { communeCatalogue, syncCatalogue } from "./catalogue";
import { HouseholdsRepo } from "./households-repo";
import { LiveCatalogue } from "./live-catalogue";
import { HouseholdsService } from "./households-service";
import { CodeFailures, INVITE_LIMITS, LinkCodesRepo } from "./link-codes";

export interface HouseholdModuleDeps {
  db: Db;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Read at each call (sandbox fills in the simulator's URL later). */
  endpoints: ZaloEndpoints;
  appSecret: string;
  httpTimeoutMs: number;
  sessionTtlMs?: number;
}

/**
 * Households, identity and reports, built over one database: the composition root calls this once.
 * Start-up work: the catalogue in use is recorded and the kept counts rebuilt if it changed.
 */
export function createHouseholdServices(deps: HouseholdModuleDeps) {
  const { db, commune, clock, logger } = deps;
  const householdsRepo = new HouseholdsRepo(db);
  const aggregates = new AggregatesRepo(db);
  const initial = communeCatalogue(commune);
  const { rebuilt } = syncCatalogue({ db, repo: householdsRepo, aggregates, catalogue: initial, commune, clock });
  if (rebuilt && householdsRepo.countActive() > 0) logger.warn({ catalogue: initial.key }, "households: criteria catalogue changed, counts rebuilt from the answers");
  // Every service reads the catalogue through this view: a change adopted in the console (bot/criteria) reaches them all.
  const liveCatalogue = new LiveCatalogue(initial, commune.criteria);
  const catalogue = liveCatalogue.view;

  // Staff the commune document knows by their OA id only: which of them the OA has seen with this
  // user_id_by_app (zalo_users, filled from signed webhooks). A primary-key lookup of a few rows; the id
  // list and its statement are rebuilt when the admin edits the people (the document is live).
  const staffLookup = derived(commune, (c) => {
    const ids = [...new Set([...c.officers, ...c.villages.map((v) => v.head)].flatMap((p) => (p.zaloUserId ? [p.zaloUserId] : [])))];
    const stmt =
      ids.length > 0
        ? db.$client.prepare<string[], { user_id: string; user_id_by_app: string | null }>(`SELECT user_id, user_id_by_app FROM zalo_users WHERE user_id IN (${ids.map(() => "?").join(",")})`)
        : undefined;
    return { ids, stmt };
  });
  const oaUserIdForApp = (appUserId: string): string | undefined => {
    const { ids, stmt } = staffLookup();
    return stmt?.all(...ids).find((r) => r.user_id_by_app === appUserId)?.user_id;
  };
  const users = new ZaloUsersRepo(db);
  const appUserIdForOa = (oaUserId: string): string | undefined => users.get(oaUserId)?.userIdByApp ?? undefined;

  const roleGrants = new RoleGrantsRepo(db);
  const roles = new RoleResolver(commune, roleGrants, { membership: (id) => householdsRepo.membership(id), oaUserIdForApp, appUserIdForOa });
  const auth = new AuthService(new ZaloGraphClient(deps.endpoints, deps.appSecret, deps.httpTimeoutMs), new SessionSigner(db, clock, deps.sessionTtlMs), roles, logger);
  const households = new HouseholdsService(householdsRepo, aggregates, new LinkCodesRepo(db), catalogue, commune, clock, {
    staffOaAccount: (oaUserId) => roles.staffOaAccount(oaUserId),
    inviteFailures: new CodeFailures(db.$client, "invite", "invite_failures", "app_user_id", INVITE_LIMITS),
    countsWritable: () => liveCatalogue.assertCountsWritable(),
  });
  const snapshots = new SnapshotService(db, catalogue, commune, clock, logger);
  const villageReports = new VillageReportsService(db, commune, clock);
  const reports = new ReportsService(db, aggregates, householdsRepo, snapshots, villageReports, catalogue, commune, clock);
  reports.criteriaInUse = () => liveCatalogue.choice();
  const exports = new ExportService(reports, householdsRepo, catalogue, commune, clock);
  const snapshotScheduler = new SnapshotScheduler(snapshots, logger, clock, () => liveCatalogue.assertCountsWritable());
  const roleAdmin = new RoleGrantService(roleGrants, commune, clock);
  return { clock, catalogue, liveCatalogue, aggregates, auth, roles, roleAdmin, householdsRepo, households, snapshots, villageReports, reports, exports, snapshotScheduler };
}

export type HouseholdServices = ReturnType<typeof createHouseholdServices>;
