import type { SimContext } from "./context";
import type { SimGroup } from "./types";
import type { WebhookBody } from "./webhook-emitter";

/**
 * Group lifecycle webhook events (developers.zalo.me/docs/official-account/webhook/nhom-chat-gmf/*, as
 * summarised in shared/zalo/oa-api.md §1, read 2026-11): `{oa_id, group_id, event_name, app_id,
 * timestamp, users?: [{id}]}`, no sender or recipient, no user_id_by_app. The documented bodies carry no
 * group name: after `update_group_info` the new name is read with getgroup. A member leaving is
 * `user_out_group` (the documentation's page for it is named `user_leave_group`).
 */
export const GROUP_LIFECYCLE_EVENT_NAMES = [
  "create_group",
  "delete_group",
  "update_group_info",
  "user_join_group",
  "user_out_group",
  "user_request_join_group",
  "accept_request_join_group",
  "reject_request_join_group",
  "add_group_admin",
  "remove_group_admin",
] as const;
export type GroupLifecycleEventName = (typeof GROUP_LIFECYCLE_EVENT_NAMES)[number];

/** Which events list the people concerned in `users`. */
const WITH_USERS: ReadonlySet<GroupLifecycleEventName> = new Set([
  "user_join_group",
  "user_out_group",
  "user_request_join_group",
  "accept_request_join_group",
  "reject_request_join_group",
  "add_group_admin",
  "remove_group_admin",
]);

/** The body of one group lifecycle event (the timestamp width follows the simulator's setting). */
export function groupLifecycleEvent(ctx: SimContext, groupId: string, eventName: GroupLifecycleEventName, userIds: string[] = []): WebhookBody {
  return ctx.events.groupLifecycle(groupId, eventName, WITH_USERS.has(eventName) ? userIds : undefined);
}

/** Sends a group event if the group is the OA's (only OA-owned groups reach its webhook). */
export async function emitGroupEvent(ctx: SimContext, g: SimGroup, eventName: GroupLifecycleEventName, userIds: string[] = []): Promise<boolean | null> {
  if (!g.owned_by_oa) return null;
  return ctx.emitter.emit(groupLifecycleEvent(ctx, g.group_id, eventName, userIds)).firstAttempt;
}
