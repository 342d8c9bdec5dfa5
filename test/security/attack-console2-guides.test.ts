/**
 * Attacks on the guides officers edit in the console (bot/guides), through the real stack and the
 * simulator: a guide whose phrasings, keywords or title take the residents' own ways of saying "stop
 * sending me messages" or "let me talk to a person"; markup and placeholders in what residents read;
 * officers doing the admin's rollback.
 */
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "../../bot/chat/templates";
import { limitIssues } from "../../bot/guides/limits";
import { reservedIssues } from "../../bot/guides/reserved";
import { GUIDES } from "../../shared/guides";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */

const ID = "tien-dien";
let s: Stack;
let n = 0;
const resident = () => new Resident(s, `8716${String(++n).padStart(15, "0")}`);
const bearer = (id: string) => ({ authorization: `Bearer ${s.services.gds.auth.issue(id).session}` });

async function api(method: "GET" | "POST" | "PUT", url: string, headers: Record<string, string>, payload?: unknown) {
  const res = await s.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? (JSON.parse(res.body) as any) : undefined };
}
const detail = async (id = ID) => (await api("GET", `/api/officer/guides/${id}`, bearer(DEMO.officer))).body;
const save = async (doc: any, id = ID) => {
  const d = await detail(id);
  return api("PUT", `/api/officer/guides/${id}`, bearer(DEMO.officer), { doc, baseVersion: d.version });
};
const said = async (text: string) => (await resident().say(text)).map((m) => m.text).join("\n");

beforeAll(async () => {
  s = await startStack();
});
afterAll(async () => s?.close());

describe("attack: a guide that takes the residents' way out or way to a person", () => {
  const OPT_OUT = "đừng nhắn cho tôi nữa"; // an opt-out phrasing understood by the assistant (not a typed command)
  const HANDOFF = "cho gặp người thật"; // a hand-off phrasing understood by the assistant

  it("baseline: the words stop the reminders and reach a person", async () => {
    expect(await said(OPT_OUT)).toContain(TEMPLATES.optedOut);
    expect(await said(HANDOFF)).not.toContain("Bước 1/");
  });

  it("phrasings or keywords equal to a way of opting out or asking for a person are refused (422), and the words keep working", async () => {
    const d = await detail();
    for (const doc of [
      { ...d.doc, phrasings: [...d.doc.phrasings, OPT_OUT] },
      { ...d.doc, phrasings: [...d.doc.phrasings, "Cho gặp NGƯỜI THẬT"] },
      { ...d.doc, keywords: [...(d.doc.keywords ?? []), "dung nhan cho toi nua"] },
      { ...d.doc, title: "Cho gặp người thật" },
      { ...d.doc, shortTitle: "gặp cán bộ" },
    ]) {
      const r = await save(doc);
      expect(r.status, JSON.stringify(doc.phrasings?.at(-1) ?? doc.title)).toBe(422);
    }
    expect((await detail()).version).toBe(d.version);
    expect(await said(OPT_OUT)).toContain(TEMPLATES.optedOut);
    expect(await said(HANDOFF)).not.toContain("Bước 1/");
  });

  it("no shipped guide uses those words (a rollback to a shipped version is never refused for them)", () => {
    for (const g of GUIDES) expect(reservedIssues(g), g.id).toEqual([]);
  });
});

describe("attack: what residents read in a guide", () => {
  it("a step made only of invisible characters is refused; a right-to-left override in a title is dropped", async () => {
    const d = await detail();
    const bad = await save({ ...d.doc, steps: d.doc.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: "\u200b\u200c\u2060\u202e\ufeff" } : st)) });
    expect(bad.status).toBe(422);
    const ok = await save({ ...d.doc, title: `${d.doc.title}\u202e ưưư` });
    expect(ok.status).toBe(200);
    expect(ok.body.doc.title).toBe(`${d.doc.title} ưưư`);
    expect(s.services.chat.library.get(ID)!.title).not.toMatch(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
  });

  it("placeholders that name inherited properties or the commune's secrets are refused, never rendered", async () => {
    const d = await detail();
    for (const text of ["Bác gõ {{constructor}}", "{{__proto__.toString}}", "{{commune.constructor}}", "Mã: {{oa.secretKey}}", "{{ process.env.ZALO_APP_SECRET }}"]) {
      const r = await save({ ...d.doc, steps: d.doc.steps.map((st: any, i: number) => (i === 0 ? { ...st, text } : st)) });
      expect(r.status, text).toBe(422);
    }
    expect((await detail()).version).toBe(d.version);
  });

  it("an officer (not the admin) cannot roll a guide back; a resident reaches none of the guide routes", async () => {
    const d = await detail();
    expect((await api("POST", `/api/admin/guides/${ID}/rollback`, bearer(DEMO.officer), { version: 1 })).status).toBe(403);
    expect((await api("POST", `/api/admin/guides/${ID}/rollback`, bearer(DEMO.headDongXuan), { version: 1 })).status).toBe(403);
    const resident = "8716999999999999999";
    expect((await api("POST", `/api/admin/guides/${ID}/rollback`, bearer(resident), { version: 1 })).status).toBe(403);
    expect((await api("PUT", `/api/officer/guides/${ID}`, bearer(resident), { doc: d.doc, baseVersion: d.version })).status).toBe(403);
    expect((await api("POST", "/api/officer/legal-tips", bearer(resident), { title: "Luật mới", text: "Nội dung đủ dài để qua kiểm tra độ dài." })).status).toBe(403);
    expect((await detail()).version).toBe(d.version);
  });
});

