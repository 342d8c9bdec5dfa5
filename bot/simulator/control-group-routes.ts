import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { GroupParams, GroupTextBody, IdParam, MembershipBody, UpsertGroupBody } from "./control-schemas";
import { changeAdmins, changeMembership, createGroupWithOa, deleteGroup, groupView, renameGroup } from "./groups";
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

  // --- the group changing under the OA: each sends the documented lifecycle event (group-events.ts)

  /** The OA creates a group (creategroupwithoa): create_group. */
  app.post("/api/groups/create", async (req) => {
    const b = parseControl(CreateGroupBody, req.body, "group");
    const r = await createGroupWithOa(sim.ctx, {
      name: b.name,
      ...(b.group_id !== undefined ? { group_id: b.group_id } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.member_user_ids !== undefined ? { member_user_ids: b.member_user_ids } : {}),
      ...(b.asset_type !== undefined ? { asset_type: b.asset_type } : {}),
    });
    return { ...groupView(r.group), delivered: r.delivered };
  });

  /** The group is dissolved: delete_group; then getgroupsofoa leaves it out, getgroup and posts get -403. */
  app.post("/api/groups/:groupId/delete", async (req) => deleteGroup(sim.ctx, gid(req.params)));

  /** An admin renames it: update_group_info (no name in the body); getgroup gives the new name. */
  app.post("/api/groups/:groupId/rename", async (req) => {
    const b = parseControl(RenameBody, req.body, "rename body");
    return renameGroup(sim.ctx, gid(req.params), b.name, b.description);
  });

  /** An admin removes members: user_out_group, as when they leave. */
  app.post("/api/groups/:groupId/remove", async (req) => {
    const b = parseControl(MembershipBody, req.body, "remove body");
    return changeMembership(sim.ctx, gid(req.params), b.user_ids ?? (b.user_id ? [b.user_id] : []), "leave");
  });

  /** Members made or unmade deputies: add_group_admin / remove_group_admin. */
  app.post("/api/groups/:groupId/admins", async (req) => {
    const b = parseControl(AdminsBody, req.body, "admins body");
    return changeAdmins(sim.ctx, gid(req.params), b.user_ids, b.action);
  });
}

const CreateGroupBody = z.strictObject({
  group_id: IdParam.optional(),
  name: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  member_user_ids: z.array(IdParam).optional(),
  asset_type: z.enum(["gmf10", "gmf50", "gmf100"]).optional(),
});
const RenameBody = z.strictObject({ name: z.string().min(1).max(100), description: z.string().max(500).optional() });
const AdminsBody = z.strictObject({ user_ids: z.array(IdParam).min(1), action: z.enum(["add", "remove"]) });
