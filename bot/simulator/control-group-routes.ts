import type { FastifyInstance } from "fastify";
import { GroupParams, GroupTextBody, MembershipBody, UpsertGroupBody } from "./control-schemas";
import { parseControl } from "./http-util";
import type { Simulator } from "./simulator";
import { ControlError } from "./zalo-errors";

/** Control API: groups (OA-owned GMF groups and personal groups the OA cannot reach). */
export async function controlGroupRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;
  const gid = (params: unknown) => parseControl(GroupParams, params, "group id").groupId;

  app.get("/api/groups", async () => sim.groups());

  app.post("/api/groups", async (req) => {
    const b = parseControl(UpsertGroupBody, req.body, "group");
    return sim.upsertGroup({
      name: b.name,
      owned_by_oa: b.owned_by_oa,
      ...(b.group_id !== undefined ? { group_id: b.group_id } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.member_user_ids !== undefined ? { member_user_ids: b.member_user_ids } : {}),
      ...(b.status !== undefined ? { status: b.status } : {}),
      ...(b.asset_type !== undefined ? { asset_type: b.asset_type } : {}),
    });
  });

  app.get("/api/groups/:groupId", async (req) => {
    const id = gid(req.params);
    const g = sim.groups().find((x) => x.group_id === id);
    if (!g) throw new ControlError(404, `group ${id} does not exist`);
    return g;
  });

  app.get("/api/groups/:groupId/messages", async (req) => sim.groupMessages(gid(req.params)));

  app.post("/api/groups/:groupId/text", async (req) => {
    const b = parseControl(GroupTextBody, req.body, "group text");
    return sim.groupPost(gid(req.params), b.user_id, b.text);
  });

  for (const action of ["join", "leave"] as const) {
    app.post(`/api/groups/:groupId/${action}`, async (req) => {
      const b = parseControl(MembershipBody, req.body, `${action} body`);
      const ids = b.user_ids ?? (b.user_id ? [b.user_id] : []);
      return sim.groupMembership(gid(req.params), ids, action);
    });
  }
}
