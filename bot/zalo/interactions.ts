import type { CommitQueue } from "../db/commit-queue";
import type { HandlerContext, HandlerRegistry } from "../inbox/handlers";
import { USER_MESSAGE_EVENTS } from "./events";
import type { ZaloUsersRepo } from "./users-repo";

/**
 * When an interaction happened, for Zalo's 7-day window: the bot's own clock when the webhook delivered
 * the event (ctx.receivedAt), never the event's `timestamp`. Documented examples carry 11- and 12-digit
 * values there (read as milliseconds: 1974), so trusting it would put a resident who just wrote outside
 * the window. The event's timestamp stays in the stored raw body as received; the intake logs it when it
 * is not plausible (see timestampIsPlausible in events.ts).
 */
const at = (ctx: HandlerContext) => ctx.receivedAt;

/** The person's ids as Zalo gave them in `user_withdraw` (either may be missing). */
export interface WithdrawnPerson {
  oaUserId?: string | undefined;
  appUserId?: string | undefined;
}

/**
 * Keeps `zalo_users` current from webhook events: the last interaction (Zalo's 7-day window opens on a
 * message, a follow, a button tap, "chat now" or a submitted form), the follower flag, the app-scoped
 * id; and honours `user_withdraw` (withdrawal of consent, Decree 13/2023) through the one erasure
 * service (bot/privacy), which also empties the withdraw event's own stored body.
 */
export function registerInteractionTracking(
  registry: HandlerRegistry,
  users: ZaloUsersRepo,
  commits: CommitQueue,
  erase: (person: WithdrawnPerson) => unknown,
): void {
  // Events handled in the same turn share one commit.
  const touch = (userId: string, e: { user_id_by_app?: string | undefined }, ctx: HandlerContext, isFollower?: boolean) =>
    commits.run(() => users.touch(userId, at(ctx), { userIdByApp: e.user_id_by_app, ...(isFollower ? { isFollower } : {}) }));

  // Anonymous chats (ANONYMOUS_USER_EVENTS) are not in this list: never a follower's interaction.
  registry.on(USER_MESSAGE_EVENTS, (e, ctx) => touch(e.sender.id, e, ctx));
  registry.on(["user_submit_info", "user_reacted_message"], (e, ctx) => touch(e.sender.id, e, ctx));
  registry.on("user_click_chatnow", (e, ctx) => touch(e.user_id, e, ctx));
  registry.on("follow", (e, ctx) => touch(e.follower.id, e, ctx, true));
  registry.on("unfollow", (e, ctx) => users.setFollower(e.follower.id, false, at(ctx)));
  // One transaction with the commit of this event: a crash before it leaves the event pending, and
  // handling it again erases again (idempotent).
  registry.on("user_withdraw", async (e) => {
    await commits.run(() => erase({ oaUserId: e.user_id || undefined, appUserId: e.user_id_by_app || undefined }));
  });
}
