import type { FastifyBaseLogger, FastifyInstance, preHandlerHookHandler } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import type { HandlerRegistry } from "../inbox/handlers";
import type { ZaloOaClient } from "../zalo/oa-client";
import { registerGroupHandlers } from "./group-handlers";
import { GroupRegistry } from "./group-registry";
import { GroupRepo } from "./group-repo";
import { GroupSync } from "./group-sync";
import { groupOfficerRoutes } from "./officer-routes";

export interface GroupModuleDeps {
  db: Db;
  handlers: HandlerRegistry;
  zalo: Pick<ZaloOaClient, "listGroups" | "getGroup" | "onGroupSend">;
  commune: CommuneConfig;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/** The Zalo group registry: events, sync with Zalo (start and daily), refused posts, officers' view. */
export function createGroupModule(d: GroupModuleDeps) {
  const registry = new GroupRegistry(new GroupRepo(d.db), d.commune, d.clock, d.logger);
  registry.seedFromConfig();
  const sync = new GroupSync(d.zalo, registry, d.clock, d.logger);
  registerGroupHandlers(d.handlers, registry, sync);
  d.zalo.onGroupSend((groupId, result) => registry.applySendResult(groupId, result, d.clock.now()));
  return {
    registry,
    sync,
    start: () => sync.start(),
    stop: () => sync.stop(),
    routes(requireOfficer: preHandlerHookHandler) {
      return async (app: FastifyInstance) => {
        await app.register(groupOfficerRoutes, { requireOfficer, registry, commune: d.commune });
      };
    },
  };
}

export type GroupModule = ReturnType<typeof createGroupModule>;
