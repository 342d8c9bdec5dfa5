/**
 * Attacks on the guides officers edit in the console (bot/guides), through the real stack and the
 * simulator: a guide whose phrasings, keywords or title take the residents' own ways of saying "stop
 * sending me messages" or "let me talk to a person"; markup and placeholders in what residents read;
 * officers doing the admin's rollback.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "../../bot/chat/templates";
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
