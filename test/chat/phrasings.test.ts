import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "../../bot/chat/templates";
import { NONE_TABLE, PHRASING_TABLE } from "../shared/phrasings.table";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/**
 * The committed phrasing table (test/shared/phrasings.table.ts: accented, unaccented, teencode,
 * typos), sent by residents through the simulator to the real app with the demo commune.
 */
describe("what residents type, through the real app", () => {
  let s: Stack;
  beforeAll(async () => {
    s = await startStack();
  });
  afterAll(async () => s.close());

  it("maps each phrasing to its guide (or asks between two that include it), and never a wrong one", async () => {
    const outcomes = { clear: 0, ambiguous: 0, victim: 0, wrong: [] as string[] };
    let n = 0;
    for (const row of PHRASING_TABLE) {
      const title = s.services.chat.library.get(row.guide)!.title;
      const answer = await new Resident(s, `88${String(++n).padStart(17, "0")}`).say(row.text);
      const last = answer.at(-1)!;
      if (last.text.includes("Bước 1/") && last.text.startsWith(title)) outcomes.clear++;
      // Since issue 12 a scam told as a story ("bị lừa mất tiền rồi") gets the victim's answer
      // (police and bank first, then a person) instead of the prevention guide: right too.
      else if (row.guide === "lua-dao-truc-tuyen" && answer.some((m) => m.text.startsWith(TEMPLATES.scamVictim.slice(0, 20)))) outcomes.victim++;
      else if (last.text.includes("Ý bác là") && last.buttons.some((b) => b.payload === `#guide:${row.guide}`)) outcomes.ambiguous++;
      else outcomes.wrong.push(`${row.text} → ${last.text.split("\n")[0]}`);
    }
    expect(PHRASING_TABLE.length).toBeGreaterThanOrEqual(40);
    expect(outcomes.wrong).toEqual([]);
    expect(outcomes.clear / PHRASING_TABLE.length).toBeGreaterThanOrEqual(0.9);
    expect(outcomes.victim).toBeLessThanOrEqual(3);
  });

  it("gibberish and off-topic questions never get a guide", async () => {
    let n = 0;
    for (const text of NONE_TABLE) {
      const answer = await new Resident(s, `89${String(++n).padStart(17, "0")}`).say(text);
      const texts = answer.map((m) => m.text).join("\n");
      expect(texts, text).not.toContain("Bước 1/");
      expect(texts, text).not.toContain("Ý bác là");
    }
    expect(NONE_TABLE.length).toBeGreaterThanOrEqual(15);
  });
});
