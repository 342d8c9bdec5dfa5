/**
 * Attacks on the guides and legal tips carried by the commune file (issue 15, brief H): POST
 * /api/admin/commune/import with hostile `guides` / `legalTips` parts, over the real app, a real SQLite
 * file and the simulator's chat. A refused file changes nothing (the commune document, the guides and
 * their versions, the tips, the chat's library); an accepted one is what residents then read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LEGAL_TIPS } from "../../bot/broadcasts/legal-tips";
import { SHIPPED_ACTOR } from "../../bot/guides/shipped-sync";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

const ID = "tien-dien";
const OTHER = "vneid-muc-2";
let s: Stack;
let n = 0;
const ask = async (text: string) => (await new Resident(s, `86400000000000${String(++n).padStart(5, "0")}`).say(text)).map((m) => m.text).join("\n");
const auth = (id: string) => ({ authorization: `Bearer ${s.services.gds.auth.issue(id).session}` });
const doc = (id: string): any => structuredClone(s.services.guides.service.detail(id).doc);
const exported = () => JSON.parse(s.services.commune.store.export());

async function importFile(file: unknown, apply = true) {
  const r = await s.app.inject({
    method: "POST",
    url: "/api/admin/commune/import",
    headers: auth(DEMO.admin),
    payload: { doc: file, apply, baseVersion: s.services.commune.store.version() } as object,
  });
  let body: any;
  try {
    body = r.json();
  } catch {
    body = r.body;
  }
  return { status: r.statusCode, body };
}

/** A tip the first start seeded from the shipped list (the file names it by its number). */
const isShippedRow = (x: { id: number }) => s.services.guides.repo.legalTips(true).find((r) => r.id === x.id)?.createdBy === SHIPPED_ACTOR;

async function state() {
  const lib = s.services.chat.library;
  return {
    commune: s.services.commune.store.version(),
    export: s.services.commune.store.export(),
    versions: [ID, OTHER].map((id) => s.services.guides.service.detail(id).versions.length),
    tips: JSON.stringify(s.services.guides.legalTips.list().items),
    library: [lib.all().length, lib.get(ID)!.steps[0]!.text, lib.version(ID), lib.get(OTHER)!.phrasings.length],
  };
}

async function refused(file: unknown, status = 422): Promise<any> {
  const before = await state();
  const r = await importFile(file);
  expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(status);
  expect(await state()).toEqual(before);
  return r.body;
}

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

describe("hostile guides in the file", () => {
  it("a guide taking another guide's title or phrasings, placeholders that are not the commune's, javascript: links, a prototype id: refused, nothing changed", async () => {
    const other = doc(OTHER);
    const base = () => ({ ...exported(), guides: [] as any[] });
    // Another guide's phrasing and title.
    await refused({ ...base(), guides: [{ ...doc(ID), phrasings: [...doc(ID).phrasings, other.phrasings[0]] }] });
    await refused({ ...base(), guides: [{ ...doc(ID), title: other.title }] });
    // Placeholders the commune has no value for, inherited names included.
    for (const p of ["{{constructor}}", "{{__proto__}}", "{{toString}}", "{{ commune.constructor }}", "{{hotline.__proto__}}"]) {
      const body = await refused({ ...base(), guides: [{ ...doc(ID), steps: doc(ID).steps.map((st: any, i: number) => (i === 0 ? { ...st, text: `Gọi ${p} ngay.` } : st)) }] });
      expect(body.error.message).toContain("chưa nhập gì");
    }
    // Links residents tap: javascript:, data:, a button with such a url.
    const withLink = (url: string) => ({ ...doc(ID), steps: doc(ID).steps.map((st: any, i: number) => (i === 0 ? { ...st, text: `Mở ${url} để xem.`, link: { title: "Mở", url } } : st)) });
    for (const url of ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]) await refused({ ...base(), guides: [withLink(url)] });
    // Ids the code could mistake for something else.
    for (const id of ["__proto__", "../x", "Tien-Dien", "prototype"]) {
      const g = { ...doc(ID), id, title: `Hướng dẫn lạ ${id}`, shortTitle: undefined, phrasings: ["một", "hai", "ba", "bốn", "năm", "sáu"].map((k) => `hỏi về việc lạ thứ ${k} của ${id.replace(/[^a-z]/gi, "")}`) };
      const r = await importFile({ ...base(), guides: [g] });
      if (r.status === 200) {
        // Accepted as the commune's own guide: it must behave as any guide (no prototype trouble).
        expect(s.services.chat.library.get(id)?.title).toBe(g.title);
        expect(({} as any).steps).toBeUndefined();
      } else expect(r.status, `${id}: ${JSON.stringify(r.body).slice(0, 300)}`).toBe(422);
    }
  });

  it("bidi overrides and zero-width characters in an imported guide never reach residents", async () => {
    const g = doc(ID);
    const r = await importFile({
      ...exported(),
      guides: [{ ...g, title: `${g.title}\u202e`, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: `Bấm\u200b vào\u202e nút “Thanh toán”\u2066 rồi làm theo hướng dẫn.` } : st)) }],
    });
    if (r.status === 200) {
      const lib = s.services.chat.library.get(ID)!;
      expect(`${lib.title}${lib.steps[0]!.text}`).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u);
    } else expect(r.status).toBe(422);
  });
});

