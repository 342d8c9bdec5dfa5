import { z } from "zod";
import type { SimContext } from "./context";
import type { Attachment } from "./events";
import { OA_AVATAR, OA_DISPLAY_NAME } from "./messaging";
import { parseOutgoingMessage } from "./message-content";
import { resolveAttachment } from "./uploads";
import type { GroupMessageItem, SimGroup } from "./types";
import { findUser, getOrCreateUser } from "./users";
import { emitGroupEvent } from "./group-events";
import { formatVnDate } from "./vn-time";
import { ControlError, invalidParam, Z, zaloError, zaloOk } from "./zalo-errors";
import type { ZaloBody } from "./zalo-errors";

/** Group Message Framework (GMF): OA-owned groups (shared/zalo/oa-api.md §4). */

const GroupIdSchema = z.union([z.string().min(1), z.number().int().nonnegative()]).transform((v) => String(v));

const MAX_MEMBERS: Record<SimGroup["asset_type"], number> = { gmf10: 10, gmf50: 50, gmf100: 100 };

export interface GroupInit {
  group_id?: string;
  name: string;
  description?: string;
  owned_by_oa: boolean;
  member_user_ids?: string[];
  status?: "enabled" | "disabled";
  asset_type?: SimGroup["asset_type"];
}

export function upsertGroup(ctx: SimContext, init: GroupInit): SimGroup {
  const id = init.group_id ?? ctx.ids.next();
  let g = ctx.state.groups.get(id);
  if (!g) {
    g = {
      group_id: id,
      name: init.name,
      description: init.description ?? "",
      avatar: `https://s120-ava-grp-talk.zadn.vn/sim/${encodeURIComponent(id)}.jpg`,
      owned_by_oa: init.owned_by_oa,
      status: init.status ?? "enabled",
      asset_type: init.asset_type ?? "gmf100",
      asset_id: `asset_${id}`,
      member_user_ids: [],
      created_at: ctx.clock.now(),
      messages: [],
    };
    ctx.state.groups.set(id, g);
  } else {
    g.name = init.name;
    g.owned_by_oa = init.owned_by_oa;
    if (init.description !== undefined) g.description = init.description;
    if (init.status !== undefined) g.status = init.status;
    if (init.asset_type !== undefined) g.asset_type = init.asset_type;
  }
  if (init.member_user_ids) {
    const members = [...new Set(init.member_user_ids)];
    if (members.length > MAX_MEMBERS[g.asset_type]) {
      throw new ControlError(400, `a ${g.asset_type} group holds at most ${MAX_MEMBERS[g.asset_type]} members`);
    }
    for (const uid of members) getOrCreateUser(ctx, uid);
    g.member_user_ids = members;
  }
  return g;
}

export function groupView(g: SimGroup) {
  return {
    group_id: g.group_id,
    name: g.name,
    description: g.description,
    owned_by_oa: g.owned_by_oa,
    status: g.status,
    asset_type: g.asset_type,
    member_user_ids: [...g.member_user_ids],
    total_member: g.member_user_ids.length,
    max_member: MAX_MEMBERS[g.asset_type],
    admin_user_ids: [...(g.admin_user_ids ?? [])],
    message_count: g.messages.length,
    created_at: g.created_at,
    deleted: g.deleted_at !== undefined,
  };
}

function groupSummary(g: SimGroup) {
  return {
    group_id: g.group_id,
    name: g.name,
    avatar: g.avatar,
    group_link: `https://zalo.me/g/sim${g.group_id.slice(-8)}`,
    group_description: g.description,
    total_member: g.member_user_ids.length,
    status: g.status,
  };
}

/** The OA's own group, or the Zalo error for it. */
function ownedGroup(ctx: SimContext, rawId: unknown): SimGroup | { error: number; message: string } {
  const parsed = GroupIdSchema.safeParse(rawId);
  if (!parsed.success) return invalidParam("group_id");
  const g = ctx.state.groups.get(parsed.data);
  if (!g || !g.owned_by_oa || g.deleted_at !== undefined) return zaloError(Z.NOT_IN_GROUP);
  return g;
}

