/**
 * Issue 15, villages and people in the officers' console (/console/#/thon-va-nguoi), in Debian's
 * Chromium against the sandbox bot: at 1366×768 the admin replaces a village head; the new head gets a
 * one-time code, types it in the OA chat (simulator) and is linked at once; the mini app then shows the
 * new head their "Trưởng thôn" tab and no longer shows it to the old one. History and export/import
 * pages, 390×844 too; axe-core on every state. Screenshots: /tmp/shots-15c/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { launchBrowser } from "../support/browser";
import { seriousViolations } from "./axe";
import { buildConsole, buildMiniApp } from "./build";
import { serveBuild, startSandboxStack, type SandboxStack } from "./sandbox";

const SHOTS = "/tmp/shots-15c";
const PC = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
/** Thôn Hạ Tiến's head in the demo file (Trần Thị Hoa), by her OA id; the new head's OA id. */
const OLD_HEAD_OA = "7000000000000000102";
const NEW_HEAD_OA = "8700000000000015301";

const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8" };

/** Serves this suite's build at /console/, keeping the bot's own headers (its route must answer). */
async function serveConsole(context: BrowserContext, dir: string): Promise<void> {
  const root = resolve(dir);
  await context.route(
    (u) => u.pathname === "/console/" || u.pathname.startsWith("/console/"),
    async (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice("/console/".length)) || "index.html";
      const file = resolve(root, rel);
      if (!file.startsWith(root + sep) || !existsSync(file)) return route.continue();
      const res = await route.fetch();
      const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !["content-type", "content-length", "content-encoding", "transfer-encoding", "etag", "last-modified"].includes(k.toLowerCase())));
      return route.fulfill({ status: 200, headers: { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" }, path: file });
    },
  );
}

async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && (v as unknown) !== false) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("issue 15: villages and people in the officers' console", () => {
  let s: SandboxStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const errors: string[] = [];
  const built = mkdtempSync(join(tmpdir(), "gds-commune-www-"));
  const builtApp = mkdtempSync(join(tmpdir(), "gds-commune-app-www-"));
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildConsole(built);
    await buildMiniApp(builtApp);
    s = await startSandboxStack();
    browser = await launchBrowser(PC);
    await serveConsole(browser.context, built);
    await serveBuild(browser.context, builtApp);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    rmSync(built, { recursive: true, force: true });
    rmSync(builtApp, { recursive: true, force: true });
  });

  /** The console logged in as the admin officer (QR code approved as the phone does). */
  async function openConsole(viewport: { width: number; height: number }, link: string, heading: string): Promise<Page> {
    const p = await browser.context.newPage();
    await p.setViewportSize(viewport);
    p.on("pageerror", (e) => errors.push(`${viewport.width}: ${e.message}`));
    await p.goto(`${s.url}/console/`);
    const qr = p.getByTestId("login-qr");
    await expect.poll(() => qr.getAttribute("data-qr"), { timeout: 10_000 }).toMatch(/^GDS-MAY-TINH:/);
    const session = s.services.gds.auth.issue(DEMO.admin).session;
    const res = await fetch(`${s.url}/api/console/login-requests/approve`, { method: "POST", headers: { authorization: `Bearer ${session}`, "content-type": "application/json" }, body: JSON.stringify({ code: await qr.getAttribute("data-qr") }) });
    expect(res.status).toBe(200);
    const nav = p.getByRole("navigation", { name: "Các trang" });
    await nav.waitFor({ timeout: 10_000 });
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
    const page = await browser.context.newPage();
    await page.setViewportSize(PHONE);
    page.on("pageerror", (e) => errors.push(`miniapp ${as}: ${e.message}`));
    await page.goto(`${s.url}/miniapp/?as=${as}#/`);
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
    for (const v of await seriousViolations(p, s.url)) errors.push(`people: ${v}`);

    await p.getByRole("button", { name: "Thay trưởng thôn Thôn Hạ Tiến" }).click();
    const form = p.locator(".cm-form");
    await form.getByRole("heading", { name: "Thay trưởng thôn Thôn Hạ Tiến" }).waitFor();
    await form.getByLabel("Họ tên trưởng thôn mới").fill("Vũ Thị Thu");
    await form.getByLabel("Số điện thoại (không bắt buộc)").fill("0912 000 888");
    await p.screenshot({ path: `${SHOTS}/pc-replace-head.png` });
    for (const v of await seriousViolations(p, s.url)) errors.push(`replace form: ${v}`);
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
    for (const v of await seriousViolations(p, s.url)) errors.push(`code: ${v}`);

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
    for (const v of await seriousViolations(p, s.url)) errors.push(`history: ${v}`);

    // Export / import: the preview of the same file says nothing changes.
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Xuất / nhập dữ liệu xã" }).click();
    await p.getByRole("heading", { name: "Xuất / nhập dữ liệu xã", level: 1 }).waitFor();
    const file = s.services.commune.store.export();
    await p.getByTestId("commune-import-file").setInputFiles({ name: "xa-hoa-son.json", mimeType: "application/json", buffer: Buffer.from(file.replace("Vũ Thị Thu", "Vũ Thị Thu Hà")) });
    const preview = p.getByTestId("commune-import-preview");
    await preview.waitFor();
    expect(await preview.innerText()).toContain("trưởng thôn Vũ Thị Thu → Vũ Thị Thu Hà");
    await p.screenshot({ path: `${SHOTS}/pc-import-preview.png`, fullPage: true });
    for (const v of await seriousViolations(p, s.url)) errors.push(`import: ${v}`);
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
    for (const v of await seriousViolations(p, s.url)) errors.push(`phone: ${v}`);
    expect(errors).toEqual([]);
  });
});
