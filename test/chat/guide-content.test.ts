/**
 * Issue 15, content: guides in the database with versions, edited by officers through the real API,
 * seen at once by a resident in the chat (through the simulator) and by the mini app's JSON; rollback,
 * history with before/after, invalid drafts changing nothing, shipped updates that never overwrite a
 * commune's edit, edits kept across a restart, new phrasings learnt at once; the weekly legal tips.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUIDES, type Guide } from "../../shared/guides";
import { AuditLog } from "../../bot/audit/audit-log";
import { TEMPLATES } from "../../bot/chat/templates";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { createGuidesModule } from "../../bot/guides";
import { createServices } from "../../bot/services";
import { legalTipOfWeek } from "../../bot/broadcasts/legal-tips";
import { DEMO } from "../households/support";
import { demoCommune, TEST_CREDENTIALS, tempDir, testEnv, testLogger } from "../support/env";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

const ID = "tien-dien";
const NEW_STEP = "Tìm mã khách hàng (13 ký tự, bắt đầu bằng chữ P) trên hóa đơn giấy hoặc tin nhắn Zalo của Điện lực xã Sơn Tây gửi hằng tháng.";

let s: Stack;
let n = 0;
const resident = () => new Resident(s, `8715${String(++n).padStart(15, "0")}`);
const officer = () => ({ authorization: `Bearer ${s.services.gds.auth.issue(DEMO.officer).session}` });
const admin = () => ({ authorization: `Bearer ${s.services.gds.auth.issue(DEMO.admin).session}` });

async function api(method: "GET" | "POST" | "PUT", url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await s.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : undefined, headers: res.headers };
}

const detail = async (id = ID) => (await api("GET", `/api/officer/guides/${id}`, officer())).body;
const withStep1 = (doc: any, text: string) => ({ ...doc, steps: doc.steps.map((st: any, i: number) => (i === 0 ? { ...st, text } : st)) });
/** What a new resident gets when opening the guide by its title (as the mini app's "Hỏi trên Zalo" does). */
const firstStep = async (title: string) => (await resident().say(`Hướng dẫn: ${title}`)).map((m) => m.text).join("\n");

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