describe("the legal tips in the file", () => {
  it("a file leaving no tip in use is refused; a file replacing every shipped tip with the commune's own is the commune's right", async () => {
    const tips = s.services.guides.legalTips.list().items as any[];
    const shipped = tips.map((_t, i) => ({ shipped: i + 1, title: tips[i].title, text: tips[i].text, retired: true }));
    const body = await refused({ ...exported(), legalTips: shipped });
    expect(body.error.message).toContain("không còn mục pháp luật nào");
    const own = { title: "Mục pháp luật của xã", text: "Người dân cần biết: không chuyển tiền cho người lạ tự xưng cán bộ qua điện thoại." };
    const r = await importFile({ ...exported(), legalTips: [...shipped, own] });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const inUse = (s.services.guides.legalTips.list().items as any[]).filter((t) => t.retiredAt === null || t.retired === false);
    expect(inUse.map((t) => t.title)).toEqual([own.title]);
  });

  it("a shipped number this install does not have (a newer file, or a made-up one): imported twice it is one tip, and the export imports back", async () => {
    const tip = { shipped: 99, title: "Mục có sẵn của bản mới", text: "Người dân cần biết: giữ kín mã OTP, không đọc cho ai qua điện thoại." };
    for (let i = 0; i < 2; i++) {
      const r = await importFile({ ...exported(), legalTips: [tip] });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    }
    expect((s.services.guides.legalTips.list().items as any[]).filter((x) => x.title === tip.title)).toHaveLength(1);
    // The same title as a tip the commune already has: that tip, not a second one.
    const own = (s.services.guides.legalTips.list().items as any[]).find((x) => !isShippedRow(x))!;
    const r = await importFile({ ...exported(), legalTips: [{ shipped: 98, title: own.title, text: `${own.text} (sửa)` }] });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect((s.services.guides.legalTips.list().items as any[]).filter((x) => x.title === own.title)).toHaveLength(1);
    // Two entries of the file that land on the same tip are refused, nothing changed.
    await refused({ ...exported(), legalTips: [{ shipped: 97, title: "Mục trùng trong tệp", text: "Nội dung mục trùng trong tệp, đủ hai mươi ký tự." }, { title: "Mục trùng trong tệp", text: "Nội dung khác của mục trùng, đủ hai mươi ký tự." }] });
    // The commune's own export imports back (no two tips with one title).
    const back = await importFile(exported());
    expect(back.status, JSON.stringify(back.body).slice(0, 300)).toBe(200);
  });

  it("201 tips are refused in Vietnamese; 10,000 (or a 1 MB part) stop at the body limit; nothing changed", async () => {
    const many = (k: number) => Array.from({ length: k }, (_, i) => ({ title: `Mục thêm số ${i}`, text: `Nội dung mục pháp luật thêm số ${i}, đủ hai mươi ký tự.` }));
    const body = await refused({ ...exported(), legalTips: many(201) });
    expect(body.error.message).toContain("nhiều nhất 200 mục");
    await refused({ ...exported(), legalTips: many(10_000) }, 413);
    const g = doc(ID);
    await refused({ ...exported(), guides: [{ ...g, summary: "x".repeat(1_000_000) }] }, 413);
  });

  it("bidi overrides and zero-width characters are dropped from imported tips", async () => {
    const r = await importFile({ ...exported(), legalTips: [{ title: "Mục\u202e mới\u200b của xã", text: "Không\u2066 chuyển tiền cho người lạ tự xưng cán bộ qua điện thoại." }] });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    const t = (s.services.guides.legalTips.list().items as any[]).find((x) => x.title === "Mục mới của xã");
    expect(t.title).toBe("Mục mới của xã");
    expect(t.text).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u);
  });
});

describe("a file that changes several things at once", () => {
  const edited = () => {
    const g = doc(ID);
    return { ...g, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: "Bước mới của tệp: mở ứng dụng ngân hàng và chọn mục tiền điện." } : st)) };
  };
  it("renamed villages and an edited guide with no admin left, or with no legal tip left: refused whole, the guide library as before", async () => {
    const f1 = exported();
    f1.villages[0].name = "Thôn Đổi Tên";
    f1.officers = f1.officers.map((o: any) => ({ ...o, role: "officer" }));
    const b1 = await refused({ ...f1, guides: [edited()] }, 409);
    expect(b1.error.message).toContain("quản trị viên");
    const f2 = exported();
    f2.villages[0].name = "Thôn Đổi Tên";
    // Every tip in use retired: the shipped ones by their number, the commune's own by their title.
    const tips = (s.services.guides.legalTips.list().items as any[]).filter((x) => !x.retired);
    const shippedCount = LEGAL_TIPS.length;
    const all = tips.map((x) => ({ ...(x.position <= shippedCount && x.updatedBy !== undefined && isShippedRow(x) ? { shipped: x.position } : {}), title: x.title, text: x.text, retired: true }));
    const b2 = await refused({ ...f2, guides: [edited()], legalTips: all });
    expect(b2.error.message).toContain("chưa nhập gì");
  });

  it("accepted: the chat and the guides say the file's police, hotline and step at once", async () => {
    const f = exported();
    f.police = { ...f.police, name: "Công an xã Theo Tệp", phone: "0239 777 888" };
    f.hotlines = { ...f.hotlines, province: "0239 1022 999" };
    const r = await importFile({ ...f, guides: [edited()] });
    expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(200);
    expect(await ask("có người gọi điện tự xưng công an bảo chuyển tiền")).toContain("Công an xã Theo Tệp");
    expect(await ask("gọi tổng đài phản ánh")).toContain("0239 1022 999");
    const hotline = await s.app.inject({ method: "GET", url: "/miniapp/guides/tong-dai-phan-anh.json" });
    expect(hotline.body).toContain("0239 1022 999");
    expect(hotline.body).toContain("Công an xã Theo Tệp");
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).toContain("Bước mới của tệp");
  });
});

