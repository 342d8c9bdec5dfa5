import { SimClock } from "./clock";
import type { SimContext } from "./context";
import { EventBuilder } from "./events";
import { FaultQueue } from "./faults";
import type { Fault, FaultEndpoint, QueuedFault } from "./faults";
import { changeMembership, groupView, memberPostsText, requireGroup, upsertGroup } from "./groups";
import type { GroupInit } from "./groups";
import { NumericIdGen } from "./ids";
import { adminReply } from "./messaging";
import { resolveOptions } from "./options";
import type { ResolvedSimulatorOptions, SimulatorOptions } from "./options";
import { RateLimiter } from "./rate-limit";
import * as resident from "./resident";
import type { SendOutcome, StateChangeOutcome, TapOutcome, UserAttachmentInput } from "./resident";
import { SimState } from "./state";
import { expireAccessTokens, issueTokenPair, mintMiniAppToken, mintPhoneCode } from "./tokens";
import type { ConversationItem, GroupMessageItem, InboxItem, SimStats, SubmittedInfo, TokenPair } from "./types";
import { findUser, getOrCreateUser, inboxCopy, userView } from "./users";
import type { UserInit, UserView } from "./users";
import { WebhookEmitter } from "./webhook-emitter";
import type { DeliveryLogEntry, WebhookBody, WebhookState } from "./webhook-emitter";
import { anonymousChat, anonymousView, officerSends, personSends } from "./anonymous";
import type { AnonymousContent, AnonymousKind, AnonymousSendOptions } from "./anonymous";
import { emitDocumented } from "./emit-documented";
import type { EmitDocumentedInput } from "./emit-documented";
import { ControlError } from "./zalo-errors";

export type GroupView = ReturnType<typeof groupView>;

/**
 * The simulated Zalo: state + webhook emitter, usable without HTTP. The
 * HTTP plugin (plugin.ts) exposes the same object through Zalo's routes and
 * the control API.
 */
export interface Simulator {
  readonly options: ResolvedSimulatorOptions;
  readonly clock: SimClock;
  /** Internals for the route modules and white-box tests. */
  readonly ctx: SimContext;

  // --- reading state
  inbox(userId: string): InboxItem[];
  /** The 1:1 conversation, oldest first (user and OA messages). */
  conversation(userId: string): ConversationItem[];
  groupMessages(groupId: string): GroupMessageItem[];
  user(userId: string): UserView | undefined;
  users(): UserView[];
  groups(): GroupView[];
  stats(): SimStats;
  deliveries(): DeliveryLogEntry[];
  webhookState(): WebhookState;

  // --- tokens
  /** A fresh OA token pair, as Zalo's API explorer hands an admin (not counted as a refresh). */
  issueGrant(): TokenPair;
  /** Every current OA access token expires now; returns how many were live. */
  expireAccessTokens(): number;
  mintMiniAppToken(userId: string): { access_token: string; user_id_by_app: string; expires_in: number };
  mintPhoneToken(userId: string, phone: string): { code: string; expires_in: number };

