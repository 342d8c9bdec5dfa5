import type { FastifyInstance, FastifyRequest } from "fastify";
import type { RateLimitOptions } from "@fastify/rate-limit";
import {
  CONSOLE_QR_PREFIX,
  ConsoleLinkLoginRequest,
  ConsoleQrApproveRequest,
  ConsoleQrPollRequest,
  ConsoleSessionParam,
} from "../../shared/contracts/console";
import { forbidden } from "../auth/api-error";
import type { AuthService } from "../auth/auth-service";
import { rateLimitedError } from "../ops/rate-limits";
import type { ConsoleService } from "./console-service";
import { documentedRoutes } from "../ops/documented-routes";

export interface ConsoleRouteDeps {
  console: ConsoleService;
  auth: Pick<AuthService, "authenticate" | "claims">;
}

const iso = (ms: number) => new Date(ms).toISOString();
const device = (req: FastifyRequest) => {
  const ua = req.headers["user-agent"];
  return typeof ua === "string" ? ua : undefined;
};

/** Per address: the PC's login page and the link are used without a session. */
const perIp = (max: number): RateLimitOptions => ({ max, timeWindow: 60_000, keyGenerator: (req) => `console:${req.ip}`, errorResponseBuilder: (_r, ctx) => rateLimitedError(ctx.ttl / 1000) });

/** Logging in to the officers' console on a PC (QR code or one-time link) and the admin's list of PCs. Thin. */
export async function consoleRoutes(app: FastifyInstance, d: ConsoleRouteDeps): Promise<void> {
  await app.register(async (api) => {
    api.addHook("onSend", async (_req, reply) => {
      reply.header("cache-control", "no-store");
    });
    const route = documentedRoutes(api);
    const admin = (req: FastifyRequest) => {
      const p = d.auth.authenticate(req.headers.authorization);
      if (!p.admin) throw forbidden("Chỉ quản trị viên của xã làm được việc này.");
      return p;
    };

    route(
      "POST",
      "/api/console/login-requests",
      async (req, reply) => {
        const r = d.console.createQr(device(req));
        return reply.code(201).send({ requestId: r.requestId, pollSecret: r.pollSecret, qrText: `${CONSOLE_QR_PREFIX}${r.requestId}`, expiresAt: iso(r.expiresAt) });
      },
      perIp(20),
    );
    // A page polls every 2 seconds: 30 a minute; a little room for two tabs.
    route(
      "POST",
      "/api/console/login-requests/poll",
      async (req) => {
        const b = ConsoleQrPollRequest.parse(req.body ?? {});
        const r = d.console.poll(b.requestId, b.pollSecret, device(req));
        if (r.status === "approved") return { status: "approved", session: r.session, expiresAt: iso(r.expiresAt) };
        if (r.status === "waiting") return { status: "waiting", expiresAt: iso(r.expiresAt) };
        return { status: r.status };
      },
      perIp(90),
    );
    route("POST", "/api/console/login-requests/inspect", async (req) => {
      const p = d.auth.authenticate(req.headers.authorization);
      const r = d.console.inspect(p, ConsoleQrApproveRequest.parse(req.body ?? {}).code);
      return { device: r.device, requestedAt: iso(r.requestedAt), expiresAt: iso(r.expiresAt) };
    });
    route("POST", "/api/console/login-requests/approve", async (req) => {
      const p = d.auth.authenticate(req.headers.authorization);
      d.console.approve(p, d.auth.claims(req.headers.authorization), ConsoleQrApproveRequest.parse(req.body ?? {}).code);
      return { ok: true };
    });
    route("DELETE", "/api/console/session", async (req) => {
      d.console.logout(req.headers.authorization);
      return { ok: true };
    });
    route(
      "POST",
      "/api/console/link-login",
      async (req) => {
        const r = d.console.redeemLink(ConsoleLinkLoginRequest.parse(req.body ?? {}).token, device(req));
        return { session: r.session, expiresAt: iso(r.expiresAt) };
      },
      perIp(10),
    );
    route("POST", "/api/console/session/refresh", async (req) => {
      const r = d.console.refresh(req.headers.authorization);
      return { session: r.session, expiresAt: iso(r.expiresAt) };
    });
    route("GET", "/api/admin/console-sessions", async (req) => {
      admin(req);
      return {
        items: d.console.sessions().map((s) => ({
          sid: s.sid,
          appUserId: s.appUserId,
          name: s.name,
          via: s.via,
          device: s.device,
          createdAt: iso(s.createdAt),
          endsAt: iso(s.endsAt),
          lastSeenAt: iso(s.lastSeenAt),
        })),
      };
    });
    route("DELETE", "/api/admin/console-sessions/:sid", async (req) => {
      const p = admin(req);
      const { sid } = ConsoleSessionParam.parse(req.params);
      d.console.revoke(sid, p.appUserId); // the id, like granted_by: erasure finds it
      return { ok: true };
    });
  });
}
