import type { FastifyInstance } from "fastify";
import {
  AdminReplyBody,
  AnonParams,
  AnonymousTextBody,
  BlockBody,
  FileBody,
  ImageBody,
  LinkBody,
  LocationBody,
  PhoneTokenBody,
  ReactBody,
  ReceivedBody,
  SeenBody,
  SourceBody,
  StickerBody,
  SubmitInfoBody,
  TapBody,
  TextBody,
  UpsertUserBody,
  UserParams,
} from "./control-schemas";
import { parseControl } from "./http-util";
import type { Simulator } from "./simulator";
import { ControlError } from "./zalo-errors";

/** Control API: simulated residents (users) and the officer's chat tool. */
export async function controlUserRoutes(app: FastifyInstance, opts: { sim: Simulator }): Promise<void> {
  const sim = opts.sim;
  const uid = (params: unknown) => parseControl(UserParams, params, "user id").userId;

  app.get("/api/users", async () => sim.users());

  app.post("/api/users", async (req) => {
    const b = parseControl(UpsertUserBody, req.body, "user");
    const { user_id, ...init } = b;
    return sim.upsertUser(user_id, {
      ...(init.display_name !== undefined ? { display_name: init.display_name } : {}),
      ...(init.follower !== undefined ? { follower: init.follower } : {}),
      ...(init.last_interaction_at !== undefined ? { last_interaction_at: init.last_interaction_at } : {}),
      ...(init.is_sensitive !== undefined ? { is_sensitive: init.is_sensitive } : {}),
      ...(init.avatar !== undefined ? { avatar: init.avatar } : {}),
    });
  });

  app.get("/api/users/:userId", async (req) => {
    const id = uid(req.params);
    const u = sim.user(id);
    if (!u) throw new ControlError(404, `user ${id} does not exist`);
    return u;
  });

  app.get("/api/users/:userId/inbox", async (req) => sim.inbox(uid(req.params)));
  app.get("/api/users/:userId/conversation", async (req) => sim.conversation(uid(req.params)));

  // Anonymous chats: the person writes (text, image, sticker, file), an officer answers from the OA chat tool;
  // the bot answers through POST /v2.0/oa/message, seen in GET /api/anonymous/:anonId.
  const anonId = (params: unknown) => parseControl(AnonParams, params, "anonymous id").anonId;
  app.get("/api/anonymous", async () => sim.anonymousChats());
  app.get("/api/anonymous/:anonId", async (req) => {
    const id = anonId(req.params);
    const chat = sim.anonymousChat(id);
    if (!chat) throw new ControlError(404, `anonymous chat ${id} does not exist`);
    return chat;
  });
  app.post("/api/anonymous/:anonId/text", async (req) => {
    const b = parseControl(AnonymousTextBody, req.body, "text body");
    return sim.sendAnonymousText(anonId(req.params), b.text, b.user_id_by_app !== undefined ? { userIdByApp: b.user_id_by_app } : {});
  });
  app.post("/api/anonymous/:anonId/image", async (req) => {
    const b = parseControl(ImageBody, req.body, "image body");
    return sim.anonymousSends(anonId(req.params), "image", { attachments: [{ type: "image", payload: { thumbnail: b.thumbnail ?? b.url, url: b.url } }] });
  });
  app.post("/api/anonymous/:anonId/sticker", async (req) => {
    const b = parseControl(StickerBody, req.body ?? {}, "sticker body");
    return sim.anonymousSends(anonId(req.params), "sticker", { attachments: [{ type: "sticker", payload: { id: b.id, url: b.url ?? `https://zalo-api.zadn.vn/api/emoticon/sticker/webpc?eid=${encodeURIComponent(b.id)}` } }] });
  });
  app.post("/api/anonymous/:anonId/file", async (req) => {
    const b = parseControl(FileBody, req.body, "file body");
    const type = b.type ?? b.name.split(".").pop() ?? "";
    return sim.anonymousSends(anonId(req.params), "file", { attachments: [{ type: "file", payload: { size: String(b.size ?? 0), name: b.name, checksum: "", type, url: b.url } }] });
  });
  app.post("/api/anonymous/:anonId/officer-reply", async (req) => {
    const b = parseControl(TextBody, req.body, "officer reply");
    return sim.anonymousOfficerSends(anonId(req.params), "text", { text: b.text });
  });

  app.post("/api/users/:userId/text", async (req) => {
    const b = parseControl(TextBody, req.body, "text body");
    return sim.sendText(uid(req.params), b.text, b.quote_msg_id ? { quote_msg_id: b.quote_msg_id } : {});
  });

  app.post("/api/users/:userId/tap", async (req) => {
    const b = parseControl(TapBody, req.body, "tap body");
    return sim.tap(uid(req.params), b.index, b.message_id);
  });

  app.post("/api/users/:userId/follow", async (req) => {
    const b = parseControl(SourceBody, req.body ?? {}, "follow body");
    return sim.follow(uid(req.params), b.source ?? "oa_profile");
  });

  app.post("/api/users/:userId/unfollow", async (req) => {
    const b = parseControl(SourceBody, req.body ?? {}, "unfollow body");
    return sim.unfollow(uid(req.params), b.source ?? "oa_profile");
  });

  app.post("/api/users/:userId/chatnow", async (req) => sim.chatNow(uid(req.params)));

  app.post("/api/users/:userId/image", async (req) => {
    const b = parseControl(ImageBody, req.body, "image body");
    return sim.sendAttachment(uid(req.params), {
      kind: "image",
      url: b.url,
      ...(b.thumbnail ? { thumbnail: b.thumbnail } : {}),
      ...(b.text ? { text: b.text } : {}),
    });
  });

  app.post("/api/users/:userId/location", async (req) => {
    const b = parseControl(LocationBody, req.body, "location body");
    return sim.sendAttachment(uid(req.params), { kind: "location", latitude: b.latitude, longitude: b.longitude });
  });

  app.post("/api/users/:userId/sticker", async (req) => {
    const b = parseControl(StickerBody, req.body ?? {}, "sticker body");
    return sim.sendAttachment(uid(req.params), { kind: "sticker", id: b.id, ...(b.url ? { url: b.url } : {}) });
  });

  app.post("/api/users/:userId/link", async (req) => {
    const b = parseControl(LinkBody, req.body, "link body");
    return sim.sendAttachment(uid(req.params), {
      kind: "link",
      url: b.url,
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.thumbnail !== undefined ? { thumbnail: b.thumbnail } : {}),
    });
  });

  app.post("/api/users/:userId/file", async (req) => {
    const b = parseControl(FileBody, req.body, "file body");
    return sim.sendAttachment(uid(req.params), {
      kind: "file",
      url: b.url,
      name: b.name,
      ...(b.size !== undefined ? { size: b.size } : {}),
      ...(b.type !== undefined ? { type: b.type } : {}),
    });
  });

  app.post("/api/users/:userId/submit-info", async (req) => {
    const b = parseControl(SubmitInfoBody, req.body ?? {}, "submit-info body");
    return sim.submitInfo(uid(req.params), b);
  });

  app.post("/api/users/:userId/withdraw", async (req) => sim.withdraw(uid(req.params)));

  app.post("/api/users/:userId/block", async (req) => {
    const b = parseControl(BlockBody, req.body, "block body");
    const id = uid(req.params);
    sim.setBlocked(id, b.blocked);
    return sim.user(id);
  });

  app.post("/api/users/:userId/seen", async (req) => {
    const b = parseControl(SeenBody, req.body ?? {}, "seen body");
    return sim.seen(uid(req.params), b.message_ids);
  });

  app.post("/api/users/:userId/received", async (req) => {
    const b = parseControl(ReceivedBody, req.body ?? {}, "received body");
    return sim.received(uid(req.params), b.message_id);
  });

  app.post("/api/users/:userId/react", async (req) => {
    const b = parseControl(ReactBody, req.body, "react body");
    return sim.react(uid(req.params), b.message_id, b.react_icon);
  });

  app.post("/api/users/:userId/miniapp-token", async (req) => sim.mintMiniAppToken(uid(req.params)));

  app.post("/api/users/:userId/phone-token", async (req) => {
    const b = parseControl(PhoneTokenBody, req.body, "phone-token body");
    const digits = b.phone.replace(/^\+/, "");
    return sim.mintPhoneToken(uid(req.params), digits.startsWith("0") ? `84${digits.slice(1)}` : digits);
  });

  app.post("/api/admin/reply", async (req) => {
    const b = parseControl(AdminReplyBody, req.body, "admin reply");
    return sim.adminReply(b.user_id, b.text, b.admin_id);
  });
}
