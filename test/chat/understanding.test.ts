import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_SET } from "../shared/phrasings.dev";
import { HELDOUT2 } from "../shared/phrasings.heldout2";
import { score, summary, type Score } from "../shared/score-understanding";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";
import { outcomeOfReplies } from "./outcome";

/**
 * Held-out set 2 (never tuned on) and the development set, each message sent by a new resident
 * through the simulator to the real app with the demo commune, scored from the replies. The floors
 * are what the matcher achieved when it was built (issue 12): a regression fails here.
 */
describe("understanding residents through the real conversation", () => {
  let s: Stack;
  let titles: Map<string, string>;
  beforeAll(async () => {
    s = await startStack();
    titles = new Map(s.services.chat.library.all().map((g) => [g.id, g.title]));
  });
  afterAll(async () => s.close());

  async function run(rows: typeof HELDOUT2, prefix: string): Promise<Score> {
    const outcomes = new Map<string, ReturnType<typeof outcomeOfReplies>>();
    let n = 0;
    for (const row of rows) {
      const replies = await new Resident(s, `${prefix}${String(++n).padStart(16, "0")}`).say(row.text);
      outcomes.set(row.text, outcomeOfReplies(replies, titles));
    }
    return score(rows, (t) => outcomes.get(t)!);
  }

  it("held-out set 2: right guide or action (or a question that offers it), few wrong answers out of scope", async () => {
    const h = await run(HELDOUT2, "871");
    console.log(summary("held-out 2 (real conversation)", h));
    expect(HELDOUT2.length).toBeGreaterThanOrEqual(200);
    expect(h.realRight / h.real).toBeGreaterThanOrEqual(FLOORS.heldoutAccuracy);
    expect(h.outWrong / h.outOfScope).toBeLessThanOrEqual(FLOORS.heldoutOutWrong);
  });

  it("development set", async () => {
    const d = await run(DEV_SET, "872");
    console.log(summary("dev (real conversation)", d));
    expect(d.realRight / d.real).toBeGreaterThanOrEqual(FLOORS.devAccuracy);
    expect(d.outWrong / d.outOfScope).toBeLessThanOrEqual(FLOORS.devOutWrong);
  });
});

/**
 * What was achieved (training is deterministic, so these are exact). When issue 12's matcher was
 * built: held-out 202/211 real requests right, 2/35 out-of-scope messages answered with a guide or
 * action; dev 136/140 and 3/82. After the evidence rule (shared/intents/evidence.ts), measured once
 * on held-out set 2: 204/211 and 0/35; dev (190 + 154 rows since) 190/190 and 0/154. Raise them
 * when the matcher improves; never lower them to pass.
 */
const FLOORS = {
  heldoutAccuracy: 0.966,
  heldoutOutWrong: 0,
  devAccuracy: 1,
  devOutWrong: 0,
};
