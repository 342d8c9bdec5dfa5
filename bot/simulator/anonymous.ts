import { createHash } from "node:crypto";
import { z } from "zod";
import type { SimContext } from "./context";
import type { AnonymousEventName, Attachment } from "./events";
import { appScopedUserId } from "./ids";
import type { AnonymousMessageItem, SimAnonymousChat } from "./types";
import { invalidParam, zaloError, zaloOk } from "./zalo-errors";
import type { ZaloBody } from "./zalo-errors";
import type { WebhookBody } from "./webhook-emitter";

/**
 * Anonymous chats: a person writes to the OA without revealing their Zalo identity. Sources (read
 * 2026-11-30, developers.zalo.me/docs/official-account/...):
 * - webhook/tin-nhan/su-kien-nguoi-dung-an-danh-gui-tin-nhan: anonymous_send_{text,image,file,sticker};
 * - webhook/tin-nhan/su-kien-official-account-gui-tin-nhan-cho-nguoi-dung-an-danh: oa_send_anonymous_*;
 * - tin-nhan/cac-loai-tin-khac/gui-tin-nhan-van-ban-den-nguoi-dung-an-danh: `POST /v2.0/oa/message` with
 *   `recipient: {anonymous_id, conversation_id}` and `message: {text ≤ 2000}`, answering
 *   `data: {message_id, anonymous_id, conversation_id}`.
 * Not documented, chosen here: an unknown anonymous_id or a conversation_id that is not that person's
 * gives -201 "<field> is invalid"; no messaging window is enforced; image/file/sticker sends to an
 * anonymous person (their own pages) are not reproduced: -201 "text is invalid".
 */

export type AnonymousKind = "text" | "image" | "sticker" | "file";

/** A stable conversation id per person, 20 hex digits like the documented "fa8f3f8701c2e89cb1d3". */
export function conversationIdFor(ctx: SimContext, anonId: string): string {
  return createHash("sha256").update(`conversation:${ctx.opts.oaId}:${anonId}`).digest("hex").slice(0, 20);
}

function chatFor(ctx: SimContext, anonId: string): SimAnonymousChat {
  let chat = ctx.state.anonymous.get(anonId);
  if (!chat) {
    chat = { anonymous_id: anonId, conversation_id: conversationIdFor(ctx, anonId), messages: [] };
    ctx.state.anonymous.set(anonId, chat);
  }
  return chat;
}

export interface AnonymousContent {
  text?: string;
  attachments?: Attachment[];
}

export interface AnonymousSendOptions {
  /** user_id_by_app of the event: absent from the body when `null`; a derived id when undefined (as in the documented example). */
  userIdByApp?: string | null;
  /** Changes the documented body before it is signed (the control API's `fields`/`omit`). */
  shape?: (body: WebhookBody) => WebhookBody;
}

function userIdByAppFor(ctx: SimContext, anonId: string, o: AnonymousSendOptions): string | undefined {
  if (o.userIdByApp === null) return undefined;
  return o.userIdByApp ?? appScopedUserId(ctx.opts.appId, `anonymous:${anonId}`);
}

function record(chat: SimAnonymousChat, item: AnonymousMessageItem): void {
  chat.messages.push(item);
}

/** The person writes (anonymous_send_<kind>); the conversation starts with their first message. */
export async function personSends(
  ctx: SimContext,
  anonId: string,
  kind: AnonymousKind,
  content: AnonymousContent,
  o: AnonymousSendOptions = {},
): Promise<{ msg_id: string; conversation_id: string; delivered: boolean }> {
  const chat = chatFor(ctx, anonId);
  const msgId = ctx.ids.next();
  const eventName = `anonymous_send_${kind}` as AnonymousEventName;
  record(chat, { message_id: msgId, from_oa: false, event_name: eventName, ...content, at: ctx.clock.now() });
  const body = ctx.events.anonymousMessage(anonId, chat.conversation_id, eventName, { msg_id: msgId, ...content }, userIdByAppFor(ctx, anonId, o));
  const delivered = await ctx.emitter.emit(o.shape ? o.shape(body) : body).firstAttempt;
  return { msg_id: msgId, conversation_id: chat.conversation_id, delivered };
}

