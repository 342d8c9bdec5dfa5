import type { FastifyInstance } from "fastify";
import { groupConversation, groupInfo, groupMembers, groupsOfOa, sendGroupMessage } from "./groups";
import { openapi } from "./openapi-guard";
import type { Simulator } from "./simulator";

/** openapi.zalo.me: Group Message Framework. */
export async function groupRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const ctx = opts.sim.ctx;
  const q = (query: unknown) => query as Record<string, unknown>;

  app.post("/v3.0/oa/group/message", openapi("group"), async (req) => sendGroupMessage(ctx, req.body));
  app.get("/v3.0/oa/group/getgroupsofoa", openapi("group"), async (req) => groupsOfOa(ctx, req.query));
  app.get("/v3.0/oa/group/getgroup", openapi("group"), async (req) => groupInfo(ctx, q(req.query)));
  app.get("/v3.0/oa/group/listmember", openapi("group"), async (req) => groupMembers(ctx, q(req.query)));
  app.get("/v3.0/oa/group/conversation", openapi("group"), async (req) => groupConversation(ctx, q(req.query)));
}
