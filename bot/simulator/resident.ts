import type { SimContext } from "./context";
import type { Attachment, UserMessageEvent } from "./events";
import type { ConversationItem, InboxItem, SimUser, SubmittedInfo } from "./types";
import { getOrCreateUser, recordInteraction } from "./users";
import { OA_AVATAR, OA_DISPLAY_NAME } from "./messaging";
import { ControlError } from "./zalo-errors";

/** What a simulated resident does in the Zalo app, turned into webhooks to the bot. */

export interface SendOutcome {
  msg_id: string;
  /** The first delivery attempt was answered 2xx in time (retries are not waited for). */
  delivered: boolean;
}

function userConversationItem(
  ctx: SimContext,
  u: SimUser,
  msgId: string,
  type: ConversationItem["type"],
  message: string,
  extra: Partial<ConversationItem> = {},
): ConversationItem {
  const at = ctx.clock.now();
  return {
    src: 1,
    time: at,
    sent_time: new Date(at + 7 * 3600_000).toISOString().replace("T", " ").slice(0, 19),
    from_id: u.user_id,
    from_display_name: u.display_name,
    from_avatar: u.avatar,
    to_id: ctx.opts.oaId,
    to_display_name: OA_DISPLAY_NAME,
    to_avatar: OA_AVATAR,
    message_id: msgId,
    type,
    message,
    ...extra,
  };
}

/** The user types a message (or a query button sends one for them). */
export async function userSendsText(
  ctx: SimContext,
  userId: string,
  text: string,
  opts: { quote_msg_id?: string; hiddenInChat?: boolean } = {},
): Promise<SendOutcome> {
  const u = getOrCreateUser(ctx, userId);
  recordInteraction(ctx, u);
  u.has_chatted = true;
  const msgId = ctx.ids.next();
  if (!opts.hiddenInChat) u.conversation.push(userConversationItem(ctx, u, msgId, "text", text));
  const message: { msg_id: string; text: string; quote_msg_id?: string } = { text, msg_id: msgId };
  if (opts.quote_msg_id) message.quote_msg_id = opts.quote_msg_id;
  const delivered = await ctx.emitter.emit(ctx.events.userMessage(u, "user_send_text", message)).firstAttempt;
  return { msg_id: msgId, delivered };
}

export type UserAttachmentInput =
  | { kind: "image"; url: string; thumbnail?: string; text?: string }
  | { kind: "gif"; url: string; thumbnail?: string }
  | { kind: "location"; latitude: string | number; longitude: string | number }
  | { kind: "sticker"; id: string; url?: string }
  | { kind: "link"; url: string; description?: string; thumbnail?: string }
  | { kind: "file"; url: string; name: string; size?: number; type?: string; checksum?: string }
  | { kind: "audio"; url: string }
  | { kind: "video"; url: string; thumbnail?: string; description?: string };

/** The user sends an attachment: user_send_image / _location / _sticker / _link / _file / ... */
export async function userSendsAttachment(ctx: SimContext, userId: string, input: UserAttachmentInput): Promise<SendOutcome> {
  const u = getOrCreateUser(ctx, userId);
  recordInteraction(ctx, u);
  u.has_chatted = true;
  const msgId = ctx.ids.next();
  let payload: Record<string, unknown>;
  let conv: ConversationItem;
  let text: string | undefined;
  switch (input.kind) {
    case "image":
    case "gif":
      payload = { thumbnail: input.thumbnail ?? input.url, url: input.url };
      text = input.kind === "image" ? input.text : undefined;
      conv = userConversationItem(ctx, u, msgId, "photo", text ?? "", { url: input.url, thumb: input.thumbnail ?? input.url });
      break;
    case "location": {
      const coordinates = { latitude: String(input.latitude), longitude: String(input.longitude) };
      payload = { coordinates };
      conv = userConversationItem(ctx, u, msgId, "location", "", { location: JSON.stringify(coordinates) });
      break;
    }
    case "sticker":
      payload = { id: input.id, url: input.url ?? `https://sim-sticker.zdn.vn/${encodeURIComponent(input.id)}.png` };
      conv = userConversationItem(ctx, u, msgId, "sticker", "", { url: String(payload.url) });
      break;
    case "link":
      payload = { url: input.url, description: input.description ?? "", thumbnail: input.thumbnail ?? "" };
      conv = userConversationItem(ctx, u, msgId, "link", input.url, { url: input.url });
      break;
    case "file":
      payload = {
        size: String(input.size ?? 0),
        name: input.name,
        checksum: input.checksum ?? "",
        type: input.type ?? (input.name.split(".").pop() ?? ""),
        url: input.url,
      };
      conv = userConversationItem(ctx, u, msgId, "file", input.name, { url: input.url });
      break;
    case "audio":
      payload = { url: input.url };
      conv = userConversationItem(ctx, u, msgId, "file", "", { url: input.url });
      break;
    case "video":
      payload = { url: input.url, thumbnail: input.thumbnail ?? "", description: input.description ?? "" };
      conv = userConversationItem(ctx, u, msgId, "file", "", { url: input.url });
      break;
  }
  u.conversation.push(conv);
  const attachments: Attachment[] = [{ type: input.kind, payload }];
  const message: { msg_id: string; text?: string; attachments: Attachment[] } = { msg_id: msgId, attachments };
  if (text) message.text = text;
  const eventName = `user_send_${input.kind}` as UserMessageEvent;
  const delivered = await ctx.emitter.emit(ctx.events.userMessage(u, eventName, message)).firstAttempt;
  return { msg_id: msgId, delivered };
}

