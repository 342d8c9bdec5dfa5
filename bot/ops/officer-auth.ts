import type { FastifyReply, FastifyRequest } from "fastify";
import { adminTokenMatcher, bearer } from "./admin-token";
import type { FailureBudget } from "./rate-limits";
import { waitText } from "./rate-limits";

interface OfficerLike {
  appUserId: string;
  officer: boolean;
}

export interface OfficerGuardOptions {
  /** ADMIN_TOKEN: the machine token for scripts and the sandbox. */
  adminToken: string | undefined;
  /** The principal behind an `Authorization` header (throws or returns undefined when none). */
  authenticate?: (authorization: string | undefined) => OfficerLike | undefined;
  /** The person's name as the commune config knows them (never the name they chose on Zalo). */
  configuredName?: (appUserId: string) => string | undefined;
  /** Failed attempts per IP address: past the budget, 429 before any check. */
  failures?: FailureBudget;
}

/** What the audit log records for a person: their stable app id, with the commune's name for them if any. */
export function auditName(appUserId: string, configured: string | undefined): string {
  return configured ? `${configured} (${appUserId})` : appUserId;
}

/**
 * Guard of the officers' API. Accepts an officer's mini app session (`Authorization: Bearer
 * <session>`, role checked on every request) or, for scripts and the sandbox, the machine token
 * `ADMIN_TOKEN` in the same header (compared in constant time; never from a query string). Without
 * either the request is refused; nothing is open by default. Failed attempts are counted per IP and
 * answered 429 past the budget.
 */
export function officerGuard(opts: OfficerGuardOptions) {
  const isAdminToken = adminTokenMatcher(opts.adminToken);
  const names = new WeakMap<FastifyRequest, string>();
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = await opts.failures?.blocked(req);
    if (wait !== undefined) {
      return reply
        .code(429)
        .header("retry-after", String(wait))
        .send({ error: { code: "rate_limited", message: `Đăng nhập sai quá nhiều lần. Vui lòng đợi khoảng ${waitText(wait)} rồi thử lại.` } });
    }
    if (isAdminToken(bearer(req.headers.authorization))) {
      names.set(req, "admin-token");
      return;
    }
    let who: OfficerLike | undefined;
    try {
      who = opts.authenticate?.(req.headers.authorization);
    } catch {
      who = undefined;
    }
    if (!who) {
      if (req.headers.authorization) await opts.failures?.fail(req);
      return reply.code(401).send({ error: { code: "unauthenticated", message: "Cần đăng nhập bằng tài khoản cán bộ xã." } });
    }
    if (!who.officer) return reply.code(403).send({ error: { code: "forbidden", message: "Chỉ cán bộ xã dùng được chức năng này." } });
    names.set(req, auditName(who.appUserId, opts.configuredName?.(who.appUserId)));
  };
  return { guard, officerName: (req: FastifyRequest) => names.get(req) ?? "không rõ" };
}
