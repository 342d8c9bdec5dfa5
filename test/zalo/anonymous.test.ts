import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/app";
import { TEST_CREDENTIALS } from "../support/env";
import { rawRequest } from "./support";

const OA = TEST_CREDENTIALS.oaId;
const APP = TEST_CREDENTIALS.appId;

/**
 * Anonymous chat events are listed by name in Zalo's documentation (shared/zalo/oa-api.md §1, "Other
 * management events": `anonymous_send_text`, `oa_send_anonymous_text`) without an example body found in
 * the reference corpus. The body below takes the 1:1 message shape and adds `user_id_by_app` and
 * `conversation_id`, the two fields whose presence is uncertain: the bot must behave the same either way.
 */
function anonymousEvent(eventName: string, anonId: string, msgId: string, extra: Record<string, unknown> = {}) {
  const toOa = eventName.startsWith("anonymous_");
  return JSON.stringify({
    app_id: APP,
    sender: toOa ? { id: anonId } : { id: OA, admin_id: "1234567898765432100" },
    recipient: toOa ? { id: OA } : { id: anonId },
    event_name: eventName,
    message: eventName.endsWith("_text") ? { text: "cho hỏi thủ tục làm căn cước", msg_id: msgId } : { msg_id: msgId, attachments: [{ type: "image", payload: { url: "https://x.zdn.vn/i.jpg" } }] },
    timestamp: String(Date.now()),
    ...extra,
  });
}

/** The documented user_send_text shape (webhook/tin-nhan/su-kien-nguoi-dung-gui-tin-nhan). */
function userText(user: string, appUserId: string, msgId: string) {
  return JSON.stringify({ app_id: APP, sender: { id: user }, user_id_by_app: appUserId, recipient: { id: OA }, event_name: "user_send_text", message: { text: "xin chào", msg_id: msgId }, timestamp: String(Date.now()) });
}

describe("item 3: anonymous chats are their own family", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    t.services.worker.start();
  });
  afterEach(async () => t.close());

  const memberOaId = (appUserId: string) =>
    (t.services.database.sqlite.prepare("SELECT oa_user_id FROM household_members WHERE app_user_id = ?").get(appUserId) as { oa_user_id: string | null } | undefined)?.oa_user_id ?? null;
  const inbox = () => t.services.database.sqlite.prepare("SELECT event_name, status, subject_id FROM inbox_events ORDER BY id").all() as { event_name: string; status: string; subject_id: string }[];

  it("never re-links a household member, never counts as a follower's interaction, never enters the resident chat", async () => {
    const appUserId = "7300000000000000001";
    const resident = "8300000000000000001";
    const session = t.services.gds.auth.issue(appUserId).session;
    const reg = await t.app.inject({ method: "POST", url: "/api/households", headers: { authorization: `Bearer ${session}` }, payload: { villageId: "thon-dong-xuan", label: "Hộ bà Ba" } });
    expect(reg.statusCode).toBe(201);
    expect((await t.app.inject(rawRequest(userText(resident, appUserId, "u-1")))).statusCode).toBe(200);
    await t.services.worker.drain();
    expect(memberOaId(appUserId)).toBe(resident);

    const anon = "anon-0f3c9a";
    for (const [name, id] of [
      ["anonymous_send_text", "a-1"],
      ["anonymous_send_image", "a-2"],
    ] as const) {
      // with user_id_by_app (one reading) and without (the other)
      for (const extra of [{ user_id_by_app: appUserId, conversation_id: "c-1" }, {}]) {
        const res = await t.app.inject(rawRequest(anonymousEvent(name, anon, `${id}-${Object.keys(extra).length}`, extra)));
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ ok: true, stored: true, event: name });
      }
    }
    await t.services.worker.drain();

    expect(memberOaId(appUserId)).toBe(resident); // not re-linked to the anonymous id
    expect(t.services.users.get(anon)).toBeUndefined(); // no 7-day window opened for anyone
    expect(t.services.chat.conversations.get(anon)).toBeUndefined(); // the resident chat never saw it
    const anonRows = inbox().filter((r) => r.event_name.startsWith("anonymous_"));
    expect(anonRows).toHaveLength(4);
    expect(anonRows.every((r) => r.status === "done" && r.subject_id === `anon:${anon}`)).toBe(true);
  });

  it("an OA echo to an anonymous chat (with admin_id) is stored in the anonymous family and silences no one", async () => {
    const anon = "anon-77aa";
    const res = await t.app.inject(rawRequest(anonymousEvent("oa_send_anonymous_text", anon, "oa-a-1")));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stored: true, event: "oa_send_anonymous_text" });
    await t.services.worker.drain();
    expect(inbox()).toEqual([{ event_name: "oa_send_anonymous_text", status: "done", subject_id: `anon:${anon}` }]);
    expect(t.services.chat.conversations.get(anon)).toBeUndefined();
  });
});