  // --- residents
  upsertUser(userId: string, init?: UserInit): UserView;
  sendText(userId: string, text: string, opts?: { quote_msg_id?: string }): Promise<SendOutcome>;
  sendAttachment(userId: string, input: UserAttachmentInput): Promise<SendOutcome>;
  follow(userId: string, source?: string): Promise<StateChangeOutcome>;
  unfollow(userId: string, source?: string): Promise<StateChangeOutcome>;
  chatNow(userId: string): Promise<StateChangeOutcome>;
  submitInfo(userId: string, info: SubmittedInfo & Record<string, unknown>): Promise<StateChangeOutcome>;
  withdraw(userId: string): Promise<StateChangeOutcome>;
  setBlocked(userId: string, blocked: boolean): void;
  tap(userId: string, index: number, messageId?: string): Promise<TapOutcome>;
  seen(userId: string, messageIds?: string[]): Promise<{ msg_ids: string[]; delivered: boolean }>;
  received(userId: string, messageId?: string): Promise<{ msg_id: string; delivered: boolean }>;
  react(userId: string, messageId: string, icon: string): Promise<{ delivered: boolean }>;
  /** An officer answers from the OA chat tool: inbox item with from_admin, oa_send_text with sender.admin_id. */
  adminReply(userId: string, text: string, adminId: string): Promise<{ message_id: string; delivered: boolean }>;
  /** A person chatting without revealing their Zalo identity: anonymous_send_text (no user is created). */
  sendAnonymousText(anonId: string, text: string, o?: AnonymousSendOptions): Promise<{ msg_id: string; conversation_id: string; delivered: boolean }>;
  /** anonymous_send_<kind> from the person (their conversation starts with their first message). */
  anonymousSends(anonId: string, kind: AnonymousKind, content: AnonymousContent, o?: AnonymousSendOptions): Promise<{ msg_id: string; conversation_id: string; delivered: boolean }>;
  /** An officer answers an anonymous person from the OA chat tool: oa_send_anonymous_<kind> echo. */
  anonymousOfficerSends(anonId: string, kind: AnonymousKind, content: AnonymousContent, o?: AnonymousSendOptions): Promise<{ message_id: string; conversation_id: string; delivered: boolean }>;
  /** An anonymous chat (both directions, the API's answers included), or undefined. */
  anonymousChat(anonId: string): ReturnType<typeof anonymousView> | undefined;
  anonymousChats(): ReturnType<typeof anonymousView>[];
  /**
   * Emits one documented event with its documented body (documented-events.ts), `fields` replacing and
   * `omit` dropping top-level fields. Anonymous events go through the anonymous chat (state kept).
   */
  emitDocumented(eventName: string, input?: EmitDocumentedInput): Promise<{ event_name: string; delivered: boolean; body: WebhookBody }>;
  /** Width of the `timestamp` string of the next events (documented examples: 11, 12 or 13 digits). */
  setTimestampDigits(digits: 11 | 12 | 13): void;

  // --- groups
  upsertGroup(init: GroupInit): GroupView;
  groupPost(groupId: string, userId: string, text: string): Promise<{ msg_id: string; delivered: boolean; emitted: boolean }>;
  groupMembership(groupId: string, userIds: string[], action: "join" | "leave"): Promise<{ members: string[]; delivered: boolean | null }>;

  // --- webhook, faults, lifecycle
  setWebhookUrl(url: string, enabled?: boolean): void;
  pushFaults(endpoint: FaultEndpoint, faults: Fault[]): number;
  clearFaults(): number;
  pendingFaults(): QueuedFault[];
  /** Resolves when no webhook attempt is in flight (scheduled retries are not waited for). */
  idle(): Promise<void>;
  /** Empties the state (users, groups, tokens, stats, log, faults, clock); keeps options and webhook URL. */
  reset(): void;
  close(): Promise<void>;
}

