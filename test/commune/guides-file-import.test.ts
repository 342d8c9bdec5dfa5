/**
 * Issue 15: the commune's own guides and legal tips in the commune file (bot/guides/file-part.ts).
 * The import is all or nothing: a guide the editor would refuse (the schema, the limits, the
 * residents' reserved words, a name another guide has) refuses the whole file in Vietnamese, and a
 * file refused after its guides were written leaves neither the database nor the chat's library
 * (the matcher) with the rejected content. Accepted, each guide is a new audited commune version
 * that can be rolled back; a file without the keys keeps the commune's edits; a first start from a
 * file carrying them applies them (and logs, without applying, a file that is wrong).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AuditLog } from "../../bot/audit/audit-log";
import { systemClock } from "../../bot/clock";
import { createGuideFileParts } from "../../bot/guides/file-part";
import { createServices } from "../../bot/services";
import { DEMO } from "../households/support";
import { demoCommune, TEST_CREDENTIALS, tempDir, testEnv, testLogger } from "../support/env";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

const ID = "tien-dien";
const OTHER = "vneid-muc-2";
const NEW_STEP = "Tìm mã khách hàng (13 ký tự, bắt đầu bằng chữ PE) trên hóa đơn giấy hoặc tin nhắn Zalo của Điện lực Hoà Sơn gửi hằng tháng.";
const NEW_PHRASING = "công tơ nhà cháu quay nhanh quá phải làm sao";

let s: Stack;
let n = 0;
const ask = async (text: string) => (await new Resident(s, `86200000000000${String(++n).padStart(5, "0")}`).say(text)).map((m) => m.text).join("\n");
const admin = () => ({ authorization: `Bearer ${s.services.gds.auth.issue(DEMO.admin).session}` });
const fileParts = () => createGuideFileParts(s.services.guides, { db: s.services.database.db, clock: systemClock, logger: testLogger() });
const doc = (id: string): any => structuredClone(s.services.guides.service.detail(id).doc);
const edited = () => {
  const g = doc(ID);
  return { ...g, steps: g.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: NEW_STEP } : st)), phrasings: [...g.phrasings, NEW_PHRASING] };
};

async function importFile(file: unknown) {
  const version = s.services.commune.store.version();
  const r = await s.app.inject({ method: "POST", url: "/api/admin/commune/import", headers: admin(), payload: { doc: file, apply: true, baseVersion: version } as object });
  return { status: r.statusCode, body: r.json() as any };
}

/** What must not move when a file is refused. */
async function state() {
  const lib = s.services.chat.library;
  return {
    commune: s.services.commune.store.version(),
    export: s.services.commune.store.export(),
    versions: [ID, OTHER].map((id) => s.services.guides.service.detail(id).versions.length),
    tips: JSON.stringify(s.services.guides.legalTips.list().items),
    library: [lib.get(ID)!.steps[0]!.text, lib.version(ID), lib.get(OTHER)!.phrasings.length],
  };
}

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

