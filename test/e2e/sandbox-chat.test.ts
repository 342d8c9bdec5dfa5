import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { settle } from "../support/resident";
import { startStack, waitFor, type Stack } from "../support/stack";

describe("the simulator's chat page in Chromium", () => {
  let s: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    s = await startStack();
    browser = await launchBrowser({ width: 1100, height: 900 });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it("a newcomer can open every guide from the menu and step through it", async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${s.sim.url}/simulator/`);
    await page.fill("#uid", "8900000000000000001");
    await page.click("#enter");
    const send = async (text: string) => {
      await page.fill("#text", text);
      await page.click("#send");
      await settle(s);
    };
    await send("menu");
    const guides = s.services.chat.library.all();
    const threadHas = (t: string) => waitFor(async () => ((await page.locator("#thread").textContent()) ?? "").includes(t), 8000, `"${t}" in the chat`);
    for (const [i, guide] of guides.entries()) {
      await send(String(i + 1));
      await threadHas(guide.title);
    }
    // Tapping the page's "Tiếp ▶" button moves to step 2 of the last guide.
    await page.getByRole("button", { name: "Tiếp ▶" }).last().click();
    await settle(s);
    const last = guides.at(-1)!;
    await threadHas(`Bước 2/${last.steps.length}`);
    await page.screenshot({ path: "test-results/sandbox-chat.png" });
    expect(errors).toEqual([]);
    expect(s.services.chat.conversations.funnel(0).length).toBe(guides.length);
  });
});
