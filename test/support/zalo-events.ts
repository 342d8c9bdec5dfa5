import { createHash } from "node:crypto";
import { TEST_CREDENTIALS } from "./env";

/**
 * Builds webhook requests the way Zalo does (shared/zalo/oa-api.md §1: sha256(appId + raw body +
 * timestamp + OA secret key), `mac=<hex>`), with the MAC computed here independently of the bot's own
 * signature module. `appId` is explicit: Zalo signs with the app's own id, which is also the one the
 * body carries when it carries one (some documented events carry none).
 */
export function macFor(raw: string, appId: string = TEST_CREDENTIALS.appId, timestamp?: string): string {
  const ts = timestamp ?? String((JSON.parse(raw) as { timestamp: unknown }).timestamp);
  return `mac=${createHash("sha256").update(appId + raw + ts + TEST_CREDENTIALS.oaSecretKey).digest("hex")}`;
}

/** The MAC with the app id the body names (another app's id makes another app's signature). */
export function sign(raw: string): string {
  return macFor(raw, (JSON.parse(raw) as { app_id?: string }).app_id ?? TEST_CREDENTIALS.appId);
}

/** A webhook request for a body given as its exact raw text (the MAC covers the bytes). */
export function rawRequest(raw: string, signature = macFor(raw), extraHeaders: Record<string, string> = {}) {
  return {
    method: "POST" as const,
    url: "/webhooks/zalo",
    payload: raw,
    headers: { "content-type": "application/json", "x-zevent-signature": signature, ...extraHeaders },
  };
}

let seq = 0;
export function textEvent(userId: string, text: string, msgId = `m${Date.now()}${++seq}`, timestamp = String(Date.now())) {
  return {
    app_id: TEST_CREDENTIALS.appId,
    sender: { id: userId },
    user_id_by_app: `app-${userId}`,
    recipient: { id: TEST_CREDENTIALS.oaId },
    event_name: "user_send_text",
    message: { text, msg_id: msgId },
    timestamp,
  };
}

export function signedRequest(body: unknown, extraHeaders: Record<string, string> = {}) {
  const payload = JSON.stringify(body);
  return rawRequest(payload, sign(payload), extraHeaders);
}

/** One example body for each documented event family (oa-api.md §1), as Zalo documents them. */
export function sampleEvents(): Record<string, Record<string, unknown>> {
  const t = String(Date.now());
  const app_id = TEST_CREDENTIALS.appId;
  const oa = TEST_CREDENTIALS.oaId;
  const user = "8000000000000000001";
  return {
    user_send_text: textEvent(user, "xin chào", "t-1", t),
    user_send_image: { app_id, timestamp: t, event_name: "user_send_image", sender: { id: user }, recipient: { id: oa }, message: { msg_id: "i-1", attachments: [{ type: "image", payload: { thumbnail: "https://x.zdn.vn/t.jpg", url: "https://x.zdn.vn/i.jpg" } }] } },
    user_send_location: { app_id, timestamp: t, event_name: "user_send_location", sender: { id: user }, recipient: { id: oa }, message: { msg_id: "l-1", attachments: [{ type: "location", payload: { coordinates: { latitude: "18.3", longitude: "105.9" } } }] } },
    user_send_sticker: { app_id, timestamp: t, event_name: "user_send_sticker", sender: { id: user }, recipient: { id: oa }, message: { msg_id: "s-1", attachments: [{ type: "sticker", payload: { id: "abc", url: "https://x.zdn.vn/s" } }] } },
    user_send_file: { app_id, timestamp: t, event_name: "user_send_file", sender: { id: user }, recipient: { id: oa }, message: { msg_id: "f-1", attachments: [{ type: "file", payload: { size: "233947", name: "don.docx", checksum: "x", type: "docx", url: "https://x.zdn.vn/f" } }] } },
    oa_send_text: { app_id, timestamp: t, event_name: "oa_send_text", sender: { id: oa, admin_id: "9000000000000000001" }, recipient: { id: user }, message: { msg_id: "o-1", text: "Chào bác" }, user_id_by_app: "app-x" },
    follow: { app_id, timestamp: t, event_name: "follow", oa_id: oa, follower: { id: user }, user_id_by_app: "app-x", source: "oa_profile" },
    unfollow: { app_id, timestamp: t, event_name: "unfollow", oa_id: oa, follower: { id: user }, user_id_by_app: "app-x", source: "oa_profile" },
    user_click_chatnow: { app_id, timestamp: t, event_name: "user_click_chatnow", oa_id: oa, user_id: user, user_id_by_app: "app-x" },
    user_submit_info: { app_id, timestamp: t, event_name: "user_submit_info", sender: { id: user }, recipient: { id: oa }, info: { name: "Nguyễn Văn A", phone: 841213333111, address: "Thôn Đông Xuân", city: "Hà Tĩnh", district: "", ward: "" } },
    user_received_message: { app_id, timestamp: t, event_name: "user_received_message", sender: { id: oa }, recipient: { id: user }, message: { msg_id: "o-1" } },
    user_seen_message: { app_id, timestamp: t, event_name: "user_seen_message", sender: { id: oa }, recipient: { id: user }, message: { msg_ids: ["o-1", "o-2"] } },
    user_reacted_message: { app_id, timestamp: t, event_name: "user_reacted_message", sender: { id: user }, recipient: { id: oa }, message: { msg_id: "o-1", react_icon: "/-heart" } },
    user_send_group_text: { app_id, timestamp: t, event_name: "user_send_group_text", oa_id: oa, sender: { id: user }, recipient: { id: "g-1" }, message: { text: "chào cả nhà", msg_id: "g-m-1" }, user_id_by_app: "app-x" },
    oa_send_group_text: { app_id, timestamp: t, event_name: "oa_send_group_text", oa_id: oa, sender: { id: oa }, recipient: { id: "g-1" }, message: { text: "Nhắc lịch", message_id: "g-m-2" } },
    user_join_group: { app_id, timestamp: t, event_name: "user_join_group", oa_id: oa, group_id: "g-1", users: [{ id: user }] },
    create_group: { app_id, timestamp: t, event_name: "create_group", oa_id: oa, group_id: "g-1" },
    user_withdraw: { app_id, timestamp: t, event_name: "user_withdraw", oa_id: oa, user_id: user, user_id_by_app: "app-x" },
    add_user_to_tag: { app_id, timestamp: t, event_name: "add_user_to_tag", oa_id: oa, tag_name: "thon-dong-xuan" },
  };
}
