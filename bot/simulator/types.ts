/** Shapes shared by the simulator's modules and visible to tests through the control API. */

export type Channel = "cs" | "transaction" | "promotion";

export interface ButtonView {
  title: string;
  type: string;
  /** string for oa.query.*, object for oa.open.* */
  payload: unknown;
}

export interface ImageView {
  url?: string;
  attachment_id?: string;
}

/** A message the OA sent to one user, as the control API shows it. */
export interface InboxItem {
  message_id: string;
  channel: Channel;
  text: string;
  buttons: ButtonView[];
  image?: ImageView;
  /** request_user_info form, if the message was one. */
  form?: { title: string; subtitle?: string; image_url?: string };
  /** template_type of a transaction/promotion template. */
  template_type?: string;
  quote_message_id?: string;
  /** admin_id of the officer who answered from the OA chat tool. */
  from_admin?: string;
  /** Sim-clock epoch ms. */
  at: number;
}

/** A message in an OA-owned (or not) group. */
export interface GroupMessageItem {
  message_id: string;
  channel: "group";
  text: string;
  buttons: ButtonView[];
  image?: ImageView;
  /** Member who posted it; absent when the OA posted it. */
  from_user_id?: string;
  from_oa: boolean;
  at: number;
}

/** One line of a 1:1 conversation, in Zalo's /v2.0/oa/conversation shape (plus a few extras). */
export interface ConversationItem {
  src: 0 | 1;
  time: number;
  sent_time: string;
  from_id: string;
  from_display_name: string;
  from_avatar: string;
  to_id: string;
  to_display_name: string;
  to_avatar: string;
  message_id: string;
  type: "text" | "photo" | "sticker" | "link" | "location" | "file" | "template";
  message: string;
  url?: string;
  thumb?: string;
  location?: string;
}

export interface SubmittedInfo {
  name?: string;
  phone?: string | number;
  address?: string;
  city?: string;
  district?: string;
  ward?: string;
}

export interface SimUser {
  user_id: string;
  user_id_by_app: string;
  display_name: string;
  avatar: string;
  follower: boolean;
  blocked: boolean;
  is_sensitive: boolean;
  tags: Set<string>;
  created_at: number;
  /** Last interaction (follow, message, query-button tap, chat-now, form) by sim clock; null = never. */
  last_interaction_at: number | null;
  /** Free consultation replies used since last_interaction_at. */
  free_replies_used: number;
  /** Has ever sent a message (user_click_chatnow is only for users who never chatted). */
  has_chatted: boolean;
  chatnow_sent: boolean;
  /** Promotion sends per Vietnam calendar day number. */
  promotions_by_day: Map<number, number>;
  /** Promotion sends per Vietnam month key. */
  promotions_by_month: Map<number, number>;
  shared_info?: SubmittedInfo;
  inbox: InboxItem[];
  /** Oldest first. */
  conversation: ConversationItem[];
}

/** One message of an anonymous chat (anonymous_send_* from the person, the OA's answers to them). */
export interface AnonymousMessageItem {
  message_id: string;
  from_oa: boolean;
  event_name: string;
  text?: string;
  attachments?: { type: string; payload: Record<string, unknown> }[];
  /** Sent through the v2 anonymous send API (false: an officer in the OA chat tool, or emitted by the control API). */
  via_api?: boolean;
  /** Sim-clock epoch ms. */
  at: number;
}

/** A person chatting with the OA without revealing their Zalo identity, and their conversation. */
export interface SimAnonymousChat {
  anonymous_id: string;
  conversation_id: string;
  /** Oldest first. */
  messages: AnonymousMessageItem[];
}

export interface SimGroup {
  group_id: string;
  name: string;
  description: string;
  avatar: string;
  owned_by_oa: boolean;
  status: "enabled" | "disabled";
  asset_type: "gmf10" | "gmf50" | "gmf100";
  asset_id: string;
  member_user_ids: string[];
  /** OA admins' deputies (add_group_admin / remove_group_admin). */
  admin_user_ids?: string[];
  created_at: number;
  /** Set when the group was dissolved (delete_group): Zalo no longer lists it, answers -403 for it. */
  deleted_at?: number;
  /** Oldest first. */
  messages: GroupMessageItem[];
}

export interface AccessTokenRecord {
  token: string;
  issued_at: number;
  expires_at: number;
}

export interface RefreshTokenRecord {
  token: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface AuthCodeRecord {
  code: string;
  code_challenge?: string;
  redirect_uri: string;
  state?: string;
  issued_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface MiniAppTokenRecord {
  token: string;
  user_id: string;
  issued_at: number;
  expires_at: number;
}

export interface PhoneCodeRecord {
  code: string;
  user_id: string;
  phone: string;
  expires_at: number;
  used_at: number | null;
}

export interface UploadRecord {
  attachment_id: string;
  url: string;
  mime: "image/jpeg" | "image/png";
  size: number;
  uploaded_at: number;
  expires_at: number;
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: string;
}

export interface SimStats {
  /** Calls to /v4/oa/access_token with grant_type=refresh_token (successful or not). */
  refreshCalls: number;
  /** Calls to /v4/oa/access_token with grant_type=authorization_code (successful or not). */
  codeExchanges: number;
  /** All calls to the token endpoint. */
  tokenCalls: number;
  /** Token pairs handed out (code exchange, refresh, control grant). */
  tokensIssued: number;
  /** Messages delivered through the OA API (1:1 and group). */
  messagesSent: number;
  messagesByChannel: { cs: number; transaction: number; promotion: number; group: number };
  /** Consultation messages sent past the free allowance (charged). */
  paidConsultations: number;
  /** Calls answered -32 by the rate limiter (not counting injected faults). */
  rateLimited: number;
  /** Calls to the openapi host. */
  apiCalls: number;
  faultsInjected: number;
  /** "METHOD /path" → calls, for every Zalo-host route. */
  byEndpoint: Record<string, number>;
  /** Zalo error code → count of error answers. */
  errors: Record<string, number>;
  webhooks: { events: number; attempts: number; ok: number; failedAttempts: number; retries: number; lost: number };
}

export function emptyStats(): SimStats {
  return {
    refreshCalls: 0,
    codeExchanges: 0,
    tokenCalls: 0,
    tokensIssued: 0,
    messagesSent: 0,
    messagesByChannel: { cs: 0, transaction: 0, promotion: 0, group: 0 },
    paidConsultations: 0,
    rateLimited: 0,
    apiCalls: 0,
    faultsInjected: 0,
    byEndpoint: {},
    errors: {},
    webhooks: { events: 0, attempts: 0, ok: 0, failedAttempts: 0, retries: 0, lost: 0 },
  };
}
