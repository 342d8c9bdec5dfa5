/**
 * Issue 15, "Villages and people": a staff member's Zalo account linked by the one-time code typed (or
 * scanned) in the mini app, in Debian's Chromium against the sandbox bot. The admin names a new village
 * head in the console (1366×768) and reads the code and its QR code; the new head opens the mini app
 * (390×844), taps "Tôi là trưởng thôn / cán bộ, có mã liên kết", types a wrong code (a Vietnamese error,
 * nothing changes), then the right one, and at once sees the village head's screen. Expired code and
 * too many wrong codes (the 429's wait) in Vietnamese. Screens at 390×844 and 320×640, light and dark,
 * axe-core on each. A volunteer (no screen of their own) reads the bot's words. Screenshots:
 * /tmp/shots-15l/. POST /api/staff-link allows 10 a minute per address: this file sends 10 (the short
 * codes are refused before sending).
 */
import QRCode from "qrcode";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { parseStaffCode } from "../../miniapp/src/screens/staff-link/payload";
import { DEMO } from "../households/support";
import { PC, PHONE, useConsole, type Viewport } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

// In the page (the tests' tsconfig has no DOM types).
declare const document: any, getComputedStyle: any;

const SHOTS = "/tmp/shots-15l";
const NEW_HEAD = "8900000000000015401";
const OTHER = "8900000000000015402";
const RESIDENT = "8900000000000015403";
const HEAD_DONG_XUAN = "7000000000000000101";
const LINK = "Tôi là trưởng thôn / cán bộ, có mã liên kết";

