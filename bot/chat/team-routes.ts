import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { VillageIdParam } from "../../shared/contracts/common";
import { TeamCalendarQuery, TeamSessionCancel, TeamSessionCreate, TeamSessionIdParam, TeamSessionUpdate, type TeamCalendar } from "../../shared/contracts/team";
import { forbidden } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import { parseInput } from "../ops/error-handler";
import type { TeamScheduleService } from "./team-schedule-service";

export interface TeamRouteDeps {
  requireOfficer: preHandlerHookHandler;
  officerName(req: FastifyRequest): string;
  /** The person behind a mini app or console session (a 401 when none). */
  authenticate(authorization: string | undefined): Principal;
  schedule: TeamScheduleService;
}

/**
 * The mobile team's calendar. Officers read and edit the whole commune's (`/api/officer/team-sessions`);
 * a village head reads their own village's (`/api/villages/:villageId/team-sessions`). Thin: the
 * service checks, writes and audits.
 */
export async function teamRoutes(app: FastifyInstance, d: TeamRouteDeps): Promise<void> {
  const calendar = (q: { from?: string; to?: string; villageId?: string }, canEdit: boolean): TeamCalendar => {
    const s = d.schedule;
    const villages = s.villages().map((v) => ({ id: v.id, name: v.name }));
    return {
      today: s.today(),
      teamName: s.teamName,
      canEdit,
      villages: q.villageId && !canEdit ? villages.filter((v) => v.id === q.villageId) : villages,
      priorityProcedures: s.priorityProcedures,
      papers: s.defaultPapers,
      items: s.calendar(q),
    };
  };
  const officer = { preHandler: d.requireOfficer };

  app.get("/api/officer/team-sessions", officer, async (req) => calendar(parseInput(TeamCalendarQuery, req.query), true));

  app.post("/api/officer/team-sessions", officer, async (req, reply) => {
    const body = parseInput(TeamSessionCreate, req.body);
    return reply.code(201).send(d.schedule.create(body, d.officerName(req)));
  });

  app.patch("/api/officer/team-sessions/:id", officer, async (req) => {
    const { id } = parseInput(TeamSessionIdParam, req.params);
    return d.schedule.update(id, parseInput(TeamSessionUpdate, req.body), d.officerName(req));
  });

  app.post("/api/officer/team-sessions/:id/cancel", officer, async (req) => {
    const { id } = parseInput(TeamSessionIdParam, req.params);
    return d.schedule.cancel(id, parseInput(TeamSessionCancel, req.body).reason, d.officerName(req));
  });

  // A village head reads their own village's sessions (cancelled ones too, so they can tell residents).
  app.get("/api/villages/:villageId/team-sessions", async (req) => {
    const p = d.authenticate(req.headers.authorization);
    const { villageId } = parseInput(VillageIdParam, req.params);
    if (!p.officer && !p.headOf.has(villageId)) throw forbidden("Chỉ trưởng thôn của thôn này và cán bộ xã xem được lịch tổ lưu động của thôn.");
    const q = parseInput(TeamCalendarQuery.omit({ villageId: true }), req.query);
    return calendar({ ...q, villageId }, false);
  });
}
