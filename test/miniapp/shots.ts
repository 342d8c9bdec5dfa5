/**
 * Screenshots of the screens issue 13 items 13-15 changed, at 390×844 and 320×640, light and dark,
 * against the sandbox bot with the same data each run: to look at a change before and after.
 *
 *   npx tsx test/miniapp/shots.ts [build | <a built www directory>] [<output directory>]
 *
 * "build" (the default) builds the working tree's mini app; a directory serves that build instead
 * (e.g. an earlier commit's, built from `git archive`). Not a test: nothing is asserted.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "../support/browser";
import { buildMiniApp } from "./build";
import { serveBuild, startSandboxStack } from "./sandbox";

const RESIDENT = "8900000000000013501";
const OTHER = "8900000000000013502";
const HEAD_DONG_XUAN = "7000000000000000101";
const OFFICER = "7000000000000000202";
const LABEL = "Hộ ông Nguyễn Văn Chụp, xóm 5";

async function main(): Promise<void> {
  const [src = "build", out = "/tmp/shots-13/after"] = process.argv.slice(2);
  mkdirSync(out, { recursive: true });
  const tmp = src === "build" ? mkdtempSync(join(tmpdir(), "gds-shots-www-")) : undefined;
  if (tmp) await buildMiniApp(tmp);
  const s = await startSandboxStack();
  const browser = await launchBrowser({ width: 390, height: 844 });
  try {
    await serveBuild(browser.context, tmp ?? src);
    const page = async (who: string, hash: string, o: { w: number; h: number; theme: "light" | "dark" }): Promise<Page> => {
      const p = await browser.context.newPage();
      await p.setViewportSize({ width: o.w, height: o.h });
      await p.emulateMedia({ colorScheme: o.theme });
      await p.goto(`${s.url}/miniapp/?as=${who}#${hash}`);
      return p;
    };
    const register = async (who: string, label: string) => {
      const p = await page(who, "/", { w: 390, h: 844, theme: "light" });
      await p.getByLabel("Tìm thôn").fill("dong xuan");
      await p.getByRole("listitem").first().click();
      await p.getByLabel("Tên hộ").fill(label);
      await p.getByRole("button", { name: "Tiếp" }).click();
      await p.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
      await p.getByTestId("progress").waitFor();
      return p;
    };

    // The same data every run: two households, a question the bot did not understand, a guide left
    // half-read, twelve frozen weeks.
    (await register(RESIDENT, LABEL)).close();
    (await register(OTHER, "Hộ bà Trần Thị Ảnh, xóm 6")).close();
    await s.sim.follow(RESIDENT);
    await s.sim.sendText(RESIDENT, "zxq vbn mlk cho hỏi");
    await s.sim.sendText(OTHER, `Hướng dẫn: ${s.services.chat.library.get("vneid-muc-2")!.title}`);
    const now = s.services.gds.snapshots.currentWeek();
    for (let k = 1; k <= 12; k++) if (now.isoWeek - k >= 1) s.services.gds.snapshots.freeze({ isoYear: now.isoYear, isoWeek: now.isoWeek - k }, "manual");
    await new Promise((r) => setTimeout(r, 1500));
    const hid = (s.services.database.sqlite.prepare("SELECT id FROM households WHERE label = ?").get(LABEL) as { id: number }).id;

    let n = 0;
    for (const [w, h] of [
      [390, 844],
      [320, 640],
    ] as const) {
      for (const theme of ["light", "dark"] as const) {
        const o = { w, h, theme };
        const shot = (p: Page, name: string) => p.screenshot({ path: join(out, `${name}-${w}-${theme}.png`) });
        const settle = (p: Page) => p.waitForTimeout(600);
        n++;

        let p = await page(OTHER, "/gia-dinh", o);
        await p.locator('section[aria-label="Loại hộ"]').waitFor();
        await p.locator("main section").last().scrollIntoViewIfNeeded();
        await settle(p);
        await shot(p, "01-family-not-followed");
        await p.close();

        p = await page(RESIDENT, "/gia-dinh", o);
        await p.locator('section[aria-label="Loại hộ"]').waitFor();
        await settle(p);
        await p.locator("main section").last().scrollIntoViewIfNeeded();
        await shot(p, "02-family-followed");
        await p.context().setOffline(true);
        await p.locator("main section").first().scrollIntoViewIfNeeded();
        await settle(p);
        await shot(p, "03-family-offline");
        await p.context().setOffline(false);
        await p.close();

        p = await page(OTHER, "/huong-dan/quan-tam-oa?tc=quan-tam-oa", o);
        await p.locator("main ol").waitFor();
        await settle(p);
        await shot(p, "04-guide-follow");
        await p.close();

        // A toast after "Tôi đã làm được", back on the checklist.
        p = await page(OTHER, "/", o);
        await p.getByTestId("progress").waitFor();
        await p.getByRole("button", { name: "Xem hướng dẫn" }).first().click();
        await p.getByRole("button", { name: /Tôi đã làm được/ }).click();
        await p.locator(".toast").waitFor();
        await p.waitForTimeout(300);
        await shot(p, "05-toast");
        await p.close();

        p = await browser.context.newPage();
        await p.setViewportSize({ width: w, height: h });
        await p.emulateMedia({ colorScheme: theme });
        await p.goto(`${s.url}/miniapp/?as=${RESIDENT}#/thon`);
        await p.getByTestId("village-percent").waitFor();
        await p.route("**/api/villages/**", (r) => r.fulfill({ status: 503, contentType: "application/json", body: '{"error":"Service Unavailable"}' }));
        await p.reload();
        await p.getByTestId("village-percent").waitFor();
        await settle(p);
        await shot(p, "06-village-stale");
        await p.close();

        p = await page(RESIDENT, "/gia-dinh", o);
        await p.getByRole("button", { name: "Mời người nhà cùng đánh giá" }).click();
        const code = ((await p.getByText(/^Mã mời: /).innerText()).match(/Mã mời: (\w+)/) ?? [])[1]!;
        await p.close();
        p = await page(`89000000000000136${String(n).padStart(2, "0")}`, "/tham-gia", o);
        await p.getByLabel("Mã mời").fill(code);
        await p.getByRole("button", { name: "Tham gia hộ" }).click();
        await p.waitForTimeout(1500);
        await shot(p, "07-after-join");
        await p.close();

        p = await page(OFFICER, "/can-bo", o);
        await p.getByTestId("villages-table").waitFor();
        await p.locator('section[aria-label="Xu hướng theo tuần"]').scrollIntoViewIfNeeded();
        await settle(p);
        await shot(p, "08-officer-trend");
        await p.locator("main .stack").last().scrollIntoViewIfNeeded();
        await shot(p, "09-officer-buttons");
        await p.close();

        for (const [hash, ready, name] of [
          ["/can-bo/cau-hoi", "[data-question]", "10-officer-questions"],
          ["/can-bo/huong-dan", "[data-guide]", "11-officer-funnel"],
          [`/truong-thon/ho/${hid}`, "main .card", "13-head-household"],
          ["/du-lieu-cua-toi", "main .card", "14-privacy"],
        ] as const) {
          p = await page(hash.startsWith("/truong-thon") ? HEAD_DONG_XUAN : hash.startsWith("/can-bo") ? OFFICER : RESIDENT, hash, o);
          await p.locator(ready).first().waitFor();
          await settle(p);
          await shot(p, name);
          await p.close();
        }

        p = await page(OFFICER, "/can-bo/thong-bao", o);
        await p.getByLabel("Tiêu đề").fill("Đội lưu động đến thôn sáng thứ Bảy");
        await p.getByLabel("Nội dung").fill("Sáng thứ Bảy đội lưu động của xã đến nhà văn hoá thôn.");
        await p.locator('select[name="audience"]').selectOption("residents");
        await p.getByRole("button", { name: "Xem trước" }).click();
        await p.getByTestId("broadcast-preview").waitFor();
        await p.getByTestId("broadcast-preview").scrollIntoViewIfNeeded();
        await settle(p);
        await shot(p, "12-officer-broadcast");
        await p.close();
      }
    }
    process.stdout.write(`screenshots in ${out}\n`);
  } finally {
    await browser.close();
    await s.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
