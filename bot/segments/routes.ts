import { PassThrough } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { HouseholdIdParam } from "../../shared/contracts/common";
import { DeclareSegmentsRequest, SegmentCheckRequest, SegmentCreateRequest, SegmentDecisionRequest, SegmentIdParam, SegmentUpdateRequest } from "../../shared/contracts/segments";
import type { Principal } from "../auth/roles";
import type { CommuneConfig } from "../config/commune";
import { errorHandlerFor, parseInput } from "../ops/error-handler";
import { documentedRoutes } from "../ops/documented-routes";
import type { SegmentsService } from "./segments-service";
import { writeSegmentWorkbook } from "./segments-xlsx";

export interface SegmentRouteDeps {
  segments: SegmentsService;
  commune: CommuneConfig;
  authenticate(authorization: string | undefined): Principal;
}

/**
 * Household segments: the list, a household's memberships (declare, confirm), progress against each
 * segment's target (JSON and Excel), the admin's edits. Thin: who is asking first, then the input.
 */
export async function segmentRoutes(app: FastifyInstance, d: SegmentRouteDeps): Promise<void> {
  await app.register(async (api) => {
    api.setErrorHandler(errorHandlerFor("segments: unexpected error"));
    const route = documentedRoutes(api);
    const who = (req: FastifyRequest) => d.authenticate(req.headers.authorization);
    const s = d.segments;

    route("GET", "/api/segments", async (req) => {
      who(req);
      return s.list();
    });
    route("GET", "/api/households/:householdId/segments", async (req) => {
      const p = who(req);
      return s.householdSegments(p, parseInput(HouseholdIdParam, req.params, "đường dẫn").householdId);
    });
    route("PUT", "/api/households/:householdId/segments", async (req) => {
      const p = who(req);
      const { householdId } = parseInput(HouseholdIdParam, req.params, "đường dẫn");
      s.household(p, householdId);
      return s.declare(p, householdId, parseInput(DeclareSegmentsRequest, req.body, "nhóm hộ"));
    });
    route("POST", "/api/households/:householdId/segments/decisions", async (req) => {
      const p = who(req);
      const { householdId } = parseInput(HouseholdIdParam, req.params, "đường dẫn");
      s.assertMayDecide(p, s.household(p, householdId));
      return s.decide(p, householdId, parseInput(SegmentDecisionRequest, req.body, "xác nhận nhóm"));
    });
    route("GET", "/api/segments/progress", async (req) => s.progress(who(req)));
    route("GET", "/api/segments/progress.xlsx", async (req, reply) => {
      const progress = s.progress(who(req));
      const out = new PassThrough();
      writeSegmentWorkbook(out, progress, d.commune.commune).catch((err: unknown) => out.destroy(err as Error));
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename="nhom-ho-${progress.asOf.slice(0, 10)}.xlsx"`)
        .header("cache-control", "no-store")
        .send(out);
    });
    route("GET", "/api/admin/segments", async (req) => s.adminView(who(req)));
    route("POST", "/api/admin/segments", async (req, reply) => {
      const p = who(req);
      s.assertAdmin(p); // the role first: a stranger learns nothing from validation messages
      return reply.code(201).send(s.create(p, parseInput(SegmentCreateRequest, req.body, "nhóm hộ")));
    });
    route("POST", "/api/admin/segments/check", async (req) => {
      const p = who(req);
      s.assertAdmin(p);
      return s.check(p, parseInput(SegmentCheckRequest, req.body ?? {}, "kiểm tra").fix);
    });
    route("PATCH", "/api/admin/segments/:segmentId", async (req) => {
      const p = who(req);
      s.assertAdmin(p);
      const { segmentId } = parseInput(SegmentIdParam, req.params, "đường dẫn");
      return s.update(p, segmentId, parseInput(SegmentUpdateRequest, req.body, "nhóm hộ"));
    });
  });
}
