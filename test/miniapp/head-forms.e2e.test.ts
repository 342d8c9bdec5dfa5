/**
 * Issue 13 (items 9-12) in Debian's Chromium against the sandbox bot: the Friday report marks the field to
 * fix and lets go of the error once it is fixed; the village head's filter by a missing criterion names
 * that criterion first and is not styled as an answer; household types are switches; tappable things are
 * at least 44 px and sub-labels at least 14 px. Screenshots go to test-results/miniapp/forms-*.png.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HOUSEHOLD_FLAG_LABELS, HOUSEHOLD_FLAGS } from "../../shared/criteria/schema";
import { useMiniAppBrowser } from "./stack";

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, getComputedStyle: any, navigator: any;

const SHOTS = "test-results/miniapp";
const HEAD_DONG_XUAN = "7000000000000000101";

describe("issue 13 items 9-12: forms, filters, switches and sizes", () => {
  const m = useMiniAppBrowser(SHOTS);
  const { errors, open } = m;

  const shot = (p: Page, name: string) => p.screenshot({ path: `${SHOTS}/forms-${name}.png`, fullPage: false });

  it("Friday report: the wrong field is marked and explained where it is, and the error goes once the numbers are right", async () => {
    const p = await open(HEAD_DONG_XUAN, "/truong-thon/bao-cao");
    const input = (name: string) => p.locator(`input[name="${name}"]`);
    await input("smartphoneUsers").waitFor();
    await input("smartphoneUsers").fill("40");
    await input("installed").fill("55");
    await input("activated").fill("20");
    await input("regularUsers").fill("10");
    await p.getByRole("button", { name: "Gửi báo cáo" }).click();

    // Marked at the field (not only above the button), read out with it, and the field focused.
    await expect.poll(() => input("installed").getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await input("installed").getAttribute("aria-describedby"))!;
    expect(await p.locator(`#${describedBy}`).innerText()).toBe("Số người đã cài không thể lớn hơn số người dùng điện thoại thông minh.");
    expect(await input("installed").evaluate((el) => el === document.activeElement)).toBe(true);
    for (const other of ["smartphoneUsers", "activated", "regularUsers"]) expect(await input(other).getAttribute("aria-invalid")).not.toBe("true");
    const frame = await input("installed").evaluate((el) => getComputedStyle(el).borderTopColor);
    const plain = await input("activated").evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(frame).not.toBe(plain);
    await shot(p, "09-report-marked");

    // Fixing the number takes the error away at once, before sending again.
    await input("installed").fill("35");
    await expect.poll(() => p.getByText("không thể lớn hơn").count()).toBe(0);
    expect(await input("installed").getAttribute("aria-invalid")).not.toBe("true");

    // The next problem (an empty field) is marked at its own field.
    await input("regularUsers").fill("");
    await p.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect.poll(() => input("regularUsers").getAttribute("aria-invalid")).toBe("true");
    expect(await input("installed").getAttribute("aria-invalid")).not.toBe("true");
    await input("regularUsers").fill("12");
    await expect.poll(() => p.locator('[aria-invalid="true"]').count()).toBe(0);
    await p.getByRole("button", { name: "Gửi báo cáo" }).click();
    await p.getByText("Đã gửi báo cáo tuần lên xã.").waitFor();
    await p.close();
  });

  it("village head's filter by a missing criterion: each household names that criterion first, and the selected filter is not the green “Đạt”", async () => {
    const gds = m.s.services.gds;
    const villageId = "thon-dong-xuan"; // the demo commune's village headed by HEAD_DONG_XUAN
    const criteria = gds.catalogue.criteria.filter((c) => !c.relevance.flags);
    const target = criteria[criteria.length - 1]!;
    const resident = "8900000000000013101";
    const hid = gds.households.register(gds.auth.issue(resident).principal, { villageId, label: "Hộ bà Lọc", flags: {} }).id;
    // Many criteria unanswered; the one filtered for answered "Chưa đạt" (it comes after every unanswered one).
    gds.households.applyAnswers(gds.auth.issue(resident).principal, hid, [
      { criterionId: criteria[0]!.id, value: "dat", idempotencyKey: "f-1" },
      { criterionId: target.id, value: "chua_dat", idempotencyKey: "f-2" },
    ]);

    const p = await open(HEAD_DONG_XUAN, "/truong-thon");
    const section = p.locator('section[aria-label="Các hộ trong thôn"]');
    await section.getByLabel("Thiếu tiêu chí").selectOption(target.id);
    const row = section.locator(`[data-household="${hid}"]`);
    await row.waitFor();
    const summary = await row.locator("[data-summary]").innerText();
    expect(summary).toContain(`Còn thiếu: ${target.label} (chưa đạt)`);
    expect(await row.locator("b.filtered").innerText()).toBe(`${target.label} (chưa đạt)`);

    // "Hộ còn thiếu" selected: the app's blue, not the answers' "Đạt" green.
    const pressed = section.locator('[aria-label="Lọc"] button[aria-pressed="true"]');
    expect(await pressed.innerText()).toBe("Hộ còn thiếu");
    const colours = await pressed.evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, ok: getComputedStyle(el).getPropertyValue("--ok").trim() }));
    expect((await pressed.getAttribute("class")) ?? "").not.toContain("dat");
    const okRgb = await p.evaluate((hex: string) => {
      const d = document.createElement("div");
      d.style.color = hex;
      document.body.appendChild(d);
      const c = getComputedStyle(d).color;
      d.remove();
      return c;
    }, colours.ok);
    expect(colours.bg).not.toBe(okRgb);
    await row.scrollIntoViewIfNeeded();
    await shot(p, "10-filter");
    await p.close();
  });

  it("household types are on/off switches (not orange “Không” chips), on the registration's last step and on the Family tab", async () => {
    const gds = m.s.services.gds;
    const flags = HOUSEHOLD_FLAGS.map((id) => ({ id, label: HOUSEHOLD_FLAG_LABELS[id] }));
    /** The switches are there, named, without chips; a tap on the first flips it and moves its knob. */
    const look = async (p: Page): Promise<boolean> => {
      // The household types' switches (the Family tab also has the segments' switches, loaded a moment later).
      const named = new RegExp(flags.map((f) => f.label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
      const toggles = p.locator("label.toggle").filter({ hasText: named });
      await expect.poll(() => toggles.count()).toBe(flags.length);
      expect(await toggles.locator(".chip").count()).toBe(0);
      const first = p.getByRole("switch", { name: flags[0]!.label });
      const was = await first.isChecked();
      const word = (on: boolean) => (on ? "Có" : "Không");
      expect(await toggles.nth(0).innerText()).toContain(word(was));
      // Off and on differ by position, not only by colour: the knob moves.
      const knob = () => toggles.nth(0).locator(".switch").evaluate((el) => getComputedStyle(el, "::after").transform);
      const before = await knob();
      await toggles.nth(0).click();
      await expect.poll(() => first.isChecked()).toBe(!was);
      await expect.poll(() => knob()).not.toBe(before);
      expect(await toggles.nth(0).innerText()).toContain(word(!was));
      expect(await toggles.nth(0).evaluate((el) => el.getBoundingClientRect().height)).toBeGreaterThanOrEqual(44);
      return !was;
    };

    const newcomer = "8900000000000013102";
    const p = await open(newcomer, "/");
    await p.getByLabel("Tìm thôn").fill("dong xuan");
    await p.getByRole("listitem").first().click();
    await p.getByLabel("Tên hộ").fill("Hộ ông Công Tắc");
    await p.getByRole("button", { name: "Tiếp" }).click();
    await p.getByRole("button", { name: "Bắt đầu đánh giá" }).waitFor();
    await look(p);
    await p.waitForTimeout(300);
    await shot(p, "11-switches-onboarding");

    await p.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await p.getByTestId("progress").waitFor();
    const hid = (m.s.services.database.sqlite.prepare("SELECT id FROM households WHERE label = ?").get("Hộ ông Công Tắc") as { id: number }).id;
    expect(gds.householdsRepo.get(hid)!.flags[flags[0]!.id]).toBe(true);
    const fam = await open(newcomer, "/gia-dinh");
    expect(await look(fam)).toBe(false);
    await expect.poll(() => gds.householdsRepo.get(hid)!.flags[flags[0]!.id]).toBe(false);
    await fam.locator("label.toggle").nth(0).click();
    await expect.poll(() => gds.householdsRepo.get(hid)!.flags[flags[0]!.id]).toBe(true);
    await fam.locator('section[aria-label="Loại hộ"]').scrollIntoViewIfNeeded();
    await shot(fam, "11-switches-family");
    for (const theme of ["dark"] as const) {
      await fam.emulateMedia({ colorScheme: theme });
      await fam.reload();
      await fam.locator('section[aria-label="Loại hộ"]').scrollIntoViewIfNeeded();
      await fam.waitForTimeout(300);
      await shot(fam, `11-switches-family-${theme}`);
    }
    await fam.close();
    await p.close();
    expect(errors).toEqual([]);
  });

  it("checklist: every “open to read more” is at least 44 px with an arrow that turns when open; no text under 14 px", async () => {
    const p = await open("8900000000000013104", "/");
    await p.getByLabel("Tìm thôn").fill("dong xuan");
    await p.getByRole("listitem").first().click();
    await p.getByLabel("Tên hộ").fill("Hộ bà Chữ To");
    await p.getByRole("button", { name: "Tiếp" }).click();
    await p.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await p.getByTestId("progress").waitFor();

    const summaries = p.locator("main summary");
    expect(await summaries.count()).toBeGreaterThan(5);
    const look = () =>
      summaries.evaluateAll((els) =>
        els.map((el) => {
          const arrow = getComputedStyle(el, "::before");
          return { text: el.textContent, h: el.getBoundingClientRect().height, arrow: arrow.content !== "none" && parseFloat(arrow.width) > 0, turn: arrow.transform, open: el.parentElement.open };
        }),
      );
    for (const x of await look()) {
      expect(x.h, String(x.text)).toBeGreaterThanOrEqual(44);
      expect(x.arrow, String(x.text)).toBe(true);
    }
    const na = p.locator("main summary", { hasText: /tiêu chí không áp dụng cho hộ mình/ });
    await na.scrollIntoViewIfNeeded();
    const closedTurn = (await look()).find((x) => /không áp dụng cho hộ mình/.test(x.text))!.turn;
    await na.click();
    const opened = (await look()).find((x) => /không áp dụng cho hộ mình/.test(x.text))!;
    expect(opened.open).toBe(true);
    expect(opened.turn).not.toBe(closedTurn);
    await shot(p, "12-not-applying-open");

    const help = p.locator("main summary", { hasText: "Thế nào là đạt?" }).first();
    await help.scrollIntoViewIfNeeded();
    await shot(p, "12-help-closed");

    // Every piece of text on the checklist, its title bar and tabs: 14 px or more.
    const small = await p.evaluate(() => {
      const out: string[] = [];
      for (const el of document.querySelectorAll("body *")) {
        const own = [...el.childNodes].some((n: any) => n.nodeType === 3 && n.textContent.trim());
        if (!own || el.closest("svg")) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < 14) out.push(`${el.tagName}.${el.className}: ${px}px “${el.textContent.trim().slice(0, 30)}”`);
      }
      return out;
    });
    expect(small).toEqual([]);
    await p.close();
  });

  it("words residents and village heads use: no “OA”, “mini app”, “bot”, ISO week numbers, “(bác)” after a name, “Đã nối khung chat”, one spelling of “Gia đình số”", async () => {
    const jargon = /\bOA\b|mini ?app|\bbot\b|Đã nối|\(bác\)|Gia Đình Số|Tuần \d+\/\d{4}|ít nhất 3 chữ/;
    const p = await open(HEAD_DONG_XUAN, "/truong-thon/bao-cao");
    const h2 = p.locator("main h2").first();
    await expect.poll(() => h2.innerText()).toMatch(/^Tuần \d{1,2}\/\d{1,2}–\d{1,2}\/\d{1,2}$/);
    // The week shown is the one whose Friday is the deadline.
    const due = await p.locator("main .muted", { hasText: /^Hạn / }).first().innerText();
    const friday = /(\d{1,2})\/(\d{1,2})/.exec(due.replace(/^Hạn \d+:\d+/, ""))!;
    const [from, to] = (await h2.innerText()).replace("Tuần ", "").split("–").map((x) => x.split("/").map(Number));
    const day = (d: number, m: number) => Date.UTC(2000 + (m < from![1]! ? 1 : 0), m - 1, d);
    expect(day(Number(friday[1]), Number(friday[2]))).toBeGreaterThanOrEqual(day(from![0]!, from![1]!));
    expect(day(Number(friday[1]), Number(friday[2]))).toBeLessThanOrEqual(day(to![0]!, to![1]!));
    expect(await p.locator("body").innerText()).not.toMatch(jargon);
    await p.close();

    // The reminder the head pastes into the village's Zalo group.
    const home = await m.browser.context.newPage();
    await home.addInitScript(() => {
      Object.defineProperty(navigator, "share", { configurable: true, value: async (d: any) => void ((globalThis as any).__shared = d) });
    });
    await home.goto(`${m.s.url}/miniapp/?as=${HEAD_DONG_XUAN}#/truong-thon`);
    await home.getByRole("button", { name: /Nhắc bà con/ }).click();
    await expect.poll(() => home.evaluate(() => (globalThis as any).__shared?.text ?? "")).toContain("ứng dụng Gia đình số trong Zalo");
    expect(await home.evaluate(() => (globalThis as any).__shared.text)).not.toMatch(jargon);
    // (Not the whole page: criteria labels come from the commune's catalogue, e.g. "Zalo OA của tỉnh".)
    await home.close();

    // A family member's own screen.
    const fam = await open("8900000000000013102", "/gia-dinh");
    await fam.getByText("(chính bác)").waitFor();
    expect(await fam.locator("body").innerText()).not.toMatch(jargon);
    await fam.close();
  });
});
