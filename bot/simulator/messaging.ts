import { z } from "zod";
import type { SimContext } from "./context";
import type { Attachment } from "./events";
import { parseOutgoingMessage, UserIdSchema } from "./message-content";
import type { OutgoingContent } from "./message-content";
import { resolveAttachment } from "./uploads";
import type { Channel, ConversationItem, InboxItem, SimUser } from "./types";
import { csWindow, FREE_REPLIES, findUser, getOrCreateUser, promotionsToday, TRANSACTION_WINDOW_MS } from "./users";
import { vnDayNumber, vnHour, vnMonthKey } from "./vn-time";
import { invalidParam, Z, zaloError, zaloOk } from "./zalo-errors";
import type { ZaloBody } from "./zalo-errors";

/** OA → user messages: the sending rules of shared/zalo/oa-api.md §3 and their records. */

export const OA_DISPLAY_NAME = "Official Account (mô phỏng)";
export const OA_AVATAR = "https://s120-ava-talk.zadn.vn/sim/oa.jpg";
export const PROMOTION_DAILY_TOTAL = 1;
/** Monthly promotion allowance reported by /quota/message (package-dependent on Zalo; never binding here). */
export const PROMOTION_MONTHLY_TOTAL = 31;

export interface ReplyQuota {
  quota_type: "reply";
  remain: string;
  total: string;
}

export interface SendResult {
  message_id: string;
  user_id: string;
  quota?: ReplyQuota;
}

const SendBody = z.object({
  recipient: z.object({ user_id: UserIdSchema }),
  message: z.unknown(),
});

function formatSentTime(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().replace("T", " ").slice(0, 19);
}

/** Public URL of an image (attachment ids resolve to the upload's CDN-like URL). */
function imageUrl(ctx: SimContext, image: NonNullable<OutgoingContent["image"]>): string {
  if (image.url) return image.url;
  const rec = image.attachment_id ? ctx.state.uploads.get(image.attachment_id) : undefined;
  return rec?.url ?? "";
}

export function conversationType(content: OutgoingContent): ConversationItem["type"] {
  if (content.image && !content.template_type) return "photo";
  if (content.form || content.template_type) return "template";
  return "text";
}

function oaConversationItem(ctx: SimContext, u: SimUser, messageId: string, content: OutgoingContent, at: number): ConversationItem {
  const item: ConversationItem = {
    src: 0,
    time: at,
    sent_time: formatSentTime(at),
    from_id: ctx.opts.oaId,
    from_display_name: OA_DISPLAY_NAME,
    from_avatar: OA_AVATAR,
    to_id: u.user_id,
    to_display_name: u.display_name,
    to_avatar: u.avatar,
    message_id: messageId,
    type: conversationType(content),
    message: content.text || content.form?.title || "",
  };
  if (content.image) {
    item.url = imageUrl(ctx, content.image);
    item.thumb = item.url;
  }
  return item;
}

/** Stores a delivered OA message (inbox + conversation) and emits the oa_send_* echo if asked. */
export function deliverToUser(
  ctx: SimContext,
  u: SimUser,
  channel: Channel,
  content: OutgoingContent,
  opts: { adminId?: string; echo: boolean },
): { message_id: string; echoed?: Promise<boolean> } {
  const at = ctx.clock.now();
  const messageId = ctx.ids.next();
  const item: InboxItem = {
    message_id: messageId,
    channel,
    text: content.text,
    buttons: content.buttons.map((b) => ({ ...b })),
    at,
  };
  if (content.image) {
    item.image = content.image.attachment_id ? { attachment_id: content.image.attachment_id } : { url: content.image.url ?? "" };
  }
  if (content.form) item.form = { ...content.form };
  if (content.template_type) item.template_type = content.template_type;
  if (content.quote_message_id) item.quote_message_id = content.quote_message_id;
  if (opts.adminId) item.from_admin = opts.adminId;
  u.inbox.push(item);
  u.conversation.push(oaConversationItem(ctx, u, messageId, content, at));
  if (!opts.echo) return { message_id: messageId };

  let eventName: "oa_send_text" | "oa_send_image" | "oa_send_gif" = "oa_send_text";
  const message: { msg_id: string; text?: string; attachments?: Attachment[] } = { msg_id: messageId };
  const text = content.text || content.form?.title || "";
  if (text) message.text = text;
  if (content.image && !content.template_type) {
    eventName = content.image.media_type === "gif" ? "oa_send_gif" : "oa_send_image";
    const url = imageUrl(ctx, content.image);
    message.attachments = [{ type: content.image.media_type, payload: { url, thumbnail: url } }];
  }
  const echoed = ctx.emitter.emit(ctx.events.oaSend(u, eventName, message, opts.adminId)).firstAttempt;
  return { message_id: messageId, echoed };
}

