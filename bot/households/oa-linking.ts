import type { HandlerRegistry } from "../inbox/handlers";
import { USER_MESSAGE_EVENTS } from "../zalo/events";
import type { HouseholdsService } from "./households-service";

/**
 * Links a resident's OA chat to their household: Zalo puts the mini app's user id (`user_id_by_app`)
 * in OA events when the OA is linked to the app, so the first message after joining a household in
 * the mini app links the two ids. (The 6-digit code typed in chat is the fallback, see the chat.)
 */
export function registerOaLinking(registry: HandlerRegistry, households: HouseholdsService): void {
  registry.on([...USER_MESSAGE_EVENTS, "user_submit_info"], (e) => {
    if (e.user_id_by_app) households.linkOaUser(e.user_id_by_app, e.sender.id);
  });
  registry.on("follow", (e) => {
    if (e.user_id_by_app) households.linkOaUser(e.user_id_by_app, e.follower.id);
  });
}
