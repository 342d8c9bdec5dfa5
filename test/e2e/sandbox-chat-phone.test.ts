import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { settle } from "../support/resident";
import { startStack, waitFor, type Stack } from "../support/stack";

/**
 * The simulator's chat page (/simulator/ in sandbox) on a phone: a newcomer tries the bot there
 * before Zalo. At 390×844 and 320×640 the header stays small, nothing runs off the side, the entry
 * button reads clearly on the header, and the page speaks Vietnamese.
 */
// Run in the page, not in Node (the project's types have no DOM).
declare const document: any, getComputedStyle: any, localStorage: any;

const SHOTS = process.env.SHOTS_DIR ?? "test-results";
mkdirSync(SHOTS, { recursive: true });

/** WCAG relative luminance and contrast ratio of two CSS rgb()/rgba() colours. */
function rgb(css: string): [number, number, number] {
  const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)/.exec(css);
  if (!m) throw new Error(`not an rgb colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
function luminance(css: string): number {
  const [r, g, b] = rgb(css).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The first opaque background at or behind an element. */
async function backgroundOf(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => {
    for (let e: any = el; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor;
      if (bg && bg !== "transparent" && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
    }
    return "rgb(255, 255, 255)";
  });
}

async function overflow(page: Page): Promise<{ page: number; wide: string[] }> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll("body *")]
      .filter((e: any) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > vw + 0.5 || r.left < -0.5);
      })
      .map((e: any) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className ? `.${String(e.className).split(" ").join(".")}` : ""}`);
    return { page: document.documentElement.scrollWidth - vw, wide };
  });
}

describe("the simulator's chat page on a phone", () => {
  let s: Stack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  beforeAll(async () => {
    s = await startStack();
    browser = await launchBrowser({ width: 390, height: 844 });
    // Some people already chatted: the list of people has long names in it.
    const people: [string, string][] = [
      ["8900000000000000011", "Nguyễn Thị Hồng Nhung (Thôn Đông Xuân)"],
      ["8900000000000000012", "Trần Văn Bảy"],
    ];
    for (const [id, name] of people) s.sim.sim.upsertUser(id, { display_name: name });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  async function open(width: number, height: number, scheme: "light" | "dark" = "light"): Promise<Page> {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width, height });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${s.sim.url}/simulator/`);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator("#known option").nth(2).waitFor({ state: "attached" });
    return page;
  }

  it("at 390×844: a small header, the entry button readable on it, Vietnamese headings", async () => {
    const page = await open(390, 844);
    await page.screenshot({ path: join(SHOTS, "sim-390-start.png") });
    const header = await page.locator("header").boundingBox();
    expect(header!.height, "header height at 390×844").toBeLessThanOrEqual(844 * 0.2);

    // The entry button: its text on its own background (4.5:1), and the button itself stands out from the header (3:1).
    const button = await page.$eval("#enter", (e) => ({ color: getComputedStyle(e).color, bg: getComputedStyle(e).backgroundColor }));
    const headerBg = await backgroundOf(page, "header");
    expect(contrast(button.color, button.bg), `text ${button.color} on ${button.bg}`).toBeGreaterThanOrEqual(4.5);
    expect(contrast(button.bg, headerBg), `button ${button.bg} on header ${headerBg}`).toBeGreaterThanOrEqual(3);
    expect(await page.locator("#enter").innerText()).toBe("Vào trò chuyện");

    const headings = (await page.locator("h1, h2, title").allTextContents()).join(" | ") + " | " + (await page.title());
    expect(headings).not.toMatch(/Official Account|\bOA\b|\bbot\b|mini app/i);
    expect(await page.title()).toContain("Gia đình số");

    // Enter as someone and talk: the chat fits, the thread is on screen.
    await page.fill("#uid", "8900000000000000021");
    await page.fill("#uname", "Bà Sáu");
    await page.click("#enter");
    await page.fill("#text", "menu");
    await page.click("#send");
    await settle(s);
    await waitFor(async () => ((await page.locator("#thread").textContent()) ?? "").includes("Bước") || ((await page.locator("#thread .msg").count()) >= 2), 8000, "the bot's answer");
    await page.screenshot({ path: join(SHOTS, "sim-390-chat.png") });
    const thread = await page.locator("#thread").boundingBox();
    expect(thread!.y, "the conversation starts in the upper half of the screen").toBeLessThan(844 / 2);
    const compose = await page.locator("#text").boundingBox();
    expect(compose!.y + compose!.height, "the message box is on screen without scrolling the page").toBeLessThanOrEqual(844);
    const all = (await page.locator("body").innerText()).replace(/\s+/g, " ");
    expect(all).not.toMatch(/Official Account|\bOA\b|\bBot\b/);
    expect((await overflow(page)).page).toBeLessThanOrEqual(0);
    await page.close();
  });

  it("at 320×640: nothing runs off the side, with long names in the list of people", async () => {
    const page = await open(320, 640);
    await page.screenshot({ path: join(SHOTS, "sim-320-start.png") });
    const before = await overflow(page);
    expect(before.wide, "elements past the right edge").toEqual([]);
    expect(before.page).toBeLessThanOrEqual(0);
    await page.selectOption("#known", "8900000000000000011");
    await waitFor(async () => ((await page.locator("#status").textContent()) ?? "").includes("Hồng Nhung"), 8000, "the chosen person");
    await page.fill("#text", "xin chào");
    await page.click("#send");
    await settle(s);
    await waitFor(async () => (await page.locator("#thread .msg").count()) >= 2, 8000, "the bot's answer");
    await page.screenshot({ path: join(SHOTS, "sim-320-chat.png"), fullPage: true });
    const after = await overflow(page);
    expect(after.wide, "elements past the right edge").toEqual([]);
    expect(after.page).toBeLessThanOrEqual(0);
    const header = await page.locator("header").boundingBox();
    expect(header!.height, "header height at 320×640").toBeLessThanOrEqual(640 * 0.25);
    await page.close();
  });

  it("in dark theme the page stays readable (it follows the phone's setting)", async () => {
    const page = await open(390, 844, "dark");
    await page.screenshot({ path: join(SHOTS, "sim-390-dark.png") });
    const button = await page.$eval("#enter", (e) => ({ color: getComputedStyle(e).color, bg: getComputedStyle(e).backgroundColor }));
    expect(contrast(button.color, button.bg)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(button.bg, await backgroundOf(page, "header"))).toBeGreaterThanOrEqual(3);
    const body = await page.$eval("body", (e) => ({ color: getComputedStyle(e).color, bg: getComputedStyle(e).backgroundColor }));
    expect(contrast(body.color, body.bg)).toBeGreaterThanOrEqual(7);
    const empty = await page.$eval(".empty", (e) => getComputedStyle(e).color);
    expect(contrast(empty, await backgroundOf(page, ".empty"))).toBeGreaterThanOrEqual(4.5);
    await page.close();
  });
});