/** POST /v3.0/oa/message/{cs,transaction,promotion}. */
export function sendUserMessage(ctx: SimContext, channel: Channel, body: unknown): ZaloBody<SendResult> {
  const parsed = SendBody.safeParse(body);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path ?? [];
    return invalidParam(path.includes("user_id") ? "user_id" : "recipient");
  }
  const contentResult = parseOutgoingMessage(parsed.data.message, channel);
  if (!contentResult.ok) return contentResult.error;
  const content = contentResult.value;
  const u = findUser(ctx, parsed.data.recipient.user_id);
  if (!u) return invalidParam("user_id");
  if (content.image?.attachment_id) {
    const att = resolveAttachment(ctx, content.image.attachment_id);
    if ("error" in att) return att;
  }
  if (content.quote_message_id && !u.conversation.some((c) => c.message_id === content.quote_message_id)) {
    return invalidParam("quote_message_id");
  }
  if (u.blocked) return zaloError(Z.USER_BLOCKED);

  const now = ctx.clock.now();
  let quota: ReplyQuota | undefined;
  if (channel === "cs") {
    const w = csWindow(ctx, u);
    if (w.state === "never") return zaloError(Z.NO_INTERACTION);
    if (w.state === "closed") return zaloError(Z.NO_INTERACTION_7D);
    if (w.state === "open_free") {
      u.free_replies_used += 1;
      quota = { quota_type: "reply", remain: String(FREE_REPLIES - u.free_replies_used), total: String(FREE_REPLIES) };
    } else if (ctx.opts.paidConsultation) {
      ctx.state.stats.paidConsultations += 1;
    } else {
      return zaloError(Z.OUT_OF_QUOTA);
    }
  } else if (channel === "transaction") {
    if (u.last_interaction_at === null || now - u.last_interaction_at > TRANSACTION_WINDOW_MS) return zaloError(Z.NO_INTERACTION);
  } else {
    if (!u.follower) return zaloError(Z.NOT_FOLLOWER);
    const hour = vnHour(now);
    if (hour < 6 || hour >= 22) return zaloError(Z.NIGHT_TIME);
    if (promotionsToday(ctx, u) >= PROMOTION_DAILY_TOTAL) return zaloError(Z.OUT_OF_QUOTA);
    const day = vnDayNumber(now);
    const month = vnMonthKey(now);
    u.promotions_by_day.set(day, (u.promotions_by_day.get(day) ?? 0) + 1);
    u.promotions_by_month.set(month, (u.promotions_by_month.get(month) ?? 0) + 1);
  }

  const { message_id } = deliverToUser(ctx, u, channel, content, { echo: ctx.opts.echoOaSends });
  ctx.state.stats.messagesSent += 1;
  ctx.state.stats.messagesByChannel[channel] += 1;
  return zaloOk({ message_id, user_id: u.user_id, ...(quota ? { quota } : {}) });
}

/** An officer answers from the OA chat tool (oa.zalo.me): always echoed, with sender.admin_id. */
export function adminReply(ctx: SimContext, userId: string, text: string, adminId: string): { message_id: string; delivered: Promise<boolean> } {
  const u = getOrCreateUser(ctx, userId);
  const r = deliverToUser(ctx, u, "cs", { text, buttons: [] }, { adminId, echo: true });
  return { message_id: r.message_id, delivered: r.echoed ?? Promise.resolve(false) };
}

/** POST /v3.0/oa/quota/message with {user_id}. */
export function messageQuota(ctx: SimContext, body: unknown): ZaloBody {
  const parsed = z.object({ user_id: UserIdSchema }).safeParse(body);
  if (!parsed.success) return invalidParam("user_id");
  const u = findUser(ctx, parsed.data.user_id);
  if (!u) return invalidParam("user_id");
  const w = csWindow(ctx, u);
  const now = ctx.clock.now();
  const monthUsed = u.promotions_by_month.get(vnMonthKey(now)) ?? 0;
  return zaloOk({
    last_interaction: u.last_interaction_at === null ? "" : String(u.last_interaction_at),
    cs_reply: { remain: w.free_remaining, total: FREE_REPLIES },
    promotion: {
      daily_remain: Math.max(0, PROMOTION_DAILY_TOTAL - promotionsToday(ctx, u)),
      daily_total: PROMOTION_DAILY_TOTAL,
      monthly_remain: Math.max(0, PROMOTION_MONTHLY_TOTAL - monthUsed),
      monthly_total: PROMOTION_MONTHLY_TOTAL,
    },
  });
}

/** GET /v2.0/oa/conversation: newest first, at most 10 per page. */
export function conversationPage(ctx: SimContext, data: unknown): ZaloBody {
  const parsed = z
    .object({
      user_id: UserIdSchema,
      offset: z.coerce.number().int().min(0).default(0),
      count: z.coerce.number().int().min(1).default(10),
    })
    .safeParse(data);
  if (!parsed.success) return invalidParam(String(parsed.error.issues[0]?.path[0] ?? "data"));
  const { user_id, offset, count } = parsed.data;
  if (count > 10) return zaloError(Z.PARAM_LIMIT);
  const u = findUser(ctx, user_id);
  if (!u) return invalidParam("user_id");
  const newestFirst = [...u.conversation].reverse();
  return zaloOk(newestFirst.slice(offset, offset + count).map((c) => ({ ...c })));
}

/** GET /v2.0/oa/listrecentchat: the latest message of each conversation, newest first. */
export function recentChats(ctx: SimContext, data: unknown): ZaloBody {
  const parsed = z
    .object({ offset: z.coerce.number().int().min(0).default(0), count: z.coerce.number().int().min(1).default(10) })
    .safeParse(data ?? {});
  if (!parsed.success) return invalidParam(String(parsed.error.issues[0]?.path[0] ?? "data"));
  const { offset, count } = parsed.data;
  if (count > 10) return zaloError(Z.PARAM_LIMIT);
  const latest: ConversationItem[] = [];
  for (const u of ctx.state.users.values()) {
    const last = u.conversation[u.conversation.length - 1];
    if (last) latest.push(last);
  }
  latest.sort((a, b) => b.time - a.time);
  return zaloOk(latest.slice(offset, offset + count).map((c) => ({ ...c })));
}