export function createSimulator(input: SimulatorOptions): Simulator {
  const opts = resolveOptions(input);
  const clock = new SimClock();
  const state = new SimState();
  const emitter = new WebhookEmitter({
    appId: opts.appId,
    oaSecretKey: opts.oaSecretKey,
    ...(opts.webhookUrl ? { url: opts.webhookUrl } : {}),
    timeoutMs: opts.webhookTimeoutMs,
    retryScheduleMs: opts.retryScheduleMs,
    retryTimeScale: opts.retryTimeScale,
    clock,
    stats: () => state.stats.webhooks,
  });
  let timestampDigits = opts.timestampDigits;
  const ctx: SimContext = {
    opts,
    clock,
    state,
    emitter,
    events: new EventBuilder({ appId: opts.appId, oaId: opts.oaId, now: () => clock.now(), timestampDigits: () => timestampDigits }),
    ids: new NumericIdGen(),
    rateLimiter: new RateLimiter(opts.rateLimitPerMinute, clock),
    faults: new FaultQueue(),
  };

  const requireUser = (userId: string) => {
    const u = findUser(ctx, userId);
    if (!u) throw new ControlError(404, `user ${userId} does not exist`);
    return u;
  };

  return {
    options: opts,
    clock,
    ctx,

    inbox: (userId) => {
      const u = findUser(ctx, userId);
      return u ? inboxCopy(u) : [];
    },
    conversation: (userId) => (findUser(ctx, userId)?.conversation ?? []).map((c) => ({ ...c })),
    groupMessages: (groupId) => requireGroup(ctx, groupId).messages.map((m) => structuredClone(m)),
    user: (userId) => {
      const u = findUser(ctx, userId);
      return u ? userView(ctx, u) : undefined;
    },
    users: () => [...state.users.values()].map((u) => userView(ctx, u)),
    groups: () => [...state.groups.values()].map(groupView),
    stats: () => structuredClone(state.stats),
    deliveries: () => emitter.deliveries(),
    webhookState: () => emitter.state(),

    issueGrant: () => issueTokenPair(ctx),
    expireAccessTokens: () => expireAccessTokens(ctx),
    mintMiniAppToken: (userId) => {
      const u = getOrCreateUser(ctx, userId);
      return { ...mintMiniAppToken(ctx, userId), user_id_by_app: u.user_id_by_app };
    },
    mintPhoneToken: (userId, phone) => {
      getOrCreateUser(ctx, userId);
      return mintPhoneCode(ctx, userId, phone);
    },

    upsertUser: (userId, init) => userView(ctx, getOrCreateUser(ctx, userId, init)),
    sendText: (userId, text, o) => resident.userSendsText(ctx, userId, text, o ?? {}),
    sendAttachment: (userId, a) => resident.userSendsAttachment(ctx, userId, a),
    follow: (userId, source) => resident.follow(ctx, userId, source),
    unfollow: (userId, source) => resident.unfollow(ctx, userId, source),
    chatNow: (userId) => resident.clickChatNow(ctx, userId),
    submitInfo: (userId, info) => resident.submitInfo(ctx, userId, info),
    withdraw: (userId) => resident.withdraw(ctx, userId),
    setBlocked: (userId, blocked) => resident.setBlocked(ctx, userId, blocked),
    tap: (userId, index, messageId) => resident.tapButton(ctx, userId, messageId, index),
    seen: (userId, ids) => resident.markSeen(ctx, userId, ids),
    received: (userId, id) => resident.markReceived(ctx, userId, id),
    react: (userId, id, icon) => {
      requireUser(userId);
      return resident.react(ctx, userId, id, icon);
    },
    adminReply: async (userId, text, adminId) => {
      const r = adminReply(ctx, userId, text, adminId);
      return { message_id: r.message_id, delivered: await r.delivered };
    },

    sendAnonymousText: (anonId, text, o) => personSends(ctx, anonId, "text", { text }, o),
    anonymousSends: (anonId, kind, content, o) => personSends(ctx, anonId, kind, content, o),
    anonymousOfficerSends: (anonId, kind, content, o) => officerSends(ctx, anonId, kind, content, o),
    anonymousChat: (anonId) => {
      const chat = anonymousChat(ctx, anonId);
      return chat ? anonymousView(chat) : undefined;
    },
    anonymousChats: () => [...state.anonymous.values()].map(anonymousView),
    emitDocumented: (eventName, input) => emitDocumented(ctx, eventName, input ?? {}),
    setTimestampDigits: (digits) => {
      timestampDigits = digits;
    },

    upsertGroup: (init) => groupView(upsertGroup(ctx, init)),
    groupPost: (groupId, userId, text) => memberPostsText(ctx, groupId, userId, text),
    groupMembership: (groupId, userIds, action) => changeMembership(ctx, groupId, userIds, action),

    setWebhookUrl: (url, enabled = true) => emitter.setUrl(url, enabled),
    pushFaults: (endpoint, faults) => ctx.faults.push(endpoint, faults),
    clearFaults: () => ctx.faults.clear(),
    pendingFaults: () => ctx.faults.list(),
    idle: () => emitter.idle(),
    reset: () => {
      state.reset();
      emitter.reset();
      ctx.faults.clear();
      ctx.rateLimiter.reset();
      clock.reset();
      timestampDigits = opts.timestampDigits;
    },
    close: () => emitter.close(),
  };
}