const Paging = z.object({
  offset: z.coerce.number().int().min(0).default(0),
  count: z.coerce.number().int().min(1).max(50).default(5),
});

/** GET /v3.0/oa/group/getgroupsofoa */
export function groupsOfOa(ctx: SimContext, query: unknown): ZaloBody {
  const p = Paging.safeParse(query ?? {});
  if (!p.success) return invalidParam(String(p.error.issues[0]?.path[0] ?? "count"));
  const owned = [...ctx.state.groups.values()].filter((g) => g.owned_by_oa && g.deleted_at === undefined);
  const page = owned.slice(p.data.offset, p.data.offset + p.data.count);
  return zaloOk({ offset: p.data.offset, count: page.length, total: owned.length, groups: page.map(groupSummary) });
}

/** GET /v3.0/oa/group/getgroup */
export function groupInfo(ctx: SimContext, query: { group_id?: unknown }): ZaloBody {
  const g = ownedGroup(ctx, query.group_id);
  if ("error" in g) return g;
  const validThrough = g.created_at + 365 * 86_400_000;
  return zaloOk({
    group_info: {
      ...groupSummary(g),
      max_member: MAX_MEMBERS[g.asset_type],
      auto_delete_date: g.status === "disabled" ? formatVnDate(ctx.clock.now() + 45 * 86_400_000) : "",
    },
    asset_info: { asset_type: g.asset_type, asset_id: g.asset_id, valid_through: formatVnDate(validThrough), auto_renew: false },
    group_setting: { lock_send_msg: false, join_appr: true, enable_msg_history: true, enable_link_join: true },
  });
}

/** GET /v3.0/oa/group/listmember */
export function groupMembers(ctx: SimContext, query: { group_id?: unknown; offset?: unknown; count?: unknown }): ZaloBody {
  const g = ownedGroup(ctx, query.group_id);
  if ("error" in g) return g;
  const p = Paging.safeParse({ offset: query.offset, count: query.count });
  if (!p.success) return invalidParam(String(p.error.issues[0]?.path[0] ?? "count"));
  const all: Record<string, string>[] = [
    { oa_id: ctx.opts.oaId, name: OA_DISPLAY_NAME, avatar: OA_AVATAR },
    ...g.member_user_ids.map((uid) => {
      const u = findUser(ctx, uid);
      return { user_id: uid, name: u?.display_name ?? uid, avatar: u?.avatar ?? "" };
    }),
  ];
  const page = all.slice(p.data.offset, p.data.offset + p.data.count);
  return zaloOk({ offset: p.data.offset, count: page.length, total: all.length, members: page });
}

function groupConversationItem(ctx: SimContext, g: SimGroup, m: GroupMessageItem) {
  const u = m.from_user_id ? findUser(ctx, m.from_user_id) : undefined;
  return {
    message_id: m.message_id,
    src: m.from_oa ? 0 : 1,
    time: m.at,
    type: m.image ? "photo" : "text",
    message: m.text,
    from_id: m.from_oa ? ctx.opts.oaId : (m.from_user_id ?? ""),
    from_display_name: m.from_oa ? OA_DISPLAY_NAME : (u?.display_name ?? ""),
    to_id: g.group_id,
    ...(m.image ? { url: m.image.url ?? "" } : {}),
  };
}

/** GET /v3.0/oa/group/conversation: newest first. */
export function groupConversation(ctx: SimContext, query: { group_id?: unknown; offset?: unknown; count?: unknown }): ZaloBody {
  const g = ownedGroup(ctx, query.group_id);
  if ("error" in g) return g;
  const p = z
    .object({ offset: z.coerce.number().int().min(0).default(0), count: z.coerce.number().int().min(1).default(10) })
    .safeParse({ offset: query.offset, count: query.count });
  if (!p.success) return invalidParam(String(p.error.issues[0]?.path[0] ?? "count"));
  if (p.data.count > 50) return zaloError(Z.PARAM_LIMIT);
  const newest = [...g.messages].reverse().slice(p.data.offset, p.data.offset + p.data.count);
  return zaloOk(newest.map((m) => groupConversationItem(ctx, g, m)));
}