/** The OA writes to the person (an officer in the OA chat tool, or the API): stored, echoed as oa_send_anonymous_<kind>. */
function oaSends(
  ctx: SimContext,
  chat: SimAnonymousChat,
  kind: AnonymousKind,
  content: AnonymousContent,
  o: AnonymousSendOptions & { viaApi: boolean; echo: boolean },
): { message_id: string; echoed: Promise<boolean> | undefined } {
  const messageId = ctx.ids.next();
  const eventName = `oa_send_anonymous_${kind}` as AnonymousEventName;
  record(chat, { message_id: messageId, from_oa: true, event_name: eventName, ...content, via_api: o.viaApi, at: ctx.clock.now() });
  if (!o.echo) return { message_id: messageId, echoed: undefined };
  const body = ctx.events.anonymousMessage(chat.anonymous_id, chat.conversation_id, eventName, { msg_id: messageId, ...content }, userIdByAppFor(ctx, chat.anonymous_id, o));
  return { message_id: messageId, echoed: ctx.emitter.emit(o.shape ? o.shape(body) : body).firstAttempt };
}

/** An officer answers the person from the OA chat tool: always echoed (oa_send_anonymous_<kind>). */
export async function officerSends(
  ctx: SimContext,
  anonId: string,
  kind: AnonymousKind,
  content: AnonymousContent,
  o: AnonymousSendOptions = {},
): Promise<{ message_id: string; conversation_id: string; delivered: boolean }> {
  const chat = chatFor(ctx, anonId);
  const r = oaSends(ctx, chat, kind, content, { ...o, viaApi: false, echo: true });
  return { message_id: r.message_id, conversation_id: chat.conversation_id, delivered: (await r.echoed) ?? false };
}

const AnonymousSendBody = z.object({
  recipient: z.object({ anonymous_id: z.string().min(1), conversation_id: z.string().min(1) }),
  message: z.object({ text: z.string().min(1).max(2000) }),
});

/**
 * POST /v2.0/oa/message. Only anonymous recipients are served: any other v2 send is shut down (-240,
 * "MessageV2 API has been shut down", phu-luc/ma-loi).
 */
export function sendToAnonymous(ctx: SimContext, body: unknown): ZaloBody {
  const recipient = (body as { recipient?: Record<string, unknown> } | null)?.recipient;
  if (!recipient || typeof recipient !== "object" || !("anonymous_id" in recipient)) return zaloError(-240);
  const parsed = AnonymousSendBody.safeParse(body);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path ?? [];
    return invalidParam(String(path[path.length - 1] ?? "body"));
  }
  const { anonymous_id, conversation_id } = parsed.data.recipient;
  const chat = ctx.state.anonymous.get(anonymous_id);
  if (!chat) return invalidParam("anonymous_id");
  if (chat.conversation_id !== conversation_id) return invalidParam("conversation_id");
  const r = oaSends(ctx, chat, "text", { text: parsed.data.message.text }, { viaApi: true, echo: ctx.opts.echoOaSends });
  ctx.state.stats.messagesSent += 1;
  return zaloOk({ message_id: r.message_id, anonymous_id, conversation_id });
}

/** JSON view of an anonymous chat for the control API. */
export function anonymousView(chat: SimAnonymousChat) {
  return { anonymous_id: chat.anonymous_id, conversation_id: chat.conversation_id, messages: chat.messages.map((m) => structuredClone(m)) };
}

export function anonymousChat(ctx: SimContext, anonId: string): SimAnonymousChat | undefined {
  return ctx.state.anonymous.get(anonId);
}
