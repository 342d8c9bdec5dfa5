import type { HandlerRegistry } from "../inbox/handlers";
import { GROUP_LIFECYCLE_EVENTS } from "../zalo/events";
import type { GroupRegistry } from "./group-registry";
import type { GroupSync } from "./group-sync";

/** Group lifecycle events (create, delete, rename, members, admins) keep the registry current. */
export function registerGroupHandlers(handlers: HandlerRegistry, registry: GroupRegistry, sync: Pick<GroupSync, "refreshSoon">): void {
  handlers.on(GROUP_LIFECYCLE_EVENTS, (e, ctx) => {
    const outcome = registry.applyEvent(e, ctx.receivedAt);
    if (outcome.refresh) sync.refreshSoon(e.group_id);
  });
}