describe("attack: saves that stop the bot", () => {
  it("thousands of phrasings (each learnt on the bot's thread at the save) or huge ones are refused before anything is learnt", async () => {
    const d = await detail();
    const many = Array.from({ length: 3500 }, (_, i) => `nộp tiền điện ${i} thôn nhà mình`);
    for (const doc of [
      { ...d.doc, phrasings: [...d.doc.phrasings, ...many] },
      { ...d.doc, phrasings: [...d.doc.phrasings, `tiền điện ${"rất ".repeat(2000)}`] },
      { ...d.doc, keywords: Array.from({ length: 400 }, (_, i) => `khoá ${i}`) },
    ]) {
      const r = await save(doc);
      expect(r.status).toBe(422);
    }
    expect((await detail()).version).toBe(d.version);
    expect(s.services.chat.library.understand("nộp tiền điện 17 thôn nhà mình")).not.toMatchObject({ p: 1 });
  });

  it("no shipped guide is near the limits", () => {
    for (const g of GUIDES) expect(limitIssues(g), g.id).toEqual([]);
  });

  it("a storm of edits that each need a training anew runs one training at a time (not a worker per edit), and the newest is swapped in", async () => {
    const threads = () => readdirSync("/proc/self/task").length; // a worker is an OS thread of this process
    const base = threads();
    let max = base;
    const sample = setInterval(() => (max = Math.max(max, threads())), 10);
    try {
      for (let i = 0; i < 6; i++) {
        const d = await detail("vssid-bhyt");
        const doc = { ...d.doc, phrasings: i % 2 ? [...d.doc.phrasings, `bảo hiểm y tế trên điện thoại lần ${i}`] : d.doc.phrasings.slice(1) };
        expect((await save(doc, "vssid-bhyt")).status).toBe(200);
      }
      const r = s.services.guides.rebuild();
      if ("error" in r) throw new Error(r.error);
      expect((await r.trained).swapped).toBe(true);
    } finally {
      clearInterval(sample);
    }
    // Before: six workers at once (14 more threads here, the last training 24 s instead of 4 s on two cores).
    expect(max - base).toBeLessThanOrEqual(5);
    expect(s.services.guides.rebuild()).toMatchObject({ classifier: "same" });
  }, 120_000);
});

describe("attack: a guide that takes another guide's name", () => {
  it("a title or short title equal to another guide's is refused: residents asking for that guide by name still get it", async () => {
    const other = await detail("vssid-bhyt");
    const d = await detail();
    for (const doc of [{ ...d.doc, title: other.doc.title.toUpperCase() }, ...(other.doc.shortTitle ? [{ ...d.doc, shortTitle: other.doc.shortTitle }] : [])]) {
      expect((await save(doc)).status).toBe(422);
    }
    expect(s.services.chat.library.understand(other.doc.title)).toMatchObject({ kind: "guide", guideId: "vssid-bhyt" });
  });

  it("a phrasing that is another guide's phrasing is refused: that guide keeps its words", async () => {
    const other = await detail("vssid-bhyt");
    const d = await detail();
    const stolen = other.doc.phrasings[0] as string;
    expect((await save({ ...d.doc, phrasings: [...d.doc.phrasings, stolen] })).status).toBe(422);
    expect(s.services.chat.library.understand(stolen)).toMatchObject({ kind: "guide", guideId: "vssid-bhyt" });
  });
});