const GroupSendBody = z.object({ recipient: z.object({ group_id: GroupIdSchema }), message: z.unknown() });

/** POST /v3.0/oa/group/message */
export function sendGroupMessage(ctx: SimContext, body: unknown): ZaloBody<{ message_id: string; group_id: string }> {
  const parsed = GroupSendBody.safeParse(body);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path ?? [];
    return invalidParam(path.includes("group_id") ? "group_id" : "recipient");
  }
  const content = parseOutgoingMessage(parsed.data.message, "group");
  if (!content.ok) return content.error;
  const g = ctx.state.groups.get(parsed.data.recipient.group_id);
  // A dissolved group is answered like one the OA is not in (Zalo documents no separate code for it).
  if (!g || !g.owned_by_oa || g.deleted_at !== undefined) return zaloError(Z.NOT_IN_GROUP);
  if (g.status === "disabled") return zaloError(Z.GROUP_DISABLED);
  const c = content.value;
  let url: string | undefined = c.image?.url;
  if (c.image?.attachment_id) {
    const att = resolveAttachment(ctx, c.image.attachment_id);
    if ("error" in att) return att;
    url = att.url;
  }
  const messageId = ctx.ids.next();
  const item: GroupMessageItem = {
    message_id: messageId,
    channel: "group",
    text: c.text,
    buttons: [],
    from_oa: true,
    at: ctx.clock.now(),
  };
  if (c.image) item.image = c.image.attachment_id ? { attachment_id: c.image.attachment_id } : { url: c.image.url ?? "" };
  g.messages.push(item);
  ctx.state.stats.messagesSent += 1;
  ctx.state.stats.messagesByChannel.group += 1;
  if (ctx.opts.echoOaSends) {
    const message: { msg_id: string; text?: string; attachments?: Attachment[] } = { msg_id: messageId };
    if (c.text) message.text = c.text;
    let eventName = "oa_send_group_text";
    if (c.image) {
      eventName = c.image.media_type === "gif" ? "oa_send_group_gif" : "oa_send_group_image";
      message.attachments = [{ type: c.image.media_type, payload: { url: url ?? "", thumbnail: url ?? "" } }];
    }
    void ctx.emitter.emit(ctx.events.oaGroupMessage(g.group_id, eventName, message));
  }
  return zaloOk({ message_id: messageId, group_id: g.group_id });
}

export function requireGroup(ctx: SimContext, groupId: string): SimGroup {
  const g = ctx.state.groups.get(groupId);
  if (!g) throw new ControlError(404, `group ${groupId} does not exist (create it with POST /api/groups)`);
  return g;
}

function requireLiveGroup(ctx: SimContext, groupId: string): SimGroup {
  const g = requireGroup(ctx, groupId);
  if (g.deleted_at !== undefined) throw new ControlError(409, `group ${groupId} was deleted`);
  return g;
}

/** The OA creates a group (creategroupwithoa): the group exists and create_group is sent. */
export async function createGroupWithOa(ctx: SimContext, init: Omit<GroupInit, "owned_by_oa">): Promise<{ group: SimGroup; delivered: boolean | null }> {
  if (init.group_id && ctx.state.groups.has(init.group_id)) throw new ControlError(409, `group ${init.group_id} already exists`);
  const g = upsertGroup(ctx, { ...init, owned_by_oa: true });
  return { group: g, delivered: await emitGroupEvent(ctx, g, "create_group") };
}

/** The group is dissolved (by an admin, or 45 days after its package lapsed): delete_group. */
export async function deleteGroup(ctx: SimContext, groupId: string): Promise<{ delivered: boolean | null }> {
  const g = requireLiveGroup(ctx, groupId);
  g.deleted_at = ctx.clock.now();
  return { delivered: await emitGroupEvent(ctx, g, "delete_group") };
}