export interface StateChangeOutcome {
  /** Whether Zalo would send an event for this action (e.g. no follow event for a follower). */
  emitted: boolean;
  delivered: boolean | null;
}

export async function follow(ctx: SimContext, userId: string, source = "oa_profile"): Promise<StateChangeOutcome> {
  const u = getOrCreateUser(ctx, userId);
  recordInteraction(ctx, u);
  if (u.follower) return { emitted: false, delivered: null };
  u.follower = true;
  const delivered = await ctx.emitter.emit(ctx.events.follow(u, "follow", source)).firstAttempt;
  return { emitted: true, delivered };
}

export async function unfollow(ctx: SimContext, userId: string, source = "oa_profile"): Promise<StateChangeOutcome> {
  const u = getOrCreateUser(ctx, userId);
  if (!u.follower) return { emitted: false, delivered: null };
  u.follower = false;
  const delivered = await ctx.emitter.emit(ctx.events.follow(u, "unfollow", source)).firstAttempt;
  return { emitted: true, delivered };
}

/** user_click_chatnow: sent once per user, and only to users who never chatted with the OA. */
export async function clickChatNow(ctx: SimContext, userId: string): Promise<StateChangeOutcome> {
  const u = getOrCreateUser(ctx, userId);
  if (u.chatnow_sent || u.has_chatted) return { emitted: false, delivered: null };
  u.chatnow_sent = true;
  recordInteraction(ctx, u);
  const delivered = await ctx.emitter.emit(ctx.events.chatNow(u)).firstAttempt;
  return { emitted: true, delivered };
}

function phoneValue(phone: string | number | undefined): string | number {
  if (phone === undefined) return "";
  if (typeof phone === "number") return phone;
  const digits = phone.replace(/[\s.-]/g, "");
  if (!/^\+?\d{8,15}$/.test(digits)) return phone;
  const intl = digits.startsWith("+") ? digits.slice(1) : digits.startsWith("0") ? `84${digits.slice(1)}` : digits;
  const n = Number(intl);
  return Number.isSafeInteger(n) ? n : intl;
}

/** user_submit_info: the answer to a request_user_info form (phone is a number, as in Zalo's example). */
export async function submitInfo(ctx: SimContext, userId: string, info: SubmittedInfo & Record<string, unknown>): Promise<StateChangeOutcome> {
  const u = getOrCreateUser(ctx, userId);
  recordInteraction(ctx, u);
  u.shared_info = { ...u.shared_info, ...info };
  const body = {
    address: info.address ?? "",
    phone: phoneValue(info.phone),
    city: info.city ?? "",
    district: info.district ?? "",
    name: info.name ?? "",
    ward: info.ward ?? "",
  };
  const delivered = await ctx.emitter.emit(ctx.events.submitInfo(u, body)).firstAttempt;
  return { emitted: true, delivered };
}

