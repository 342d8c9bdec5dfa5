import type { WebhookBody } from "./webhook-emitter";
import type { SimUser } from "./types";

/**
 * Builders for webhook bodies, field for field as shared/zalo/oa-api.md §1
 * describes them. All ids are strings; timestamp is a string of epoch ms.
 * `user_id_by_app` only on the events whose documented body has it (messages from a user, follow,
 * chat-now, OA echoes, withdraw, group messages): not on user_submit_info, user_received_message,
 * user_seen_message or user_reacted_message.
 */
export interface EventContext {
  appId: string;
  oaId: string;
  now: () => number;
  /**
   * Width of the `timestamp` string. 13 (milliseconds) by default; documented examples also show 12-
   * and 11-digit values (e.g. "154390853474"), reproduced by cutting the millisecond value to that width.
   */
  timestampDigits?: () => 11 | 12 | 13;
}

export interface Attachment {
  type: string;
  payload: Record<string, unknown>;
}

export type UserMessageEvent =
  | "user_send_text"
  | "user_send_image"
  | "user_send_gif"
  | "user_send_link"
  | "user_send_audio"
  | "user_send_video"
  | "user_send_sticker"
  | "user_send_location"
  | "user_send_business_card"
  | "user_send_file";

export type AnonymousEventName =
  | "anonymous_send_text"
  | "anonymous_send_image"
  | "anonymous_send_sticker"
  | "anonymous_send_file"
  | "oa_send_anonymous_text"
  | "oa_send_anonymous_image"
  | "oa_send_anonymous_sticker"
  | "oa_send_anonymous_file";

export class EventBuilder {
  constructor(private readonly c: EventContext) {}

  private ts(): string {
    const ms = String(this.c.now());
    const width = this.c.timestampDigits?.() ?? 13;
    return ms.slice(0, width);
  }

  /** user_send_text / user_send_<attachment>: sender = user, recipient = OA. */
  userMessage(
    user: SimUser,
    eventName: UserMessageEvent,
    message: { msg_id: string; text?: string; attachments?: Attachment[]; quote_msg_id?: string },
  ): WebhookBody {
    return {
      app_id: this.c.appId,
      sender: { id: user.user_id },
      user_id_by_app: user.user_id_by_app,
      recipient: { id: this.c.oaId },
      event_name: eventName,
      message,
      timestamp: this.ts(),
    };
  }

  /** follow / unfollow: no sender/recipient, the user is follower.id. */
  follow(user: SimUser, eventName: "follow" | "unfollow", source: string): WebhookBody {
    return {
      oa_id: this.c.oaId,
      follower: { id: user.user_id },
      user_id_by_app: user.user_id_by_app,
      event_name: eventName,
      source,
      app_id: this.c.appId,
      timestamp: this.ts(),
    };
  }

  chatNow(user: SimUser): WebhookBody {
    return {
      app_id: this.c.appId,
      event_name: "user_click_chatnow",
      oa_id: this.c.oaId,
      user_id: user.user_id,
      user_id_by_app: user.user_id_by_app,
      timestamp: this.ts(),
    };
  }

  submitInfo(user: SimUser, info: Record<string, unknown>): WebhookBody {
    return {
      app_id: this.c.appId,
      sender: { id: user.user_id },
      recipient: { id: this.c.oaId },
      event_name: "user_submit_info",
      info,
      timestamp: this.ts(),
    };
  }

  /** oa_send_*: echo of a message the OA sent (admin_id only when a human sent it from the chat tool). */
  oaSend(
    user: SimUser,
    eventName: "oa_send_text" | "oa_send_image" | "oa_send_gif" | "oa_send_list" | "oa_send_file" | "oa_send_sticker",
    message: { msg_id: string; text?: string; attachments?: Attachment[] },
    adminId?: string,
  ): WebhookBody {
    return {
      app_id: this.c.appId,
      sender: adminId ? { id: this.c.oaId, admin_id: adminId } : { id: this.c.oaId },
      user_id_by_app: user.user_id_by_app,
      recipient: { id: user.user_id },
      event_name: eventName,
      message,
      timestamp: this.ts(),
    };
  }