describe("guides in the database, edited live", () => {
  it("the shipped guides are the seed: version 1 of each, shipped, and the library reads them", async () => {
    const list = (await api("GET", "/api/officer/guides", officer())).body;
    expect(list.map((g: any) => g.id)).toEqual(GUIDES.map((g) => g.id));
    expect(list.every((g: any) => g.version === 1 && g.shipped && !g.updatePending)).toBe(true);
    expect(s.services.chat.library.all().map((g) => g.id)).toEqual(GUIDES.map((g) => g.id));
    expect(s.services.chat.library.version(ID)).toBe(1);
    // A resident cannot read or change them.
    const res = await api("GET", "/api/officer/guides", { authorization: `Bearer ${s.services.gds.auth.issue("8001").session}` });
    expect(res.status).toBe(403);
  });

  it("an officer's edit is a new version: the chat shows the new step at once, and the mini app's JSON too (new ETag)", async () => {
    const before = await detail();
    const title = before.doc.title as string;
    expect(await firstStep(title)).not.toContain("Điện lực xã Sơn Tây");
    const json1 = await s.app.inject({ method: "GET", url: `/miniapp/guides/${ID}.json` });
    expect(json1.headers["cache-control"]).toBe("no-cache");
    const etag1 = json1.headers.etag as string;
    expect(etag1).toMatch(/^"v1-/);
    // Unchanged: the browser's copy is still good.
    expect((await s.app.inject({ method: "GET", url: `/miniapp/guides/${ID}.json`, headers: { "if-none-match": etag1 } })).statusCode).toBe(304);

    const saved = await api("PUT", `/api/officer/guides/${ID}`, officer(), { doc: withStep1(before.doc, NEW_STEP), baseVersion: 1, note: "Ghi tên điện lực của xã" });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    expect(saved.body.shipped).toBe(false);

    // At once: the next message already gets the new step.
    expect(await firstStep(title)).toContain(NEW_STEP);
    const json2 = await s.app.inject({ method: "GET", url: `/miniapp/guides/${ID}.json`, headers: { "if-none-match": etag1 } });
    expect(json2.statusCode).toBe(200);
    expect(json2.json().steps[0].text).toBe(NEW_STEP);
    expect(json2.headers.etag).toMatch(/^"v2-/);
    expect(json2.headers.etag).not.toBe(etag1);
  });

  it("the history says who, when and what changed (before/after), and the audit log keeps both documents", async () => {
    const d = await detail();
    expect(d.versions.map((v: any) => [v.version, v.source, v.current])).toEqual([
      [2, "commune", true],
      [1, "shipped", false],
    ]);
    const v2 = d.versions[0];
    expect(v2.actor).toContain(DEMO.officer);
    expect(v2.note).toBe("Ghi tên điện lực của xã");
    expect(new Date(v2.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(v2.changes).toEqual([{ field: "Bước 1", before: GUIDES.find((g) => g.id === ID)!.steps[0]!.text, after: NEW_STEP }]);
    const audit = new AuditLog(s.services.database.db).list({ target: `guide:${ID}`, action: "guide.edit" });
    expect(audit).toHaveLength(1);
    expect((audit[0]!.before as Guide).steps[0]!.text).toBe(GUIDES.find((g) => g.id === ID)!.steps[0]!.text);
    expect((audit[0]!.after as Guide).steps[0]!.text).toBe(NEW_STEP);
    expect(audit[0]!.actor).toContain(DEMO.officer);
  });

  it("an invalid draft changes nothing and says why in Vietnamese, next to the field", async () => {
    const d = await detail();
    const bad = await api("PUT", `/api/officer/guides/${ID}`, officer(), { doc: withStep1(d.doc, "   "), baseVersion: 2 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues).toEqual([{ path: "steps.0.text", message: "Bước 1: chưa có nội dung." }]);
    const placeholder = await api("PUT", `/api/officer/guides/${ID}`, officer(), { doc: withStep1(d.doc, "Gọi {{xa.dienThoai}} để hỏi."), baseVersion: 2 });
    expect(placeholder.status).toBe(422);
    expect(placeholder.body.error.details.issues[0]).toMatchObject({ path: "steps.0.text" });
    expect(placeholder.body.error.details.issues[0].message).toContain("không có chỗ điền {{xa.dienThoai}}");
    const few = await api("PUT", `/api/officer/guides/${ID}`, officer(), { doc: { ...d.doc, phrasings: ["một", "hai câu"] }, baseVersion: 2 });
    expect(few.status).toBe(422);
    expect(few.body.error.details.issues.map((i: any) => i.message)).toContain("Cần ít nhất 6 câu hỏi mẫu (cách người dân hay hỏi), mỗi câu một dòng.");
    // Another officer saved meanwhile: refused, nothing overwritten.
    const stale = await api("PUT", `/api/officer/guides/${ID}`, officer(), { doc: withStep1(d.doc, "Bước mới nhưng từ bản cũ."), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain("vừa được sửa");
    expect((await detail()).version).toBe(2);
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).toBe(NEW_STEP);
    // The preview shows the draft as far as it goes, with the same problems.
    const p = await api("POST", "/api/officer/guides/preview", officer(), { doc: withStep1(d.doc, "   ") });
    expect(p.body.ok).toBe(false);
    expect(p.body.issues[0].path).toBe("steps.0.text");
    expect(p.body.chat).toHaveLength(d.doc.steps.length);
  });

  it("the preview is the chat's own messages and the mini app's guide, with the commune's values filled", async () => {
    const d = await detail();
    const p = (await api("POST", "/api/officer/guides/preview", officer(), { doc: withStep1(d.doc, "Mở {{provinceApp.name}} rồi làm theo.") })).body;
    expect(p.ok).toBe(true);
    const first = p.chat[0].messages.at(-1);
    expect(first.text).toContain("Bước 1/");
    expect(first.text).toContain(`Mở ${demoCommune().provinceApp.name} rồi làm theo.`);
    expect(first.buttons.map((b: any) => b.title)).toContain(TEMPLATES.buttonNext);
    expect(p.miniapp.steps[0].text).toBe(`Mở ${demoCommune().provinceApp.name} rồi làm theo.`);
    // Nothing saved by a preview.
    expect((await detail()).version).toBe(2);
  });

  it("a new phrasing is understood right after the save, through the real webhook", async () => {
    const phrase = "cái phiếu xanh nhà đèn gửi mỗi tháng nộp ở chỗ nào";
    const wrong = await resident().say(phrase);
    const title = (await detail()).doc.title as string;
    expect(wrong.at(-1)!.text.startsWith(title)).toBe(false);
    const d = await detail();
    const saved = await api("PUT", `/api/officer/guides/${ID}`, officer(), { doc: { ...d.doc, phrasings: [...d.doc.phrasings, phrase] }, baseVersion: d.version });
    expect(saved.status).toBe(200);
    const right = await resident().say(phrase);
    expect(right.at(-1)!.text.startsWith(title)).toBe(true);
    expect(right.at(-1)!.text).toContain("Bước 1/");
  });

  it("the admin rolls back to any earlier version (a new version equal to it, audited); an officer cannot", async () => {
    const d = await detail();
    expect((await api("POST", `/api/admin/guides/${ID}/rollback`, officer(), { version: 1 })).status).toBe(403);
    const r = await api("POST", `/api/admin/guides/${ID}/rollback`, admin(), { version: 1 });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(d.version + 1);
    expect(r.body.shipped).toBe(true); // back to the shipped content
    expect(r.body.doc).toEqual(GUIDES.find((g) => g.id === ID));
    expect(r.body.versions[0]).toMatchObject({ version: d.version + 1, note: "Quay lại bản 1", current: true });
    expect(await firstStep(r.body.doc.title)).not.toContain("Điện lực xã Sơn Tây");
    const audit = new AuditLog(s.services.database.db).list({ target: `guide:${ID}`, action: "guide.rollback" });
    expect(audit).toHaveLength(1);
    expect((audit[0]!.after as Guide).steps[0]!.text).toBe(GUIDES.find((g) => g.id === ID)!.steps[0]!.text);
    expect((await api("POST", `/api/admin/guides/${ID}/rollback`, admin(), { version: 99 })).status).toBe(404);
    // And forward again: back to version 2's words.
    const again = await api("POST", `/api/admin/guides/${ID}/rollback`, admin(), { version: 2 });
    expect(again.body.doc.steps[0].text).toBe(NEW_STEP);
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).toBe(NEW_STEP);
  });

  it("a change that needs the classifier trained anew (a phrasing removed) trains in a worker and swaps it in", async () => {
    const d = await detail("vssid-bhyt");
    const saved = await api("PUT", "/api/officer/guides/vssid-bhyt", officer(), { doc: { ...d.doc, phrasings: d.doc.phrasings.slice(1) }, baseVersion: d.version });
    expect(saved.status).toBe(200);
    // The save started a training; a rebuild now asks again (the newest training is the one swapped in).
    const r = s.services.guides.rebuild();
    if ("error" in r) throw new Error(r.error);
    expect(r.classifier).toBe("retrain");
    expect(r.ms).toBeLessThan(1000); // the bot's thread only validates, renders and swaps
    const t = await r.trained;
    expect(t.swapped).toBe(true);
    // Trained on exactly what the database holds now: nothing left to learn or forget.
    expect(s.services.guides.rebuild()).toMatchObject({ classifier: "same" });
    // Still understands its guides after the swap.
    const title = s.services.chat.library.get(ID)!.title;
    expect(await firstStep(title)).toContain(NEW_STEP);
    expect(s.services.chat.library.understand(d.doc.phrasings[1])).toMatchObject({ kind: "guide", guideId: "vssid-bhyt" });
  }, 60_000);
});

describe("the weekly legal tips in the database", () => {
  it("seeded once from the shipped list; officers list, add, edit and retire them; the schedule reads them at send time", async () => {
    const list = (await api("GET", "/api/officer/legal-tips", officer())).body;
    expect(list.items).toHaveLength(6);
    expect(list.nextId).not.toBeNull();
    const added = await api("POST", "/api/officer/legal-tips", officer(), { title: "Đăng ký tạm trú", text: "Người đến ở từ 30 ngày trở lên phải đăng ký tạm trú với Công an xã, có thể nộp trên VNeID." });
    expect(added.status).toBe(201);
    const bad = await api("POST", "/api/officer/legal-tips", officer(), { title: "Ng", text: "ngắn" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/Tiêu đề cần ít nhất 3 ký tự|Nội dung cần ít nhất 20 ký tự/);
    const edited = await api("PUT", `/api/officer/legal-tips/${added.body.id}`, officer(), { title: "Đăng ký tạm trú khi đến ở", text: added.body.text });
    expect(edited.body.title).toBe("Đăng ký tạm trú khi đến ở");
    const tips = s.services.guides.legalTips;
    expect(tips.active().map((t) => t.title)).toContain("Đăng ký tạm trú khi đến ở");
    // Retire all but the new one: the weekly send can only be the new one, whatever the week.
    for (const t of list.items) expect((await api("POST", `/api/officer/legal-tips/${t.id}/retire`, officer())).status).toBe(200);
    expect(legalTipOfWeek(tips, Date.now())!.title).toBe("Đăng ký tạm trú khi đến ở");
    expect(legalTipOfWeek(tips, Date.now() + 7 * 86_400_000)!.title).toBe("Đăng ký tạm trú khi đến ở");
    // The last tip in use cannot be retired.
    expect((await api("POST", `/api/officer/legal-tips/${added.body.id}/retire`, officer())).status).toBe(409);
    const audit = new AuditLog(s.services.database.db).list({ target: `legal_tip:${added.body.id}` });
    expect(audit.map((a) => a.action)).toEqual(["legal_tip.edit", "legal_tip.add"]);
    expect(audit[0]!.before).toMatchObject({ title: "Đăng ký tạm trú" });
    expect(audit[0]!.after).toMatchObject({ title: "Đăng ký tạm trú khi đến ở" });
    expect((await api("POST", `/api/officer/legal-tips/${list.items[0].id}/restore`, officer())).body.retired).toBe(false);
  });
});

describe("across a restart and shipped updates", () => {
  it("a restart keeps the commune's edits (and the seed is not written again)", async () => {
    const t = tempDir();
    const dbPath = join(t.dir, "restart.sqlite");
    const make = () => createServices({ env: testEnv({ DATABASE_PATH: dbPath }), commune: demoCommune(), credentials: TEST_CREDENTIALS, endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" }, clock: systemClock, logger: testLogger() });
    try {
      const a = make();
      const doc = a.guides.service.detail(ID).doc;
      a.guides.service.save(ID, withStep1(doc, NEW_STEP), 1, "Cán bộ thử (1)");
      a.guides.legalTips.retire(a.guides.legalTips.list().items[0]!.id, "Cán bộ thử (1)");
      await a.stop();
      const b = make();
      expect(b.chat.library.get(ID)!.steps[0]!.text).toBe(NEW_STEP);
      expect(b.chat.library.version(ID)).toBe(2);
      expect(b.guides.synced).toEqual({ added: [], updated: [], pending: [] });
      expect(b.guides.legalTips.list().items.filter((x) => x.retired)).toHaveLength(1);
      expect(b.guides.legalTips.list().items).toHaveLength(6);
      await b.stop();
    } finally {
      t.cleanup();
    }
  });

  it("a shipped update is adopted when the commune did not edit the guide, kept for review when it did; new shipped guides are added", async () => {
    const t = tempDir();
    const h = openDatabase(join(t.dir, "ship.sqlite"), { synchronous: "NORMAL", busyTimeoutMs: 250 });
    try {
      const logger = testLogger();
      const first = createGuidesModule({ db: h.db, clock: systemClock, logger });
      expect(first.synced.added).toHaveLength(GUIDES.length);
      // The commune edits tien-dien (through the service, as the console does).
      const edited = withStep1(first.repo.currentDocs().find((c) => c.guideId === ID)!.doc, NEW_STEP) as Guide;
      first.repo.transaction(() => {
        const v = first.repo.addVersion({ guideId: ID, doc: edited, hash: "edited", source: "commune", actor: "Cán bộ (1)", at: Date.now(), note: null });
        first.repo.updateHead(ID, { currentVersion: v });
      });
      // The next release changes tien-dien and vssid-bhyt, and adds a guide.
      const changed = (g: Guide): Guide => ({ ...g, summary: `${g.summary} Cập nhật mới.` });
      const added: Guide = { ...GUIDES.find((g) => g.id === "quan-tam-oa")!, id: "huong-dan-moi", title: "Một hướng dẫn mới của nhà phát triển", shortTitle: "Hướng dẫn mới" };
      const release = [...GUIDES.map((g) => (g.id === ID || g.id === "vssid-bhyt" ? changed(g) : g)), added];
      const second = createGuidesModule({ db: h.db, clock: systemClock, logger, shipped: release });
      expect(second.synced).toEqual({ added: ["huong-dan-moi"], updated: ["vssid-bhyt"], pending: [ID] });
      const docs = new Map(second.repo.currentDocs().map((c) => [c.guideId, c]));
      expect(docs.get("vssid-bhyt")!.doc.summary).toContain("Cập nhật mới.");
      expect(docs.get(ID)!.doc.steps[0]!.text).toBe(NEW_STEP); // the commune's edit stays
      expect(docs.get(ID)!.doc.summary).not.toContain("Cập nhật mới.");
      expect(docs.get("huong-dan-moi")!.version).toBe(1);
      expect(second.repo.head(ID)!.pendingVersion).toBe(3);
      // A third start with the same release changes nothing.
      const third = createGuidesModule({ db: h.db, clock: systemClock, logger, shipped: release });
      expect(third.synced).toEqual({ added: [], updated: [], pending: [] });
      // The audit log says what the start did.
      const audit = new AuditLog(h.db).list({ action: "guide.shipped_update" });
      expect(audit.map((a) => [a.target, (a.note as any).applied])).toEqual([
        [`guide:${ID}`, false],
        ["guide:vssid-bhyt", true],
      ]);
    } finally {
      h.close();
      t.cleanup();
    }
  });

  it("the officer sees the pending shipped update with what it changes, and adopts it (or keeps the commune's version)", async () => {
    const t = tempDir();
    const dbPath = join(t.dir, "adopt.sqlite");
    const make = () => createServices({ env: testEnv({ DATABASE_PATH: dbPath }), commune: demoCommune(), credentials: TEST_CREDENTIALS, endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" }, clock: systemClock, logger: testLogger() });
    try {
      const a = make();
      a.guides.service.save(ID, withStep1(a.guides.service.detail(ID).doc, NEW_STEP), 1, "Cán bộ thử (1)");
      // A release changes the guide: synced as a start would (same database, shipped list changed).
      const release = GUIDES.map((g) => (g.id === ID ? { ...g, summary: `${g.summary} Cập nhật mới.` } : g));
      const synced = createGuidesModule({ db: a.database.db, clock: systemClock, logger: testLogger(), shipped: release }).synced;
      expect(synced.pending).toEqual([ID]);
      const d = a.guides.service.detail(ID);
      expect(d.pendingUpdate).not.toBeNull();
      expect(d.pendingUpdate!.changes.map((c) => c.field)).toEqual(["Giới thiệu", "Bước 1"]);
      expect(a.guides.service.list().find((g) => g.id === ID)!.updatePending).toBe(true);
      const adopted = a.guides.service.adoptUpdate(ID, "Cán bộ thử (1)");
      expect(adopted.pendingUpdate).toBeNull();
      expect(adopted.shipped).toBe(true);
      expect(a.chat.library.get(ID)!.summary).toContain("Cập nhật mới.");
      expect(a.chat.library.get(ID)!.steps[0]!.text).not.toBe(NEW_STEP);
      await a.stop();
    } finally {
      t.cleanup();
    }
  });
});

describe("an officer's erasure", () => {
  it("leaves no trace of the officer in guide versions and legal tips (the content stays)", async () => {
    const sqlite = s.services.database.sqlite;
    const count = () =>
      (sqlite.prepare("SELECT (SELECT COUNT(*) FROM guide_versions WHERE actor LIKE ?) + (SELECT COUNT(*) FROM legal_tips WHERE created_by LIKE ? OR updated_by LIKE ?) AS n").get(`%${DEMO.officer}%`, `%${DEMO.officer}%`, `%${DEMO.officer}%`) as { n: number }).n;
    expect(count()).toBeGreaterThan(0);
    const versions = (sqlite.prepare("SELECT COUNT(*) AS n FROM guide_versions").get() as { n: number }).n;
    s.services.privacy.service.erase({ appUserId: DEMO.officer }, { kind: "officer", officerId: DEMO.admin, reference: "test" });
    expect(count()).toBe(0);
    expect((sqlite.prepare("SELECT COUNT(*) AS n FROM guide_versions").get() as { n: number }).n).toBe(versions);
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).toBe(NEW_STEP);
  });
});
