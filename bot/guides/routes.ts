import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { GuideIdParam, GuidePreviewRequest, GuideRollbackRequest, GuideSaveRequest, LegalTipIdParam, LegalTipRequest } from "../../shared/contracts/guides";
import { forbidden } from "../auth/api-error";
import type { GuideService } from "./guide-service";
import type { LegalTipService } from "./legal-tips";

export interface GuideRouteDeps {
  requireOfficer: preHandlerHookHandler;
  officerName(req: FastifyRequest): string;
  /** The signed-in person (sessions only): rollback is the admin's. */
  authenticate(authorization: string | undefined): { appUserId: string; admin: boolean };
  adminName(appUserId: string): string;
  guides: GuideService;
  legalTips: LegalTipService;
}

/**
 * Content in the officers' console: guides (list, detail with versions, live preview, save, shipped
 * update adopt/dismiss; the admin's rollback) and the weekly legal tips. Thin: the services decide.
 */
export async function guideRoutes(app: FastifyInstance, d: GuideRouteDeps): Promise<void> {
  await app.register(async (api) => {
    // Content changes: never kept by a browser or a proxy.
    api.addHook("onSend", async (_req, reply) => {
      reply.header("cache-control", "no-store");
    });
    api.register(async (officer) => {
      officer.addHook("preHandler", d.requireOfficer);
      officer.get("/api/officer/guides", async () => d.guides.list());
      officer.post("/api/officer/guides/preview", async (req) => d.guides.preview(GuidePreviewRequest.parse(req.body ?? {}).doc));
      officer.get("/api/officer/guides/:id", async (req) => d.guides.detail(GuideIdParam.parse(req.params).id));
      officer.put("/api/officer/guides/:id", async (req) => {
        const { id } = GuideIdParam.parse(req.params);
        const b = GuideSaveRequest.parse(req.body ?? {});
        return d.guides.save(id, b.doc, b.baseVersion, d.officerName(req), b.note);
      });
      officer.post("/api/officer/guides/:id/update/adopt", async (req) => d.guides.adoptUpdate(GuideIdParam.parse(req.params).id, d.officerName(req)));
      officer.post("/api/officer/guides/:id/update/dismiss", async (req) => d.guides.dismissUpdate(GuideIdParam.parse(req.params).id, d.officerName(req)));

      officer.get("/api/officer/legal-tips", async () => d.legalTips.list());
      officer.post("/api/officer/legal-tips", async (req, reply) => reply.code(201).send(d.legalTips.add(LegalTipRequest.parse(req.body ?? {}), d.officerName(req))));
      officer.put("/api/officer/legal-tips/:id", async (req) => d.legalTips.edit(LegalTipIdParam.parse(req.params).id, LegalTipRequest.parse(req.body ?? {}), d.officerName(req)));
      officer.post("/api/officer/legal-tips/:id/retire", async (req) => d.legalTips.retire(LegalTipIdParam.parse(req.params).id, d.officerName(req)));
      officer.post("/api/officer/legal-tips/:id/restore", async (req) => d.legalTips.restore(LegalTipIdParam.parse(req.params).id, d.officerName(req)));
    });
    api.post("/api/admin/guides/:id/rollback", async (req) => {
      const p = d.authenticate(req.headers.authorization);
      if (!p.admin) throw forbidden("Chỉ quản trị viên của xã quay lại được bản cũ của hướng dẫn.");
      const { id } = GuideIdParam.parse(req.params);
      const b = GuideRollbackRequest.parse(req.body ?? {});
      return d.guides.rollback(id, b.version, d.adminName(p.appUserId), b.note);
    });
  });
}
