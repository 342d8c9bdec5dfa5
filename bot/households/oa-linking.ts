import { z } from "zod";
import type { HandlerRegistry } from "../inbox/handlers";
import { USER_MESSAGE_EVENTS } from "../zalo/events";
import type { ZaloResult } from "../zalo/errors";
import type { HouseholdsService } from "./households-service";

/** The part of the OA client this needs: Zalo's user detail (GET /v3.0/oa/user/detail). */
export interface UserDetailSource {
  getUserDetail(userId: string): Promise<ZaloResult<Record<string, unknown>>>;
}

/** Only the field read here; the rest of the user detail (name, avatar, shared_info...) is not kept. */
const userDetail = z.looseObject({ user_id_by_app: z.string().optional() });


/**
 * Links a resident's OA chat to their household: Zalo puts the mini app's user id (`user_id_by_app`)
 * in OA events when the OA is linked to the app, so the first message after joining a household in
 * the mini app links the two ids. (The 6-digit code typed in chat is the fallback, see the chat.)
 *
 * `user_submit_info` is documented without `user_id_by_app` (webhook/quan-ly/
 * su-kien-nguoi-dung-dong-y-chia-se-thong-tin), while message events carry it: when that event lacks
 * it, the id is looked up through the user detail API, which returns `user_id_by_app` when the app is
 * linked to the OA. Should Zalo send it after all, it is used as is (both readings work).
 * Anonymous chats are never linked (their sender id is not a follower's id).
 */
export function registerOaLinking(registry: HandlerRegistry, households: HouseholdsService, users?: UserDetailSource): void {
  // Anonymous chats are a separate family (ANONYMOUS_USER_EVENTS), never in this list: never linked.
  registry.on(USER_MESSAGE_EVENTS, (e) => {
    if (e.user_id_by_app) households.linkOaUser(e.user_id_by_app, e.sender.id);
  });
  registry.on("user_submit_info", async (e) => {
    const appUserId = e.user_id_by_app || (users ? await lookUpAppUserId(users, e.sender.id) : undefined);
    if (appUserId) households.linkOaUser(appUserId, e.sender.id);
  });
  registry.on("follow", (e) => {
    if (e.user_id_by_app) households.linkOaUser(e.user_id_by_app, e.follower.id);
  });
}

/**
 * The app-scoped id of an OA user, or undefined when Zalo has none for this app (app not linked to the
 * OA, the OA not connected, or the call failed for good: the 6-digit code in chat remains). A failure
 * that may pass (network, -32) throws: the inbox tries the event again later instead of losing the link.
 */
async function lookUpAppUserId(users: UserDetailSource, oaUserId: string): Promise<string | undefined> {
  const res = await users.getUserDetail(oaUserId);
  if (!res.ok) {
    if (res.kind === "retryable") throw new Error(`user detail for linking: ${res.kind} ${res.code ?? ""} ${res.message}`);
    return undefined;
  }
  const parsed = userDetail.safeParse(res.data);
  return parsed.success && parsed.data.user_id_by_app ? parsed.data.user_id_by_app : undefined;
}
