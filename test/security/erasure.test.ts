import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { ERASURE_PLAN } from "../../bot/privacy/privacy-service";
import { recomputeAggregates } from "../../bot/reports/recompute";
import { createGdsApp, key, type GdsTestApp } from "../households/support";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/**
 * Erasure (Decree 13/2023: withdrawal of consent → deletion): one service for Zalo's user_withdraw,
 * the resident's own request and an officer's; nothing of the person may remain anywhere.
 */

type Sqlite = Database.Database;

/** Columns that could hold a person's id, name or words: every text column, and any column named like one. */
function undeclaredColumns(sqlite: Sqlite): string[] {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[];
  const missing: string[] = [];
  for (const { name } of tables) {
    const cols = sqlite.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
    for (const c of cols) {
      const words = c.name.toLowerCase().split("_");
      const named = c.name.toLowerCase().includes("user_id") || words.some((w) => ["actor", "by", "name", "phone", "text", "note", "raw", "payload", "question"].includes(w));
      const mayHold = /TEXT|BLOB|CHAR|CLOB/i.test(c.type) || c.type === "" || named;
      if (mayHold && ERASURE_PLAN[name]?.[c.name] === undefined) missing.push(`${name}.${c.name}`);
    }
  }
  return missing;
}

function liveTables(sqlite: Sqlite): string[] {
  return (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((r) => r.name);
}

/** Every place (table.column) where any of the needles appears, as stored or \u-escaped in JSON. */
function findEverywhere(sqlite: Sqlite, needles: readonly string[]): string[] {
  const forms = needles.flatMap((n) => [n, n.replace(/[^\x00-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)]);
  const hits: string[] = [];
  for (const t of liveTables(sqlite)) {
    for (const row of sqlite.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
      for (const [col, v] of Object.entries(row)) {
        if (v === null || v === undefined) continue;
        const s = Buffer.isBuffer(v) ? v.toString("utf8") : String(v);
        for (const f of forms) if (s.includes(f)) hits.push(`${t}.${col} ∋ ${JSON.stringify(f)}`);
      }
    }
  }
  return hits;
}

describe("erasure plan covers the live schema", () => {
  let t: GdsTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it("declares every column of every table that could hold a person's id, name or text, and nothing stale", async () => {
    t = await createGdsApp();
    const sqlite = t.services.database.sqlite;
    expect(undeclaredColumns(sqlite)).toEqual([]);
    const live = new Set(liveTables(sqlite));
    expect(Object.keys(ERASURE_PLAN).filter((table) => !live.has(table))).toEqual([]);
    for (const [table, cols] of Object.entries(ERASURE_PLAN)) {
      const names = new Set((sqlite.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
      expect(Object.keys(cols).filter((c) => !names.has(c)), table).toEqual([]);
    }
    // The check bites: a table added later with a person's id is reported until it is declared.
    const scratch = new Database(":memory:");
    scratch.exec("CREATE TABLE household_members (app_user_id TEXT, oa_user_id TEXT, display_name TEXT, joined_via TEXT, household_id INTEGER)");
    scratch.exec("CREATE TABLE visit_notes (id INTEGER PRIMARY KEY, resident_id TEXT, written_by INTEGER, visits INTEGER)");
    expect(undeclaredColumns(scratch)).toEqual(["visit_notes.resident_id", "visit_notes.written_by"]);
    scratch.close();
  });
});

describe("withdrawing consent on Zalo erases the person everywhere", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  const api = async (st: Stack, session: string | null, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${st.appUrl}${path}`, {
      method,
      headers: { ...(session ? { authorization: `Bearer ${session}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json, headers: res.headers };
  };

  it("household, answers, chat, hand-off, rating, opt-out, link code, webhook bodies and sessions: nothing left, aggregates exact", async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 23, 2, 0));
    s = await startStack({ clock });
    const st = s;
    const OA = "8700000000000000555";
    const NAME = "Trần Thị Mận";
    const PHONE = "0912 345 678";
    const minted = st.sim.sim.mintMiniAppToken(OA);
    const APP = minted.user_id_by_app;

    // Mini app: login through Zalo Graph, register a household with the person's name.
    const login = await api(st, null, "POST", "/api/auth/zalo", { accessToken: minted.access_token });
    expect(login.status).toBe(200);
    const session = login.body.session as string;
    const reg = await api(st, session, "POST", "/api/households", { villageId: "thon-dong-xuan", label: `Hộ bà ${NAME}`, memberName: NAME });
    expect(reg.status).toBe(201);
    const hid = reg.body.id as number;
    const catalogue = (await api(st, session, "GET", "/api/catalogue")).body;
    const criteria = (catalogue.criteria ?? catalogue.items ?? []).map((c: { id: string }) => c.id) as string[];
    expect(criteria.length).toBeGreaterThan(2);
    const answered = await api(st, session, "POST", `/api/households/${hid}/answers`, {
      changes: criteria.slice(0, 3).map((id, i) => ({ criterionId: id, value: i === 1 ? "chua_dat" : "dat", idempotencyKey: key("e") })),
    });
    expect(answered.status).toBe(200);

    // Another household of the same village stays, with its answers.
    const other = st.sim.sim.mintMiniAppToken("8700000000000000556");
    const otherSession = (await api(st, null, "POST", "/api/auth/zalo", { accessToken: other.access_token })).body.session as string;
    const otherReg = await api(st, otherSession, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Lê Văn Bình" });
    expect(otherReg.status).toBe(201);
    await api(st, otherSession, "POST", `/api/households/${otherReg.body.id}/answers`, { changes: [{ criterionId: criteria[0], value: "dat", idempotencyKey: key("o") }] });

    // The village's volunteer wrote to the OA this week, so Zalo lets the OA tell them of a hand-off.
    await new Resident(st, "7000000000000000301").say("chào");
    // Chat: the 6-digit link, a question with a phone number and a name, a hand-off, a rating, an opt-out.
    const r = new Resident(st, OA);
    const code = await api(st, session, "POST", "/api/me/oa-link-code");
    expect(code.status).toBe(200);
    await r.say(code.body.code);
    await r.say(`qwrt zxpl ${NAME} ${PHONE}`); // not understood: kept for officers with what was typed
    // The second miss hands the resident to the village's volunteer, whose notice quotes the question.
    const handoff = await r.say(`qwrt zxpl mnbv kkk ${NAME} ${PHONE}`);
    if (handoff.some((m) => /thôn\/làng nào|phụ trách thôn/.test(m.text))) await r.say("1");
    await fetch(`${st.sim.url}/simulator/api/admin/reply`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id: OA, text: "Chào bác, cháu là Nam ạ.", admin_id: "9100000000000000001" }),
    });
    await settle(st);
    st.advance(3 * 3600_000);
    await settle(st);
    expect((await r.inbox()).at(-1)!.text).toContain("sự hỗ trợ của cán bộ vừa rồi");
    await r.say("5");
    await r.say("dừng nhận tin");

    // The first session has expired (3 hours passed): a fresh login, whose session must die with the erasure.
    expect((await api(st, session, "GET", "/api/me")).status).toBe(401);
    const live = (await api(st, null, "POST", "/api/auth/zalo", { accessToken: st.sim.sim.mintMiniAppToken(OA).access_token })).body.session as string;
    expect((await api(st, live, "GET", "/api/me")).status).toBe(200);
    // The download shows the chat side too, found through the linked OA id.
    const mine = await api(st, live, "GET", "/api/me/data");
    expect(mine.status).toBe(200);
    expect(mine.body.chatLink.linked).toBe(true);
    expect(mine.body.you.oaUserIds).toEqual([OA]);
    expect(mine.body.chat.questions.map((q: { text: string }) => q.text).join(" ")).toContain(PHONE);
    expect(mine.body.chat.handoffs.map((h: { question: string | null }) => h.question).join(" ")).toContain(PHONE);
    expect(mine.body.chat.handoffs).toHaveLength(1);
    expect(mine.body.chat.ratings).toMatchObject([{ subject: "handoff", score: 5 }]);
    expect(mine.body.chat.optedOutAt).not.toBeNull();
    expect(mine.body.chat.messagesYouSent.some((m: { text: string | null }) => m.text === "dừng nhận tin")).toBe(true);
    expect(mine.body.household).toMatchObject({ id: hid, label: `Hộ bà ${NAME}` });

    const sqlite = st.services.database.sqlite;
    const count = (sql: string, ...p: unknown[]) => (sqlite.prepare(sql).get(...p) as { n: number }).n;
    // Everything is there before: the search finds the person in many places.
    expect(count("SELECT count(*) AS n FROM household_members WHERE app_user_id = ? AND oa_user_id = ?", APP, OA)).toBe(1);
    expect(count("SELECT count(*) AS n FROM unmatched_questions WHERE user_id = ?", OA)).toBeGreaterThan(0);
    expect(count("SELECT count(*) AS n FROM handoffs WHERE user_id = ? AND instr(question, ?) > 0", OA, PHONE)).toBe(1);
    expect(count("SELECT count(*) AS n FROM outbox WHERE recipient_id != ? AND instr(payload, ?) > 0", OA, PHONE)).toBeGreaterThan(0); // the volunteer's notice
    expect(count("SELECT count(*) AS n FROM ratings WHERE user_id = ?", OA)).toBe(1);
    expect(count("SELECT count(*) AS n FROM opt_outs WHERE user_id = ?", OA)).toBe(1);
    expect(count("SELECT count(*) AS n FROM oa_link_codes WHERE app_user_id = ?", APP)).toBe(1);
    const needles = [OA, APP, NAME, PHONE, PHONE.replace(/\D/g, "")];
    const before = findEverywhere(sqlite, needles);
    for (const place of ["household_members.display_name", "households.label", "inbox_events.raw", "unmatched_questions.text", "outbox.recipient_id", "zalo_users.user_id", "opt_outs.user_id"]) {
      expect(before.some((h) => h.startsWith(place)), place).toBe(true);
    }
    expect(recomputeAggregates(st.services.database.db, st.services.gds.catalogue, st.services.config.commune.villages.map((v) => v.id)).differences).toBe(0);
    const registered = () => count("SELECT registered AS n FROM agg_village WHERE village_id = 'thon-dong-xuan' AND scope = 'all'");
    expect(registered()).toBe(2);

    // The person withdraws consent in Zalo.
    const w = await fetch(`${st.sim.url}/simulator/api/users/${OA}/withdraw`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(w.status).toBe(200);
    await settle(st);

    expect(findEverywhere(sqlite, needles)).toEqual([]);
    const refused = await api(st, live, "GET", "/api/me");
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain("đã kết thúc");
    expect((await api(st, live, "GET", "/api/me/data")).status).toBe(401);
    // Aggregates equal a full recompute, and the other household still counts.
    const check = recomputeAggregates(st.services.database.db, st.services.gds.catalogue, st.services.config.commune.villages.map((v) => v.id));
    expect(check.samples).toEqual([]);
    expect(check.differences).toBe(0);
    expect(count("SELECT count(*) AS n FROM households WHERE id = ?", hid)).toBe(0);
    expect(count("SELECT count(*) AS n FROM household_answers WHERE household_id = ?", otherReg.body.id)).toBe(1);
    expect(registered()).toBe(1);
    // The funnel and rating counts stay, anonymised; one audit entry without personal data.
    expect(count("SELECT count(*) AS n FROM ratings WHERE user_id LIKE 'erased:%'")).toBe(1);
    expect(count("SELECT count(*) AS n FROM handoffs WHERE user_id LIKE 'erased:%' AND question IS NULL")).toBe(1);
    const audit = sqlite.prepare("SELECT actor, target, details FROM audit_log WHERE action = 'privacy.erase'").all() as { actor: string; target: string; details: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toBe("zalo_withdraw");
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ requestedBy: "zalo_withdraw", counts: { households: 1, household_members: 1, zalo_users: 1, opt_outs: 1 } });
    // The withdraw event itself was handled and its body emptied.
    expect(sqlite.prepare("SELECT status, raw FROM inbox_events WHERE event_name = 'user_withdraw'").get()).toEqual({ status: "done", raw: "{}" });

    // Logging in again is a new start (fresh consent): no household, a session that works.
    st.advance(1000);
    const again = await api(st, null, "POST", "/api/auth/zalo", { accessToken: st.sim.sim.mintMiniAppToken(OA).access_token });
    expect(again.status).toBe(200);
    expect(again.body.me.household).toBeNull();
    expect((await api(st, again.body.session, "GET", "/api/me")).status).toBe(200);
  }, 60_000);
});

