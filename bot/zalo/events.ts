import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * Zod schemas for every documented Zalo OA webhook event family (shared/zalo/oa-api.md §1).
 * Objects are loose: Zalo adds fields over time and an extra field must not turn a real event away.
 * All ids are strings (64-bit numbers: never parse them to JS numbers).
 */
const zid = z.string().min(1);
const envelope = {
  // Absent on some documented events (extension purchase): the intake has already checked it is ours.
  app_id: zid.optional(),
  // Kept as received. Documented examples carry 11-, 12- and 13-digit values, so it is never trusted as
  // a time for decisions (see eventTimestamp in interactions.ts); a JSON number is accepted as its digits.
  timestamp: z.union([z.string().regex(/^\d+$/, "epoch milliseconds as a string"), z.number().int().nonnegative().transform(String)]),
  user_id_by_app: z.string().optional(),
};

const attachment = z.looseObject({
  type: z.string(),
  payload: z.looseObject({}).optional(),
});

export const USER_MESSAGE_EVENTS = [
  "user_send_text",
  "user_send_image",
  "user_send_link",
  "user_send_audio",
  "user_send_video",
  "user_send_sticker",
  "user_send_location",
  "user_send_business_card",
  "user_send_file",
  "user_send_gif",
] as const;

/**
 * A person chatting with the OA without revealing their Zalo identity (both directions). Their own
 * family: the sender id is not a follower's id, so it is never linked to a household, never counted as
 * a follower's interaction, and queued under its own `anon:` subject. Names and bodies from
 * webhook/tin-nhan/su-kien-nguoi-dung-an-danh-gui-tin-nhan and .../su-kien-official-account-gui-tin-
 * nhan-cho-nguoi-dung-an-danh (read 2026-11-30); answered by bot/chat/anonymous.ts.
 */
export const ANONYMOUS_USER_EVENTS = ["anonymous_send_text", "anonymous_send_image", "anonymous_send_sticker", "anonymous_send_file"] as const;
export const ANONYMOUS_OA_EVENTS = ["oa_send_anonymous_text", "oa_send_anonymous_image", "oa_send_anonymous_sticker", "oa_send_anonymous_file"] as const;

export const OA_ECHO_EVENTS = [
  "oa_send_text",
  "oa_send_image",
  "oa_send_gif",
  "oa_send_list",
  "oa_send_file",
  "oa_send_sticker",
] as const;

export const GROUP_MESSAGE_EVENTS = [
  "user_send_group_text",
  "user_send_group_image",
  "user_send_group_link",
  "user_send_group_audio",
  "user_send_group_location",
  "user_send_group_video",
  "user_send_group_business_card",
  "user_send_group_sticker",
  "user_send_group_gif",
  "user_send_group_file",
  "oa_send_group_text",
  "oa_send_group_image",
  "oa_send_group_link",
  "oa_send_group_audio",
  "oa_send_group_location",
  "oa_send_group_video",
  "oa_send_group_business_card",
  "oa_send_group_sticker",
  "oa_send_group_gif",
  "oa_send_group_file",
] as const;

export const GROUP_LIFECYCLE_EVENTS = [
  "create_group",
  "delete_group",
  "update_group_info",
  "user_join_group",
  "user_out_group",
  "user_leave_group",
  "user_request_join_group",
  "accept_request_join_group",
  "reject_request_join_group",
  "add_group_admin",
  "remove_group_admin",
] as const;

export const TAG_EVENTS = ["add_user_to_tag", "remove_user_from_tag", "remove_tag", "update_user_info"] as const;

/** Zalo's own limit for a chat text (oa-api.md: "Text is at most 2000 characters"). */
export const CHAT_TEXT_MAX = 2000;

/**
 * Cuts a text to CHAT_TEXT_MAX characters (without splitting a surrogate pair). Only a forged or broken
 * sender exceeds it; cutting here, where the event is parsed, keeps every later step (normalising,
 * matching, storing a question) bounded: a 570 KB text once held the event loop for 15 s.
 */