  /**
   * anonymous_send_{text,image,sticker,file} (from the person) and oa_send_anonymous_* (the OA's
   * messages to them), field for field as webhook/tin-nhan/su-kien-nguoi-dung-an-danh-gui-tin-nhan and
   * .../su-kien-official-account-gui-tin-nhan-cho-nguoi-dung-an-danh show them (read 2026-11-30):
   * `conversation_id` inside `message`, and a `user_id_by_app` at the end of both examples (what it
   * identifies is not said; `userIdByApp: undefined` leaves it out).
   */
  anonymousMessage(
    anonId: string,
    conversationId: string,
    eventName: AnonymousEventName,
    message: { msg_id: string; text?: string; attachments?: Attachment[] },
    userIdByApp: string | undefined,
  ): WebhookBody {
    const fromPerson = eventName.startsWith("anonymous_");
    return {
      event_name: eventName,
      app_id: this.c.appId,
      sender: { id: fromPerson ? anonId : this.c.oaId },
      recipient: { id: fromPerson ? this.c.oaId : anonId },
      message: { conversation_id: conversationId, ...(message.text !== undefined ? { text: message.text } : {}), msg_id: message.msg_id, ...(message.attachments ? { attachments: message.attachments } : {}) },
      timestamp: this.ts(),
      ...(userIdByApp !== undefined ? { user_id_by_app: userIdByApp } : {}),
    };
  }

  /** The envelope's timestamp at the configured width (for bodies built elsewhere, e.g. documented-events.ts). */
  timestamp(): string {
    return this.ts();
  }

  /** user_received_message / user_seen_message: sender = OA, recipient = user. */
  received(user: SimUser, msgId: string): WebhookBody {
    return {
      app_id: this.c.appId,
      sender: { id: this.c.oaId },
      recipient: { id: user.user_id },
      event_name: "user_received_message",
      message: { msg_id: msgId },
      timestamp: this.ts(),
    };
  }

  seen(user: SimUser, msgIds: string[]): WebhookBody {
    return {
      app_id: this.c.appId,
      sender: { id: this.c.oaId },
      recipient: { id: user.user_id },
      event_name: "user_seen_message",
      message: { msg_ids: msgIds },
      timestamp: this.ts(),
    };
  }

  reacted(user: SimUser, msgId: string, reactIcon: string): WebhookBody {
    return {
      app_id: this.c.appId,
      sender: { id: user.user_id },
      recipient: { id: this.c.oaId },
      event_name: "user_reacted_message",
      message: { msg_id: msgId, react_icon: reactIcon },
      timestamp: this.ts(),
    };
  }

  withdraw(user: SimUser): WebhookBody {
    return {
      app_id: this.c.appId,
      oa_id: this.c.oaId,
      user_id_by_app: user.user_id_by_app,
      user_id: user.user_id,
      event_name: "user_withdraw",
      timestamp: this.ts(),
    };
  }

  /** user_send_group_*: sender = member, recipient = group. */
  userGroupMessage(
    user: SimUser,
    groupId: string,
    eventName: string,
    message: { msg_id: string; text?: string; attachments?: Attachment[] },
  ): WebhookBody {
    return {
      event_name: eventName,
      app_id: this.c.appId,
      sender: { id: user.user_id },
      recipient: { id: groupId },
      message,
      oa_id: this.c.oaId,
      timestamp: this.ts(),
      user_id_by_app: user.user_id_by_app,
    };
  }

  /** oa_send_group_*: echo of a message the OA posted in a group. */
  oaGroupMessage(
    groupId: string,
    eventName: string,
    message: { msg_id: string; text?: string; attachments?: Attachment[] },
  ): WebhookBody {
    return {
      event_name: eventName,
      app_id: this.c.appId,
      sender: { id: this.c.oaId },
      recipient: { id: groupId },
      message,
      oa_id: this.c.oaId,
      timestamp: this.ts(),
    };
  }

  /** create_group, user_join_group, user_out_group, ...: no sender/recipient. */
  groupLifecycle(groupId: string, eventName: string, userIds?: string[]): WebhookBody {
    return {
      oa_id: this.c.oaId,
      group_id: groupId,
      event_name: eventName,
      app_id: this.c.appId,
      timestamp: this.ts(),
      ...(userIds ? { users: userIds.map((id) => ({ id })) } : {}),
    };
  }
}
