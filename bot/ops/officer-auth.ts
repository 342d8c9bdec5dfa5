import { timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Officers' API guard for machine access: `Authorization: Bearer <ADMIN_TOKEN>`. Without an
 * ADMIN_TOKEN the officers' API refuses every request (never open by default).
 */
export function bearerOfficerGuard(adminToken: string | undefined) {
  const expected = adminToken ? Buffer.from(adminToken) : undefined;
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const header = req.headers.authorization ?? "";
    const given = Buffer.from(header.startsWith("Bearer ") ? header.slice(7) : "");
    if (!expected || given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).send({ error: "Cần đăng nhập bằng tài khoản cán bộ xã." });
    }
  };
}
