import type { CommitQueue } from "../db/commit-queue";
import type { HandlerRegistry } from "../inbox/handlers";
import type { InboxRepo } from "../inbox/inbox-repo";
import { USER_MESSAGE_EVENTS } from "./events";
import type { ZaloUsersRepo } from "./users-repo";

const at = (e: { timestamp: string }) => Number(e.timestamp);

/**
 * Keeps `zalo_users` current from webhook events: the last interaction (Zalo's 7-day window opens on a
 * message, a follow, a button tap, "chat now" or a submitted form), the follower flag, the app-scoped
 * id; and honours `user_withdraw` (a data-subject request) by forgetting the person.
 */
export function registerInteractionTracking(registry: HandlerRegistry, users: ZaloUsersRepo, inbox: InboxRepo, commits: CommitQueue): void {
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
  registry.on("user_withdraw", (e) => {
    const known = e.user_id ? users.get(e.user_id) : users.findByAppUserId(e.user_id_by_app);
    const userId = known?.userId ?? e.user_id;
    if (!userId) return;
    users.delete(userId);
    inbox.redactSubject(userId);
  });
}
