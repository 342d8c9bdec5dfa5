import type { FastifyInstance, FastifyRequest } from "fastify";
import { CommuneEdit, CommuneHistoryQuery, CommuneImportRequest, PersonKeyParam, StaffLinkRequest } from "../../shared/contracts/commune";
import { ApiError, forbidden } from "../auth/api-error";
import type { Principal } from "../auth/roles";
import { auditName } from "../ops/officer-auth";
import { errorHandlerFor, parseInput } from "../ops/error-handler";
import { apiScope } from "../ops/documented-routes";
import { rateLimitedError } from "../ops/rate-limits";
import type { CommuneService } from "./commune-service";
import type { CommuneStore } from "./store";

export interface CommuneRouteDeps {
  service: CommuneService;
  store: CommuneStore;
  authenticate(authorization: string | undefined): Principal;
  /** The person's name in the commune document, by mini-app id (for the audit trail). */
  configuredName(appUserId: string): string | undefined;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The admin's villages-and-people API, the officers' read view, and the staff code in the mini app. Thin. */
export async function communeRoutes(app: FastifyInstance, d: CommuneRouteDeps): Promise<void> {
  await app.register(async (api) => {
    const route = apiScope(api, "commune: unexpected error");
    const admin = (req: FastifyRequest): string => {
      const p = d.authenticate(req.headers.authorization);
      if (!p.admin) throw forbidden("Chỉ quản trị viên của xã làm được việc này.");
      return auditName(p.appUserId, d.configuredName(p.appUserId) ?? p.name);
    };

    route("GET", "/api/admin/commune", async (req) => {
      admin(req);
      return d.service.view();
    });
    route("GET", "/api/officer/commune", async (req) => {
      const p = d.authenticate(req.headers.authorization);
      if (!p.officer) throw forbidden("Chỉ cán bộ xã dùng được chức năng này.");
      return d.service.view();
    });
    route("POST", "/api/admin/commune/edits", async (req) => {
      const actor = admin(req);
      return d.service.edit(actor, parseInput(CommuneEdit, req.body, "thay đổi"));
    });
    route("POST", "/api/admin/commune/people/:personKey/link-code", async (req, reply) => {
      const actor = admin(req);
      const { personKey } = parseInput(PersonKeyParam, req.params, "đường dẫn");
      const r = d.service.createLinkCode(actor, personKey);
      return reply.code(201).send({ code: r.code, expiresAt: iso(r.expiresAt), name: r.name, instructions: r.instructions });
    });
    route("GET", "/api/admin/commune/history", async (req) => {
      admin(req);
      const q = parseInput(CommuneHistoryQuery, req.query, "truy vấn");
      return { items: d.store.history(q).map((h) => ({ ...h, at: iso(h.at) })) };
    });
    route("GET", "/api/admin/commune/export", async (req, reply) => {
      admin(req);
      const doc = d.store.current();
      const slug = doc.commune.name
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/đ/gi, "d")
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
      const date = iso(Date.now()).slice(0, 10);
      reply.header("content-type", "application/json; charset=utf-8");
      reply.header("content-disposition", `attachment; filename="xa-${slug || "du-lieu"}-${date}.json"`);
      return reply.send(d.store.export());
    });
    route("POST", "/api/admin/commune/import", async (req) => {
      const actor = admin(req);
      const b = parseInput(CommuneImportRequest, req.body, "tệp dữ liệu xã");
      if (!b.apply) {
        const p = d.store.previewImport(b.doc);
        return { applied: false, version: d.store.version(), changes: p.changes, sessions: p.sessions };
      }
      if (b.baseVersion === undefined) throw new ApiError("bad_request", "Thiếu số phiên bản đang sửa: bác xem trước thay đổi rồi mới nhập.");
      const r = d.store.import(b.doc, { actor, baseVersion: b.baseVersion });
      return { applied: true, version: r.version, changes: r.changes, sessions: r.sessions };
    });
    // Anyone signed in: the person enters the code the admin gave them (per person, a few a minute).
    route(
      "POST",
      "/api/staff-link",
      async (req) => {
        const p = d.authenticate(req.headers.authorization);
        const { code } = parseInput(StaffLinkRequest, req.body, "mã");
        const r = d.service.redeem(code, { appUserId: p.appUserId }, { fallThrough: false })!;
        if (!r.ok) throw new ApiError(r.reason === "locked" || r.reason === "busy" ? "rate_limited" : r.reason === "taken" ? "conflict" : "unprocessable", r.message);
        return { ok: true, message: r.message };
      },
      { max: 10, timeWindow: 60_000, errorResponseBuilder: (_r, ctx) => rateLimitedError(ctx.ttl / 1000) },
    );
  });
}
