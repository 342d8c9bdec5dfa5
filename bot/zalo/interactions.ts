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
export function registerInteractionTracking(registry: HandlerRegistry, users: ZaloUsersRepo, inbox: InboxRepo): void {
  registry.on(USER_MESSAGE_EVENTS, (e) => {
    if (e.event_name !== "anonymous_send_text") users.touch(e.sender.id, at(e), { userIdByApp: e.user_id_by_app });
  });
  registry.on(["user_submit_info", "user_reacted_message"], (e) => users.touch(e.sender.id, at(e), { userIdByApp: e.user_id_by_app }));
  registry.on("user_click_chatnow", (e) => users.touch(e.user_id, at(e), { userIdByApp: e.user_id_by_app }));
  registry.on("follow", (e) => users.touch(e.follower.id, at(e), { userIdByApp: e.user_id_by_app, isFollower: true }));
  registry.on("unfollow", (e) => users.setFollower(e.follower.id, false, at(e)));
  registry.on("user_withdraw", (e) => {
    const known = e.user_id ? users.get(e.user_id) : users.findByAppUserId(e.user_id_by_app);
    const userId = known?.userId ?? e.user_id;
    if (!userId) return;
    users.delete(userId);
    inbox.redactSubject(userId);
  });
}
