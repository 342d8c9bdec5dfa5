import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { z } from "zod";
import type { ZaloEndpoints } from "./endpoints";
import { trimBase } from "./endpoints";
import { classifyZaloCode, ZaloDisconnectedError, type ZaloFailure, type ZaloResult } from "./errors";
import { toZaloMessage, type OutgoingMessage } from "./messages";

/** Where the client gets the OA access token; the token store implements it. */
export interface AccessTokenProvider {
  getAccessToken(): Promise<string>;
  /** Zalo refused `rejected` (-216/-220): refresh once (shared by all callers) and return the new token. */
  refreshAfterRejection(rejected: string): Promise<string>;
  /**
   * Zalo refused even the token it just handed out: refreshing again would not help (and would be
   * tried on every call). The provider marks the connection broken until an officer reconnects.
   */
  rejectedAfterRefresh?(token: string, reason: string): void;
}

/** `anonymous`: a person chatting without revealing their identity (see sendAnonymousMessage). */
export type MessageChannel = "cs" | "transaction" | "promotion" | "anonymous";

/**
 * The outbox's recipient id for an anonymous chat: Zalo's anonymous send needs both the person's
 * `anonymous_id` and the `conversation_id` of their chat (developers.zalo.me/docs/official-account/
 * tin-nhan/cac-loai-tin-khac/gui-tin-nhan-van-ban-den-nguoi-dung-an-danh).
 */
export function anonymousRecipient(anonymousId: string, conversationId: string): string {
  return `${anonymousId}#${conversationId}`;
}

export interface SentMessage {
  messageId: string;
  quota?: Record<string, unknown> | undefined;
}

export interface ConversationItem {
  fromOa: boolean;
  time: number;
  type: string;
  text: string | undefined;
  messageId: string;
  url: string | undefined;
}

const sentSchema = z.looseObject({ message_id: z.coerce.string(), quota: z.record(z.string(), z.unknown()).optional() });
const conversationItemSchema = z.looseObject({
  src: z.coerce.number(),
  time: z.coerce.number(),
  type: z.string().default("text"),
  message: z.unknown().optional(),
  message_id: z.coerce.string(),
  url: z.string().optional(),
  thumb: z.string().optional(),
});

interface CallOptions {
  method: "GET" | "POST";
  path: string;
  params?: Record<string, string | number>;
  body?: unknown;
  form?: FormData;
}

/**
 * The only code that talks to Zalo's OA API. Every call resolves to a typed result, never throws:
 * the body is read whatever the HTTP status (Zalo sends JSON errors with 200 and with 4xx/5xx),
 * -216/-220 trigger one shared refresh and one retry.
 */