describe("issue 15: a staff member links their Zalo account by typing the code in the mini app", () => {
  const fx = useConsole({ shots: SHOTS, miniApp: true, viewport: PHONE, timeout: 240_000 });
  const { errors } = fx;
  let s: SandboxStack;
  beforeAll(() => void (s = fx.s));

  const doc = () => s.services.commune.store.current();
  const db = () => s.services.database.sqlite;
  const headOf = (villageId: string) => doc().villages.find((v) => v.id === villageId)!.head;

  /** The QR code drawn on the console's canvas, module by module (dark = true), read back from its pixels. */
  async function canvasModules(p: Page, size: number): Promise<boolean[]> {
    return p.getByTestId("link-code-qr").evaluate((c: any, n: number) => {
      const margin = 2;
      const scale = c.width / (n + margin * 2);
      const px: Uint8ClampedArray = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      const out: boolean[] = [];
      for (let r = 0; r < n; r++)
        for (let col = 0; col < n; col++) {
          const x = Math.floor((margin + col + 0.5) * scale);
          const y = Math.floor((margin + r + 0.5) * scale);
          out.push(px[(y * c.width + x) * 4]! < 128);
        }
      return out;
    }, size);
  }

  /** The staff link screen for `who`, in `theme`, reached from the registration's first step as a person would. */
  async function openLinkScreen(who: string, viewport: Viewport = PHONE, theme: "light" | "dark" = "light", shot?: string): Promise<Page> {
    const p = await fx.page(`miniapp ${who}`, undefined, viewport);
    await p.emulateMedia({ colorScheme: theme });
    await p.goto(`${s.url}/miniapp/?as=${who}#/`);
    await p.getByRole("heading", { name: "Đăng ký hộ gia đình", level: 1 }).waitFor();
    const link = p.getByRole("button", { name: LINK });
    if (shot) {
      await p.getByRole("listitem").first().waitFor();
      await link.scrollIntoViewIfNeeded();
      await p.screenshot({ path: `${SHOTS}/${shot}.png` });
    }
    await link.click();
    await p.getByRole("heading", { name: "Liên kết tài khoản cán bộ", level: 1 }).waitFor();
    return p;
  }

  const codeField = (p: Page) => p.getByLabel("Mã liên kết (6 chữ số)");
  const submit = (p: Page) => p.getByRole("button", { name: "Liên kết tài khoản" }).click();
  const problem = (p: Page) => p.getByRole("alert").filter({ hasText: "Chưa liên kết được" });

  it("the admin names a new village head and gets a code with its QR code; the head types it in the mini app and at once has the village head's screen", async () => {
    // The console: "Thay trưởng thôn Thôn Tân Phúc", then "Tạo mã liên kết Zalo".
    const pc = await fx.loggedIn(DEMO.admin, PC, "console");
    await pc.goto(`${s.url}/console/#/thon-va-nguoi`);
    await pc.getByRole("heading", { name: "Thôn và người phụ trách", level: 1 }).waitFor();
    await pc.getByRole("button", { name: "Thay trưởng thôn Thôn Tân Phúc" }).click();
    const form = pc.locator(".cm-form");
    await form.getByLabel("Họ tên trưởng thôn mới").fill("Đỗ Văn Liên");
    await form.getByRole("button", { name: "Lưu" }).click();
    const row = pc.getByTestId("commune-villages").locator('tr[data-village="thon-tan-phuc"]');
    await expect.poll(() => row.getByTestId("village-head").innerText()).toContain("Đỗ Văn Liên");
    await pc.getByRole("button", { name: "Tạo mã liên kết Zalo cho Đỗ Văn Liên" }).click();
    const card = pc.getByTestId("link-code");
    await card.waitFor();
    const code = (await card.locator(".cm-code-digits").innerText()).trim();
    expect(code).toMatch(/^\d{6}$/);

    // The QR code says "GDS-CAN-BO:<code>", which the mini app's scanner reads as the code, and its
    // pixels are that text's QR code (read back module by module).
    const qr = card.getByTestId("link-code-qr");
    const qrText = (await qr.getAttribute("data-qr"))!;
    expect(qrText).toBe(`GDS-CAN-BO:${code}`);
    expect(parseStaffCode(qrText)).toBe(code);
    const expected = QRCode.create(qrText, { errorCorrectionLevel: "M" }).modules;
    const drawn = await canvasModules(pc, expected.size);
    expect(drawn).toEqual(Array.from(expected.data as Uint8Array, (b) => b === 1));
    expect(await card.innerText()).toContain("Quét mã QR");
    await card.scrollIntoViewIfNeeded();
    await pc.screenshot({ path: `${SHOTS}/pc-link-code-qr.png` });
    await fx.axe(pc, "console code card");

    // The new head opens the mini app: no household, no role yet; the registration offers the link.
    const p = await openLinkScreen(NEW_HEAD, PHONE, "light", "phone-registration-link");
    expect(await p.getByRole("button", { name: "Quét mã QR" }).count()).toBe(0); // no scanner outside Zalo
    const field = codeField(p);
    expect(await field.getAttribute("inputmode")).toBe("numeric");
    const fontPx = await field.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(28);
    for (const h of await p.locator("main button, main input").evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(h).toBeGreaterThanOrEqual(44);

    // Letters are dropped as they are typed; five digits are refused before anything is sent.
    await field.fill("12a45");
    expect(await field.inputValue()).toBe("1245");
    await submit(p);
    await problem(p).getByText("Mã gồm đúng 6 chữ số").waitFor();

    // A wrong code: the bot's Vietnamese words, and nothing changes.
    const version = s.services.commune.store.version();
    const wrong = code === "000000" ? "000001" : "000000";
    await field.fill(wrong);
    await submit(p);
    await problem(p).getByText("Mã không đúng. Bác kiểm tra lại 6 chữ số cán bộ xã đưa.").waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-wrong-code.png` });
    await fx.axe(p, "wrong code");
    expect(s.services.commune.store.version()).toBe(version);
    expect(headOf("thon-tan-phuc")).toMatchObject({ name: "Đỗ Văn Liên" });
    expect(headOf("thon-tan-phuc").appUserId).toBeUndefined();
    expect(await p.locator('nav[aria-label="Chuyển màn hình"]').count()).toBe(0);
    expect(new URL(p.url()).hash).toBe("#/dang-ky?lien-ket");

    // The right code: linked, the role counts at once, the village head's screen without a reload.
    await field.fill(code);
    await submit(p);
    await p.locator(".toast").filter({ hasText: "Đã liên kết: Trưởng thôn Tân Phúc" }).waitFor(); // not "Trưởng thôn Thôn Tân Phúc"
    await p.getByRole("heading", { name: "Trưởng thôn", level: 1 }).waitFor();
    expect(new URL(p.url()).hash).toBe("#/truong-thon");
    const tabs = p.locator('nav[aria-label="Chuyển màn hình"] button');
    await expect.poll(() => tabs.allInnerTexts()).toContain("Trưởng thôn");
    await p.getByText("Thôn Tân Phúc").first().waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-linked-head.png` });
    expect(headOf("thon-tan-phuc").appUserId).toMatch(/^\d+$/);
    expect(s.services.commune.store.version()).toBe(version + 1);

    // The code was used once: the console says "Đã liên kết" for the new head.
    await pc.reload();
    await expect.poll(() => pc.getByTestId("commune-villages").locator('tr[data-village="thon-tan-phuc"]').innerText(), { timeout: 10_000 }).toContain("Đã liên kết");
    await pc.close();
    // Opened again later, the app starts on the village head's screen.
    await p.goto(`${s.url}/miniapp/?as=${NEW_HEAD}#/`);
    await p.getByRole("heading", { name: "Trưởng thôn", level: 1 }).waitFor();
    await p.close();
    expect(errors).toEqual([]);
  });

  it("an expired code and too many wrong codes are refused in Vietnamese, with the wait", async () => {
    const volunteer = s.services.commune.service.view().volunteers.find((v) => v.name === "Đinh Thị Mai")!;
    const { code } = s.services.commune.service.createLinkCode("test", volunteer.key);
    db().prepare("UPDATE staff_link_codes SET expires_at = ? WHERE used_at IS NULL").run(Date.now() - 1000);
    const version = s.services.commune.store.version();

    const p = await openLinkScreen(OTHER);
    await codeField(p).fill(code);
    await submit(p);
    await problem(p).getByText("Mã này đã hết hạn (mã dùng được 48 giờ). Bác nhờ cán bộ quản trị của xã tạo mã mới.").waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-expired.png` });

    // Four more wrong codes (five with the expired one), then the sixth is refused with the wait.
    const failures = () => (db().prepare("SELECT MAX(failures) AS n FROM staff_code_failures WHERE subject LIKE 'app:%'").get() as { n: number | null }).n;
    expect(failures()).toBe(1);
    const wrong = ["000000", "111111", "222222", "333333", "444444"].filter((c) => c !== code).slice(0, 4);
    for (const [i, c] of wrong.entries()) {
      await codeField(p).fill(c);
      await submit(p);
      await expect.poll(failures).toBe(i + 2);
      await problem(p).getByText("Mã không đúng. Bác kiểm tra lại 6 chữ số cán bộ xã đưa.").waitFor();
    }
    await codeField(p).fill(code);
    await submit(p);
    await problem(p).getByText(/Bác đã nhập sai mã 5 lần\. Vui lòng thử lại sau 1[45] phút\./).waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-locked.png` });
    await fx.axe(p, "locked");
    expect(s.services.commune.store.version()).toBe(version);
    expect(s.services.commune.service.view().volunteers.find((v) => v.key === volunteer.key)!.linkedApp).toBe(false);
    await p.close();
    expect(errors).toEqual([]);
  });

  it("a resident with a household finds the link on the family screen; an officer's code there opens the officers' screen; a village head has no link", async () => {
    const p = await fx.page("miniapp resident", `/miniapp/?as=${RESIDENT}#/`);
    await p.getByLabel("Tìm thôn").fill("dong xuan");
    await p.getByRole("listitem").first().click();
    await p.getByLabel("Tên hộ").fill("Hộ ông Phan Văn Cán, xóm 1");
    await p.getByRole("button", { name: "Tiếp" }).click();
    await p.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await p.getByTestId("progress").waitFor();
    await p.locator('nav[aria-label="Chuyển màn hình"]').getByRole("button", { name: "Gia đình" }).click();
    await p.getByRole("heading", { name: "Gia đình", level: 1 }).waitFor();
    await p.getByRole("button", { name: LINK }).click();
    await p.getByRole("heading", { name: "Liên kết tài khoản cán bộ", level: 1 }).waitFor();
    await p.getByRole("button", { name: "Quay lại" }).click();
    await p.getByRole("heading", { name: "Gia đình", level: 1 }).waitFor();

    // This resident is the commune's new officer: the admin's code (made through the API here) links them.
    const officer = s.services.commune.service.view().officers.find((o) => o.name === "Võ Thị Lan")!;
    const { code } = s.services.commune.service.createLinkCode("test", officer.key);
    await p.getByRole("button", { name: LINK }).click();
    await codeField(p).fill(code);
    await submit(p);
    await p.locator(".toast").filter({ hasText: "Đã liên kết: Cán bộ xã" }).waitFor();
    await p.getByRole("heading", { name: `Xã ${doc().commune.name}`, level: 1 }).waitFor();
    expect(new URL(p.url()).hash).toBe("#/can-bo");
    await expect.poll(() => p.locator('nav[aria-label="Chuyển màn hình"] button').allInnerTexts()).toEqual(["Nhà tôi", "Thôn mình", "Cán bộ xã", "Gia đình"]);
    // Linked, the family screen no longer offers the link.
    await p.locator('nav[aria-label="Chuyển màn hình"]').getByRole("button", { name: "Gia đình" }).click();
    await p.getByRole("button", { name: "Dữ liệu của tôi (tải về, xoá)" }).waitFor();
    expect(await p.getByRole("button", { name: LINK }).count()).toBe(0);
    await p.close();

    const head = await fx.page("miniapp head", `/miniapp/?as=${HEAD_DONG_XUAN}#/gia-dinh`);
    await head.getByRole("button", { name: "Dữ liệu của tôi (tải về, xoá)" }).waitFor();
    expect(await head.getByRole("button", { name: LINK }).count()).toBe(0);
    await head.close();
    expect(errors).toEqual([]);
  });

  it("the screen at 390×844 and 320×640, light and dark: readable, nothing sideways; a volunteer reads the bot's words", async () => {
    let n = 0;
    for (const [width, height] of [
      [390, 844],
      [320, 640],
    ] as const) {
      for (const theme of ["light", "dark"] as const) {
        const p = await openLinkScreen(`89000000000000154${10 + n++}`, { width, height }, theme);
        // Zalo's theme is read after the start.
        await expect.poll(() => p.evaluate(() => document.body.getAttribute("zaui-theme"))).toBe(theme);
        await p.waitForTimeout(300);
        await p.screenshot({ path: `${SHOTS}/link-${width}-${theme}.png` });
        await codeField(p).fill("1234");
        await submit(p);
        await problem(p).waitFor();
        // The last words can be scrolled to (the body is the scrolling box).
        const last = p.getByText("Chưa có mã?");
        await last.scrollIntoViewIfNeeded();
        const box = (await last.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(height + 1);
        await p.screenshot({ path: `${SHOTS}/link-${width}-${theme}-short.png` });
        expect(await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
        await fx.axe(p, `link ${width} ${theme}`);
        await p.close();
      }
    }

    // A volunteer has no screen of their own in the app: the bot's words, and a way back.
    const volunteer = s.services.commune.service.view().volunteers.find((v) => v.name === "Đinh Thị Mai")!;
    const { code } = s.services.commune.service.createLinkCode("test", volunteer.key);
    const p = await openLinkScreen("8900000000000015420");
    await codeField(p).fill(code);
    await submit(p);
    const done = p.getByRole("status").filter({ hasText: "Đã liên kết" });
    await done.getByText("Đã liên kết tài khoản Zalo này với Đinh Thị Mai (tình nguyện viên).").waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-volunteer-linked.png` });
    await fx.axe(p, "volunteer linked");
    expect(s.services.commune.service.view().volunteers.find((v) => v.key === volunteer.key)!.linkedApp).toBe(true);
    await p.getByRole("button", { name: "Về trang chính" }).click();
    await p.getByRole("heading", { name: "Đăng ký hộ gia đình", level: 1 }).waitFor();
    await p.close();
    expect(errors).toEqual([]);
  });
});
