import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import type { CommuneStore } from "../commune";
import type { HouseholdServices } from "../households/module";
import { CriteriaService, type RecountRunner } from "./criteria-service";
import { recountInWorker } from "./recount";

export { criteriaRoutes } from "./routes";
export { CriteriaService } from "./criteria-service";

/**
 * The commune's criteria, chosen live (issue 15): the service follows the commune document (a console
 * adoption or an import), and catches up at start on a recount a crash or a stop left undone.
 */
export function createCriteriaModule(d: { store: CommuneStore; gds: HouseholdServices; dbPath: string; clock: Clock; logger: FastifyBaseLogger; recount?: RecountRunner }) {
  const service = new CriteriaService({
    store: d.store,
    live: d.gds.liveCatalogue,
    households: d.gds.householdsRepo,
    clock: d.clock,
    logger: d.logger,
    recount: d.recount ?? recountInWorker(d.dbPath),
  });
  // After the change's transaction ended (an import may still roll back): the document as it then is.
  // The admin's own adoption calls follow() at once, so its answer already says "recounting".
  const unlisten = d.store.onChange(() => {
    setImmediate(() => service.follow(d.store.current()));
  });
  return {
    service,
    async stop(): Promise<void> {
      unlisten();
      await service.settled();
    },
  };
}