export class ZaloOaClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly endpoints: ZaloEndpoints,
    private readonly tokens: AccessTokenProvider,
    timeoutMs = 10_000,
  ) {
    this.http = axios.create({ timeout: timeoutMs, validateStatus: () => true, maxRedirects: 0 });
  }

  sendMessage(channel: MessageChannel, userId: string, message: OutgoingMessage): Promise<ZaloResult<SentMessage>> {
    if (channel === "anonymous") return this.sendAnonymousMessage(userId, message);
    return this.call(
      { method: "POST", path: `/v3.0/oa/message/${channel}`, body: { recipient: { user_id: userId }, message: toZaloMessage(message) } },
      (d) => parseSent(d),
    );
  }

  /**
   * To a person chatting anonymously: the old `POST /v2.0/oa/message` (shut down for other sends, kept
   * for these) with `recipient: {anonymous_id, conversation_id}`. Text only (buttons cannot be shown
   * there; an image is refused here rather than guessed). `recipient` is anonymousRecipient(...).
   */
  sendAnonymousMessage(recipient: string, message: OutgoingMessage): Promise<ZaloResult<SentMessage>> {
    const [anonymousId, conversationId] = recipient.split("#");
    if (!anonymousId || !conversationId || message.kind === "image" || !message.text) {
      const why = message.kind === "image" ? "an anonymous chat takes text only here" : `bad anonymous recipient "${recipient}"`;
      return Promise.resolve({ ok: false, kind: "permanent", code: undefined, message: why, httpStatus: undefined, maybeDelivered: false });
    }
    const body = { recipient: { anonymous_id: anonymousId, conversation_id: conversationId }, message: { text: message.text } };
    return this.call({ method: "POST", path: "/v2.0/oa/message", body }, (d) => parseSent(d));
  }

  sendText(userId: string, text: string, channel: MessageChannel = "cs"): Promise<ZaloResult<SentMessage>> {
    return this.sendMessage(channel, userId, { kind: "text", text });
  }

  async sendGroupMessage(groupId: string, message: OutgoingMessage): Promise<ZaloResult<SentMessage>> {
    const result = await this.call(
      { method: "POST", path: "/v3.0/oa/group/message", body: { recipient: { group_id: groupId }, message: toZaloMessage(message) } },
      (d) => parseSent(d),
    );
    for (const observe of this.groupSendObservers) {
      try {
        observe(groupId, result);
      } catch {
        // An observer's failure never changes the send's outcome.
      }
    }
    return result;
  }

  private readonly groupSendObservers: ((groupId: string, result: ZaloResult<SentMessage>) => void)[] = [];

  /** Told every group post's outcome (the group registry marks a group Zalo refuses with -403 or -237). */
  onGroupSend(observer: (groupId: string, result: ZaloResult<SentMessage>) => void): void {
    this.groupSendObservers.push(observer);
  }

  getUserDetail(userId: string): Promise<ZaloResult<Record<string, unknown>>> {
    return this.call({ method: "GET", path: "/v3.0/oa/user/detail", params: { data: JSON.stringify({ user_id: userId }) } }, asRecord);
  }

  listFollowers(q: { offset: number; count: number; tagName?: string; lastInteractionPeriod?: string; isFollower?: boolean }) {
    const data = {
      offset: q.offset,
      count: Math.min(q.count, 50),
      ...(q.tagName ? { tag_name: q.tagName } : {}),
      ...(q.lastInteractionPeriod ? { last_interaction_period: q.lastInteractionPeriod } : {}),
      ...(q.isFollower !== undefined ? { is_follower: q.isFollower } : {}),
    };
    return this.call({ method: "GET", path: "/v3.0/oa/user/getlist", params: { data: JSON.stringify(data) } }, (d) =>
      z.looseObject({ total: z.coerce.number(), users: z.array(z.looseObject({ user_id: z.coerce.string() })) }).parse(d),
    );
  }

  tagFollower(userId: string, tagName: string) {
    return this.call({ method: "POST", path: "/v2.0/oa/tag/tagfollower", body: { user_id: userId, tag_name: tagName } }, () => null);
  }

  untagFollower(userId: string, tagName: string) {
    return this.call({ method: "POST", path: "/v2.0/oa/tag/rmfollowerfromtag", body: { user_id: userId, tag_name: tagName } }, () => null);
  }

  listTags() {
    return this.call({ method: "GET", path: "/v2.0/oa/tag/gettagsofoa" }, (d) => z.array(z.string()).parse(d ?? []));
  }

  uploadImage(file: Buffer, filename: string, mime: "image/jpeg" | "image/png") {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(file)], { type: mime }), filename);
    return this.call({ method: "POST", path: "/v2.0/oa/upload/image", form }, (d) =>
      z.looseObject({ attachment_id: z.coerce.string() }).transform((x) => ({ attachmentId: x.attachment_id })).parse(d),
    );
  }

  /** The user's messaging window and quotas (`POST /v3.0/oa/quota/message`). */
  getMessageQuota(userId: string) {
    return this.call({ method: "POST", path: "/v3.0/oa/quota/message", body: { user_id: userId } }, asRecord);
  }

  /** Recent messages with one user, newest first (at most 10 per call). */
  getConversation(userId: string, offset = 0, count = 10): Promise<ZaloResult<ConversationItem[]>> {
    return this.call(
      { method: "GET", path: "/v2.0/oa/conversation", params: { data: JSON.stringify({ user_id: userId, offset, count: Math.min(count, 10) }) } },
      parseConversation,
    );
  }

  /** One page of the groups the OA owns (`GET /v3.0/oa/group/getgroupsofoa`; Zalo's default count is 5). */
  listGroups(offset = 0, count = 50): Promise<ZaloResult<ZaloGroupPage>> {
    return this.call({ method: "GET", path: "/v3.0/oa/group/getgroupsofoa", params: { offset, count } }, parseGroupPage);
  }

  /** One group's details (`GET /v3.0/oa/group/getgroup`): status, members and `max_member`. */
  getGroup(groupId: string): Promise<ZaloResult<ZaloGroupDetail>> {
    return this.call({ method: "GET", path: "/v3.0/oa/group/getgroup", params: { group_id: groupId } }, parseGroupDetail);
  }

  /** Recent messages in an OA-owned group, newest first. */
  getGroupConversation(groupId: string, offset = 0, count = 10): Promise<ZaloResult<ConversationItem[]>> {
    return this.call(
      { method: "GET", path: "/v3.0/oa/group/conversation", params: { group_id: groupId, offset, count: Math.min(count, 10) } },
      parseConversation,
    );
  }

  private async call<T>(opts: CallOptions, parse: (data: unknown) => T): Promise<ZaloResult<T>> {
    let token: string;
    try {
      token = await this.tokens.getAccessToken();
    } catch (err) {
      return disconnected(err);
    }
    let result = await this.once(opts, token, parse);
    if (!result.ok && result.kind === "token") {
      try {
        token = await this.tokens.refreshAfterRejection(token);
      } catch (err) {
        return disconnected(err);
      }
      result = await this.once(opts, token, parse);
      if (!result.ok && result.kind === "token") this.tokens.rejectedAfterRefresh?.(token, `${result.code ?? ""} ${result.message}`.trim());
    }
    return result;
  }

  private async once<T>(opts: CallOptions, token: string, parse: (data: unknown) => T): Promise<ZaloResult<T>> {
    let res: AxiosResponse<unknown>;
    try {
      res = await this.http.request({
        method: opts.method,
        baseURL: trimBase(this.endpoints.openapi),
        url: opts.path,
        params: opts.params,
        data: opts.form ?? opts.body,
        headers: { access_token: token, ...(opts.body !== undefined ? { "Content-Type": "application/json" } : {}) },
      });
    } catch (err) {
      return networkFailure(err);
    }
    const body = res.data;
    const code = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    const message = typeof body === "object" && body !== null ? String((body as { message?: unknown }).message ?? "") : "";
    if (typeof code === "number" && code !== 0) {
      // A generic error code under a 5xx status is server trouble: worth another try.
      const byCode = classifyZaloCode(code);
      const kind = byCode === "permanent" && res.status >= 500 ? "retryable" : byCode;
      return { ok: false, kind, code, message, httpStatus: res.status, maybeDelivered: false };
    }
    if (res.status >= 500 || typeof code !== "number") {
      const retryable = res.status >= 500 || res.status === 429;
      return {
        ok: false,
        kind: retryable ? "retryable" : "permanent",
        code: undefined,
        message: `HTTP ${res.status}${message ? `: ${message}` : ""}`,
        httpStatus: res.status,
        maybeDelivered: false,
      };
    }
    try {
      return { ok: true, data: parse((body as { data?: unknown }).data) };
    } catch (err) {
      return { ok: false, kind: "permanent", code: 0, message: `unexpected success body: ${(err as Error).message}`, httpStatus: res.status, maybeDelivered: true };
    }
  }
}

