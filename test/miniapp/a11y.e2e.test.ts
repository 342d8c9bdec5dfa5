/**
 * Issue 13, accessibility: axe-core (the devDependency, injected into the page) on every household,
 * village-head and officer screen, in the light and the dark theme, against the sandbox bot: no
 * serious or critical violation. Screenshots go to test-results/miniapp/a11y-*.png (not committed).
 */
import type { Page } from "playwright-core";
import { seriousViolations } from "./axe";
import { describe, expect, it } from "vitest";
import { useMiniAppBrowser } from "./stack";

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;

const SHOTS = "test-results/miniapp";
const RESIDENT = "8900000000000013301";
const NEWCOMER = "8900000000000013302";
const HEAD_DONG_XUAN = "7000000000000000101";
const OFFICER = "7000000000000000202";
const LABEL = "Hộ bà Hoàng Thị Axe, xóm 3";


describe("issue 13: axe-core on every screen, light and dark", () => {
  const m = useMiniAppBrowser(SHOTS);
  const { errors, open } = m;
  const householdId = () => (m.s.services.database.sqlite.prepare("SELECT id FROM households WHERE label = ?").get(LABEL) as { id: number } | undefined)?.id;

  it("no serious or critical violation on any household, village-head or officer screen", async () => {
    // A household to look at (registered through the app), a few answers, a question for the officers.
    const reg = await open(RESIDENT, "/");
    await reg.getByLabel("Tìm thôn").fill("dong xuan");
    await reg.getByRole("listitem").first().click();
    await reg.getByLabel("Tên hộ").fill(LABEL);
    await reg.getByRole("button", { name: "Tiếp" }).click();
    await reg.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await reg.getByTestId("progress").waitFor();
    await reg.locator('[data-criterion="vneid-muc-2"]').getByRole("button", { name: "Đạt", exact: true }).click();
    await reg.locator('[data-criterion="quan-tam-oa"]').getByRole("button", { name: "Chưa đạt", exact: true }).click();
    await reg.close();
    await m.s.sim.sendText(RESIDENT, "asdkjh qwe zxc");
    const hid = householdId()!;

    const screens: [who: string, hash: string, ready: string][] = [
      [NEWCOMER, "/", "main input"],
      [NEWCOMER, "/tham-gia", "main input"],
      [RESIDENT, "/", "[data-testid=progress]"],
      [RESIDENT, "/thon", "[data-testid=village-rank]"],
      [RESIDENT, "/gia-dinh", "[data-testid=follow-oa]"],
      [RESIDENT, "/du-lieu-cua-toi", "main .card"],
      [RESIDENT, "/huong-dan/vneid-muc-2?tc=vneid-muc-2", "main ol"],
      [RESIDENT, "/huong-dan/quan-tam-oa?tc=quan-tam-oa", "[data-testid=follow-oa]"],
      [HEAD_DONG_XUAN, "/truong-thon", "main .card"],
      [HEAD_DONG_XUAN, `/truong-thon/ho/${hid}`, "main .card"],
      [HEAD_DONG_XUAN, "/truong-thon/bao-cao", "main input"],
      [OFFICER, "/can-bo", "[data-testid=villages-table]"],
      [OFFICER, "/can-bo/thon/thon-dong-xuan", "main .card"],
      [OFFICER, `/can-bo/thon/thon-dong-xuan/ho/${hid}`, "main .card"],
      [OFFICER, "/can-bo/bao-cao", "main .card"],
      [OFFICER, "/can-bo/cau-hoi", "[data-question]"],
      [OFFICER, "/can-bo/huong-dan", "main .muted"],
      [OFFICER, "/can-bo/thong-bao", "main textarea"],
    ];
    const found: string[] = [];
    for (const theme of ["light", "dark"] as const) {
      for (const [who, hash, ready] of screens) {
        const p = await open(who, hash);
        await p.emulateMedia({ colorScheme: theme });
        await p.reload();
        await p
          .locator(ready)
          .first()
          .waitFor({ timeout: 15_000 })
          .catch(async (err: unknown) => {
            await p.screenshot({ path: `${SHOTS}/a11y-failed.png` });
            throw new Error(`${who} ${hash}: ${String(err)}`);
          });
        await expect.poll(() => p.evaluate(() => document.body.getAttribute("zaui-theme"))).toBe(theme);
        await p.waitForTimeout(300);
        for (const v of await seriousViolations(p, m.s.url)) found.push(`${theme} ${hash}: ${v}`);
        if (hash === "/" || hash.startsWith("/can-bo/cau-hoi") || hash === "/gia-dinh") await p.screenshot({ path: `${SHOTS}/a11y-${theme}-${who.slice(-4)}-${hash.replace(/[^a-z0-9]+/gi, "_")}.png` });
        await p.close();
      }
    }
    // A family member's welcome after joining (one invite per theme).
    for (const theme of ["light", "dark"] as const) {
      const fam = await open(RESIDENT, "/gia-dinh");
      await fam.getByRole("button", { name: "Mời người nhà cùng đánh giá" }).click();
      const code = ((await fam.getByText(/^Mã mời: /).innerText()).match(/Mã mời: (\w+)/) ?? [])[1]!;
      await fam.close();
      const p = await open(`${NEWCOMER.slice(0, -1)}${theme === "light" ? 8 : 9}`, "/tham-gia");
      await p.emulateMedia({ colorScheme: theme });
      await p.reload();
      await p.getByLabel("Mã mời").fill(code);
      await p.getByRole("button", { name: "Tham gia hộ" }).click();
      await p.getByRole("button", { name: "Xem các việc của hộ" }).waitFor();
      for (const v of await seriousViolations(p, m.s.url)) found.push(`${theme} welcome: ${v}`);
      await p.close();
    }
    expect(found).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);
});
