import type { HandlerRegistry } from "../inbox/handlers";
import { OA_ECHO_EVENTS, USER_MESSAGE_EVENTS } from "../zalo/events";
import type { ConversationService } from "./conversation-service";

const MEDIA_EVENTS = USER_MESSAGE_EVENTS.filter((n) => n !== "user_send_text" && n !== "anonymous_send_text");

/** Wires the conversation into the inbox: texts, follows, media, and officers answering from the OA chat. */
export function registerChatHandlers(registry: HandlerRegistry, chat: ConversationService): void {
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
  registry.on(OA_ECHO_EVENTS, (e, ctx) => {
    // Echoes of the bot's own sends carry no admin_id; a person answering from oa.zalo.me does.
    if (e.sender.admin_id) chat.handleOfficerReply(e.recipient.id, e.sender.admin_id, ctx.eventKey);
  });
}