describe("an import racing a guide edit in the console", () => {
  it("an export taken before an officer's guide edit: the preview names the guide it would turn back, and the officer's version stays in the history", async () => {
    const g = doc(OTHER);
    const older = exported();
    older.guides = [...(older.guides ?? []).filter((x: any) => x.id !== OTHER), { ...g, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: `${st.text} (bản trong tệp cũ)` } : st)) }];
    const detail = s.services.guides.service.detail(OTHER);
    const officerStep = `${g.steps[0].text} (bản cán bộ vừa sửa)`;
    const save = await s.app.inject({ method: "PUT", url: `/api/officer/guides/${OTHER}`, headers: auth(DEMO.officer), payload: { doc: { ...g, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: officerStep } : st)) }, baseVersion: detail.version } });
    expect(save.statusCode, save.body.slice(0, 300)).toBe(200);
    const preview = await importFile(older, false);
    expect(preview.status).toBe(200);
    expect(preview.body.changes.join("\n")).toContain(`Hướng dẫn “${g.title}”: sửa`);
    const applied = await importFile(older);
    expect(applied.status).toBe(200);
    const after = s.services.guides.service.detail(OTHER);
    expect((after.doc as any).steps[0].text).toContain("(bản trong tệp cũ)");
    // Not lost: the officer's version is kept and can be brought back (rollback).
    expect(after.versions.length).toBeGreaterThan(detail.versions.length + 1);
  });

  it("the officer who started from the version before the import gets 409; the import's content is what residents read", async () => {
    const detail = s.services.guides.service.detail(ID);
    const base = detail.version;
    const g = doc(ID);
    const step = "Mở ứng dụng ngân hàng, chọn “Thanh toán hoá đơn”, rồi chọn “Tiền điện” và nhập mã khách hàng in trên hoá đơn.";
    const imp = await importFile({ ...exported(), guides: [{ ...g, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: step } : st)) }] });
    expect(imp.status, JSON.stringify(imp.body).slice(0, 300)).toBe(200);
    const save = await s.app.inject({
      method: "PUT",
      url: `/api/officer/guides/${ID}`,
      headers: auth(DEMO.officer),
      payload: { doc: { ...g, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: "Bản của cán bộ: mở ứng dụng ngân hàng rồi chọn tiền điện để trả tiền." } : st)) }, baseVersion: base },
    });
    expect(save.statusCode, save.body.slice(0, 300)).toBe(409);
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).toBe(step);
    expect(await ask("trả tiền điện qua điện thoại thế nào")).toContain(step);
  });
});

// NOT FIXED (outside this brief's files): shared/text/teencode.ts looks words up in plain objects
// (`PLAIN[f]`, `ACCENTED[typed]`, `CONTEXTUAL[f]`, lines ~380-395), so the word "constructor" (and
// "__proto__") finds Object.prototype's members and `expansionTokens` throws "expansion.split is not a
// function". Every foldKey/normalizeText of a text with that word throws: a resident who types it gets
// no answer at all, and an imported guide (or a guide saved in the console, a village name...) with it
// answers 500. Fix there: own properties only (`Object.hasOwn(PLAIN, k) ? PLAIN[k] : undefined`, or the
// tables as Maps / Object.create(null)).
describe("the word “constructor” in what residents type and in imported guides", () => {
  it("a resident who types it gets an answer", async () => {
    const said = await new Resident(s, "8640000000009999001").say("constructor");
    expect(said.length).toBeGreaterThan(0);
  });

  it("an imported guide with that id or phrasing is accepted or refused in Vietnamese, never a 500", async () => {
    const g = { ...doc(ID), id: "constructor", title: "Hướng dẫn lạ constructor", shortTitle: undefined, phrasings: ["một", "hai", "ba", "bốn", "năm", "sáu"].map((k) => `hỏi về việc lạ thứ ${k}`) };
    const r = await importFile({ ...exported(), guides: [g] });
    expect([200, 422]).toContain(r.status);
  });
});
