import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import { ticketRoutes } from "./routes";
import { TicketsRepo } from "./tickets-repo";
import { TicketsService, type OfficerReplyFlow } from "./tickets-service";

/** Hand-off tickets for officers (issue 14). */
export function createTicketsModule(d: { db: Db; chat: OfficerReplyFlow; commune: CommuneConfig; clock: Clock; lastInteraction: (userId: string) => number | undefined }) {
  const service = new TicketsService({ repo: new TicketsRepo(d.db), chat: d.chat, commune: d.commune, clock: d.clock, lastInteraction: d.lastInteraction });
  return {
    service,
    routes(requireOfficer: preHandlerHookHandler, officerName: (req: FastifyRequest) => string) {
      return (app: FastifyInstance) => app.register(ticketRoutes, { requireOfficer, officerName, tickets: service });
    },
  };
}
