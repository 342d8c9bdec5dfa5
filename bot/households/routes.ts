import type { RateLimitOptions } from "@fastify/rate-limit";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance, FastifyRequest } from "fastify";
import {
  API_ROUTES,
  AggregateCheckRequest,
  AnswersRequest,
  AppUserIdParam,
  ExportParams,
  ExportQuery,
  HistoryQuery,
  HouseholdIdParam,
  JoinHouseholdRequest,
  RegisterHouseholdRequest,
  RoleGrantRequest,
  RoleRevokeQuery,
  TrendQuery,
  UpdateHouseholdRequest,
  VerifyRequest,
  VillageHouseholdsQuery,
  VillageIdParam,
  VillageReportRequest,
  CompletenessQuery,
  SilentQuery,
  VillageWeekParams,
  WeekPathParam,
  WeekQuery,
  ZaloLoginRequest,
  buildOpenApiDocument,
  type Me,
} from "../../shared/contracts";
import { ApiError, forbidden } from "../auth/api-error";
import { access, type Principal } from "../auth/roles";
import type { CommuneConfig } from "../config/commune";
import { errorHandlerFor, parseInput } from "../ops/error-handler";
import { documentedRoutes } from "../ops/documented-routes";
import { catalogueView } from "./catalogue";
import type { HouseholdServices } from "./module";

export interface HouseholdRouteDeps {
  services: HouseholdServices;
  commune: CommuneConfig;
  /** RATE_LIMIT_LOGIN_PER_MINUTE and RATE_LIMIT_CODES_PER_HOUR (defaults: ROUTE_LIMITS). */
  limits?: Partial<RouteLimits>;
}

export interface RouteLimits {
  /** Mini app logins per minute from one address: each calls Zalo's Graph API. */
  loginPerMinute: number;
  /** Invite codes tried (join) and chat-link codes asked for, per signed-in person and hour, each. */
  codesPerHour: number;
}

/**
 * Tighter limits for the routes worth abusing (the app registers @fastify/rate-limit; without it these
 * are inert). Login is keyed by address, with room: a whole commune may share one carrier address. The
 * code routes are keyed by the signed-in person. Guessing is bounded separately by the failure
 * budgets of the codes themselves (link-codes.ts).
 */
export const ROUTE_LIMITS: RouteLimits = { loginPerMinute: 300, codesPerHour: 20 };

/** Invalid input: the one 400 answer of the whole app (bot/ops/error-handler.ts). */
const parse = parseInput;

/**
 * The REST API of the mini app and officers (/api/...) and its OpenAPI document (/docs). Thin: parse
 * with the shared contracts, authenticate, call a service; every service checks the role.
 */
