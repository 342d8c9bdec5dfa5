/**
 * Issue 15, the commune's general information in the officers' console (/console/#/thong-tin-xa), in
 * Debian's Chromium against the sandbox bot: at 1366×768 the admin changes the one-stop desk's hours
 * and saves; a resident asking the OA chat (simulator) about a procedure without a guide is told the
 * new hours at once. An invalid phone is refused at its field (400), a stale page at the field it
 * changed (409). Officers read the page without inputs; 390×844 too; axe-core on every state.
 * Screenshots: /tmp/shots-15s/.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { api, PC, PHONE, until, useConsole, type Viewport } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

const SHOTS = "/tmp/shots-15s";
const NEW_HOURS = "Thứ Hai đến Thứ Bảy, sáng 7:00–11:00, chiều 13:30–16:30";
const RESIDENT = "8700000000000015501";

describe("issue 15: the commune's general information in the officers' console", () => {
  const fx = useConsole({ shots: SHOTS });
  const { errors } = fx;
  let s: SandboxStack;
  beforeAll(() => void (s = fx.s));

  async function openPage(as: string, viewport: Viewport): Promise<Page> {
    const p = await fx.loggedIn(as, viewport, `${as} ${viewport.width}`);
    if (viewport.width < 1024) await p.goto(`${s.url}/console/#/thong-tin-xa`);
    else await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Thông tin chung của xã" }).click();
    await p.getByRole("heading", { name: "Thông tin chung của xã", level: 1 }).waitFor();
    await p.getByTestId("settings-form").waitFor();
    return p;
  }

  /** The whole page in one picture (the console scrolls inside its main column, so fullPage would not). */
  async function tall(p: Page, path: string): Promise<void> {
    const size = p.viewportSize()!;
    await p.setViewportSize({ width: size.width, height: 3400 });
    await p.screenshot({ path });
    await p.setViewportSize(size);
  }

  /** What the OA chat answers a procedure the bot has no guide for. */
  async function deskAnswer(): Promise<string> {
    const before = s.sim.inbox(RESIDENT).length;
    expect((await s.sim.sendText(RESIDENT, "cho hỏi thủ tục đăng ký kết hôn cần giấy tờ gì")).delivered).toBe(true);
    return until("the chat's answer with the one-stop desk", () => s.sim.inbox(RESIDENT).slice(before).map((m) => m.text ?? "").find((t) => t.includes("Một cửa")));
  }

  it("1366×768: the admin changes the one-stop desk's hours and the chat says the new hours at once; 400 and 409 at the field", async () => {
    expect(await deskAnswer()).toContain("7:30–11:30");
    const p = await openPage(DEMO.admin, PC);
    expect(await p.getByTestId("settings-last-change").innerText()).toContain("Chưa ai sửa ở trang này");
    await p.screenshot({ path: `${SHOTS}/pc-settings.png` });
    await fx.axe(p, "settings");

    const hours = p.getByLabel("Giờ làm việc", { exact: true });
    expect(await hours.inputValue()).toContain("7:30–11:30");
    await hours.fill(NEW_HOURS);
    await p.getByTestId("settings-save").click();
    await expect.poll(() => p.getByTestId("settings-last-change").innerText(), { timeout: 10_000 }).toContain("Giờ làm việc của Bộ phận Một cửa");
    expect(await p.getByTestId("settings-save").isDisabled()).toBe(true);
    await p.screenshot({ path: `${SHOTS}/pc-settings-saved.png` });

    // The resident asks again: the new hours, without a restart.
    const answer = await deskAnswer();
    expect(answer).toContain(NEW_HOURS);
    expect(answer).not.toContain("7:30–11:30");

    // An invalid phone: refused by the bot, said under the field, nothing saved.
    const version = s.services.commune.store.version();
    const phone = p.getByLabel("Số điện thoại (không bắt buộc)").nth(1); // the commune police's
    await phone.fill("gọi 113 nhé");
    await p.getByTestId("settings-save").click();
    const err = p.locator("#st-police\\.phone-err");
    await err.waitFor();
    expect(await err.innerText()).toContain("Số điện thoại chỉ gồm chữ số");
    expect(await phone.getAttribute("aria-invalid")).toBe("true");
    expect(await p.getByTestId("settings-problem").innerText()).toContain("chưa đúng");
    expect(s.services.commune.store.version()).toBe(version);
    await phone.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-settings-400.png` });
    await fx.axe(p, "settings 400");

    // Someone else saves the police's name meanwhile; this page then changes it too: 409 at that field.
    await phone.fill("0239 000 0001");
    await p.getByLabel("Tên", { exact: true }).first().fill("Công an xã Hòa Sơn (trực 24/24)");
    const other = await api(s, "POST", "/api/admin/commune/edits", s.services.gds.auth.issue(DEMO.admin).session, {
      op: "settings.update",
      baseVersion: version,
      settings: { police: { name: "Công an xã Hòa Sơn (demo, mới)" } },
    });
    expect(other.status).toBe(200);
    await p.getByTestId("settings-save").click();
    const conflict = p.locator("#st-police\\.name-err");
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain("Người khác vừa sửa mục này thành “Công an xã Hòa Sơn (demo, mới)”");
    expect(await p.getByTestId("settings-problem").innerText()).toContain("Có người khác vừa lưu");
    expect(await p.getByTestId("settings-problem").innerText()).not.toContain("sửa lại lần nữa"); // the edits are kept
    // Who saved last, by name: no Zalo id beside it.
    expect(await p.getByTestId("settings-last-change").innerText()).not.toMatch(/\(\d{6,}\)/);
    // The admin's own value is kept in the field; saving again applies it over the new version.
    expect(await p.getByLabel("Tên", { exact: true }).first().inputValue()).toBe("Công an xã Hòa Sơn (trực 24/24)");
    await conflict.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-settings-409.png` });
    await tall(p, `${SHOTS}/pc-settings-409-all.png`);
    await fx.axe(p, "settings 409");
    await p.getByTestId("settings-save").click();
    await expect.poll(() => s.services.config.commune.police.name, { timeout: 10_000 }).toBe("Công an xã Hòa Sơn (trực 24/24)");
    expect(s.services.config.commune.oneStopDesk?.hours).toBe(NEW_HOURS);
    expect(errors).toEqual([]);
  });

  it("officers read the page (no inputs); 390×844 usable on a phone", async () => {
    const o = await openPage(DEMO.officer, PC);
    expect(await o.locator("form input, form textarea, form select").count()).toBe(0);
    expect(await o.getByTestId("settings-form").innerText()).toContain(NEW_HOURS);
    expect(await o.getByTestId("settings-form").innerText()).not.toMatch(/không bắt buộc|mỗi dòng/); // typing hints, for the admin only
    expect(await o.getByTestId("settings-last-change").innerText()).not.toMatch(/\(\d{6,}\)/);
    await tall(o, `${SHOTS}/pc-settings-officer.png`);
    await fx.axe(o, "settings officer");

    const p = await openPage(DEMO.admin, PHONE);
    await p.screenshot({ path: `${SHOTS}/phone-settings.png` });
    await tall(p, `${SHOTS}/phone-settings-all.png`);
    const overflow = await p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(overflow).toBeLessThanOrEqual(1);
    await fx.axe(p, "settings phone");
    expect(errors).toEqual([]);
  });
});