describe("guides and legal tips imported from the commune file: all or nothing", () => {
  let title: string;
  let before: Awaited<ReturnType<typeof state>>;
  let unknownAnswer: string;

  beforeAll(async () => {
    title = s.services.chat.library.get(ID)!.title;
    before = await state();
    unknownAnswer = await ask(NEW_PHRASING);
    expect(unknownAnswer).not.toContain(title);
  });

  const refusedWith = async (file: unknown, ...words: string[]) => {
    const r = await importFile(file);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.message).toContain("chưa nhập gì");
    for (const w of words) expect(r.body.error.message).toContain(w);
    // Nothing stayed: the commune document, the guides and their versions, the tips, the library.
    expect(await state()).toEqual(before);
    return r.body;
  };

  it("a guide the editor would refuse: the whole file is refused (its villages too), in Vietnamese", async () => {
    const file = JSON.parse(s.services.commune.store.export());
    file.villages.push({ id: "thon-suoi-da", name: "Thôn Suối Đá", kind: "thôn", households: 64, head: { name: "Lò Văn Sáng" } });
    file.guides = [edited(), { ...doc(OTHER), steps: [] }];
    const body = await refusedWith(file, `hướng dẫn “${doc(OTHER).title}”`, "Cần ít nhất một bước");
    expect(body.error.details.issues.some((i: any) => i.guide === OTHER && i.path === "steps")).toBe(true);
    expect(await ask(NEW_PHRASING)).toBe(unknownAnswer);
    expect((await ask(`Hướng dẫn: ${title}`))).not.toContain(NEW_STEP);
  });

  it("the reserved words, the limits and another guide's names apply to imported guides too", async () => {
    const base = JSON.parse(s.services.commune.store.export());
    await refusedWith({ ...base, guides: [{ ...edited(), phrasings: [...edited().phrasings, "gặp cán bộ"] }] }, "là câu người dân nhắn để gặp cán bộ");
    await refusedWith({ ...base, guides: [{ ...edited(), phrasings: Array.from({ length: 101 }, (_, i) => `câu hỏi mẫu số ${i + 1} về tiền điện`) }] }, "Nhiều nhất 100 câu hỏi mẫu");
    await refusedWith({ ...base, guides: [{ ...edited(), phrasings: [...edited().phrasings, doc(OTHER).title] }] }, `hướng dẫn “${doc(OTHER).title}”`);
    await refusedWith({ ...base, guides: [edited(), edited()] }, "có hai lần trong tệp");
    await refusedWith({ ...base, guides: [{ ...edited(), id: undefined }] }, "không có mã");
    await refusedWith({ ...base, legalTips: [{ shipped: 1, title: "Ngắn", text: "quá ngắn" }] }, "mục pháp luật thứ 1", "Nội dung cần ít nhất 20 ký tự.");
  });

  it("a file refused after its guides were written: the library never learns them (rebuilt only after commit)", async () => {
    const file = JSON.parse(s.services.commune.store.export());
    // Valid guides; the tips would leave none in use, which is found only once the guides are written.
    file.guides = [edited()];
    file.legalTips = s.services.guides.legalTips.list().items.map((t) => ({ shipped: t.position, title: t.title, text: t.text, retired: true }));
    await refusedWith(file, "không còn mục pháp luật nào đang dùng");
    await new Promise((r) => setTimeout(r, 50));
    expect(await state()).toEqual(before);
    expect(await ask(NEW_PHRASING)).toBe(unknownAnswer);
    expect(await ask(`Hướng dẫn: ${title}`)).not.toContain(NEW_STEP);
  });

  it("accepted: new audited commune versions (a phrasing may move between two guides), learnt at once, rolled back by the admin", async () => {
    const file = JSON.parse(s.services.commune.store.export());
    const other = doc(OTHER);
    const moved = other.phrasings.at(-1);
    const mine = edited();
    file.guides = [{ ...mine, phrasings: [...mine.phrasings, moved] }, { ...other, phrasings: other.phrasings.slice(0, -1) }];
    file.legalTips = [{ shipped: 1, title: "Công an không gọi điện đòi tiền", text: "Công an không làm việc qua điện thoại, không yêu cầu chuyển tiền. Gặp cuộc gọi như vậy, bà con tắt máy và báo Công an xã." }];
    // The preview says what would change, in words, and changes nothing.
    const parts = fileParts();
    expect(parts.guides.preview(file.guides)).toEqual([`Hướng dẫn “${mine.title}”: sửa Bước 1, Câu hỏi mẫu`, `Hướng dẫn “${other.title}”: sửa Câu hỏi mẫu`]);
    expect(parts.legalTips.preview(file.legalTips)).toEqual(["Sửa mục pháp luật “Công an không gọi điện đòi tiền”"]);
    expect(await state()).toEqual(before);
    // It refuses what the import would refuse, the names as the file leaves them included (the moved phrasing kept in both).
    expect(() => parts.guides.preview([file.guides[0], other])).toThrow(/chưa nhập gì: hướng dẫn “.+”: Câu “.+” là câu hỏi mẫu của hướng dẫn/);
    expect(await state()).toEqual(before);
    // The import's own preview lists them with the rest of the file's changes.
    const listed = await s.app.inject({ method: "POST", url: "/api/admin/commune/import", headers: admin(), payload: { doc: file } });
    expect(listed.json().changes).toEqual(expect.arrayContaining([`Hướng dẫn “${mine.title}”: sửa Bước 1, Câu hỏi mẫu`, "Sửa mục pháp luật “Công an không gọi điện đòi tiền”"]));
    const r = await importFile(file);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // The guides live in their own tables: the commune document's versions do not copy them.
    const stored = s.services.database.sqlite.prepare("SELECT doc FROM commune_versions ORDER BY id DESC LIMIT 1").get() as { doc: string };
    expect(Object.keys(JSON.parse(stored.doc))).not.toEqual(expect.arrayContaining(["guides"]));
    expect(JSON.parse(stored.doc).legalTips).toBeUndefined();

    expect(await ask(NEW_PHRASING)).toContain(title);
    expect(await ask(`Hướng dẫn: ${title}`)).toContain(NEW_STEP);
    const d = s.services.guides.service.detail(ID);
    expect(d.versions.map((v) => [v.source, v.note])).toEqual([["commune", "Nhập từ tệp dữ liệu xã"], ["shipped", "Bản đi kèm phần mềm"]]);
    expect(d.shipped).toBe(false);
    const audit = new AuditLog(s.services.database.db).list({ action: "guide.import", limit: 5 });
    expect(audit.map((a: any) => a.target).sort()).toEqual([`guide:${ID}`, `guide:${OTHER}`]);
    expect(s.services.guides.legalTips.list().items[0]).toMatchObject({ position: 1, title: "Công an không gọi điện đòi tiền", retired: false });
    // Exported again: the two guides, the one tip.
    const again = JSON.parse(s.services.commune.store.export());
    expect(again.guides.map((g: any) => g.id)).toEqual([OTHER, ID]);
    expect(again.legalTips).toEqual(file.legalTips);

    // A file without the keys keeps the commune's guides and tips.
    const { guides: _g, legalTips: _t, ...bare } = again;
    expect((await importFile({ ...bare, oa: { name: "Xã Hòa Sơn (thử)" } })).status).toBe(200);
    expect(s.services.guides.service.detail(ID).version).toBe(2);
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).toBe(NEW_STEP);

    // The admin rolls the guide back to the shipped version: the library follows.
    const rb = await s.app.inject({ method: "POST", url: `/api/admin/guides/${ID}/rollback`, headers: admin(), payload: { version: 1 } });
    expect(rb.statusCode, rb.body).toBe(200);
    expect(rb.json().shipped).toBe(true);
    expect(s.services.chat.library.get(ID)!.steps[0]!.text).not.toBe(NEW_STEP);
    expect(JSON.parse(s.services.commune.store.export()).guides.map((g: any) => g.id)).toEqual([OTHER]);
  });

  it("the commune's own tips are known by their title: updated in place, others kept; the same file twice changes nothing", async () => {
    const tips = s.services.guides.legalTips;
    const mineTip = tips.add({ title: "Giữ gìn nhà văn hoá thôn", text: "Nhà văn hoá là tài sản chung của thôn: bà con cùng giữ gìn." }, "Cán bộ thử");
    const kept = tips.add({ title: "Đăng ký tạm trú cho người thuê trọ", text: "Chủ nhà trọ đăng ký tạm trú cho người thuê trong 12 ngày kể từ ngày đến ở." }, "Cán bộ thử");
    const file = JSON.parse(s.services.commune.store.export());
    const newText = "Nhà văn hoá là tài sản chung của thôn: bà con giữ gìn, thấy hư hỏng thì báo trưởng thôn để xã kịp sửa.";
    file.legalTips = [{ title: mineTip.title, text: newText }, { title: "Phòng cháy trong mùa khô", text: "Mùa khô bà con không đốt thực bì gần rừng, nhà cửa; có cháy gọi ngay 114.", retired: true }];
    expect(fileParts().legalTips.preview(file.legalTips)).toEqual([`Sửa mục pháp luật “${mineTip.title}”`, "Thêm mục pháp luật “Phòng cháy trong mùa khô” (thôi dùng)"]);
    expect((await importFile(file)).status).toBe(200);
    const items = tips.list().items;
    expect(items.find((x) => x.id === mineTip.id)).toMatchObject({ title: mineTip.title, text: newText, updatedBy: expect.any(String) });
    expect(items.find((x) => x.id === kept.id)).toMatchObject({ title: kept.title, text: kept.text, retired: false });
    expect(items.at(-1)).toMatchObject({ title: "Phòng cháy trong mùa khô", retired: true });

    const audits = () => new AuditLog(s.services.database.db).list({ limit: 500 }).filter((a: any) => /^(guide|legal_tip)\.import$/.test(a.action)).length;
    const count = audits();
    const again = JSON.parse(s.services.commune.store.export());
    expect(fileParts().guides.preview(again.guides)).toEqual([]);
    expect(fileParts().legalTips.preview(again.legalTips)).toEqual([]);
    expect((await importFile(again)).status).toBe(200);
    expect(audits()).toBe(count);
    expect(tips.list().items).toHaveLength(items.length);
    expect(s.services.commune.store.export()).toBe(JSON.stringify(again, null, 2) + "\n");
  });
});

