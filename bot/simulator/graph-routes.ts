import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { applyFault, header } from "./http-util";
import type { Simulator } from "./simulator";
import { appSecretProof } from "./signing";
import { miniAppTokenUser } from "./tokens";
import { findUser } from "./users";

/** graph.zalo.me: Social API /v2.0/me (mini-app user verification) and /v2.0/me/info (phone token). */

export const GRAPH_SESSION_INVALID = {
  error: 452,
  message: "Session key invalid. This could be because the session key has an incorrect format, or because the user has revoked this session",
};
export const GRAPH_INVALID_PROOF = { error: -242, message: "Invalid appsecret_proof provided in the API argument" };

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function graphRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;
  const ctx = sim.ctx;

  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    if ((err.statusCode ?? 500) >= 500) req.log.error(err);
    return reply.code(200).send({ error: 100, message: `Invalid parameter: ${err.message}` });
  });

  app.get("/v2.0/me", async (req, reply) => {
    if (await applyFault(sim, "other", "graph", reply)) return reply;
    const token = header(req, "access_token");
    const userId = miniAppTokenUser(ctx, token);
    const u = userId ? findUser(ctx, userId) : undefined;
    if (!token || !u) return GRAPH_SESSION_INVALID;
    const proof = header(req, "appsecret_proof");
    if (!proof || !sameHex(proof, appSecretProof(ctx.opts.appSecret, token))) return GRAPH_INVALID_PROOF;
    const raw = (req.query as Record<string, unknown>).fields;
    const fields = new Set((typeof raw === "string" ? raw : "id,name").split(",").map((f) => f.trim()));
    return {
      error: 0,
      message: "Success",
      id: u.user_id_by_app,
      ...(fields.has("name") ? { name: u.display_name } : {}),
      ...(fields.has("picture") ? { picture: { data: { url: u.avatar } } } : {}),
      is_sensitive: false,
    };
  });

  app.get("/v2.0/me/info", async (req, reply) => {
    if (await applyFault(sim, "other", "graph", reply)) return reply;
    const token = header(req, "access_token");
    const userId = miniAppTokenUser(ctx, token);
    if (!token || !userId) return GRAPH_SESSION_INVALID;
    if (header(req, "secret_key") !== ctx.opts.appSecret) return { error: 100, message: "Invalid parameter: secret_key" };
    const code = header(req, "code");
    const rec = code ? ctx.state.phoneCodes.get(code) : undefined;
    if (!rec || rec.user_id !== userId || rec.used_at !== null || ctx.clock.now() >= rec.expires_at) {
      return { error: 100, message: "Invalid parameter: code is invalid or expired" };
    }
    rec.used_at = ctx.clock.now();
    return { data: { number: rec.phone }, error: 0, message: "Success" };
  });
}
