import type { SimContext } from "./context";
import { appScopedUserId } from "./ids";
import type { WebhookBody } from "./webhook-emitter";

/**
 * One documented body per webhook event the simulator can emit on demand (the control API's
 * `POST <controlPrefix>/api/events/:eventName`), group events excepted (groups.ts). Field names, nesting
 * and JSON types follow the example of each page (developers.zalo.me/docs/official-account/<page>, read
 * 2026-11-30 through the reference mirror; shared/zalo/oa-api.md §1 where it says so); values are the
 * simulator's ids. These bodies are only emitted: they do not change the simulated state (use the
 * specific control routes for that). Anonymous chats go through anonymous.ts (they open a conversation
 * the v2 anonymous send needs).
 */
export interface DocumentedInput {
  /** The person (OA-scoped user id). */
  userId: string;
}

export interface DocumentedEvent {
  /** The documentation page the shape comes from (under developers.zalo.me/docs/official-account/). */
  page: string;
  build(ctx: SimContext, input: DocumentedInput): WebhookBody;
}

const USER_MESSAGES_PAGE = "webhook/tin-nhan/su-kien-nguoi-dung-gui-tin-nhan";
const OA_ECHO_PAGE = "webhook/tin-nhan/su-kien-official-account-gui-tin-nhan-cho-nguoi-dung";

/** Example payloads of the attachment kinds (same pages; oa-api.md §1 "Payload per type"). */
const ATTACHMENTS: Record<string, { type: string; payload: Record<string, unknown> }> = {
  image: { type: "image", payload: { thumbnail: "https://sim-photo.zdn.vn/thumb/1.jpg", url: "https://sim-photo.zdn.vn/1.jpg" } },
  gif: { type: "gif", payload: { thumbnail: "https://sim-photo.zdn.vn/thumb/1.gif", url: "https://sim-photo.zdn.vn/1.gif" } },
  link: { type: "link", payload: { thumbnail: "https://sim-photo.zdn.vn/thumb/l.jpg", description: "Cổng Dịch vụ công", url: "https://dichvucong.gov.vn" } },
  audio: { type: "audio", payload: { url: "https://sim-voice.zdn.vn/1.amr" } },
  video: { type: "video", payload: { url: "https://sim-video.zdn.vn/1.mp4", thumbnail: "https://sim-photo.zdn.vn/thumb/v.jpg", description: "video" } },
  sticker: { type: "sticker", payload: { url: "https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=892&size=130&version=3", id: "0" } },
  location: { type: "location", payload: { coordinates: { latitude: "18.3433", longitude: "105.9057" } } },
  // No payload is shown for a business card: the link-like payload is assumed.
  business_card: { type: "business_card", payload: { thumbnail: "https://sim-photo.zdn.vn/thumb/c.jpg", description: "{\"phone\":\"0912000301\"}" } },
  file: { type: "file", payload: { size: "233947", name: "don-de-nghi.docx", checksum: "db8f0a790d28e3d8658a0ff0846189", type: "docx", url: "https://sim-file.zdn.vn/f/1" } },
  list: { type: "template", payload: { template_type: "list", elements: [{ title: "Hướng dẫn", subtitle: "", image_url: "https://sim-photo.zdn.vn/l.jpg" }] } },
};

const byApp = (ctx: SimContext, userId: string) => appScopedUserId(ctx.opts.appId, userId);

function userMessage(kind: string): DocumentedEvent {
  return {
    page: USER_MESSAGES_PAGE,
    build: (ctx, { userId }) => ({
      app_id: ctx.opts.appId,
      sender: { id: userId },
      user_id_by_app: byApp(ctx, userId),
      recipient: { id: ctx.opts.oaId },
      event_name: `user_send_${kind}`,
      message: kind === "text" ? { text: "Xin chào", msg_id: ctx.ids.next() } : { msg_id: ctx.ids.next(), attachments: [ATTACHMENTS[kind]!] },
      timestamp: ctx.events.timestamp(),
    }),
  };
}

function oaEcho(kind: string): DocumentedEvent {
  return {
    page: OA_ECHO_PAGE,
    build: (ctx, { userId }) => ({
      app_id: ctx.opts.appId,
      // admin_id only when a person sent it from the OA chat tool: add it with `fields.sender`.
      sender: { id: ctx.opts.oaId },
      user_id_by_app: byApp(ctx, userId),
      recipient: { id: userId },
      event_name: `oa_send_${kind}`,
      message: kind === "text" ? { text: "Chào bác", msg_id: ctx.ids.next() } : { msg_id: ctx.ids.next(), attachments: [ATTACHMENTS[kind]!] },
      timestamp: ctx.events.timestamp(),
    }),
  };
}

const plain = (page: string, build: DocumentedEvent["build"]): DocumentedEvent => ({ page, build });

