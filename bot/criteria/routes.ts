import type { FastifyInstance, FastifyRequest } from "fastify";
import { CriteriaAdoptRequest, CriteriaPreviewRequest } from "../../shared/contracts/criteria";
import { forbidden } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import { auditName } from "../ops/officer-auth";
import { errorHandlerFor, parseInput } from "../ops/error-handler";
import { apiScope } from "../ops/documented-routes";
import type { CriteriaService } from "./criteria-service";

export interface CriteriaRouteDeps {
  service: CriteriaService;
  authenticate(authorization: string | undefined): Principal;
  configuredName(appUserId: string): string | undefined;
}

/** The admin's criteria page API. Thin: authenticate, parse, call the service. */
export async function criteriaRoutes(app: FastifyInstance, d: CriteriaRouteDeps): Promise<void> {
  await app.register(async (api) => {
    const route = apiScope(api, "criteria: unexpected error");
    const admin = (req: FastifyRequest): string => {
      const p = d.authenticate(req.headers.authorization);
      if (!p.admin) throw forbidden("Chỉ quản trị viên của xã làm được việc này.");
      return auditName(p.appUserId, d.configuredName(p.appUserId) ?? p.name);
    };
    route("GET", "/api/admin/criteria", async (req) => {
      admin(req);
      return d.service.view();
    });
    route("POST", "/api/admin/criteria/preview", async (req) => {
      admin(req);
      return d.service.preview(parseInput(CriteriaPreviewRequest, req.body, "bộ tiêu chí").choice);
    });
    route("POST", "/api/admin/criteria", async (req, reply) => {
      const actor = admin(req);
      const r = d.service.adopt(actor, parseInput(CriteriaAdoptRequest, req.body, "bộ tiêu chí"));
      return reply.code(r.recount.state === "running" ? 202 : 200).send(r);
    });
  });
}