export function capChatText(text: string): string {
  if (text.length <= CHAT_TEXT_MAX) return text;
  const cut = text.slice(0, CHAT_TEXT_MAX);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

const chatText = z.string().transform(capChatText);

const userMessage = z.looseObject({
  ...envelope,
  event_name: z.enum(USER_MESSAGE_EVENTS),
  sender: z.looseObject({ id: zid }),
  recipient: z.looseObject({ id: zid }),
  message: z.looseObject({
    msg_id: zid,
    text: chatText.optional(),
    quote_msg_id: z.string().optional(),
    attachments: z.array(attachment).optional(),
  }),
}).refine((e) => e.event_name !== "user_send_text" || typeof e.message.text === "string", {
  message: "user_send_text needs message.text",
  path: ["message", "text"],
});

const oaEcho = z.looseObject({
  ...envelope,
  event_name: z.enum(OA_ECHO_EVENTS),
  sender: z.looseObject({ id: zid, admin_id: z.string().optional() }),
  recipient: z.looseObject({ id: zid }),
  message: z.looseObject({
    msg_id: zid,
    text: chatText.optional(),
    attachments: z.array(attachment).optional(),
  }),
});

/**
 * As the pages' examples show them: sender, recipient, `message.{conversation_id, text?, msg_id,
 * attachments?}`, and a `user_id_by_app` whose meaning is not documented (ignored: it is never used to
 * link or count anyone, whichever reading is right). `conversation_id` is accepted at the top level too
 * (some integrations read it there) and never required: without it the person cannot be answered.
 */
const anonymousMessage = z.looseObject({
  ...envelope,
  event_name: z.enum([...ANONYMOUS_USER_EVENTS, ...ANONYMOUS_OA_EVENTS]),
  sender: z.looseObject({ id: zid }),
  recipient: z.looseObject({ id: zid }),
  conversation_id: z.string().optional(),
  message: z.looseObject({
    msg_id: zid,
    // Where the documented examples carry it.
    conversation_id: z.string().optional(),
    text: chatText.optional(),
    attachments: z.array(attachment).optional(),
  }),
});

const followEvent = z.looseObject({
  ...envelope,
  event_name: z.enum(["follow", "unfollow"]),
  oa_id: zid,
  follower: z.looseObject({ id: zid }),
  source: z.string().optional(),
});

const chatNow = z.looseObject({
  ...envelope,
  event_name: z.literal("user_click_chatnow"),
  oa_id: zid,
  user_id: zid,
});

const submitInfo = z.looseObject({
  ...envelope,
  event_name: z.literal("user_submit_info"),
  sender: z.looseObject({ id: zid }),
  recipient: z.looseObject({ id: zid }),
  info: z.looseObject({
    name: z.string().optional(),
    // Zalo's example sends the phone as a JSON number.
    phone: z.union([z.string(), z.number()]).transform(String).optional(),
    address: z.string().optional(),
    city: z.string().optional(),
    district: z.string().optional(),
    ward: z.string().optional(),
  }),
});

const received = z.looseObject({
  ...envelope,
  event_name: z.literal("user_received_message"),
  sender: z.looseObject({ id: zid }),
  recipient: z.looseObject({ id: zid }),
  message: z.looseObject({ msg_id: zid }),
});

const seen = z.looseObject({
  ...envelope,
  event_name: z.literal("user_seen_message"),
  sender: z.looseObject({ id: zid }),
  recipient: z.looseObject({ id: zid }),
  message: z.looseObject({ msg_ids: z.array(zid).min(1) }),
});

const reacted = z.looseObject({
  ...envelope,
  event_name: z.enum(["user_reacted_message", "oa_reacted_message"]),
  sender: z.looseObject({ id: zid }),
  recipient: z.looseObject({ id: zid }),
  message: z.looseObject({ msg_id: zid, react_icon: z.string() }),
});

const groupMessage = z
  .looseObject({
    ...envelope,
    event_name: z.enum(GROUP_MESSAGE_EVENTS),
    oa_id: z.string().optional(),
    sender: z.looseObject({ id: zid }),
    recipient: z.looseObject({ id: zid }),
    // The field table says message_id, the example msg_id: accept both.
    message: z.looseObject({
      msg_id: z.string().optional(),
      message_id: z.string().optional(),
      text: chatText.optional(),
      attachments: z.array(attachment).optional(),
    }),
  })
  .refine((e) => Boolean(e.message.msg_id ?? e.message.message_id), {
    message: "group message needs message.msg_id or message.message_id",
    path: ["message", "msg_id"],
  });

const groupLifecycle = z.looseObject({
  ...envelope,
  event_name: z.enum(GROUP_LIFECYCLE_EVENTS),
  oa_id: zid,
  group_id: zid,
  users: z.array(z.looseObject({ id: zid })).optional(),
});

const withdraw = z.looseObject({
  ...envelope,
  event_name: z.literal("user_withdraw"),
  // "" when the app is not linked to an OA.
  oa_id: z.string(),
  user_id: z.string(),
  user_id_by_app: z.string(),
});

const tagEvent = z.looseObject({
  ...envelope,
  event_name: z.enum(TAG_EVENTS),
  oa_id: z.string().optional(),
});

const widgetAccepted = z.looseObject({
  ...envelope,
  event_name: z.literal("widget_interaction_accepted"),
  data: z.looseObject({ user_id: z.string().optional(), user_external_id: z.string().optional(), url: z.string().optional() }),
});

/**
 * Documented events nothing acts on yet, each with a schema so they are stored as handled rather than
 * rejected (a rejected event is counted on /readyz as a sign of a new event type). Field lists from the
 * documentation's webhook pages as summarised in shared/zalo/oa-api.md §1 and in public integration
 * notes (calls: webhook/goi-thoai; extension: webhook/quan-ly; widget: webhook/widget). Numbers whose
 * JSON type is not shown in an example (times, durations, ids) are accepted as string or number.
 */
const numOrString = z.union([z.string(), z.number()]);

const extensionPurchased = z.looseObject({
  ...envelope,
  event_name: z.literal("extension_purchased"),
  // Sent only to the app whose id is the extension's: the body may carry no app_id (see the intake).
  extension_id: numOrString.optional(),
  extension_sub_info: z.looseObject({ valid_start_date: numOrString.optional(), valid_through_date: numOrString.optional(), duration_month: numOrString.optional() }).optional(),
});

const consentEvent = z.looseObject({
  ...envelope,
  event_name: z.enum(["oa_send_consent", "user_reply_consent"]),
  oa_id: z.string().optional(),
  user_id: z.string().optional(),
  phone: numOrString.optional(),
  request_type: z.string().optional(),
  user_consent: z.string().optional(),
  create_time: numOrString.optional(),
  confirmed_time: numOrString.optional(),
  expired_time: numOrString.optional(),
});

const callEvent = z.looseObject({
  ...envelope,
  event_name: z.enum(["user_call_oa", "oa_call_user"]),
  oa_id: z.string().optional(),
  user_id: z.string().optional(),
  phone: numOrString.optional(),
  call_id: numOrString.optional(),
  call_type: z.string().optional(),
  init_time: numOrString.optional(),
  call_duration: numOrString.optional(),
  waiting_time: numOrString.optional(),
  talk_time: numOrString.optional(),
  status_code: numOrString.optional(),
});

const widgetSyncFailed = z.looseObject({
  ...envelope,
  event_name: z.literal("widget_failed_to_sync_user_external_id"),
  data: z.looseObject({ user_id: z.string().optional(), user_external_id: z.string().optional(), message: z.string().optional() }),
});

export type UserMessageEvent = z.infer<typeof userMessage>;
export type OaEchoEvent = z.infer<typeof oaEcho>;
export type AnonymousMessageEvent = z.infer<typeof anonymousMessage>;
export type FollowEvent = z.infer<typeof followEvent>;
export type ChatNowEvent = z.infer<typeof chatNow>;
export type SubmitInfoEvent = z.infer<typeof submitInfo>;
export type ReceivedEvent = z.infer<typeof received>;
export type SeenEvent = z.infer<typeof seen>;
export type ReactedEvent = z.infer<typeof reacted>;
export type GroupMessageEvent = z.infer<typeof groupMessage>;
export type GroupLifecycleEvent = z.infer<typeof groupLifecycle>;
export type WithdrawEvent = z.infer<typeof withdraw>;
export type TagEvent = z.infer<typeof tagEvent>;
export type WidgetAcceptedEvent = z.infer<typeof widgetAccepted>;
export type ExtensionPurchasedEvent = z.infer<typeof extensionPurchased>;
export type ConsentEvent = z.infer<typeof consentEvent>;
export type CallEvent = z.infer<typeof callEvent>;
export type WidgetSyncFailedEvent = z.infer<typeof widgetSyncFailed>;

export type ZaloEvent =
  | UserMessageEvent
  | OaEchoEvent
  | AnonymousMessageEvent
  | FollowEvent
  | ChatNowEvent
  | SubmitInfoEvent
  | ReceivedEvent
  | SeenEvent
  | ReactedEvent
  | GroupMessageEvent
  | GroupLifecycleEvent
  | WithdrawEvent
  | TagEvent
  | WidgetAcceptedEvent
  | ExtensionPurchasedEvent
  | ConsentEvent
  | CallEvent
  | WidgetSyncFailedEvent;

/** How an event is stored: its dedupe key, whose queue it joins, and the app-scoped user id. */
export interface EventRouting {
  key: string;
  subjectId: string;
  appUserId: string | undefined;
}

interface Family<E> {
  schema: z.ZodType<E>;
  route(event: E, rawHash: () => string): EventRouting;
}

function family<E>(names: readonly string[], schema: z.ZodType<E>, route: Family<E>["route"]): [string, Family<unknown>][] {
  return names.map((n) => [n, { schema, route } as Family<unknown>]);
}

const byHash = (name: string, rawHash: () => string) => `${name}:${rawHash()}`;

const FAMILIES = new Map<string, Family<unknown>>([
  ...family(USER_MESSAGE_EVENTS, userMessage, (e) => ({
    key: `${e.event_name}:${e.message.msg_id}`,
    subjectId: e.sender.id,
    appUserId: e.user_id_by_app,
  })),
  ...family(OA_ECHO_EVENTS, oaEcho, (e) => ({
    key: `${e.event_name}:${e.message.msg_id}`,
    subjectId: e.recipient.id,
    appUserId: e.user_id_by_app,
  })),
  ...family([...ANONYMOUS_USER_EVENTS, ...ANONYMOUS_OA_EVENTS], anonymousMessage, (e) => ({
    key: `${e.event_name}:${e.message.msg_id}`,
    subjectId: `anon:${e.event_name.startsWith("anonymous_") ? e.sender.id : e.recipient.id}`,
    appUserId: undefined,
  })),
  ...family(["follow", "unfollow"], followEvent, (e, h) => ({
    key: byHash(e.event_name, h),
    subjectId: e.follower.id,
    appUserId: e.user_id_by_app,
  })),
  ...family(["user_click_chatnow"], chatNow, (e, h) => ({ key: byHash(e.event_name, h), subjectId: e.user_id, appUserId: e.user_id_by_app })),
  ...family(["user_submit_info"], submitInfo, (e, h) => ({ key: byHash(e.event_name, h), subjectId: e.sender.id, appUserId: e.user_id_by_app })),
  ...family(["user_received_message"], received, (e) => ({
    key: `${e.event_name}:${e.message.msg_id}`,
    subjectId: e.recipient.id,
    appUserId: e.user_id_by_app,
  })),
  ...family(["user_seen_message"], seen, (e, h) => ({ key: byHash(e.event_name, h), subjectId: e.recipient.id, appUserId: e.user_id_by_app })),
  ...family(["user_reacted_message", "oa_reacted_message"], reacted, (e) => ({
    key: `${e.event_name}:${e.message.msg_id}:${e.message.react_icon}`,
    subjectId: e.event_name === "user_reacted_message" ? e.sender.id : e.recipient.id,
    appUserId: e.user_id_by_app,
  })),
  ...family(GROUP_MESSAGE_EVENTS, groupMessage, (e) => ({
    key: `${e.event_name}:${e.message.msg_id ?? e.message.message_id}`,
    subjectId: `group:${e.recipient.id}`,
    appUserId: e.user_id_by_app,
  })),
  ...family(GROUP_LIFECYCLE_EVENTS, groupLifecycle, (e, h) => ({
    key: byHash(e.event_name, h),
    subjectId: `group:${e.group_id}`,
    appUserId: undefined,
  })),
  ...family(["user_withdraw"], withdraw, (e, h) => ({
    key: byHash(e.event_name, h),
    subjectId: e.user_id || `app:${e.user_id_by_app}`,
    appUserId: e.user_id_by_app,
  })),
  ...family(TAG_EVENTS, tagEvent, (e, h) => ({ key: byHash(e.event_name, h), subjectId: "oa", appUserId: undefined })),
  ...family(["extension_purchased"], extensionPurchased, (e, h) => ({ key: byHash(e.event_name, h), subjectId: "oa", appUserId: undefined })),
  ...family(["oa_send_consent", "user_reply_consent"], consentEvent, (e, h) => ({ key: byHash(e.event_name, h), subjectId: e.user_id || "oa", appUserId: undefined })),
  ...family(["user_call_oa", "oa_call_user"], callEvent, (e, h) => ({ key: byHash(e.event_name, h), subjectId: e.user_id || "oa", appUserId: undefined })),
  ...family(["widget_failed_to_sync_user_external_id"], widgetSyncFailed, (e, h) => ({
    key: byHash(e.event_name, h),
    subjectId: e.data.user_id ?? "oa",
    appUserId: undefined,
  })),
  ...family(["widget_interaction_accepted"], widgetAccepted, (e, h) => ({
    key: byHash(e.event_name, h),
    subjectId: e.data.user_id ?? "oa",
    appUserId: undefined,
  })),
]);

export type EventName = ZaloEvent["event_name"];
/** The event types whose names overlap N (families share one schema for several names). */
export type EventOf<N extends EventName> = ZaloEvent extends infer E
  ? E extends { event_name: infer K }
    ? [N & K] extends [never]
      ? never
      : E
    : never
  : never;


/** How far an event's own timestamp may sit from the bot's receive clock and still look like a real one. */
const PLAUSIBLE_PAST_MS = 2 * 24 * 3600_000; // Zalo's last retry is 1 h after the first try; margin for outages
const PLAUSIBLE_FUTURE_MS = 10 * 60_000;

/**
 * Whether an event's `timestamp` reads as epoch milliseconds close to when the bot received it. Only for
 * logging: the documentation shows 11- and 12-digit examples and never says whether those are typos or
 * another unit, so no window decision ever uses it (interactions use the receive clock).
 */
export function timestampIsPlausible(timestamp: string, receivedAt: number): boolean {
  if (!/^\d{13}$/.test(timestamp)) return false;
  const t = Number(timestamp);
  return t >= receivedAt - PLAUSIBLE_PAST_MS && t <= receivedAt + PLAUSIBLE_FUTURE_MS;
}

export type ParsedEvent =
  | { ok: true; event: ZaloEvent; routing: EventRouting }
  | { ok: false; eventName: string; key: string; subjectId: string; reason: string };

/** Parse a signed webhook body. Never throws: an unknown or malformed event comes back as `ok: false`. */
export function parseZaloEvent(body: unknown, raw: Buffer): ParsedEvent {
  const rawHash = () => createHash("sha256").update(raw).digest("hex").slice(0, 32);
  const eventName =
    typeof body === "object" && body !== null && typeof (body as Record<string, unknown>).event_name === "string"
      ? String((body as Record<string, unknown>).event_name)
      : "(missing event_name)";
  const fam = FAMILIES.get(eventName);
  if (!fam) return { ok: false, eventName, key: `rejected:${rawHash()}`, subjectId: "rejected", reason: `unknown event "${eventName}"` };
  const result = fam.schema.safeParse(body);
  if (!result.success) {
    const reason = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, eventName, key: `rejected:${rawHash()}`, subjectId: "rejected", reason };
  }
  return { ok: true, event: result.data as ZaloEvent, routing: fam.route(result.data, rawHash) };
}
