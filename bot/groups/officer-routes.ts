import { ApiError } from "../auth/api-error";
import type { FastifyInstance, preHandlerHookHandler } from "fastify";
import { z } from "zod";
import type { CommuneConfig } from "../config/commune";
import type { GroupRegistry } from "./group-registry";
import { villageGroupsView } from "./group-view";

const query = z.strictObject({ villageId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(100).optional() });

/** Officers see each village group's state and its members against the package limit. */
export async function groupOfficerRoutes(
  app: FastifyInstance,
  d: { requireOfficer: preHandlerHookHandler; registry: GroupRegistry; commune: CommuneConfig },
): Promise<void> {
  app.addHook("preHandler", d.requireOfficer);

  app.get("/api/officer/groups", async (req, reply) => {
    const q = query.safeParse(req.query ?? {});
    if (!q.success) throw new ApiError("bad_request", "Mã thôn không hợp lệ.");
    if (q.data.villageId && !d.commune.villages.some((v) => v.id === q.data.villageId)) throw new ApiError("not_found", "Không tìm thấy thôn này.");
    return villageGroupsView(d.registry, d.commune, q.data.villageId);
  });
}
