import type { SimContext } from "./context";
import { appScopedUserId } from "./ids";
import type { InboxItem, SimUser, SubmittedInfo } from "./types";
import { formatVnDate, vnDayNumber } from "./vn-time";

export const DAY_MS = 86_400_000;
export const CS_WINDOW_MS = 7 * DAY_MS;
export const FREE_REPLY_WINDOW_MS = 48 * 3600_000;
export const FREE_REPLIES = 8;
export const TRANSACTION_WINDOW_MS = 365 * DAY_MS;

const DEMO_NAMES = [
  "Nguyễn Văn An",
  "Trần Thị Bình",
  "Lê Văn Cường",
  "Phạm Thị Dung",
  "Hoàng Văn Em",
  "Vũ Thị Giang",
  "Đặng Văn Hùng",
  "Bùi Thị Lan",
  "Đỗ Văn Minh",
  "H'Hen Niê",
  "Y Moan Êban",
  "Ngô Thị Nga",
];

function defaultName(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return DEMO_NAMES[h % DEMO_NAMES.length] ?? "Người dân";
}

export interface UserInit {
  display_name?: string;
  follower?: boolean;
  last_interaction_at?: number | null;
  is_sensitive?: boolean;
  avatar?: string;
}

export function findUser(ctx: SimContext, userId: string): SimUser | undefined {
  return ctx.state.users.get(userId);
}

/** Users are created on their first control call. */
export function getOrCreateUser(ctx: SimContext, userId: string, init: UserInit = {}): SimUser {
  let u = ctx.state.users.get(userId);
  if (!u) {
    u = {
      user_id: userId,
      user_id_by_app: appScopedUserId(ctx.opts.appId, userId),
      display_name: init.display_name ?? defaultName(userId),
      avatar: init.avatar ?? `https://s120-ava-talk.zadn.vn/sim/${encodeURIComponent(userId)}.jpg`,
      follower: init.follower ?? false,
      blocked: false,
      is_sensitive: init.is_sensitive ?? false,
      tags: new Set(),
      created_at: ctx.clock.now(),
      last_interaction_at: init.last_interaction_at ?? null,
      free_replies_used: 0,
      has_chatted: false,
      chatnow_sent: false,
      promotions_by_day: new Map(),
      promotions_by_month: new Map(),
      inbox: [],
      conversation: [],
    };
    ctx.state.users.set(userId, u);
    return u;
  }
  if (init.display_name !== undefined) u.display_name = init.display_name;
  if (init.follower !== undefined) u.follower = init.follower;
  if (init.is_sensitive !== undefined) u.is_sensitive = init.is_sensitive;
  if (init.avatar !== undefined) u.avatar = init.avatar;
  if (init.last_interaction_at !== undefined) {
    u.last_interaction_at = init.last_interaction_at;
    u.free_replies_used = 0;
  }
  return u;
}

/** A user action that opens (or re-opens) the consultation window. */
export function recordInteraction(ctx: SimContext, u: SimUser): void {
  u.last_interaction_at = ctx.clock.now();
  u.free_replies_used = 0;
}

export interface CsWindow {
  /** "open_free" (within 48 h and free replies left), "open_paid", "closed" (older than 7 days), "never". */
  state: "open_free" | "open_paid" | "closed" | "never";
  free_remaining: number;
  window_ends_at: number | null;
  free_until: number | null;
}

export function csWindow(ctx: SimContext, u: SimUser): CsWindow {
  const last = u.last_interaction_at;
  if (last === null) return { state: "never", free_remaining: 0, window_ends_at: null, free_until: null };
  const now = ctx.clock.now();
  const windowEnds = last + CS_WINDOW_MS;
  const freeUntil = last + FREE_REPLY_WINDOW_MS;
  if (now > windowEnds) return { state: "closed", free_remaining: 0, window_ends_at: windowEnds, free_until: freeUntil };
  const freeRemaining = now <= freeUntil ? Math.max(0, FREE_REPLIES - u.free_replies_used) : 0;
  return {
    state: freeRemaining > 0 ? "open_free" : "open_paid",
    free_remaining: freeRemaining,
    window_ends_at: windowEnds,
    free_until: freeUntil,
  };
}

export function promotionsToday(ctx: SimContext, u: SimUser): number {
  return u.promotions_by_day.get(vnDayNumber(ctx.clock.now())) ?? 0;
}

/** JSON view of a user for the control API. */
export function userView(ctx: SimContext, u: SimUser) {
  const w = csWindow(ctx, u);
  return {
    user_id: u.user_id,
    user_id_by_app: u.user_id_by_app,
    display_name: u.display_name,
    avatar: u.avatar,
    follower: u.follower,
    blocked: u.blocked,
    is_sensitive: u.is_sensitive,
    tags: [...u.tags],
    last_interaction_at: u.last_interaction_at,
    cs_window: w,
    promotions_today: promotionsToday(ctx, u),
    shared_info: u.shared_info ?? null,
    inbox_count: u.inbox.length,
    created_at: u.created_at,
  };
}

export type UserView = ReturnType<typeof userView>;

/** data of /v3.0/oa/user/detail. */
export function userDetail(u: SimUser) {
  const info: SubmittedInfo = u.shared_info ?? {};
  return {
    user_id: u.user_id,
    user_id_by_app: u.user_id_by_app,
    user_external_id: "",
    display_name: u.display_name,
    user_alias: u.display_name,
    is_sensitive: u.is_sensitive,
    user_last_interaction_date: u.last_interaction_at === null ? "" : formatVnDate(u.last_interaction_at),
    user_is_follower: u.follower,
    avatar: u.avatar,
    avatars: { "120": u.avatar, "240": u.avatar.replace("s120-", "s240-") },
    tags_and_notes_info: { notes: [] as string[], tag_names: [...u.tags] },
    shared_info: {
      address: info.address ?? "",
      city: info.city ?? "",
      district: info.district ?? "",
      phone: info.phone === undefined ? "" : String(info.phone),
      name: info.name ?? "",
    },
  };
}

export function inboxCopy(u: SimUser): InboxItem[] {
  return u.inbox.map((m) => structuredClone(m));
}