// GMF group shapes (shared/zalo/oa-api.md §4). Ids are strings in Zalo's examples (a JSON number is kept
// as its digits); counts may come as numbers or digit strings; `status` is kept as Zalo wrote it.
const groupSummarySchema = z.looseObject({
  group_id: z.union([z.string().min(1), z.number()]).transform(String),
  name: z.string().optional(),
  status: z.string().optional(),
  total_member: z.coerce.number().int().nonnegative().optional().catch(undefined),
});
const groupPageSchema = z.looseObject({
  total: z.coerce.number().int().nonnegative().optional().catch(undefined),
  groups: z.array(groupSummarySchema).default([]),
});
const groupDetailSchema = z.looseObject({
  group_info: groupSummarySchema.extend({ max_member: z.coerce.number().int().positive().optional().catch(undefined) }),
  asset_info: z.looseObject({ asset_type: z.string().optional() }).optional(),
});

export interface ZaloGroupSummary {
  groupId: string;
  name: string | undefined;
  status: string | undefined;
  totalMember: number | undefined;
}
export interface ZaloGroupPage {
  total: number | undefined;
  groups: ZaloGroupSummary[];
}
export interface ZaloGroupDetail extends ZaloGroupSummary {
  maxMember: number | undefined;
  assetType: string | undefined;
}

function groupSummary(g: z.infer<typeof groupSummarySchema>): ZaloGroupSummary {
  return { groupId: g.group_id, name: g.name, status: g.status, totalMember: g.total_member };
}

function parseGroupPage(d: unknown): ZaloGroupPage {
  const p = groupPageSchema.parse(d ?? {});
  return { total: p.total, groups: p.groups.map(groupSummary) };
}

function parseGroupDetail(d: unknown): ZaloGroupDetail {
  const p = groupDetailSchema.parse(d);
  return { ...groupSummary(p.group_info), maxMember: p.group_info.max_member, assetType: p.asset_info?.asset_type };
}

function parseSent(d: unknown): SentMessage {
  const s = sentSchema.parse(d);
  return { messageId: s.message_id, quota: s.quota };
}

function asRecord(d: unknown): Record<string, unknown> {
  return z.record(z.string(), z.unknown()).parse(d ?? {});
}

function parseConversation(d: unknown): ConversationItem[] {
  return z.array(conversationItemSchema).parse(d ?? []).map((i) => ({
    fromOa: i.src === 0,
    time: i.time,
    type: i.type,
    text: typeof i.message === "string" ? i.message : undefined,
    messageId: i.message_id,
    url: i.url,
  }));
}

function disconnected(err: unknown): ZaloFailure {
  const message = err instanceof ZaloDisconnectedError ? err.message : `token unavailable: ${(err as Error)?.message ?? String(err)}`;
  return { ok: false, kind: "disconnected", code: undefined, message, httpStatus: undefined, maybeDelivered: false };
}

/** Connection refused or DNS failure: the request never left. Timeout or reset: it may have arrived. */
function networkFailure(err: unknown): ZaloFailure {
  const code = (err as { code?: string })?.code ?? "";
  const neverSent = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ERR_INVALID_URL"].includes(code);
  return {
    ok: false,
    kind: "retryable",
    code: undefined,
    message: `network: ${code || (err as Error)?.message || String(err)}`,
    httpStatus: undefined,
    maybeDelivered: !neverSent,
  };
}