/** An admin renames the group: update_group_info (the body names no name; getgroup has the new one). */
export async function renameGroup(ctx: SimContext, groupId: string, name: string, description?: string): Promise<{ delivered: boolean | null }> {
  const g = requireLiveGroup(ctx, groupId);
  g.name = name;
  if (description !== undefined) g.description = description;
  return { delivered: await emitGroupEvent(ctx, g, "update_group_info") };
}

/** Members become or stop being the group's deputies: add_group_admin / remove_group_admin. */
export async function changeAdmins(ctx: SimContext, groupId: string, userIds: string[], action: "add" | "remove"): Promise<{ admins: string[]; delivered: boolean | null }> {
  const g = requireLiveGroup(ctx, groupId);
  const admins = new Set(g.admin_user_ids ?? []);
  const changed: string[] = [];
  for (const uid of userIds) {
    if (action === "add" && !admins.has(uid)) {
      if (!g.member_user_ids.includes(uid)) throw new ControlError(400, `user ${uid} is not a member of group ${groupId}`);
      admins.add(uid);
      changed.push(uid);
    } else if (action === "remove" && admins.delete(uid)) {
      changed.push(uid);
    }
  }
  g.admin_user_ids = [...admins];
  if (changed.length === 0) return { admins: g.admin_user_ids, delivered: null };
  return { admins: g.admin_user_ids, delivered: await emitGroupEvent(ctx, g, action === "add" ? "add_group_admin" : "remove_group_admin", changed) };
}

/** A member posts text in a group: user_send_group_text (only OA-owned groups reach the OA's webhook). */
export async function memberPostsText(
  ctx: SimContext,
  groupId: string,
  userId: string,
  text: string,
): Promise<{ msg_id: string; delivered: boolean; emitted: boolean }> {
  const g = requireLiveGroup(ctx, groupId);
  if (!g.member_user_ids.includes(userId)) throw new ControlError(400, `user ${userId} is not a member of group ${groupId}`);
  const u = getOrCreateUser(ctx, userId);
  const msgId = ctx.ids.next();
  g.messages.push({ message_id: msgId, channel: "group", text, buttons: [], from_user_id: userId, from_oa: false, at: ctx.clock.now() });
  if (!g.owned_by_oa) return { msg_id: msgId, delivered: false, emitted: false };
  const delivered = await ctx.emitter.emit(ctx.events.userGroupMessage(u, g.group_id, "user_send_group_text", { msg_id: msgId, text }))
    .firstAttempt;
  return { msg_id: msgId, delivered, emitted: true };
}

/** A user joins or leaves: user_join_group / user_out_group for OA-owned groups. */
export async function changeMembership(
  ctx: SimContext,
  groupId: string,
  userIds: string[],
  action: "join" | "leave",
): Promise<{ members: string[]; delivered: boolean | null }> {
  const g = requireLiveGroup(ctx, groupId);
  const changed: string[] = [];
  for (const uid of userIds) {
    getOrCreateUser(ctx, uid);
    const idx = g.member_user_ids.indexOf(uid);
    if (action === "join" && idx < 0) {
      if (g.member_user_ids.length >= MAX_MEMBERS[g.asset_type]) {
        throw new ControlError(400, `group ${groupId} is full (${MAX_MEMBERS[g.asset_type]} members, ${g.asset_type})`);
      }
      g.member_user_ids.push(uid);
      changed.push(uid);
    } else if (action === "leave" && idx >= 0) {
      g.member_user_ids.splice(idx, 1);
      if (g.admin_user_ids) g.admin_user_ids = g.admin_user_ids.filter((a) => a !== uid);
      changed.push(uid);
    }
  }
  if (changed.length === 0) return { members: [...g.member_user_ids], delivered: null };
  const delivered = await emitGroupEvent(ctx, g, action === "join" ? "user_join_group" : "user_out_group", changed);
  return { members: [...g.member_user_ids], delivered };
}
