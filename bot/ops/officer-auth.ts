import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

interface OfficerLike {
  appUserId: string;
  name?: string;
  officer: boolean;
}

/**
 * Guard of the officers' API. Accepts an officer's mini app session (`Authorization: Bearer
 * <session>`, role checked on every request) or, for scripts and the sandbox, the machine token
 * `ADMIN_TOKEN`. Without either the request is refused; nothing is open by default.
 */
export function officerGuard(adminToken: string | undefined, authenticate?: (authorization: string | undefined) => OfficerLike) {
  const expected = adminToken ? Buffer.from(adminToken) : undefined;
  const names = new WeakMap<FastifyRequest, string>();
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    if (expected && given.length === expected.length && timingSafeEqual(given, expected)) {
      names.set(req, "admin-token");
      return;
    }
    let who: OfficerLike | undefined;
    try {
      who = authenticate?.(req.headers.authorization);
    } catch {
      who = undefined;
    }
    if (!who) return reply.code(401).send({ error: "Cần đăng nhập bằng tài khoản cán bộ xã." });
    if (!who.officer) return reply.code(403).send({ error: "Chỉ cán bộ xã dùng được chức năng này." });
    names.set(req, who.name ?? who.appUserId);
  };
  return { guard, officerName: (req: FastifyRequest) => names.get(req) ?? "không rõ" };
}
