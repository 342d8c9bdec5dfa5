import type { FastifyBaseLogger } from "fastify";
import { AuditLog } from "../audit/audit-log";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import { CommuneService } from "./commune-service";
import { liveCommune } from "./live";
import { CommuneStore } from "./store";
import { CommuneVersionsRepo, StaffCodesRepo } from "./versions-repo";

export { liveCommune, derived } from "./live";
export { CommuneStore, type TeamSessionsPort } from "./store";
export { staffOrHouseholdCodes } from "./identity";
export { communeRoutes } from "./routes";

/**
 * The commune's document in the database (issue 15): the store (seeded from the file on first start),
 * the live view every module reads, and the admin's service. Built first by the composition root.
 */
export function createCommuneModule(d: { db: Db; seed: CommuneConfig; clock: Clock; logger: FastifyBaseLogger }) {
  const audit = new AuditLog(d.db, () => d.clock.now());
  const store = new CommuneStore({ repo: new CommuneVersionsRepo(d.db), audit, clock: d.clock, logger: d.logger }, d.seed);
  const live = liveCommune(store);
  const codes = new StaffCodesRepo(d.db);
  const deps: { registered: (villageId: string) => number; appUserIdForOa: (oaUserId: string) => string | undefined } = { registered: () => 0, appUserIdForOa: () => undefined };
  const service = new CommuneService({
    store,
    codes,
    audit,
    clock: d.clock,
    registeredHouseholds: (id) => deps.registered(id),
    appUserIdForOa: (id) => deps.appUserIdForOa(id),
  });
  return {
    store,
    live,
    audit,
    service,
    /** Households (built later) say how many are registered per village and who Zalo mapped. */
    connect(c: { registered(villageId: string): number; appUserIdForOa(oaUserId: string): string | undefined }) {
      deps.registered = (id) => c.registered(id);
      deps.appUserIdForOa = (id) => c.appUserIdForOa(id);
    },
  };
}

export type CommuneModule = ReturnType<typeof createCommuneModule>;
