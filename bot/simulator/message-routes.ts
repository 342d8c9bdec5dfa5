import type { FastifyInstance } from "fastify";
import { sendToAnonymous } from "./anonymous";
import { parseDataParam } from "./http-util";
import { conversationPage, messageQuota, recentChats, sendUserMessage } from "./messaging";
import { openapi } from "./openapi-guard";
import type { Simulator } from "./simulator";
import { invalidParam } from "./zalo-errors";

/** openapi.zalo.me: 1:1 messages, quota, conversations. */
export async function messageRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const ctx = opts.sim.ctx;

  for (const channel of ["cs", "transaction", "promotion"] as const) {
    app.post(`/v3.0/oa/message/${channel}`, openapi("message"), async (req) => sendUserMessage(ctx, channel, req.body));
  }

  // The v2 send API is shut down (-240) except for anonymous chats (broadcast, also kept, is not modelled).
  app.post("/v2.0/oa/message", openapi("message"), async (req) => sendToAnonymous(ctx, req.body));

  app.post("/v3.0/oa/quota/message", openapi(), async (req) => messageQuota(ctx, req.body));

  app.get("/v2.0/oa/conversation", openapi(), async (req) => {
    const data = parseDataParam((req.query as Record<string, unknown>).data);
    if (!data.ok || data.value === undefined) return invalidParam("data");
    return conversationPage(ctx, data.value);
  });

  app.get("/v2.0/oa/listrecentchat", openapi(), async (req) => {
    const data = parseDataParam((req.query as Record<string, unknown>).data);
    if (!data.ok) return invalidParam("data");
    return recentChats(ctx, data.value);
  });
}
