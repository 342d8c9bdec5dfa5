import { afterEach, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../support/env";
import { startStack, waitFor, type Stack } from "../support/stack";
import { rawRequest } from "./support";

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/**
 * The documented `user_submit_info` example (developers.zalo.me/docs/official-account/webhook/quan-ly/
 * su-kien-nguoi-dung-dong-y-chia-se-thong-tin; shared/zalo/oa-api.md §1): sender, recipient, info with
 * the phone as a JSON number, and no `user_id_by_app`. Ids replaced with the test OA's and user's.
 */
function docSubmitInfo(user: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    app_id: TEST_CREDENTIALS.appId,
    sender: { id: user },
    recipient: { id: TEST_CREDENTIALS.oaId },
    event_name: "user_submit_info",
    info: { address: "Thôn Đông Xuân", phone: 841213333111, city: "Hà Tĩnh", district: "Kỳ Anh", name: "Nguyễn Văn A", ward: "Kỳ Lợi" },
    timestamp: String(Date.now()),
    ...extra,
  });
}

const memberOaId = (s: Stack, appUserId: string) =>
  (s.services.database.sqlite.prepare("SELECT oa_user_id FROM household_members WHERE app_user_id = ?").get(appUserId) as { oa_user_id: string | null } | undefined)?.oa_user_id ?? null;

async function householdFor(s: Stack, oaUserId: string): Promise<string> {
  // The resident registered a household in the mini app (their app-scoped id comes from Zalo).
  const appUserId = s.sim.sim.mintMiniAppToken(oaUserId).user_id_by_app;
  const session = s.services.gds.auth.issue(appUserId).session;
  const res = await s.app.inject({
    method: "POST",
    url: "/api/households",
    headers: { authorization: `Bearer ${session}` },
    payload: { villageId: "thon-dong-xuan", label: "Hộ ông Nguyễn Văn A" },
  });
  expect(res.statusCode).toBe(201);
  expect(memberOaId(s, appUserId)).toBeNull();
  return appUserId;
}

describe("item 5: user_submit_info without user_id_by_app links the chat through the user detail API", () => {
  it("looks the app-scoped id up with the real client against the simulator and links the household", async () => {
    stack = await startStack();
    const user = "8200000000000000001";
    const appUserId = await householdFor(stack, user);
    const res = await stack.app.inject(rawRequest(docSubmitInfo(user)));
    expect(res.statusCode).toBe(200);
    await waitFor(() => memberOaId(stack!, appUserId) === user, 10_000, "household member linked to the OA id");
  });

  it("uses user_id_by_app when the event carries it (the other reading of the documentation)", async () => {
    stack = await startStack();
    const user = "8200000000000000002";
    const appUserId = await householdFor(stack, user);
    expect((await stack.app.inject(rawRequest(docSubmitInfo(user, { user_id_by_app: appUserId })))).statusCode).toBe(200);
    await waitFor(() => memberOaId(stack!, appUserId) === user, 10_000, "household member linked");
  });
});
