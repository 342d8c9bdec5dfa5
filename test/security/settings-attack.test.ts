/**
 * Attacks on the commune's general information (issue 15, brief H): `settings.update` through POST
 * /api/admin/commune/edits and the same fields through the commune file's import, over the real app,
 * a real SQLite file and the simulator's chat. Every role and forged sessions, stale versions and
 * races, hostile values (links residents tap, placeholders, bidi and zero-width characters, HTML,
 * huge bodies, prototype keys), and what a resident then reads in the chat and the guides.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommuneView } from "../../shared/contracts/commune";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

let s: Stack;
let n = 0;
const resident = () => new Resident(s, `86300000000000${String(++n).padStart(5, "0")}`);
const texts = (items: { text: string; buttons: { title: string; payload: unknown }[] }[]) =>
  items.map((m) => `${m.text} ${m.buttons.map((b) => `${b.title} ${JSON.stringify(b.payload)}`).join(" ")}`).join("\n");
const bearer = (id: string) => `Bearer ${s.services.gds.auth.issue(id).session}`;
async function call(auth: string | null, method: "GET" | "POST", url: string, payload?: unknown) {
  const r = await s.app.inject({ method, url, headers: auth ? { authorization: auth } : {}, ...(payload !== undefined ? { payload: payload as object } : {}) });
  let body: any;
  try {
    body = r.json();
  } catch {
    body = r.body;
  }
  return { status: r.statusCode, body };
}
const view = async () => (await call(bearer(DEMO.admin), "GET", "/api/admin/commune")).body as CommuneView;
const edit = async (settings: unknown, baseVersion?: number) =>
  call(bearer(DEMO.admin), "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: baseVersion ?? (await view()).version, settings });
const importDoc = async (doc: unknown) =>
  call(bearer(DEMO.admin), "POST", "/api/admin/commune/import", { doc, apply: true, baseVersion: s.services.commune.store.version() });
const exported = () => JSON.parse(s.services.commune.store.export());

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

describe("who may edit the general information", () => {
  it("outsiders, forged or tampered sessions and every non-admin role get 401/403, and nothing changes", async () => {
    const before = await view();
    const good = bearer(DEMO.admin);
    const [head, payload, sig] = good.slice("Bearer ".length).split(".");
    const forged = [
      null,
      "Bearer x.y.z",
      `Bearer ${head}.${payload}.${sig?.slice(0, -2)}AA`,
      `Bearer ${head}.${Buffer.from(JSON.stringify({ sub: DEMO.admin, admin: true })).toString("base64url")}.${sig}`,
      good.replace("Bearer ", "Basic "),
    ];
    const body = { op: "settings.update", baseVersion: before.version, settings: { police: { name: "Công an giả" } } };
    for (const auth of forged) {
      expect((await call(auth, "POST", "/api/admin/commune/edits", body)).status).toBe(401);
      expect((await call(auth, "POST", "/api/admin/commune/import", { doc: exported(), apply: true, baseVersion: before.version })).status).toBe(401);
    }
    for (const who of [DEMO.officer, DEMO.headDongXuan, "8630000000000099999"]) {
      expect((await call(bearer(who), "POST", "/api/admin/commune/edits", body)).status).toBe(403);
      expect((await call(bearer(who), "POST", "/api/admin/commune/import", { doc: exported(), apply: true, baseVersion: before.version })).status).toBe(403);
    }
    expect((await view()).version).toBe(before.version);
    expect(s.services.config.commune.police.name).toBe(before.settings.police.name);
  });
});

describe("stale versions and races", () => {
  it("two admins saving from the same version: one wins, the other gets 409 and changes nothing", async () => {
    const v = (await view()).version;
    const [a, b] = await Promise.all([edit({ police: { name: "Công an xã A" } }, v), edit({ police: { name: "Công an xã B" } }, v)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const won = a.status === 200 ? "Công an xã A" : "Công an xã B";
    expect(s.services.config.commune.police.name).toBe(won);
    expect((await view()).version).toBe(v + 1);
  });

  it("a settings edit racing an import of an older export: the one saved second gets 409", async () => {
    const file = exported();
    const v = (await view()).version;
    file.police.name = "Công an theo tệp";
    const [imp, ed] = await Promise.all([
      call(bearer(DEMO.admin), "POST", "/api/admin/commune/import", { doc: file, apply: true, baseVersion: v }),
      edit({ police: { name: "Công an theo trang" } }, v),
    ]);
    expect([imp.status, ed.status].sort()).toEqual([200, 409]);
    expect(s.services.config.commune.police.name).toBe(imp.status === 200 ? "Công an theo tệp" : "Công an theo trang");
  });
});

describe("hostile values", () => {
  it("links residents tap: only https addresses of a real host, no javascript:/data:/http:/credentials, through the page", async () => {
    const v = await view();
    for (const url of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "JAVASCRIPT:alert(1)",
      "http://evil.example/app.apk",
      "https://user:pass@evil.example/app",
      "https://localhost/app",
      "zalo://open",
      "intent://x#Intent;end",
    ]) {
      const r = await edit({ provinceApp: { androidUrl: url } }, v.version);
      expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(400);
      expect(r.body.error.details.issues[0].path).toEqual(["settings", "provinceApp", "androidUrl"]);
      expect(r.body.error.details.issues[0].message).toContain("https://");
    }
    expect((await view()).version).toBe(v.version);
  });

  // NOT FIXED (outside this brief's files): the commune file's schema (bot/config/commune.ts
  // `provinceApp.androidUrl/iosUrl: z.url()`) takes any scheme, so an import (console or `npm run
  // commune -- import`) saves "javascript:…", "data:…", "file:…" as the link residents are sent to.
  // The guide quoting it can then not be rendered: the chat's library refuses every rebuild (the chat
  // keeps saying the old values for every later change, the import answered 200) and the next start
  // stops (GuideValidationError, see test/security/commune-file-attack.test.ts). Fix there: the same
  // rule as the page's `AppUrl` (shared/contracts/commune.ts: https, a dotted host, no credentials),
  // or better, bot/commune/store.ts `update` refusing a document with which the guides no longer render.
  it("the same links through the commune file's import are refused too (the resident's guide would carry them)", async () => {
    const clean = exported();
    const before = s.services.commune.store.version();
    try {
      for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "file:///etc/passwd", "http://evil.example/app.apk", "https://user:pass@evil.example/app"]) {
        const file = exported();
        file.provinceApp.androidUrl = url;
        const r = await importDoc(file);
        expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(422);
      }
      expect(s.services.commune.store.version()).toBe(before);
    } finally {
      // The next tests need a chat that follows the document again.
      if (s.services.commune.store.version() !== before) expect((await importDoc(clean)).status).toBe(200);
    }
  });

  it("placeholders in the values are shown as typed, never filled in a second time, and no guide breaks", async () => {
    const r = await edit({
      police: { name: "Công an {{provinceApp.androidUrl}} {{constructor}}" },
      oneStopDesk: { hours: "7:30 {{__proto__}} {{ commune.name }}", place: "Nhà {{toString}}" },
      hotlines: { province: "1022" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const police = texts(await resident().say("có người gọi điện tự xưng công an bảo chuyển tiền"));
    expect(police).toContain("Công an {{provinceApp.androidUrl}} {{constructor}}");
    expect(police).not.toContain("function Object");
    expect(police).not.toContain("play.google.com");
    const desk = texts(await resident().say("cho hỏi thủ tục đăng ký kết hôn cần giấy tờ gì"));
    expect(desk).toContain("7:30 {{__proto__}} {{ commune.name }}");
    expect(desk).not.toContain("function");
    // The guides that quote these fields still render (the mini app's copy too).
    for (const id of s.services.chat.library.all().map((g) => g.id)) {
      const g = await s.app.inject({ method: "GET", url: `/miniapp/guides/${id}.json` });
      expect(g.statusCode, `${id}: ${g.body.slice(0, 200)}`).toBe(200);
    }
  });

  it("the longest lists the page accepts still reach residents in messages Zalo takes (2000 characters at most)", async () => {
    const long = (n: number, w: string) => (w + " ").repeat(Math.ceil(n / (w.length + 1))).slice(0, n).trim();
    // The province app's features fill one sentence of its guide's summary: 30 of 190 characters were
    // served as a 5,925-character summary (was a hole). Refused at the field now.
    const features = await edit({ provinceApp: { name: "Ứng dụng tỉnh", features: Array.from({ length: 30 }, (_, i) => `${i} ${long(190, "tính năng")}`) } });
    expect(features.status).toBe(400);
    expect(features.body.error.details.issues[0]).toMatchObject({ path: ["settings", "provinceApp", "features"], message: expect.stringContaining("tối đa 300 ký tự") });
    const r = await edit({
      provinceApp: { name: long(120, "Ứng dụng tỉnh"), features: Array.from({ length: 3 }, (_, i) => `${i} ${long(95, "tính năng")}`) },
      police: { name: long(120, "Công an xã") },
      mobileTeam: { papers: Array.from({ length: 30 }, (_, i) => `${i} ${long(190, "giấy tờ")}`), priorityProcedures: Array.from({ length: 30 }, (_, i) => `${i} ${long(190, "thủ tục")}`) },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const said: string[] = [];
    for (const q of ["tải app ứng dụng tỉnh ở đâu", "tổ dịch vụ công lưu động khi nào về thôn", "cần mang giấy tờ gì khi gặp tổ lưu động", "có người gọi điện tự xưng công an bảo chuyển tiền"]) {
      for (const m of await resident().say(q)) said.push(m.text);
    }
    const guide = (await s.app.inject({ method: "GET", url: "/miniapp/guides/ung-dung-tinh.json" })).json() as { summary: string; steps: { text: string }[] };
    expect(guide.summary).toContain(long(120, "Ứng dụng tỉnh"));
    expect(guide.summary.length).toBeLessThanOrEqual(600);
    const over = [...said, ...guide.steps.map((x) => x.text)].filter((x) => x.length > 2000).map((x) => `${x.length} ${x.slice(0, 80)}`);
    expect(over).toEqual([]);
  });

  it("bidi overrides and zero-width characters are dropped from what residents read; a value of only those is refused", async () => {
    const r = await edit({ police: { name: "Công an\u202e xã\u200b Hòa\u2066 Sơn\u2069" } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(s.services.config.commune.police.name).toBe("Công an xã Hòa Sơn");
    const police = texts(await resident().say("có người gọi điện tự xưng công an bảo chuyển tiền"));
    expect(police).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/u);
    const blank = await edit({ oneStopDesk: { hours: "\u200b\u202e\u200b" } });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details.issues[0]).toMatchObject({ path: ["settings", "oneStopDesk", "hours"], message: "Cần giờ làm việc." });
  });

  // NOT FIXED (bot/config/commune.ts, outside this brief's files): the commune file's schema keeps
  // invisible characters (bidi overrides, zero-width) in the police's name, the desk's hours and the
  // other words residents read, so an imported file (console or `npm run commune -- import`) brings
  // them to the chat that the page now drops. Fix there: the same `stripInvisible` transform as the page
  // (shared/contracts/commune.ts `Line`) on the file's text fields.
  it("bidi overrides and zero-width characters in an imported file never reach residents either", async () => {
    const clean = exported();
    const file = exported();
    file.police.name = "Công an\u202e xã\u200b Theo Tệp";
    try {
      const r = await importDoc(file);
      expect([200, 422]).toContain(r.status);
      const police = texts(await resident().say("có người gọi điện tự xưng công an bảo chuyển tiền"));
      expect(police).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200b-\u200f]/u);
    } finally {
      expect((await importDoc(clean)).status).toBe(200);
    }
  });

  it("HTML and formulas stay plain text: the chat says them as typed", async () => {
    const r = await edit({ police: { name: "<b>Công an</b> <script>alert(1)</script> =HYPERLINK(\"x\")" } });
    expect(r.status).toBe(200);
    const police = texts(await resident().say("có người gọi điện tự xưng công an bảo chuyển tiền"));
    expect(police).toContain("<b>Công an</b> <script>alert(1)</script>");
  });

  it("a 100 KB field is refused at its field (400), a 2 MB body by the server (413), nothing saved", async () => {
    const v = (await view()).version;
    const big = await edit({ oneStopDesk: { hours: "7:30 ".repeat(20_000) } }, v);
    expect(big.status).toBe(400);
    expect(big.body.error.details.issues[0].path).toEqual(["settings", "oneStopDesk", "hours"]);
    const huge = await s.app.inject({
      method: "POST",
      url: "/api/admin/commune/edits",
      headers: { authorization: bearer(DEMO.admin), "content-type": "application/json" },
      payload: JSON.stringify({ op: "settings.update", baseVersion: v, settings: { police: { name: "x".repeat(2_000_000) } } }),
    });
    expect(huge.statusCode).toBe(413);
    expect((await view()).version).toBe(v);
  });

  it("phones: a value with no digit is refused; real numbers (9 digits or more) are kept and said as typed", async () => {
    const v = (await view()).version;
    for (const phone of ["((( )))", "+-.+-", "..."]) {
      const r = await edit({ police: { phone } }, v);
      expect(r.status, phone).toBe(400);
      expect(r.body.error.details.issues[0].path).toEqual(["settings", "police", "phone"]);
    }
    const ok = await edit({ police: { phone: "0239 3855 123" }, hotlines: { province: "0239.3691.022" } }, v);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(texts(await resident().say("gọi tổng đài phản ánh"))).toContain("0239.3691.022");
  });

  it("hotline names: __proto__ is refused by the parser, constructor is only a name; nothing is polluted", async () => {
    const v = (await view()).version;
    const proto = await s.app.inject({
      method: "POST",
      url: "/api/admin/commune/edits",
      headers: { authorization: bearer(DEMO.admin), "content-type": "application/json" },
      payload: `{"op":"settings.update","baseVersion":${v},"settings":{"hotlines":{"province":"1022","__proto__":{"polluted":"1"}}}}`,
    });
    expect(proto.statusCode).toBe(400);
    expect(({} as any).polluted).toBeUndefined();
    const ctor = await edit({ hotlines: { province: "1022", constructor: "113", tostring: "114" } }, v);
    expect(ctor.status, JSON.stringify(ctor.body)).toBe(200);
    expect(s.services.config.commune.hotlines).toEqual({ province: "1022", constructor: "113", tostring: "114" });
    expect(texts(await resident().say("gọi tổng đài phản ánh"))).toContain("1022");
    expect(({} as any).polluted).toBeUndefined();
  });
});
