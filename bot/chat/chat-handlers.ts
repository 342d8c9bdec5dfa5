import type { HandlerRegistry } from "../inbox/handlers";
import { OA_ECHO_EVENTS, USER_MESSAGE_EVENTS } from "../zalo/events";
import type { ConversationService } from "./conversation-service";
import type { OwnEchoCheck } from "./own-echo";

// Anonymous chats (ANONYMOUS_USER_EVENTS) are their own family and never reach the resident conversation.
const MEDIA_EVENTS = USER_MESSAGE_EVENTS.filter((n) => n !== "user_send_text");

/** Wires the conversation into the inbox: texts, follows, media, and officers answering from the OA chat. */
export function registerChatHandlers(registry: HandlerRegistry, chat: ConversationService, ownEcho?: Pick<OwnEchoCheck, "isOwn">): void {
  registry.on("user_send_text", (e, ctx) => {
    const text = e.message.text ?? "";
    if (text.trim() === "") return;
    chat.handleText(e.sender.id, text, ctx.eventKey);
  });
  registry.on(MEDIA_EVENTS, (e, ctx) => {
    // A text typed with an attachment is still a question.
    if (e.message.text?.trim()) chat.handleText(e.sender.id, e.message.text, ctx.eventKey);
    else chat.handleMedia(e.sender.id, ctx.eventKey);
  });
  registry.on("follow", (e, ctx) => chat.handleFollow(e.follower.id, ctx.eventKey));
  registry.on(OA_ECHO_EVENTS, async (e, ctx) => {
    // A person answering from oa.zalo.me: an echo with admin_id whose message id is not one the outbox
    // sent. admin_id alone is not proof (Zalo's documentation does not say API sends never carry it), so
    // an echo of the bot's own send never silences the bot (see own-echo.ts for the send/echo race).
    if (!e.sender.admin_id) return;
    if (ownEcho && (await ownEcho.isOwn(e.recipient.id, e.message.msg_id))) return;
    chat.handleOfficerReply(e.recipient.id, e.sender.admin_id, ctx.eventKey);
  });
}