describe("a first start from a commune file that carries guides and legal tips", () => {
  const endpoints = { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" };
  const make = (dbPath: string, extra: Record<string, unknown>, logger = testLogger()) =>
    createServices({ env: testEnv({ DATABASE_PATH: dbPath }), commune: { ...demoCommune(), ...extra }, credentials: TEST_CREDENTIALS, endpoints, clock: systemClock, logger });

  it("applies them once (a restart adds nothing); a wrong one is logged and the shipped content is used", async () => {
    const t = tempDir();
    try {
      const probe = make(join(t.dir, "probe.sqlite"), {});
      const g = structuredClone(probe.guides.service.detail(ID).doc) as any;
      await probe.stop();
      g.steps[0].text = NEW_STEP;
      const tip = { title: "Giữ gìn nhà văn hoá thôn", text: "Nhà văn hoá là tài sản chung của thôn: bà con giữ gìn, báo trưởng thôn khi thấy hư hỏng." };
      const dbPath = join(t.dir, "seed.sqlite");
      const a = make(dbPath, { guides: [g], legalTips: [tip] });
      expect(a.chat.library.get(ID)!.steps[0]!.text).toBe(NEW_STEP);
      expect(a.guides.service.detail(ID).versions.map((v) => [v.source, v.actor])).toEqual([["commune", "tệp cấu hình"], ["shipped", "nhà phát triển"]]);
      expect(a.guides.legalTips.list().items.map((x) => x.title)).toContain(tip.title);
      expect(JSON.parse(a.commune.store.export()).legalTips).toEqual([tip]);
      await a.stop();
      const again = make(dbPath, { guides: [g], legalTips: [tip] });
      expect(again.guides.service.detail(ID).versions).toHaveLength(2);
      expect(again.guides.legalTips.list().items).toHaveLength(7);
      await again.stop();

      const logger = testLogger();
      const errors = vi.spyOn(logger, "error");
      const wrong = make(join(t.dir, "wrong.sqlite"), { guides: [{ ...g, phrasings: ["gặp cán bộ"] }], legalTips: [tip] }, logger);
      expect(wrong.guides.service.detail(ID).versions).toHaveLength(1);
      expect(wrong.guides.legalTips.list().items).toHaveLength(6);
      expect(errors).toHaveBeenCalledWith(expect.objectContaining({ reason: expect.stringContaining("chưa nhập gì") }), expect.stringContaining("NOT applied"));
      await wrong.stop();
    } finally {
      t.cleanup();
    }
  }, 60_000);
});