export const DOCUMENTED_EVENTS: Record<string, DocumentedEvent> = {
  ...Object.fromEntries(["text", "image", "gif", "link", "audio", "video", "sticker", "location", "business_card", "file"].map((k) => [`user_send_${k}`, userMessage(k)])),
  ...Object.fromEntries(["text", "image", "gif", "list", "file", "sticker"].map((k) => [`oa_send_${k}`, oaEcho(k)])),
  ...Object.fromEntries(
    (["follow", "unfollow"] as const).map((name) => [
      name,
      plain("webhook/quan-ly/su-kien-nguoi-dung-quan-tam-hay-bo-quan-tam-oa", (ctx, { userId }) => ({
        oa_id: ctx.opts.oaId,
        follower: { id: userId },
        user_id_by_app: byApp(ctx, userId),
        event_name: name,
        source: "oa_profile",
        app_id: ctx.opts.appId,
        timestamp: ctx.events.timestamp(),
      })),
    ]),
  ),
  user_click_chatnow: plain("webhook/tin-nhan/su-kien-nguoi-dung-click-nut-nhan-tin-tren-official-account", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    event_name: "user_click_chatnow",
    oa_id: ctx.opts.oaId,
    user_id: userId,
    user_id_by_app: byApp(ctx, userId),
    timestamp: ctx.events.timestamp(),
  })),
  // No user_id_by_app; the phone is a JSON number in the example.
  user_submit_info: plain("webhook/quan-ly/su-kien-nguoi-dung-dong-y-chia-se-thong-tin", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    sender: { id: userId },
    recipient: { id: ctx.opts.oaId },
    event_name: "user_submit_info",
    timestamp: ctx.events.timestamp(),
    info: { address: "Thôn Đông Xuân", phone: 84912000301, city: "Hà Tĩnh", district: "", name: "Nguyễn Văn An", ward: "" },
  })),
  user_received_message: plain("webhook/tin-nhan/su-kien-nguoi-dung-nhan-tin-nhan-tu-official-account", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    sender: { id: ctx.opts.oaId },
    recipient: { id: userId },
    event_name: "user_received_message",
    message: { msg_id: ctx.ids.next() },
    timestamp: ctx.events.timestamp(),
  })),
  user_seen_message: plain("webhook/tin-nhan/su-kien-nguoi-dung-da-xem-tin-nhan-duoc-gui-tu-official-account", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    sender: { id: ctx.opts.oaId },
    recipient: { id: userId },
    event_name: "user_seen_message",
    message: { msg_ids: [ctx.ids.next()] },
    timestamp: ctx.events.timestamp(),
  })),
  user_reacted_message: plain("webhook/tin-nhan/su-kien-nguoi-dung-tha-bieu-tuong-cam-xuc-len-tin-nhan", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    sender: { id: userId },
    recipient: { id: ctx.opts.oaId },
    event_name: "user_reacted_message",
    message: { msg_id: ctx.ids.next(), react_icon: "/-heart" },
    timestamp: ctx.events.timestamp(),
  })),
  oa_reacted_message: plain("webhook/tin-nhan/su-kien-oa-tha-bieu-tuong-cam-xuc-len-tin-nhan", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    sender: { id: ctx.opts.oaId },
    recipient: { id: userId },
    event_name: "oa_reacted_message",
    message: { msg_id: ctx.ids.next(), react_icon: "/-strong" },
    timestamp: ctx.events.timestamp(),
  })),
  user_withdraw: plain("webhook/quan-ly/su-kien-nguoi-dung-zalo-thuc-hien-quyen-chu-the-du-lieu", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    oa_id: ctx.opts.oaId,
    user_id_by_app: byApp(ctx, userId),
    user_id: userId,
    event_name: "user_withdraw",
    timestamp: ctx.events.timestamp(),
  })),
  // Tags: batch-shaped, no sender/recipient, `tag: {user_ids?, name}`. The "tag created" page's example
  // also says add_user_to_tag (with `tag: {name}` only): reproduce it with `fields: {tag: {name}}`.
  ...Object.fromEntries(
    (
      [
        ["add_user_to_tag", "webhook/quan-ly/su-kien-gan-nhan-cho-nguoi-dung"],
        ["remove_user_from_tag", "webhook/quan-ly/su-kien-go-nhan-khoi-nguoi-dung"],
      ] as const
    ).map(([name, page]) => [
      name,
      plain(page, (ctx, { userId }) => ({
        app_id: ctx.opts.appId,
        oa_id: ctx.opts.oaId,
        user_id_by_app: byApp(ctx, userId),
        event_name: name,
        tag: { user_ids: [userId], name: "thon-dong-xuan" },
        timestamp: ctx.events.timestamp(),
      })),
    ]),
  ),
  remove_tag: plain("webhook/quan-ly/su-kien-xoa-nhan", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    oa_id: ctx.opts.oaId,
    user_id_by_app: byApp(ctx, userId),
    event_name: "remove_tag",
    tag: { name: "thon-dong-xuan" },
    timestamp: ctx.events.timestamp(),
  })),
  // The example has `user_id: ""` and a trailing comma (not valid JSON): emitted as valid JSON.
  update_user_info: plain("webhook/quan-ly/quan-ly-su-kien-cap-nhat-thong-tin-nguoi-dung", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    oa_id: ctx.opts.oaId,
    user_id_by_app: byApp(ctx, userId),
    user_id: "",
    event_name: "update_user_info",
    data: { method: "dynamic_url" },
    timestamp: ctx.events.timestamp(),
  })),
  widget_interaction_accepted: plain("webhook/quan-ly/su-kien-nguoi-dung-dong-y-cap-quyen-tuong-tac", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    oa_id: ctx.opts.oaId,
    user_id_by_app: byApp(ctx, userId),
    event_name: "widget_interaction_accepted",
    data: { user_id: userId, user_external_id: "ho-0001", url: "https://oa.zalo.me/home" },
    timestamp: ctx.events.timestamp(),
  })),
  widget_failed_to_sync_user_external_id: plain("webhook/quan-ly/su-kien-dong-bo-user_external_id-that-bai", (ctx, { userId }) => ({
    app_id: ctx.opts.appId,
    oa_id: ctx.opts.oaId,
    user_id_by_app: byApp(ctx, userId),
    event_name: "widget_failed_to_sync_user_external_id",
    data: { user_id: userId, user_external_id: "ho-0001", message: "user already has user_external_id" },
    timestamp: ctx.events.timestamp(),
  })),
  // Call permission ("consent") sent or expired: the user is named by phone in the example.
  oa_send_consent: plain("webhook/goi-thoai/su-kien-yeu-cau-cap-quyen-duoc-gui-va-het-han", (ctx) => {
    const now = ctx.clock.now();
    return {
      event_name: "oa_send_consent",
      oa_id: ctx.opts.oaId,
      phone: "84912000301",
      request_type: "SENT",
      create_time: String(now),
      expired_time: String(now + 240_000),
      app_id: ctx.opts.appId,
      timestamp: ctx.events.timestamp(),
    };
  }),
  user_reply_consent: plain("webhook/goi-thoai/su-kien-nguoi-dung-tra-loi-yeu-cau-cap-quyen-goi", (ctx) => {
    const now = ctx.clock.now();
    return {
      event_name: "user_reply_consent",
      oa_id: ctx.opts.oaId,
      phone: "84912000301",
      user_consent: "ALLOW",
      confirmed_time: String(now),
      expired_time: String(now + 172_800_000),
      app_id: ctx.opts.appId,
      timestamp: ctx.events.timestamp(),
    };
  }),
  // Call ended: user_id (or phone when the OA called a phone); status_code is a JSON number in the example.
  ...Object.fromEntries(
    (["user_call_oa", "oa_call_user"] as const).map((name) => [
      name,
      plain("webhook/goi-thoai/su-kien-ket-thuc-cuoc-goi", (ctx, { userId }) => {
        const now = ctx.clock.now();
        return {
          event_name: name,
          app_id: ctx.opts.appId,
          oa_id: ctx.opts.oaId,
          user_id: userId,
          call_id: `call${ctx.ids.next()}`,
          call_type: "AUDIO",
          init_time: String(now - 13_202),
          call_duration: "13202",
          waiting_time: "4",
          talk_time: "9013",
          status_code: 1206,
          timestamp: ctx.events.timestamp(),
        };
      }),
    ]),
  ),
  // Sent only to the extension's own app: no app_id in the body (the MAC still uses the app's id).
  extension_purchased: plain("webhook/extension/su-kien-mua-extension", (ctx) => ({
    oa_id: ctx.opts.oaId,
    event_name: "extension_purchased",
    extension_id: ctx.opts.appId,
    extension_sub_info: { valid_start_date: "15/12/2026", valid_through_date: "14/01/2027", duration_month: "1" },
    timestamp: ctx.events.timestamp(),
  })),
};

/** Top-level fields replaced (`fields`) or dropped (`omit`) on a documented body, e.g. to reproduce another reading. */
export function reshape(body: WebhookBody, fields: Record<string, unknown> | undefined, omit: readonly string[] | undefined): WebhookBody {
  const out: Record<string, unknown> = { ...body, ...(fields ?? {}) };
  for (const k of omit ?? []) delete out[k];
  if (typeof out.event_name !== "string" || typeof out.timestamp !== "string") throw new Error("event_name and timestamp must stay strings");
  return out as WebhookBody;
}