export async function withdraw(ctx: SimContext, userId: string): Promise<StateChangeOutcome> {
  const u = getOrCreateUser(ctx, userId);
  const delivered = await ctx.emitter.emit(ctx.events.withdraw(u)).firstAttempt;
  return { emitted: true, delivered };
}

export function setBlocked(ctx: SimContext, userId: string, blocked: boolean): void {
  getOrCreateUser(ctx, userId).blocked = blocked;
}

function findInboxMessage(u: SimUser, messageId: string | undefined): InboxItem | undefined {
  if (messageId) return u.inbox.find((m) => m.message_id === messageId);
  for (let i = u.inbox.length - 1; i >= 0; i -= 1) {
    const m = u.inbox[i];
    if (m && m.buttons.length > 0) return m;
  }
  return undefined;
}

export type TapOutcome =
  | ({ action: "sent_text"; text: string; button: InboxItem["buttons"][number] } & SendOutcome)
  | { action: "open_url"; url: string; button: InboxItem["buttons"][number] }
  | { action: "call"; phone_code: string; button: InboxItem["buttons"][number] }
  | { action: "sms"; phone_code: string; content: string; button: InboxItem["buttons"][number] };

/** The user taps a button of a message in their inbox. */
export async function tapButton(ctx: SimContext, userId: string, messageId: string | undefined, index: number): Promise<TapOutcome> {
  const u = ctx.state.users.get(userId);
  if (!u) throw new ControlError(404, `user ${userId} does not exist`);
  const m = findInboxMessage(u, messageId);
  if (!m) {
    throw new ControlError(404, messageId ? `message ${messageId} is not in ${userId}'s inbox` : `${userId}'s inbox has no message with buttons`);
  }
  const button = m.buttons[index];
  if (!button) throw new ControlError(400, `message ${m.message_id} has ${m.buttons.length} button(s); index ${index} is out of range`);
  const p = button.payload as Record<string, string> | string;
  switch (button.type) {
    case "oa.query.show":
    case "oa.query.hide": {
      const text = String(p);
      const r = await userSendsText(ctx, userId, text, { hiddenInChat: button.type === "oa.query.hide" });
      return { action: "sent_text", text, button, ...r };
    }
    case "oa.open.url":
      return { action: "open_url", url: typeof p === "string" ? p : (p.url ?? ""), button };
    case "oa.open.phone":
      return { action: "call", phone_code: typeof p === "string" ? p : (p.phone_code ?? ""), button };
    default:
      return {
        action: "sms",
        phone_code: typeof p === "string" ? p : (p.phone_code ?? ""),
        content: typeof p === "string" ? "" : (p.content ?? ""),
        button,
      };
  }
}

/** user_seen_message for the given (default: all) inbox messages. */
export async function markSeen(ctx: SimContext, userId: string, messageIds?: string[]): Promise<{ msg_ids: string[]; delivered: boolean }> {
  const u = ctx.state.users.get(userId);
  if (!u) throw new ControlError(404, `user ${userId} does not exist`);
  const ids = messageIds && messageIds.length > 0 ? messageIds : u.inbox.map((m) => m.message_id);
  if (ids.length === 0) throw new ControlError(400, `${userId}'s inbox is empty`);
  const delivered = await ctx.emitter.emit(ctx.events.seen(u, ids)).firstAttempt;
  return { msg_ids: ids, delivered };
}

/** user_received_message for one (default: the latest) inbox message. */
export async function markReceived(ctx: SimContext, userId: string, messageId?: string): Promise<{ msg_id: string; delivered: boolean }> {
  const u = ctx.state.users.get(userId);
  if (!u) throw new ControlError(404, `user ${userId} does not exist`);
  const id = messageId ?? u.inbox[u.inbox.length - 1]?.message_id;
  if (!id) throw new ControlError(400, `${userId}'s inbox is empty`);
  const delivered = await ctx.emitter.emit(ctx.events.received(u, id)).firstAttempt;
  return { msg_id: id, delivered };
}

export async function react(ctx: SimContext, userId: string, messageId: string, icon: string): Promise<{ delivered: boolean }> {
  const u = ctx.state.users.get(userId);
  if (!u) throw new ControlError(404, `user ${userId} does not exist`);
  const delivered = await ctx.emitter.emit(ctx.events.reacted(u, messageId, icon)).firstAttempt;
  return { delivered };
}