describe("the resident's own erasure and download; the officer's erasure", () => {
  let t: GdsTestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const A = "8111111111111111101";
  const B = "8111111111111111102";

  async function twoMemberHousehold(g: GdsTestApp) {
    const reg = await g.call(A, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Phạm Văn Tư", memberName: "Phạm Văn Tư" });
    expect(reg.status).toBe(201);
    const hid = reg.body.id as number;
    const inv = await g.call(A, "POST", `/api/households/${hid}/invites`);
    const joined = await g.call(B, "POST", "/api/households/join", { code: inv.body.code, memberName: "Phạm Thị Hoa" });
    expect(joined.status).toBe(200);
    const criteria = (await g.call(A, "GET", "/api/catalogue")).body.criteria.map((c: { id: string }) => c.id) as string[];
    expect((await g.call(A, "POST", `/api/households/${hid}/answers`, { changes: [{ criterionId: criteria[0], value: "dat", note: "Bố Tư đã cài", idempotencyKey: key("a") }] })).status).toBe(200);
    expect((await g.call(B, "POST", `/api/households/${hid}/answers`, { changes: [{ criterionId: criteria[1], value: "dat", idempotencyKey: key("b") }] })).status).toBe(200);
    return { hid, criteria };
  }

  it("downloads what the commune holds, then erases after confirming: the household stays for the other member", async () => {
    t = await createGdsApp();
    const g = t;
    const { hid } = await twoMemberHousehold(g);
    const session = g.as(A);

    const noAuth = await g.app.inject({ method: "GET", url: "/api/me/data" });
    expect(noAuth.statusCode).toBe(401);
    const dl = await g.app.inject({ method: "GET", url: "/api/me/data", headers: session });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers["cache-control"]).toBe("no-store");
    expect(dl.headers["content-disposition"]).toContain("attachment");
    const data = dl.json();
    expect(data.you).toMatchObject({ appUserId: A, name: "Phạm Văn Tư" });
    expect(data.household).toMatchObject({ id: hid, label: "Hộ ông Phạm Văn Tư", otherMembers: 1 });
    expect(data.household.answers).toHaveLength(2);
    expect(data.household.history.filter((h: { byYou: boolean }) => h.byYou)).toHaveLength(1);
    expect(JSON.stringify(data)).not.toContain("Phạm Thị Hoa"); // the other member's name is theirs
    expect(data.retentionDays).toBe(90);

    // Erasing needs the confirmation token from the preview step.
    const noToken = await g.app.inject({ method: "POST", url: "/api/me/data/erase", headers: session, payload: {} });
    expect(noToken.statusCode).toBe(400);
    const wrong = await g.app.inject({ method: "POST", url: "/api/me/data/erase", headers: session, payload: { confirmationToken: "x".repeat(22) } });
    expect(wrong.statusCode).toBe(409);
    const preview = await g.app.inject({ method: "POST", url: "/api/me/data/erasure-request", headers: session });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({ household: { label: "Hộ ông Phạm Văn Tư", deleted: false, otherMembers: 1 }, chatLinked: false });
    expect(preview.json().explanation.join(" ")).toContain("không lấy lại được");
    // Another person cannot use it.
    const stolen = await g.app.inject({ method: "POST", url: "/api/me/data/erase", headers: g.as(B), payload: { confirmationToken: preview.json().confirmationToken } });
    expect(stolen.statusCode).toBe(409);
    const preview2 = await g.app.inject({ method: "POST", url: "/api/me/data/erasure-request", headers: session });
    // Asking again replaced the first token.
    expect((await g.app.inject({ method: "POST", url: "/api/me/data/erase", headers: session, payload: { confirmationToken: preview.json().confirmationToken } })).statusCode).toBe(409);
    const erased = await g.app.inject({ method: "POST", url: "/api/me/data/erase", headers: session, payload: { confirmationToken: preview2.json().confirmationToken } });
    expect(erased.statusCode).toBe(200);
    expect(erased.json().counts).toMatchObject({ household_members: 1 });

    const sqlite = g.services.database.sqlite;
    expect(findEverywhere(sqlite, [A, "Phạm Văn Tư"])).toEqual([]);
    expect((await g.app.inject({ method: "GET", url: "/api/me", headers: session })).statusCode).toBe(401);
    // The household stays for B, with both answers (A's anonymised, its note gone).
    const view = await g.call(B, "GET", `/api/households/${hid}`);
    expect(view.status).toBe(200);
    expect(view.body.members).toHaveLength(1);
    expect(view.body.criteria.filter((c: { answer: unknown }) => c.answer !== null)).toHaveLength(2);
    expect(view.body.label).not.toContain("Tư");
    expect(findEverywhere(sqlite, ["Bố Tư đã cài"])).toEqual([]);
    expect(recomputeAggregates(g.services.database.db, g.services.gds.catalogue, g.services.config.commune.villages.map((v) => v.id)).differences).toBe(0);
    const audit = sqlite.prepare("SELECT actor, details FROM audit_log WHERE action = 'privacy.erase'").get() as { actor: string; details: string };
    expect(audit.actor).toBe("self");
  });

  it("an officer erases on a written request (audited); residents cannot", async () => {
    t = await createGdsApp({ env: { ADMIN_TOKEN: "officer-token-for-erasure-tests-0123456789" } });
    const g = t;
    const { hid } = await twoMemberHousehold(g);
    const asResident = await g.app.inject({ method: "POST", url: "/api/officer/privacy/erasures", headers: g.as(A), payload: { appUserId: B, reference: "Đơn số 12/2026" } });
    expect(asResident.statusCode).toBe(403);
    const anonymous = await g.app.inject({ method: "POST", url: "/api/officer/privacy/erasures", payload: { appUserId: B, reference: "Đơn số 12/2026" } });
    expect(anonymous.statusCode).toBe(401);
    const admin = { authorization: "Bearer officer-token-for-erasure-tests-0123456789" };
    const bad = await g.app.inject({ method: "POST", url: "/api/officer/privacy/erasures", headers: admin, payload: { reference: "Đơn số 12/2026" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("bad_request");
    expect(bad.json().error.message).toContain("appUserId");
    const sessionB = g.as(B);
    const ok = await g.app.inject({ method: "POST", url: "/api/officer/privacy/erasures", headers: admin, payload: { appUserId: B, reference: "Đơn số 12/2026" } });
    expect(ok.statusCode).toBe(201);
    expect(findEverywhere(g.services.database.sqlite, [B, "Phạm Thị Hoa"])).toEqual([]);
    expect((await g.app.inject({ method: "GET", url: "/api/me", headers: sessionB })).statusCode).toBe(401);
    expect((await g.call(A, "GET", `/api/households/${hid}`)).body.members).toHaveLength(1);
    const audit = g.services.database.sqlite.prepare("SELECT actor, details FROM audit_log WHERE action = 'privacy.erase'").get() as { actor: string; details: string };
    expect(audit.actor).not.toBe("self");
    expect(JSON.parse(audit.details)).toMatchObject({ requestedBy: "officer", reference: "Đơn số 12/2026" });
  });
});
