/**
 * Issue 15, villages and people in the officers' console (/console/#/thon-va-nguoi), in Debian's
 * Chromium against the sandbox bot: at 1366×768 the admin replaces a village head; the new head gets a
 * one-time code, types it in the OA chat (simulator) and is linked at once; the mini app then shows the
 * new head their "Trưởng thôn" tab and no longer shows it to the old one. History and export/import
 * pages, 390×844 too; axe-core on every state. Screenshots: /tmp/shots-15c/.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { PC, PHONE, until, useConsole, type Viewport } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

const SHOTS = "/tmp/shots-15c";
/** Thôn Hạ Tiến's head in the demo file (Trần Thị Hoa), by her OA id; the new head's OA id. */
const OLD_HEAD_OA = "7000000000000000102";
const NEW_HEAD_OA = "8700000000000015301";

describe("issue 15: villages and people in the officers' console", () => {
  const fx = useConsole({ shots: SHOTS, miniApp: true });
  const { errors } = fx;
  let s: SandboxStack;
  beforeAll(() => void (s = fx.s));

  /** The console logged in as the admin officer (QR code approved as the phone does). */
  async function openConsole(viewport: Viewport, link: string, heading: string): Promise<Page> {
    const p = await fx.loggedIn(DEMO.admin, viewport, String(viewport.width));
    const nav = p.getByRole("navigation", { name: "Các trang" });
    if (viewport.width < 1024) {
      // The narrow layout may fold the sidebar: the page is reached by its address as well.
      await p.goto(`${s.url}/console/#${link}`);
    } else {
      await nav.getByRole("link", { name: heading }).click();
    }
    await p.getByRole("heading", { name: heading, level: 1 }).waitFor();
    return p;
  }

  async function miniAppTabs(as: string): Promise<string[]> {
    const page = await fx.page(`miniapp ${as}`, `/miniapp/?as=${as}#/`, PHONE);
    await page.waitForLoadState("networkidle");
    await page.locator("main, [role=main], #app").first().waitFor();
    await new Promise((r) => setTimeout(r, 800));
    const tabs = await page.locator('nav[aria-label="Chuyển màn hình"] button').allInnerTexts();
    await page.screenshot({ path: `${SHOTS}/miniapp-${as}.png` });
    await page.close();
    return tabs.map((t) => t.trim());
  }

  it("1366×768: replace a village head; the new head links Zalo by code in the chat and has the role in the mini app at once", async () => {
    expect(await miniAppTabs(OLD_HEAD_OA)).toContain("Trưởng thôn");
    const p = await openConsole(PC, "/thon-va-nguoi", "Thôn và người phụ trách");
    const table = p.getByTestId("commune-villages");
    await table.waitFor();
    const row = table.locator('tr[data-village="thon-ha-tien"]');
    expect(await row.getByTestId("village-head").innerText()).toContain("Trần Thị Hoa");
    await p.screenshot({ path: `${SHOTS}/pc-people.png` });
    await fx.axe(p, "people");

    await p.getByRole("button", { name: "Thay trưởng thôn Thôn Hạ Tiến" }).click();
    const form = p.locator(".cm-form");
    await form.getByRole("heading", { name: "Thay trưởng thôn Thôn Hạ Tiến" }).waitFor();
    await form.getByLabel("Họ tên trưởng thôn mới").fill("Vũ Thị Thu");
    await form.getByLabel("Số điện thoại (không bắt buộc)").fill("0912 000 888");
    await p.screenshot({ path: `${SHOTS}/pc-replace-head.png` });
    await fx.axe(p, "replace form");
    await form.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => row.getByTestId("village-head").innerText()).toContain("Vũ Thị Thu");
    expect(await row.innerText()).toContain("Chưa liên kết");
    // The old head lost the role at once (the mini app asks the bot on every start).
    expect(await miniAppTabs(OLD_HEAD_OA)).not.toContain("Trưởng thôn");

    await p.getByRole("button", { name: "Tạo mã liên kết Zalo cho Vũ Thị Thu" }).click();
    const card = p.getByTestId("link-code");
    await card.waitFor();
    const code = (await card.locator(".cm-code-digits").innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);
    expect(await card.innerText()).toContain(`gửi 6 chữ số ${code}`);
    await p.screenshot({ path: `${SHOTS}/pc-link-code.png` });
    await fx.axe(p, "code");

    // The new head types it in the OA chat: linked, with the role, at once.
    const before = s.sim.inbox(NEW_HEAD_OA).length;
    expect((await s.sim.sendText(NEW_HEAD_OA, code)).delivered).toBe(true);
    const reply = await until("the chat's answer to the code", () => s.sim.inbox(NEW_HEAD_OA).slice(before).map((m) => m.text ?? "").find((t) => t.includes("liên kết")));
    expect(reply).toContain("Đã liên kết tài khoản Zalo này với Vũ Thị Thu (trưởng thôn)");
    expect(await miniAppTabs(NEW_HEAD_OA)).toContain("Trưởng thôn");

    await p.reload();
    await expect.poll(() => p.getByTestId("commune-villages").locator('tr[data-village="thon-ha-tien"]').innerText(), { timeout: 10_000 }).toContain("Đã liên kết");

    // The history says who changed what.
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Lịch sử thay đổi" }).click();
    const history = p.getByTestId("commune-history");
    await history.waitFor();
    const text = await history.innerText();
    expect(text).toContain("Thôn Hạ Tiến: trưởng thôn Trần Thị Hoa → Vũ Thị Thu");
    expect(text).toContain("Vũ Thị Thu đã liên kết Zalo");
    await p.screenshot({ path: `${SHOTS}/pc-history.png`, fullPage: true });
    await fx.axe(p, "history");

    // Export / import: the preview of the same file says nothing changes.
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Xuất / nhập dữ liệu xã" }).click();
    await p.getByRole("heading", { name: "Xuất / nhập dữ liệu xã", level: 1 }).waitFor();
    const file = s.services.commune.store.export();
    // "Tải tệp dữ liệu xã": the browser saves the bot's file, under the name the bot gives it.
    const [saved] = await Promise.all([p.waitForEvent("download"), p.getByTestId("commune-export").click()]);
    expect(saved.suggestedFilename()).toMatch(/^xa-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json$/);
    expect(readFileSync((await saved.path())!, "utf8")).toBe(file);
    await p.getByTestId("commune-import-file").setInputFiles({ name: "xa-hoa-son.json", mimeType: "application/json", buffer: Buffer.from(file.replace("Vũ Thị Thu", "Vũ Thị Thu Hà")) });
    const preview = p.getByTestId("commune-import-preview");
    await preview.waitFor();
    expect(await preview.innerText()).toContain("trưởng thôn Vũ Thị Thu → Vũ Thị Thu Hà");
    await p.screenshot({ path: `${SHOTS}/pc-import-preview.png`, fullPage: true });
    await fx.axe(p, "import");
    expect(errors).toEqual([]);
  });

  it("390×844: the villages page and the code card are usable on a phone", async () => {
    const p = await openConsole(PHONE, "/thon-va-nguoi", "Thôn và người phụ trách");
    await p.getByTestId("commune-villages").waitFor();
    await p.getByRole("button", { name: "Tạo mã liên kết Zalo cho Y Đức" }).click();
    await p.getByTestId("link-code").waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-people.png` });
    const overflow = await p.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth");
    expect(overflow).toBeLessThanOrEqual(1);
    await fx.axe(p, "phone");
    expect(errors).toEqual([]);
  });
});
