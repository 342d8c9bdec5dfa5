import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SimContext } from "./context";
import { parseDataParam } from "./http-util";
import { UserIdSchema } from "./message-content";
import { OA_AVATAR, OA_DISPLAY_NAME } from "./messaging";
import { openapi } from "./openapi-guard";
import type { Simulator } from "./simulator";
import type { SimUser } from "./types";
import { DAY_MS, findUser, userDetail } from "./users";
import { vnDayNumber, vnMidnight } from "./vn-time";
import { invalidParam, Z, zaloError, zaloOk } from "./zalo-errors";
import type { ZaloBody } from "./zalo-errors";

/** openapi.zalo.me: users (v3.0), tags (v2.0), OA info. */

const BoolLike = z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]);

const GetListData = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).default(15),
  tag_name: z.string().min(1).optional(),
  last_interaction_period: z.string().min(1).optional(),
  is_follower: BoolLike.optional(),
});

/** A predicate for last_interaction_period (TODAY|YESTERDAY|L7D|L30D|YYYY_MM_DD:YYYY_MM_DD), or undefined if invalid. */
function periodFilter(ctx: SimContext, period: string): ((u: SimUser) => boolean) | undefined {
  const now = ctx.clock.now();
  const today = vnDayNumber(now);
  const at = (u: SimUser) => u.last_interaction_at;
  switch (period) {
    case "TODAY":
      return (u) => at(u) !== null && vnDayNumber(at(u) as number) === today;
    case "YESTERDAY":
      return (u) => at(u) !== null && vnDayNumber(at(u) as number) === today - 1;
    case "L7D":
      return (u) => at(u) !== null && (at(u) as number) >= now - 7 * DAY_MS;
    case "L30D":
      return (u) => at(u) !== null && (at(u) as number) >= now - 30 * DAY_MS;
    default: {
      const m = /^(\d{4})_(\d{2})_(\d{2}):(\d{4})_(\d{2})_(\d{2})$/.exec(period);
      if (!m) return undefined;
      const n = m.slice(1).map(Number) as [number, number, number, number, number, number];
      const from = vnMidnight(n[0], n[1], n[2]);
      const to = vnMidnight(n[3], n[4], n[5]) + DAY_MS;
      if (!(from < to)) return undefined;
      return (u) => at(u) !== null && (at(u) as number) >= from && (at(u) as number) < to;
    }
  }
}

function getList(ctx: SimContext, raw: unknown): ZaloBody {
  const p = GetListData.safeParse(raw ?? {});
  if (!p.success) return invalidParam(String(p.error.issues[0]?.path[0] ?? "data"));
  const d = p.data;
  if (d.count > 50 || d.offset > 9951) return zaloError(Z.PARAM_LIMIT);
  let users = [...ctx.state.users.values()];
  if (d.tag_name !== undefined) users = users.filter((u) => u.tags.has(d.tag_name as string));
  if (d.is_follower !== undefined) users = users.filter((u) => u.follower === d.is_follower);
  if (d.last_interaction_period !== undefined) {
    const f = periodFilter(ctx, d.last_interaction_period);
    if (!f) return invalidParam("last_interaction_period");
    users = users.filter(f);
  }
  const page = users.slice(d.offset, d.offset + d.count);
  return zaloOk({ total: users.length, count: page.length, offset: d.offset, users: page.map((u) => ({ user_id: u.user_id })) });
}

const TagBody = z.object({ user_id: UserIdSchema, tag_name: z.string().min(1).max(100) });

export async function userRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const ctx = opts.sim.ctx;
  const dataOf = (query: unknown) => parseDataParam((query as Record<string, unknown>).data);

  app.get("/v3.0/oa/user/detail", openapi(), async (req) => {
    const data = dataOf(req.query);
    if (!data.ok || data.value === undefined) return invalidParam("data");
    const p = z.object({ user_id: UserIdSchema }).safeParse(data.value);
    if (!p.success) return invalidParam("user_id");
    const u = findUser(ctx, p.data.user_id);
    if (!u) return invalidParam("user_id");
    return zaloOk(userDetail(u));
  });

  app.get("/v3.0/oa/user/getlist", openapi(), async (req) => {
    const data = dataOf(req.query);
    if (!data.ok) return invalidParam("data");
    return getList(ctx, data.value);
  });

  app.post("/v2.0/oa/tag/tagfollower", openapi(), async (req) => {
    const p = TagBody.safeParse(req.body);
    if (!p.success) return invalidParam(String(p.error.issues[0]?.path[0] ?? "user_id"));
    const u = findUser(ctx, p.data.user_id);
    if (!u) return invalidParam("user_id");
    ctx.state.tags.add(p.data.tag_name);
    u.tags.add(p.data.tag_name);
    return { error: 0, message: "Success" };
  });

  app.post("/v2.0/oa/tag/rmfollowerfromtag", openapi(), async (req) => {
    const p = TagBody.safeParse(req.body);
    if (!p.success) return invalidParam(String(p.error.issues[0]?.path[0] ?? "user_id"));
    const u = findUser(ctx, p.data.user_id);
    if (!u) return invalidParam("user_id");
    if (!ctx.state.tags.has(p.data.tag_name)) return invalidParam("tag_name");
    u.tags.delete(p.data.tag_name);
    return { error: 0, message: "Success" };
  });

  app.get("/v2.0/oa/tag/gettagsofoa", openapi(), async () => zaloOk([...ctx.state.tags]));

  app.post("/v2.0/oa/tag/rmtag", openapi(), async (req) => {
    const p = z.object({ tag_name: z.string().min(1) }).safeParse(req.body);
    if (!p.success) return invalidParam("tag_name");
    if (!ctx.state.tags.delete(p.data.tag_name)) return invalidParam("tag_name");
    for (const u of ctx.state.users.values()) u.tags.delete(p.data.tag_name);
    return { error: 0, message: "Success" };
  });

  app.get("/v2.0/oa/getoa", openapi(), async () =>
    zaloOk({
      oa_id: ctx.opts.oaId,
      name: OA_DISPLAY_NAME,
      description: "OA mô phỏng cho môi trường thử nghiệm",
      oa_alias: "",
      is_verified: true,
      oa_type: 4,
      cate_name: "Cơ quan nhà nước",
      num_follower: [...ctx.state.users.values()].filter((u) => u.follower).length,
      avatar: OA_AVATAR,
      cover: "",
      package_name: "Gói Nâng cao (mô phỏng)",
      package_valid_through_date: "",
      package_auto_renew_date: "",
      linked_zca: "",
    }),
  );
}
