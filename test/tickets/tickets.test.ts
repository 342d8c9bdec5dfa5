/**
 * Issue 14: hand-off tickets. Every hand-off and every unanswered question is a ticket with the
 * resident's village, the conversation so far, who should answer, status and time waited; an officer
 * answers from the console (a consultation message, then the same silence and rating as an answer from
 * Zalo's OA chat), reassigns and closes. Driven through the real app and the simulator.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function officer(method: "GET" | "POST", path: string, body?: unknown) {
  const res = await fetch(`${s!.appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function boot() {
  const clock = new ManualClock(Date.UTC(2026, 10, 23, 2, 0)); // Monday 09:00 in Vietnam
  s = await startStack({ clock, env: { ADMIN_TOKEN } });
  return s;
}

describe("hand-off tickets", () => {
  it("a hand-off is a ticket with village, conversation and assignee; the officer answers from the console, the bot keeps quiet, then asks for a rating", async () => {
    const stack = await boot();
    const r = new Resident(stack, "8700000000000000011");
    await r.say("lam sao kich hoat dinh danh muc 2");
    stack.advance(60_000);
    await r.say("gặp cán bộ");
    stack.advance(60_000);
    await r.say("1"); // the first village

    const list = await officer("GET", "/api/officer/tickets?status=new");
    expect(list.status).toBe(200);
    expect(list.body.counts).toMatchObject({ new: 1, in_progress: 0 });
    const t = list.body.items[0];
    expect(t).toMatchObject({ kind: "handoff", status: "new", statusText: "Mới", villageId: "thon-dong-xuan", canAnswer: true });
    expect(t.assignee).toMatchObject({ role: "volunteer", name: "Hồ Văn Nam" });
    stack.advance(25 * 60_000);
    expect((await officer("GET", `/api/officer/tickets/${t.id}`)).body.waitedMinutes).toBe(25);
    await settle(stack);

    const detail = (await officer("GET", `/api/officer/tickets/${t.id}`)).body;
    const resident = detail.conversation.filter((l: any) => l.from === "resident").map((l: any) => l.text);
    expect(resident).toEqual(["lam sao kich hoat dinh danh muc 2", "gặp cán bộ", "1"]);
    expect(detail.conversation.some((l: any) => l.from === "bot" && l.text.includes("Hồ Văn Nam"))).toBe(true);
    expect(detail.assignees.map((a: any) => a.role)).toEqual(expect.arrayContaining(["volunteer", "village_head", "officer"]));

    const answer = { text: "Chào bác, cháu là cán bộ xã. Bác mang căn cước ra nhà văn hoá thôn sáng thứ Bảy nhé.", idempotencyKey: "k-0000000001" };
    const a = await officer("POST", `/api/officer/tickets/${t.id}/answer`, answer);
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ status: "in_progress", statusText: "Đang xử lý", waitedMinutes: 25 });
    // A double click sends once.
    expect((await officer("POST", `/api/officer/tickets/${t.id}/answer`, answer)).status).toBe(200);
    await settle(stack);
    const got = (await r.inbox()).filter((m) => m.text === answer.text);
    expect(got).toHaveLength(1);
    expect(stack.services.chat.handoffs.recent(1)[0]!.answeredAt).not.toBeNull();

    stack.advance(60_000);
    expect(await r.say("vâng cảm ơn cán bộ")).toEqual([]); // the bot keeps quiet while the officer talks
    const after = (await officer("GET", `/api/officer/tickets/${t.id}`)).body;
    expect(after.conversation.at(-2)).toMatchObject({ from: "officer", text: answer.text });
    stack.advance(2 * 3600_000 + 60_000); // past the pause: the rating question comes
    await settle(stack);
    expect((await r.inbox()).at(-1)!.text).toContain("sự hỗ trợ của cán bộ vừa rồi");

    const done = await officer("POST", `/api/officer/tickets/${t.id}/status`, { status: "done" });
    expect(done.body).toMatchObject({ status: "done", statusText: "Đã xong" });
    expect((await officer("GET", "/api/officer/tickets?status=new,in_progress")).body.items).toEqual([]);
  });

  it("reassigning takes only the village's volunteers and head or a commune officer; bad input changes nothing", async () => {
    const stack = await boot();
    const r = new Resident(stack, "8700000000000000012");
    await r.say("gặp cán bộ");
    await r.say("1");
    const t = (await officer("GET", "/api/officer/tickets")).body.items[0];
    const head = await officer("POST", `/api/officer/tickets/${t.id}/assign`, { role: "village_head", name: "Nguyễn Văn Bình" });
    expect(head.status).toBe(200);
    expect(head.body.assignee).toMatchObject({ role: "village_head", name: "Nguyễn Văn Bình" });
    const stranger = await officer("POST", `/api/officer/tickets/${t.id}/assign`, { role: "village_head", name: "Người Lạ" });
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.message).toContain("trưởng thôn");
    const bad = await officer("POST", `/api/officer/tickets/${t.id}/answer`, { text: "" });
    expect(bad.status).toBe(400);
    expect((await officer("GET", `/api/officer/tickets/${t.id}`)).body.assignee.name).toBe("Nguyễn Văn Bình");
    expect((await officer("GET", "/api/officer/tickets/99999")).status).toBe(404);
    // Without an officer's session: nothing.
    const anon = await fetch(`${stack.appUrl}/api/officer/tickets`);
    expect(anon.status).toBe(401);
  });

  it("a question the bot could not answer is a ticket; mapping it to a guide closes it", async () => {
    const stack = await boot();
    const r = new Resident(stack, "8700000000000000013");
    await r.say("qwrt zxpl mnbv kkk");
    const list = (await officer("GET", "/api/officer/tickets?status=new")).body.items;
    const q = list.find((x: any) => x.kind === "question");
    expect(q).toBeDefined();
    expect(q.question).toBe("qwrt zxpl mnbv kkk");
    expect(q.reasonText).toBe("Câu hỏi chưa có hướng dẫn");
    const questionId = stack.services.database.sqlite.prepare("SELECT source_id AS id FROM tickets WHERE id = ?").get(q.id) as { id: number };
    const mapped = await officer("POST", `/api/officer/chat/unmatched/${questionId.id}/map`, { guideId: null });
    expect(mapped.status).toBeLessThan(300);
    expect((await officer("GET", `/api/officer/tickets/${q.id}`)).body.status).toBe("done");
  });

  it("after 7 days without a message from the resident, the console does not pretend it can answer", async () => {
    const stack = await boot();
    const r = new Resident(stack, "8700000000000000014");
    await r.say("gặp cán bộ");
    await r.say("1");
    const t = (await officer("GET", "/api/officer/tickets")).body.items[0];
    stack.advance(8 * 24 * 3600_000);
    const v = (await officer("GET", `/api/officer/tickets/${t.id}`)).body;
    expect(v.canAnswer).toBe(false);
    expect(v.cannotAnswerReason).toContain("hơn 7 ngày");
    const a = await officer("POST", `/api/officer/tickets/${t.id}/answer`, { text: "Chào bác, cán bộ xã đây ạ." });
    expect(a.status).toBe(409);
    await settle(stack);
    expect((await r.inbox()).some((m) => m.text === "Chào bác, cán bộ xã đây ạ.")).toBe(false);
  });

  it("officers get a digest of the open tickets at 16:30 on weekdays, and none when nothing is open", async () => {
    const stack = await boot(); // Monday 09:00
    const officerOa = "7000000000000000202";
    const digests = async () => ((await (await fetch(`${stack.sim.url}/simulator/api/users/${officerOa}/inbox`)).json()) as { text: string }[]).filter((m) => m.text.includes("Yêu cầu hỗ trợ của người dân chưa xong"));
    // Monday 16:30 with nothing open: no message.
    stack.setTime(Date.UTC(2026, 10, 23, 9, 30));
    await stack.services.broadcasts.scheduler.tickAsync(stack.services.config.clock.now());
    await settle(stack);
    expect(await digests()).toEqual([]);

    const r = new Resident(stack, "8700000000000000015");
    stack.setTime(Date.UTC(2026, 10, 24, 2, 0)); // Tuesday 09:00
    await r.say("gặp cán bộ");
    await r.say("1");
    // Zalo lets the OA write to the officer only within 7 days of the officer's own last message.
    await new Resident(stack, officerOa).say("chào");
    stack.setTime(Date.UTC(2026, 10, 24, 9, 30)); // Tuesday 16:30
    await stack.services.broadcasts.scheduler.tickAsync(stack.services.config.clock.now());
    await settle(stack);
    const got = await digests();
    expect(got).toHaveLength(1);
    expect(got[0]!.text).toContain("1 chưa ai trả lời, người chờ lâu nhất đã 7 giờ; 0 đang xử lý.");
    expect(got[0]!.text).toContain("• Thôn Đông Xuân: 1");
  });

  it("a hand-off notice goes where Zalo lets it: to the volunteer if they wrote this week, else to the officers who did, saying whom to call", async () => {
    const stack = await boot();
    const volunteer = "7000000000000000301";
    const officerOa = "7000000000000000202";
    const texts = async (u: string) => ((await (await fetch(`${stack.sim.url}/simulator/api/users/${u}/inbox`)).json()) as { text: string }[]).map((m) => m.text);
    // Nobody of the staff wrote to the OA: no notice is tried (it would fail); the ticket remains.
    await new Resident(stack, "8700000000000000016").say("gặp cán bộ");
    await new Resident(stack, "8700000000000000016").say("1");
    expect(stack.services.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE origin LIKE 'handoff:%'").get()).toEqual({ n: 0 });
    expect((await officer("GET", "/api/officer/tickets?status=new")).body.items).toHaveLength(1);
    // The officer wrote today, the volunteer did not: the officer is told, with the volunteer's phone.
    await new Resident(stack, officerOa).say("chào");
    stack.advance(60_000);
    await new Resident(stack, "8700000000000000017").say("gặp cán bộ");
    await new Resident(stack, "8700000000000000017").say("1");
    const told = (await texts(officerOa)).filter((t) => t.includes("Người dân cần hỗ trợ"));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain("Chưa nhắn được cho Hồ Văn Nam");
    expect(told[0]).toContain("0912 000 301");
    // The volunteer writes: the next notice goes to the volunteer.
    await new Resident(stack, volunteer).say("chào");
    stack.advance(60_000);
    await new Resident(stack, "8700000000000000018").say("gặp cán bộ");
    await new Resident(stack, "8700000000000000018").say("1");
    expect((await texts(volunteer)).filter((t) => t.includes("Người dân cần hỗ trợ"))).toHaveLength(1);
    expect(stack.services.database.sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'failed'").get()).toEqual({ n: 0 });
  });
});
