import type { CommitQueue } from "../db/commit-queue";
import type { HandlerRegistry } from "../inbox/handlers";
import { USER_MESSAGE_EVENTS } from "./events";
import type { ZaloUsersRepo } from "./users-repo";

const at = (e: { timestamp: string }) => Number(e.timestamp);

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
  const touch = (userId: string, e: { timestamp: string; user_id_by_app?: string | undefined }, isFollower?: boolean) =>
    commits.run(() => users.touch(userId, at(e), { userIdByApp: e.user_id_by_app, ...(isFollower ? { isFollower } : {}) }));

  registry.on(USER_MESSAGE_EVENTS, async (e) => {
    if (e.event_name !== "anonymous_send_text") await touch(e.sender.id, e);
  });
  registry.on(["user_submit_info", "user_reacted_message"], (e) => touch(e.sender.id, e));
  registry.on("user_click_chatnow", (e) => touch(e.user_id, e));
  registry.on("follow", (e) => touch(e.follower.id, e, true));
  registry.on("unfollow", (e) => users.setFollower(e.follower.id, false, at(e)));
  // One transaction with the commit of this event: a crash before it leaves the event pending, and
  // handling it again erases again (idempotent).
  registry.on("user_withdraw", async (e) => {
    await commits.run(() => erase({ oaUserId: e.user_id || undefined, appUserId: e.user_id_by_app || undefined }));
  });
}
