import { describe, expect, it } from "vitest";
import { guideContextFrom } from "../../bot/chat/guide-context";
import { GuideLibrary } from "../../bot/chat/guide-library";
import { TEMPLATES } from "../../bot/chat/templates";
import { GIA_DINH_SO_2025 } from "../../shared/criteria/gia-dinh-so";
import { demoCommune } from "../support/env";

/**
 * Words residents and officers do not use (issue 13, item 8): the Zalo jargon "OA", "mini app",
 * "bot", ISO week numbers, and the campaign's name spelt other than “Gia đình số”. What residents
 * type (phrasings, keywords) may hold them; what they read may not.
 */
const WORDS = /\bOA\b|mini ?app|\bbot\b|official account|tuần \d+\/\d{4}|\d{4}-W\d{2}/i;
/** Placeholders ({miniAppUrl}, {{oa.name}}) are code, filled before anyone reads them. */
const plain = (t: string) => t.replace(/\{\{[^}]*\}\}|\{[a-zA-Z]+\}/g, "…");
function expectPlain(text: string, where: string) {
  expect(plain(text), where).not.toMatch(WORDS);
  expect(text, where).not.toContain("Gia Đình Số");
}

describe("what residents read says it in their words", () => {
  it("the criteria: labels and what counts as done", () => {
    for (const c of [...GIA_DINH_SO_2025.criteria, ...(GIA_DINH_SO_2025.optional ?? [])]) {
      expectPlain(c.label, c.id);
      expectPlain(c.help, c.id);
      expectPlain(c.relevance?.declineHint ?? "", c.id);
    }
    expect(GIA_DINH_SO_2025.title).toContain("“Gia đình số”");
  });

  it("the guides as the demo commune sends them: titles, steps, notes, buttons", () => {
    const lib = new GuideLibrary(guideContextFrom(demoCommune()), []);
    for (const g of lib.all()) {
      const read = [g.title, g.shortTitle ?? "", g.summary, g.verify ?? "", ...g.steps.flatMap((s) => [s.text, s.note ?? "", s.link?.title ?? "", s.image?.alt ?? ""])];
      for (const t of read) expectPlain(t, g.id);
    }
  });

  it("the chat's own messages and buttons", () => {
    for (const [key, text] of Object.entries(TEMPLATES)) expectPlain(text, key);
  });
});
