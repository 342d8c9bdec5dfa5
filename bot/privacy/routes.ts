import type { FastifyInstance, FastifyRequest, preHandlerHookHandler } from "fastify";
import { ErasureConfirmRequest, OfficerErasureRequest, type ErasurePreview } from "../../shared/contracts/privacy";
import { containsPersonalNumber } from "../../shared/contracts/households";
import { ApiError } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import { errorHandlerFor, parseInput } from "../ops/error-handler";
import { apiScope } from "../ops/documented-routes";
import type { ErasureConfirmations, PrivacyService } from "./privacy-service";

export interface PrivacyRouteDeps {
  privacy: PrivacyService;
  confirmations: ErasureConfirmations;
  authenticate(authorization: string | undefined): Principal;
  /** The officers' API guard (officer session or ADMIN_TOKEN) and who the officer is. */
  requireOfficer: preHandlerHookHandler;
  officerId(req: FastifyRequest): string;
}

/**
 * Residents' personal data: download (GET /api/me/data), erase with a confirmation step
 * (POST /api/me/data/erasure-request, then POST /api/me/data/erase), and officers' erasure on a
 * written request (POST /api/officer/privacy/erasures, audited). Thin: the service does the work.
 */
export async function privacyRoutes(app: FastifyInstance, d: PrivacyRouteDeps): Promise<void> {
  await app.register(async (api) => {
    // Personal data: never kept by a browser or a proxy.
    const route = apiScope(api, "privacy: unexpected error");
    const who = (req: FastifyRequest) => d.authenticate(req.headers.authorization);

    route("GET", "/api/me/data", async (req, reply) => {
      const p = who(req);
      reply.header("content-disposition", 'attachment; filename="du-lieu-cua-toi.json"');
      return d.privacy.export(p.appUserId);
    });
    route("POST", "/api/me/data/erasure-request", async (req): Promise<ErasurePreview> => {
      const p = who(req);
      const preview = d.privacy.preview(p.appUserId);
      const { token, expiresAt } = d.confirmations.create(p.appUserId);
      return { confirmationToken: token, expiresAt: new Date(expiresAt).toISOString(), ...preview };
    });
    route("POST", "/api/me/data/erase", async (req) => {
      const p = who(req);
      const { confirmationToken } = parseInput(ErasureConfirmRequest, req.body, "xác nhận");
      return d.confirmations.consumeFor(p.appUserId, confirmationToken, () => d.privacy.erase({ appUserId: p.appUserId }, { kind: "self" }));
    });
  });

  await app.register(async (officer) => {
    officer.setErrorHandler(errorHandlerFor("privacy: unexpected error"));
    officer.addHook("preHandler", d.requireOfficer);
    officer.addHook("onSend", async (_req, reply) => {
      reply.header("cache-control", "no-store");
    });
    officer.post("/api/officer/privacy/erasures", async (req, reply) => {
      const b = parseInput(OfficerErasureRequest, req.body, "yêu cầu xóa");
      const subject = d.privacy.subject({ appUserId: b.appUserId, oaUserId: b.oaUserId });
      if (subject.appIds.length === 0 && subject.oaIds.length === 0) {
        throw new ApiError("bad_request", "Cần mã người dùng (appUserId) hoặc mã người dùng trên trang Zalo của xã (oaUserId).");
      }
      // The reference stays in the audit log after the erasure: it must not carry the person's ids or numbers.
      const ids = [b.appUserId, b.oaUserId, ...subject.appIds, ...subject.oaIds].filter((x): x is string => x !== undefined);
      if (containsPersonalNumber(b.reference) || ids.some((id) => b.reference.includes(id))) {
        throw new ApiError("bad_request", "Số hiệu đơn không được chứa mã người dùng, số điện thoại hay số căn cước, vì nó được giữ lại trong nhật ký. Hãy ghi như “Đơn số 12/2026”.");
      }
      return reply.code(201).send(d.privacy.erase({ appUserId: b.appUserId, oaUserId: b.oaUserId }, { kind: "officer", officerId: d.officerId(req), reference: b.reference }));
    });
  });
}