export async function householdRoutes(app: FastifyInstance, deps: HouseholdRouteDeps): Promise<void> {
  const s = deps.services;
  const document = buildOpenApiDocument({
    title: `API “Gia đình số” - ${deps.commune.commune.kind} ${deps.commune.commune.name}`,
    version: s.catalogue.key,
    description: "API cho mini app “Gia đình số” và cán bộ xã. Đăng nhập: POST /api/auth/zalo với mã truy cập Zalo của mini app, rồi gửi `Authorization: Bearer <session>`.",
  });
  await app.register(swagger, { mode: "static", specification: { document: document as never } });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  await app.register(async (api) => {
    api.setErrorHandler(errorHandlerFor("api: unexpected error"));

    const route = documentedRoutes(api);
    // One authentication per request: the per-person rate limit key and the handler share it.
    const principals = new WeakMap<FastifyRequest, Principal>();
    const who = (req: FastifyRequest): Principal => {
      const known = principals.get(req);
      if (known) return known;
      const p = s.auth.authenticate(req.headers.authorization);
      principals.set(req, p);
      return p;
    };
    const limits = { ...ROUTE_LIMITS, ...deps.limits };
    const tooMany = (what: string): RateLimitOptions["errorResponseBuilder"] => (_req, ctx) => {
      const minutes = Math.max(1, Math.ceil(ctx.ttl / 60_000));
      const wait = minutes >= 60 ? `${Math.ceil(minutes / 60)} giờ` : `${minutes} phút`;
      return new ApiError("rate_limited", `Bác đã ${what} quá nhiều lần trong thời gian ngắn. Vui lòng thử lại sau ${wait}.`);
    };
    /** Per signed-in person (a session that does not verify falls back to the address; the handler answers 401). */
    const perPerson = (limit: { max: number; timeWindow: number }, what: string): RateLimitOptions => ({
      ...limit,
      keyGenerator: (req) => {
        try {
          return `user:${who(req).appUserId}`;
        } catch {
          return `ip:${req.ip}`;
        }
      },
      errorResponseBuilder: tooMany(what),
    });
    const me = (p: Principal): Me => {
      const h = p.household ? s.householdsRepo.get(p.household.id) : undefined;
      return {
        appUserId: p.appUserId,
        ...(p.name ? { name: p.name } : {}),
        roles: { officer: p.officer, admin: p.admin, villageHeadOf: [...p.headOf] },
        household: h ? { id: h.id, villageId: h.villageId, label: h.label } : null,
      };
    };
    const admin = (req: FastifyRequest) => {
      const p = who(req);
      if (!p.admin) throw forbidden("Chỉ quản trị viên của xã làm được việc này.");
      return p;
    };

    route(
      "POST",
      "/api/auth/zalo",
      async (req) => {
        const body = parse(ZaloLoginRequest, req.body, "đăng nhập");
        const r = await s.auth.loginWithZalo(body.accessToken);
        return { session: r.session, expiresAt: new Date(r.expiresAt).toISOString(), me: me(r.principal) };
      },
      { max: limits.loginPerMinute, timeWindow: 60_000, keyGenerator: (req) => `ip:${req.ip}`, errorResponseBuilder: tooMany("đăng nhập") },
    );
    route("GET", "/api/me", async (req) => me(who(req)));
    route("POST", "/api/me/oa-link-code", async (req) => s.households.createOaLinkCode(who(req)), perPerson({ max: limits.codesPerHour, timeWindow: 3600_000 }, "lấy mã liên kết"));
    route("DELETE", "/api/me/household", async (req) => {
      s.households.leave(who(req));
      return { ok: true };
    });
    route("GET", "/api/catalogue", async (req) => {
      who(req);
      return catalogueView(s.catalogue, deps.commune.target.percent);
    });
    route("GET", "/api/villages", async (req) => {
      who(req);
      return { items: deps.commune.villages.map((v) => ({ id: v.id, name: v.name, kind: v.kind, officialHouseholds: v.households ?? null })) };
    });

    route("POST", "/api/households", async (req, reply) => {
      const p = who(req);
      const view = s.households.register(p, parse(RegisterHouseholdRequest, req.body, "đăng ký hộ"));
      return reply.code(201).send(view);
    });
    route(
      "POST",
      "/api/households/join",
      async (req) => {
        const p = who(req);
        const b = parse(JoinHouseholdRequest, req.body, "mã mời");
        return s.households.join(p, b.code, b.memberName);
      },
      perPerson({ max: limits.codesPerHour, timeWindow: 3600_000 }, "nhập mã mời"),
    );
    route("GET", "/api/households/:householdId", async (req) => {
      const p = who(req);
      return s.households.get(p, parse(HouseholdIdParam, req.params, "đường dẫn").householdId);
    });
    route("PATCH", "/api/households/:householdId", async (req) => {
      const p = who(req);
      return s.households.update(p, parse(HouseholdIdParam, req.params, "đường dẫn").householdId, parse(UpdateHouseholdRequest, req.body, "sửa hộ"));
    });
    route("POST", "/api/households/:householdId/invites", async (req, reply) => {
      const p = who(req);
      return reply.code(201).send(s.households.createInvite(p, parse(HouseholdIdParam, req.params, "đường dẫn").householdId));
    });
    route("POST", "/api/households/:householdId/answers", async (req) => {
      const p = who(req);
      const { householdId } = parse(HouseholdIdParam, req.params, "đường dẫn");
      return s.households.applyAnswers(p, householdId, parse(AnswersRequest, req.body, "câu trả lời").changes);
    });
    route("POST", "/api/households/:householdId/verifications", async (req) => {
      const p = who(req);
      const { householdId } = parse(HouseholdIdParam, req.params, "đường dẫn");
      return s.households.setVerified(p, householdId, parse(VerifyRequest, req.body, "xác minh"));
    });
    route("GET", "/api/households/:householdId/history", async (req) => {
      const p = who(req);
      const { householdId } = parse(HouseholdIdParam, req.params, "đường dẫn");
      return s.households.history(p, householdId, parse(HistoryQuery, req.query, "truy vấn"));
    });

    route("GET", "/api/villages/standings", async (req) => {
      who(req); // any logged-in user: totals only
      return s.reports.villageStandings();
    });
    route("GET", "/api/villages/:villageId/dashboard", async (req) => {
      const p = who(req);
      return s.reports.villageDashboard(p, parse(VillageIdParam, req.params, "đường dẫn").villageId);
    });
    route("GET", "/api/villages/:villageId/households", async (req) => {
      const p = who(req);
      const { villageId } = parse(VillageIdParam, req.params, "đường dẫn");
      return s.households.villageHouseholds(p, villageId, parse(VillageHouseholdsQuery, req.query, "truy vấn"));
    });
    route("PUT", "/api/villages/:villageId/reports/:week", async (req) => {
      const p = who(req);
      const { villageId, week } = parse(VillageWeekParams, req.params, "đường dẫn");
      // Who may send comes before what was sent: a stranger learns nothing from validation messages.
      if (!access.villageDetail(p, villageId)) throw forbidden("Chỉ trưởng thôn của thôn này (hoặc cán bộ xã) gửi được báo cáo của thôn.");
      return s.villageReports.submit(p, villageId, week, parse(VillageReportRequest, req.body, "báo cáo"));
    });
    route("GET", "/api/villages/:villageId/reports/:week", async (req) => {
      const p = who(req);
      const { villageId, week } = parse(VillageWeekParams, req.params, "đường dẫn");
      return s.villageReports.get(p, villageId, week);
    });
    route("GET", "/api/reports/silent-households", async (req) => s.reports.silentHouseholds(who(req), parse(SilentQuery, req.query, "truy vấn").weeks));
    route("GET", "/api/reports/completeness", async (req) => s.villageReports.completenessFor(who(req), parse(CompletenessQuery, req.query, "truy vấn").weeks));
    route("GET", "/api/reports/village-reports", async (req) => {
      const p = who(req);
      return s.villageReports.overviewFor(p, parse(WeekQuery, req.query, "truy vấn").week);
    });
    route("GET", "/api/commune/dashboard", async (req) => s.reports.communeDashboard(who(req)));
    route("GET", "/api/reports/weeks/:week", async (req) => {
      const p = who(req);
      return s.reports.weekReport(p, parse(WeekPathParam, req.params, "đường dẫn").week);
    });
    route("GET", "/api/reports/trend", async (req) => {
      const p = who(req);
      return s.reports.trend(p, parse(TrendQuery, req.query, "truy vấn").weeks);
    });
    route("GET", "/api/exports/:file", async (req, reply) => {
      const p = who(req);
      const { file } = parse(ExportParams, req.params, "đường dẫn");
      const q = parse(ExportQuery, req.query, "truy vấn");
      const [week, ext] = file.split(".") as [string, "xlsx" | "csv"];
      if (q.village !== undefined && !p.officer && !p.headOf.has(q.village)) throw forbidden("Bác chỉ tải được báo cáo của thôn mình.");
      if (ext === "xlsx") {
        const x = await s.exports.xlsx(p, week, q.village);
        return reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", `attachment; filename="${x.filename}"`)
          .send(x.body);
      }
      const c = s.exports.csv(p, week, q.table, q.village);
      return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="${c.filename}"`).send(c.text);
    });

    route("POST", "/api/admin/aggregates/check", async (req) => {
      const p = admin(req);
      const { fix } = parse(AggregateCheckRequest, req.body, "kiểm tra");
      // While the counts move to a new criteria set, a check would only measure the move half-way.
      s.liveCatalogue.assertCountsWritable();
      return s.reports.checkAggregates(p, fix);
    });
    route("POST", "/api/admin/snapshots/freeze", async (req) => {
      admin(req);
      s.liveCatalogue.assertCountsWritable();
      const week = s.snapshots.freezeDue("catch_up");
      return { week: week ?? "", frozen: week !== null };
    });
    route("GET", "/api/admin/roles", async (req) => {
      admin(req);
      return s.roleAdmin.list();
    });
    route("POST", "/api/admin/roles", async (req, reply) => {
      const p = admin(req);
      return reply.code(201).send(s.roleAdmin.grant(p, parse(RoleGrantRequest, req.body, "cấp vai trò")));
    });
    route("DELETE", "/api/admin/roles/:appUserId", async (req) => {
      admin(req);
      const { appUserId } = parse(AppUserIdParam, req.params, "đường dẫn");
      s.roleAdmin.revoke(appUserId, parse(RoleRevokeQuery, req.query, "truy vấn"));
      return { ok: true };
    });

    const missing = API_ROUTES.filter((r) => !api.hasRoute({ method: r.method, url: r.path }));
    if (missing.length > 0) throw new Error(`documented routes not registered: ${missing.map((r) => `${r.method} ${r.path}`).join(", ")}`);
  });
}
