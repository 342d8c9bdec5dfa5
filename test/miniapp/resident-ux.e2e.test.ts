/**
 * Issue 13 (items 1-7) in Debian's Chromium against the sandbox bot: registration steps as history
 * entries, refused answers said as refused, long titles clamped, the checklist's place kept, honest
 * standings, the selected answers' contrast in both themes, and 320 px phones. Screenshots go to
 * test-results/miniapp/ux-*.png (not committed).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useMiniAppBrowser } from "./stack";

// The page's globals inside evaluate() callbacks (the repository's tsconfig has no DOM library).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, location: any, sessionStorage: any, getComputedStyle: any;

const SHOTS = "test-results/miniapp";
const RESIDENT = "8900000000000013001";
const HEAD_DONG_XUAN = "7000000000000000101";
const OFFICER = "7000000000000000202";
const NEWCOMER = "8900000000000013009";
const LONG_LABEL = "Hộ ông Nguyễn Văn Trường Giang và bà Lê Thị Thu Hương, xóm Đồng Bến, thôn Đông Xuân";

/** WCAG 2 contrast ratio of two computed CSS colours ("rgb(r, g, b)"). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((x) => {
      const v = Number(x) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe("issue 13: the mini app as older residents and village heads meet it", () => {
  const m = useMiniAppBrowser(SHOTS);
  const { errors, open } = m;
  let page: Page;

  const shot = (p: Page, name: string) => p.screenshot({ path: `${SHOTS}/ux-${name}.png` });
  const card = (p: Page, id: string) => p.locator(`[data-criterion="${id}"]`);
  const scrollTop = (p: Page) => p.evaluate(() => document.body.scrollTop);
  const householdId = () => (m.s.services.database.sqlite.prepare("SELECT id FROM households WHERE label = ?").get(LONG_LABEL) as { id: number } | undefined)?.id;

  it("registration: each step is a history entry; the title arrow and the phone's back go one step back and keep what was typed", async () => {
    page = await open(RESIDENT, "/");
    await page.getByRole("heading", { name: /^Chào |^Xin chào/ }).waitFor();
    await page.getByLabel("Tìm thôn").fill("dong xuan");
    await page.getByRole("listitem").first().click();
    await page.getByLabel("Tên hộ").waitFor();
    expect(await page.evaluate(() => location.hash)).toBe("#/?buoc=2");
    await page.getByLabel("Tên hộ").fill(LONG_LABEL);
    await page.getByLabel("Tên của bác trong nhà (không bắt buộc)").fill("Anh Giang");

    // The title bar's arrow: back to step 1, then step 2 again with the name still there.
    await page.getByRole("button", { name: "Quay lại" }).click();
    await page.getByLabel("Tìm thôn").waitFor();
    expect(await page.evaluate(() => location.hash)).toBe("#/");
    await page.getByRole("listitem").first().click();
    expect(await page.getByLabel("Tên hộ").inputValue()).toBe(LONG_LABEL);
    expect(await page.getByLabel("Tên của bác trong nhà (không bắt buộc)").inputValue()).toBe("Anh Giang");

    // The phone's back button (Zalo calls history.back): step 3 → 2 → 1, nothing lost, the app still open.
    await page.getByRole("button", { name: "Tiếp" }).click();
    await page.getByText("Hộ hoặc cơ sở sản xuất có sản phẩm để bán").click();
    await page.goBack();
    await page.getByLabel("Tên hộ").waitFor();
    expect(await page.getByLabel("Tên hộ").inputValue()).toBe(LONG_LABEL);
    await page.goBack();
    await page.getByLabel("Tìm thôn").waitFor();
    await page.goForward();
    await page.getByLabel("Tên hộ").waitFor();
    expect(await page.getByLabel("Tên hộ").inputValue()).toBe(LONG_LABEL);
    // A reload on step 2 (Zalo sent to the background and back) keeps the draft too.
    await page.reload();
    await page.getByLabel("Tên hộ").waitFor();
    expect(await page.getByLabel("Tên hộ").inputValue()).toBe(LONG_LABEL);
    await page.getByRole("button", { name: "Tiếp" }).click();
    // The flag ticked on step 3 before going back is still ticked.
    expect(await page.getByRole("switch").nth(1).isChecked()).toBe(true);
    await shot(page, "01-step3");
    await page.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await page.getByTestId("progress").waitFor();
    // The steps' entries are left behind: the checklist sits at "#/", and the draft is gone.
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#/");
    expect(await page.evaluate(() => sessionStorage.getItem("gds.onboarding.draft"))).toBeNull();
    expect(m.s.services.gds.householdsRepo.get(householdId()!)!.flags).toEqual({ business: false, producer: true });
  });

  it("a long household name takes two lines at most in the title bar, and a tap shows it whole", async () => {
    const h1 = page.locator("header.top h1");
    await expect.poll(() => h1.innerText()).toBe(LONG_LABEL);
    const box = async () => h1.evaluate((el) => ({ h: el.clientHeight, full: el.scrollHeight, line: parseFloat(getComputedStyle(el).lineHeight) }));
    const clamped = await box();
    expect(clamped.h).toBeLessThanOrEqual(Math.ceil(clamped.line * 2) + 1);
    expect(clamped.full).toBeGreaterThan(clamped.h);
    await shot(page, "02-title-clamped");
    await h1.click();
    const open_ = await box();
    expect(open_.h).toBeGreaterThan(clamped.h);
    expect(open_.h).toBeGreaterThanOrEqual(open_.full);
    await h1.click();
    expect((await box()).h).toBe(clamped.h);
  });

  it("nobody in the commune has reached the goal yet: no village is “first”, and the rule is stated", async () => {
    const v = await open(RESIDENT, "/thon");
    await v.getByTestId("village-rank").waitFor();
    expect(await v.getByTestId("village-rank").innerText()).toContain("Thôn mình chưa có hộ nào đạt, nên chưa được xếp hạng");
    expect(await v.getByTestId("village-rank").innerText()).not.toMatch(/đứng thứ/);
    expect(await v.getByTestId("standings-basis").innerText()).toContain("Thôn bằng nhau thì cùng hạng");
    const places = await v.locator("[data-standing]").evaluateAll((els) => els.map((e) => e.getAttribute("data-place")));
    expect(places.length).toBeGreaterThan(1);
    expect(places.every((p) => p === "")).toBe(true);
    await v.close();
  });

  it("after reading a guide or tapping “Tôi đã làm được”, the checklist is where the reader left it", async () => {
    await page.reload();
    await page.getByTestId("progress").waitFor();
    // A card far down the list that needs help.
    const deep = page.locator(".criterion.unanswered").filter({ has: page.getByRole("button", { name: "Xem hướng dẫn" }) }).nth(8);
    const id = (await deep.getAttribute("data-criterion"))!;
    await deep.getByRole("button", { name: "Xem hướng dẫn" }).scrollIntoViewIfNeeded();
    const before = await scrollTop(page);
    expect(before).toBeGreaterThan(1000);
    await deep.getByRole("button", { name: "Xem hướng dẫn" }).click();
    await page.locator(".steps").waitFor();
    expect(await scrollTop(page)).toBe(0);
    await page.goBack();
    await card(page, id).waitFor();
    await expect.poll(() => scrollTop(page)).toBeGreaterThan(before - 3);
    expect(Math.abs((await scrollTop(page)) - before)).toBeLessThanOrEqual(2);

    await card(page, id).getByRole("button", { name: "Xem hướng dẫn" }).click();
    await page.getByRole("button", { name: /Tôi đã làm được/ }).click();
    await card(page, id).waitFor();
    await expect.poll(() => card(page, id).getAttribute("class")).toContain("met");
    expect(Math.abs((await scrollTop(page)) - before)).toBeLessThanOrEqual(2);
    await shot(page, "03-scroll-kept");
  });

  it("an answer the server refuses is shown as refused, by name and in Vietnamese, and stays until read", async () => {
    await page.evaluate(() => document.body.scrollTo(0, 0));
    const first = page.locator(".criterion.unanswered").first();
    const id = (await first.getAttribute("data-criterion"))!;
    const label = (await first.getAttribute("aria-label"))!;
    // The server (or a proxy in front of it) answers Fastify's default English 404.
    await page.route("**/api/households/*/answers", (route) =>
      route.fulfill({ status: 404, contentType: "application/json", body: JSON.stringify({ message: "Route POST:/api/households/1/answers not found", error: "Not Found", statusCode: 404 }) }),
    );
    await first.getByRole("button", { name: "Đạt", exact: true }).click();
    const banner = page.getByRole("alert").filter({ hasText: "chưa được nhận" });
    await banner.waitFor();
    expect(await banner.innerText()).toContain("1 câu trả lời chưa được nhận");
    expect(await banner.locator(`[data-refused="${id}"]`).innerText()).toBe(`“${label}”: Máy chủ của xã chưa nhận yêu cầu này.`);
    await card(page, id).getByText("Câu trả lời chưa được nhận").waitFor();
    await page.waitForTimeout(2500);
    const text = await page.locator("body").innerText();
    expect(text).not.toMatch(/Not Found|statusCode|Route POST/);
    expect(text).not.toContain("Đã gửi xong");
    expect(await banner.isVisible()).toBe(true);
    await shot(page, "04-refused");
    await page.unroute("**/api/households/*/answers");

    // Sent once the server takes it again: the card's mark goes, the banner stays until "Đã hiểu".
    await card(page, id).getByRole("button", { name: "Đạt", exact: true }).click();
    await expect.poll(() => card(page, id).getByText("Câu trả lời chưa được nhận").count()).toBe(0);
    expect(await banner.isVisible()).toBe(true);
    await banner.getByRole("button", { name: "Đã hiểu" }).click();
    await expect.poll(() => banner.count()).toBe(0);
  });

  it("waiting offline then refused on reconnecting: no “Đã gửi xong”, the refusal is named", async () => {
    const id = (await page.locator(".criterion.unanswered").first().getAttribute("data-criterion"))!;
    await m.browser.context.setOffline(true);
    try {
      await card(page, id).getByRole("button", { name: "Chưa đạt", exact: true }).click();
      await page.getByText("Chưa có mạng: 1 câu trả lời đang chờ gửi").waitFor();
      // (A routed request would bypass the offline network: route only once the answer waits.)
      await page.route("**/api/households/*/answers", (route) => route.fulfill({ status: 404, contentType: "application/json", body: '{"error":"Not Found"}' }));
    } finally {
      await m.browser.context.setOffline(false);
    }
    await page.locator(`[data-refused="${id}"]`).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(1000);
    expect(await page.getByText("Đã gửi xong").count()).toBe(0);
    await page.unroute("**/api/households/*/answers");
    await page.getByRole("button", { name: "Đã hiểu" }).click();
  });

  for (const theme of ["light", "dark"] as const) {
    it(`${theme} theme: selected “Đạt” and “Chưa đạt” reach WCAG AA (4.5:1), measured from computed styles`, async () => {
      const p = await open(RESIDENT, "/");
      await p.emulateMedia({ colorScheme: theme });
      await p.reload();
      await p.getByTestId("progress").waitFor();
      await expect.poll(() => p.evaluate(() => document.body.getAttribute("zaui-theme"))).toBe(theme);
      const unanswered = p.locator(".criterion.unanswered");
      await unanswered.nth(0).getByRole("button", { name: "Đạt", exact: true }).click();
      await unanswered.nth(0).getByRole("button", { name: "Chưa đạt", exact: true }).click();
      const pressed = p.locator('.answers button[aria-pressed="true"]');
      await expect.poll(() => pressed.count()).toBeGreaterThan(1);
      await p.waitForTimeout(300); // the colour transition, if any
      const pairs = await pressed.evaluateAll((els) => els.map((e) => ({ kind: e.className, fg: getComputedStyle(e).color, bg: getComputedStyle(e).backgroundColor })));
      const kinds = new Set(pairs.map((x) => x.kind));
      expect(kinds.has("dat") && kinds.has("chua_dat")).toBe(true);
      for (const x of pairs) {
        const ratio = contrast(x.fg, x.bg);
        expect(ratio, `${theme} ${x.kind}: ${x.fg} on ${x.bg}`).toBeGreaterThanOrEqual(4.5);
      }
      await p.locator('.answers button[aria-pressed="true"].chua_dat').first().scrollIntoViewIfNeeded();
      await shot(p, `05-selected-${theme}`);
      await p.close();
    });
  }

  it("320 px phone: no screen overflows sideways, the three answers fit their card, the officers' table says it scrolls, chart labels are 12 px and “100%” shows", async () => {
    const small = { width: 320, height: 640 };
    const hid = householdId()!;
    // Every household screen (a newcomer's registration and joining too) and every village-head screen.
    const screens: [string, string, string, string?][] = [
      [NEWCOMER, "/", "", "main input"],
      [NEWCOMER, "/tham-gia", "", "main input"],
      [RESIDENT, "/", "progress"],
      [RESIDENT, "/thon", "village-rank"],
      [RESIDENT, "/gia-dinh", "follow-oa"],
      [RESIDENT, "/huong-dan/vneid-muc-2?tc=vneid-muc-2", ""],
      [RESIDENT, "/huong-dan/quan-tam-oa?tc=quan-tam-oa", "follow-oa"],
      [RESIDENT, "/du-lieu-cua-toi", ""],
      [HEAD_DONG_XUAN, "/truong-thon", ""],
      [HEAD_DONG_XUAN, `/truong-thon/ho/${hid}`, ""],
      [HEAD_DONG_XUAN, "/truong-thon/bao-cao", ""],
      [OFFICER, "/can-bo", "villages-table"],
    ];
    /** What sticks out sideways on the page now (and answers outside their card). */
    const overflow = (p: Page) =>
      p.evaluate(() => {
          const out: string[] = [];
          const w = document.documentElement.clientWidth;
          if (document.documentElement.scrollWidth > w || document.body.scrollWidth > w) out.push(`page ${document.body.scrollWidth}`);
          // Anything sticking out of the screen, outside a sideways-scrolling box.
          for (const el of document.querySelectorAll("main *")) {
            if (el.closest(".table-wrap")) continue;
            const r = el.getBoundingClientRect();
            if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) out.push(`${el.tagName}.${el.className} ${Math.round(r.left)}-${Math.round(r.right)}`);
          }
          // Each answer button inside its card.
          for (const row of document.querySelectorAll(".answers")) {
            const c = row.closest(".card")!.getBoundingClientRect();
            for (const b of row.querySelectorAll("button")) {
              const r = b.getBoundingClientRect();
              if (r.right > c.right - 8 || b.scrollWidth > b.clientWidth + 1) out.push(`answer ${b.className} ${Math.round(r.right)} > ${Math.round(c.right)}`);
            }
          }
          return out;
        });
    for (const [as, hash, testId, selector] of screens) {
      for (const theme of ["light", "dark"] as const) {
        const p = await open(as, hash, small);
        await p.emulateMedia({ colorScheme: theme });
        await p.reload();
        if (testId) await p.getByTestId(testId).waitFor();
        else await p.locator(selector ?? "main .card").first().waitFor();
        await p.waitForTimeout(400);
        const over = await overflow(p);
        expect(over, `${as} ${hash} ${theme}`).toEqual([]);
        if (as === RESIDENT && hash === "/" && theme === "light") {
          const three = p.locator(".answers:has(button.khong_ap_dung)").first();
          expect(await three.count()).toBe(1);
          await three.scrollIntoViewIfNeeded();
          // "Không áp dụng" takes its own row whole, on one line (it broke into three lines of one word each).
          const na = (await three.locator("button.khong_ap_dung").boundingBox())!;
          const row = (await three.boundingBox())!;
          expect(na.height).toBeLessThanOrEqual(56);
          expect(na.width).toBeGreaterThan(row.width - 2);
          await shot(p, "06-320-three-answers");
        }
        if (as === OFFICER) {
          await p.getByTestId("table-scroll-hint").waitFor();
          expect(await p.locator(".table-wrap.more").count()).toBe(1);
          const labels = await p.locator('section[aria-label="Xu hướng theo tuần"] svg text').evaluateAll((els) =>
            els.map((t) => {
              const svg = t.closest("svg")!.getBoundingClientRect();
              const r = t.getBoundingClientRect();
              const scale = svg.width / (t.closest("svg") as any).viewBox.baseVal.width;
              return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, inside: r.left >= svg.left - 0.5 && r.right <= svg.right + 0.5 };
            }),
          );
          expect(labels.map((l) => l.text)).toContain("100%");
          for (const l of labels) {
            expect(l.px, String(l.text)).toBeGreaterThanOrEqual(12);
            expect(l.inside, String(l.text)).toBe(true);
          }
          await p.locator('section[aria-label="Các thôn"]').scrollIntoViewIfNeeded();
          await shot(p, `07-320-officer-${theme}`);
        }
        await p.close();
      }
    }
    // Registration's steps 2 and 3, in both themes.
    for (const theme of ["light", "dark"] as const) {
      const p = await open(`${NEWCOMER.slice(0, -1)}${theme === "light" ? 8 : 7}`, "/", small);
      await p.emulateMedia({ colorScheme: theme });
      await p.reload();
      await p.getByLabel("Tìm thôn").fill("dong xuan");
      await p.getByRole("listitem").first().click();
      await p.getByLabel("Tên hộ").fill(LONG_LABEL);
      await p.waitForTimeout(300);
      expect(await overflow(p), `step 2 ${theme}`).toEqual([]);
      await p.getByRole("button", { name: "Tiếp" }).click();
      await p.getByRole("button", { name: "Bắt đầu đánh giá" }).waitFor();
      await p.waitForTimeout(300);
      expect(await overflow(p), `step 3 ${theme}`).toEqual([]);
      await p.close();
    }
    expect(errors).toEqual([]);
  }, 240_000);
});
