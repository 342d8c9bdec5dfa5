import { afterEach, describe, expect, it } from "vitest";
import { ANONYMOUS_TEXTS } from "../../bot/chat/anonymous";
import { startStack, waitFor, type Stack } from "../support/stack";

/**
 * Issue 11 item 3 through the real webhook and the real client, with the simulator as Zalo: a person
 * chatting anonymously (webhook/tin-nhan/su-kien-nguoi-dung-an-danh-gui-tin-nhan) is answered through
 * the v2 anonymous send (recipient {anonymous_id, conversation_id}), never linked to a household, never
 * counted as a follower's interaction; the OA's echoes to them (oa_send_anonymous_*) silence no one.
 */
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

const sql = <T>(s: Stack, q: string, ...params: unknown[]) => s.services.database.sqlite.prepare(q).all(...params) as T[];
const inbox = (s: Stack) => sql<{ event_name: string; status: string; subject_id: string; raw: string }>(s, "SELECT event_name, status, subject_id, raw FROM inbox_events ORDER BY id");
const answers = (s: Stack, anon: string) => (s.sim.sim.anonymousChat(anon)?.messages ?? []).filter((m) => m.from_oa && m.via_api);

describe("item 3: an anonymous person is answered through the anonymous endpoint, and stays anonymous", () => {
  it("answers text with the chat's understanding, media with a short text; links no one, counts no interaction", async () => {
    stack = await startStack();
    const s = stack;

    // A resident whose household is linked to their chat (the mini app, then a message).
    const resident = "8600000000000000001";
    const appUserId = s.sim.sim.upsertUser(resident).user_id_by_app;
    const session = s.services.gds.auth.issue(appUserId).session;
    const reg = await s.app.inject({ method: "POST", url: "/api/households", headers: { authorization: `Bearer ${session}` }, payload: { villageId: "thon-dong-xuan", label: "Hộ bà Tư" } });
    expect(reg.statusCode).toBe(201);
    await s.sim.sim.sendText(resident, "xin chào");
    const memberOaId = () => sql<{ oa_user_id: string | null }>(s, "SELECT oa_user_id FROM household_members WHERE app_user_id = ?", appUserId)[0]?.oa_user_id;
    await waitFor(() => memberOaId() === resident, 10_000, "resident linked");

    // The anonymous example carries a user_id_by_app whose meaning is not documented: the worse reading
    // (it is the person's real app-scoped id) must not link anything either.
    const anon = "1ffedc467f179649cf06";
    const guide = s.services.chat.library.all()[0]!;
    const first = await s.sim.sim.sendAnonymousText(anon, guide.title, { userIdByApp: appUserId });
    expect(first.delivered).toBe(true);
    await waitFor(() => answers(s, anon).length >= 1, 10_000, "the anonymous person's answer");
    const answer = answers(s, anon)[0]!;
    expect(answer.text).toContain(guide.title);
    expect(answer.text).toContain("Bước 1/");
    const rows = sql<{ channel: string; recipient_id: string; status: string }>(s, "SELECT channel, recipient_id, status FROM outbox WHERE origin = 'chat:anonymous'");
    expect(rows[0]).toMatchObject({ channel: "anonymous", recipient_id: `${anon}#${first.conversation_id}` });

    // The OA's echo of that answer is stored in the anonymous family and silences nothing.
    await waitFor(() => inbox(s).some((r) => r.event_name === "oa_send_anonymous_text" && r.status === "done"), 10_000, "echo handled");
    const echo = inbox(s).find((r) => r.event_name === "oa_send_anonymous_text")!;
    expect(echo.subject_id).toBe(`anon:${anon}`);
    expect(JSON.parse(echo.raw).message).toMatchObject({ conversation_id: first.conversation_id, msg_id: answer.message_id });

    // A hand-off works: recorded under anon:<id>, answered through the anonymous endpoint.
    await s.sim.sim.sendAnonymousText(anon, "gặp cán bộ");
    await waitFor(() => answers(s, anon).length >= 2, 10_000, "the hand-off answer");
    expect(answers(s, anon)[1]!.text).toMatch(/Cháu đã báo/);
    expect(sql<{ user_id: string }>(s, "SELECT user_id FROM handoffs")).toEqual([{ user_id: `anon:${anon}` }]);

    // Nothing that needs an identity: no reminders to stop (no opt-out recorded).
    await s.sim.sim.sendAnonymousText(anon, "dừng nhận tin");
    await waitFor(() => answers(s, anon).length >= 3, 10_000, "the opt-out answer");
    expect(answers(s, anon)[2]!.text).toBe(ANONYMOUS_TEXTS.noReminders);
    expect(sql(s, "SELECT * FROM opt_outs")).toEqual([]);

    // Image, sticker, file: a short polite text each.
    await s.sim.sim.anonymousSends(anon, "image", { attachments: [{ type: "image", payload: { thumbnail: "https://photo-chat-widget.zdn.vn/t", url: "https://photo-chat.widget.zdn.vn/i" } }] });
    await s.sim.sim.anonymousSends(anon, "sticker", { attachments: [{ type: "sticker", payload: { id: "0", url: "https://zalo-api.zadn.vn/s" } }] });
    await s.sim.sim.anonymousSends(anon, "file", { attachments: [{ type: "file", payload: { size: "233947", name: "a.docx", checksum: "x", type: "docx", url: "https://f7-group-zf.zdn.vn/f" } }] });
    await waitFor(() => answers(s, anon).length >= 6, 10_000, "the media answers");
    expect(answers(s, anon).slice(3).map((m) => m.text)).toEqual([ANONYMOUS_TEXTS.media, ANONYMOUS_TEXTS.media, ANONYMOUS_TEXTS.media]);
    const echoes = () => inbox(s).filter((r) => r.event_name.startsWith("oa_send_anonymous_"));
    await waitFor(() => echoes().length === 6 && echoes().every((r) => r.status === "done"), 10_000, "all echoes handled");

    // Never linked, never an interaction, never in the resident chat.
    expect(memberOaId()).toBe(resident);
    expect(s.services.users.get(anon)).toBeUndefined();
    expect(sql(s, "SELECT user_id FROM zalo_users WHERE user_id <> ?", resident)).toEqual([]);
    expect(s.services.chat.conversations.get(anon)).toBeUndefined();
    const anonRows = inbox(s).filter((r) => r.event_name.includes("anonymous"));
    expect(anonRows.every((r) => r.status === "done" && r.subject_id === `anon:${anon}`)).toBe(true);
    // Every answer went through the anonymous endpoint; nothing through the v3 endpoints for this person.
    expect(s.sim.sim.stats().byEndpoint["POST /v2.0/oa/message"]).toBe(6);
    expect(s.sim.sim.inbox(anon)).toEqual([]);
  }, 60_000);

  it("an officer answering from the OA chat tool (an echo that is not the bot's) quiets the bot for that person only", async () => {
    stack = await startStack();
    const s = stack;
    const anon = "c89fa24b9b5772092b46";
    const other = "d0e1f2a3b4c5d6e7f809";
    await s.sim.sim.sendAnonymousText(anon, "gặp cán bộ");
    await waitFor(() => answers(s, anon).length === 1, 10_000, "first answer");
    await waitFor(() => inbox(s).some((r) => r.event_name === "oa_send_anonymous_text" && r.status === "done"), 10_000, "own echo handled");
    expect(sql(s, "SELECT answered_by FROM handoffs")).toEqual([{ answered_by: null }]);

    await s.sim.sim.anonymousOfficerSends(anon, "text", { text: "Chào bác, cán bộ xã đây ạ." });
    await waitFor(() => inbox(s).filter((r) => r.event_name === "oa_send_anonymous_text" && r.status === "done").length === 2, 10_000, "officer echo handled");
    expect(sql(s, "SELECT answered_by FROM handoffs")).toEqual([{ answered_by: "oa-chat" }]);

    await s.sim.sim.sendAnonymousText(anon, "menu");
    await s.sim.sim.sendAnonymousText(other, "menu");
    await waitFor(() => answers(s, other).length === 1, 10_000, "the other person's answer");
    await waitFor(() => inbox(s).filter((r) => r.event_name === "anonymous_send_text" && r.status === "done").length === 3, 10_000, "messages handled");
    expect(answers(s, anon)).toHaveLength(1); // quiet while the officer talks with them
    expect(answers(s, other)[0]!.text).toContain(ANONYMOUS_TEXTS.menuTitle);
  }, 30_000);
});
