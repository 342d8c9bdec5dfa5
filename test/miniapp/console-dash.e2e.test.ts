/**
 * Issue 14: the console's dashboards as an officer uses them, in Debian's Chromium at 1366×768 against
 * the sandbox bot: each criterion and each pillar (commune, then one village) with bars against the
 * target whose text is readable (≥ 12 px, nothing cut), "Tải Excel" saved by the browser and read back
 * with exceljs, equal to the table on screen in its order; households silent for 2, 4, 8 weeks on the
 * overview; a village's own page ("Cần thêm N hộ để đạt 80%"); a resident's question mapped to a guide
 * from the ticket's page (the assistant answers it at once) and the ticket closed; the overview at
 * 390×844. axe-core on every page. Screenshots: /tmp/shots-14d/.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { previousWeek, weekAt, type WeekId } from "../../bot/reports/iso-week";
import type { DashTable } from "../../shared/contracts/reports";
import { DEMO } from "../households/support";
import { api, PC, PHONE, until, useConsole } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, getComputedStyle: any, innerWidth: any;

const SHOTS = "/tmp/shots-14d";
const RESIDENT_OA = "8700000000000014002";
/** The sheet's header row and the rows under it, as the file holds them (percent cells as fractions). */
async function readSheet(file: string): Promise<{ title: string; headers: string[]; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  const buf = readFileSync(file);
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const headers: string[] = [];
  ws.getRow(5).eachCell({ includeEmpty: true }, (c) => void headers.push(String(c.value)));
  const rows: unknown[][] = [];
  for (let n = 6; n <= ws.rowCount; n++) rows.push(headers.map((_, i) => ws.getRow(n).getCell(i + 1).value ?? null));
  return { title: String(ws.getCell(1, 1).value), headers, rows };
}

/** Excel's value for a table's cell (percentages as fractions). */
const asExcel = (t: DashTable, cells: readonly unknown[]) => t.columns.map((c, i) => (c.kind === "percent" && typeof cells[i] === "number" ? Math.round((cells[i] as number) * 10) / 1000 : cells[i] === "" ? null : (cells[i] ?? null)));

describe("issue 14: the console's dashboards, their Excel, a ticket's question taught to the assistant", () => {
  const fx = useConsole({ shots: SHOTS });
  const { errors } = fx;
  let s: SandboxStack;
  const downloads = mkdtempSync(join(tmpdir(), "gds-console-dash-dl-"));
  beforeAll(async () => {
    s = fx.s;
    // Households in two villages, answered in part: figures to read.
    const cat = s.services.gds.catalogue.criteria.filter((c) => !c.relevance.flags);
    const weeksBack: WeekId[] = [];
    for (let w = previousWeek(weekAt(Date.now(), "Asia/Ho_Chi_Minh")), i = 0; i < 8; i++, w = previousWeek(w)) weeksBack.push(w);
    const heads = [
      [DEMO.headDongXuan, "thon-dong-xuan"],
      [DEMO.headHaTien, "thon-ha-tien"],
    ] as const;
    for (let i = 0; i < 8; i++) {
      const [head, village] = heads[i % 2]!;
      const session = s.services.gds.auth.issue(head).session;
      const h = await api(s, "POST", "/api/households", session, { villageId: village, label: `Hộ số ${i + 1}, xóm ${(i % 3) + 1}`, joinAsMember: false });
      expect(h.status).toBe(201);
      const changes = cat.slice(0, cat.length - (i % 4) * 2).map((c, j) => ({ criterionId: c.id, value: (i + j) % 5 === 0 ? "chua_dat" : "dat", idempotencyKey: `dash-e2e-${i}-${j}` }));
      expect((await api(s, "POST", `/api/households/${h.body.id}/answers`, session, { changes })).status).toBe(200);
      // The eight weeks before this one frozen as the households came: a trend of nine points.
      s.services.gds.snapshots.freeze(weeksBack[7 - i]!, "catch_up");
    }
  }, 240_000);
  afterAll(() => rmSync(downloads, { recursive: true, force: true }));

  const officer = () => s.services.gds.auth.issue(DEMO.officer).session;
  const loggedIn = (viewport = PC): Promise<Page> => fx.loggedIn(DEMO.officer, viewport, "console");

  /** Clicks "Tải Excel" of `testId`'s table; the saved file read back, next to the table the screen draws. */
  async function download(p: Page, button: string, name: string) {
    const [dl] = await Promise.all([p.waitForEvent("download"), p.getByTestId(button).click()]);
    expect(dl.suggestedFilename()).toMatch(/^gia-dinh-so-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = join(downloads, `${name}.xlsx`);
    await dl.saveAs(file);
    return readSheet(file);
  }

  /** The rows' ids in the order the screen shows them. */
  const shownIds = (p: Page, testId: string) => p.getByTestId(testId).locator("tbody tr").evaluateAll((trs: any[]) => trs.map((tr) => tr.getAttribute("data-row")));

  /** Every text of the chart at ≥ 12 px and inside its box (nothing cut). */
  async function readable(p: Page, testId: string): Promise<void> {
    const bad = await p.getByTestId(testId).evaluate((root: any) => {
      const out: string[] = [];
      const box = root.getBoundingClientRect();
      for (const el of root.querySelectorAll("text, span, figcaption")) {
        if (!el.textContent?.trim() || el.children.length > 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue; // not drawn at this width (display: none)
        // An SVG drawn at its own size (TrendChart): 1 unit is 1 CSS pixel.
        const scale = el.ownerSVGElement ? el.ownerSVGElement.getBoundingClientRect().width / el.ownerSVGElement.viewBox.baseVal.width : 1;
        if (size * scale < 12) out.push(`${el.textContent} at ${(size * scale).toFixed(1)} px`);
        if (r.left < box.left - 1 || r.right > box.right + 1) out.push(`${el.textContent} cut (${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(box.left)}–${Math.round(box.right)})`);
        if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.push(`${el.textContent} overflows`);
      }
      // No two texts of a drawing on top of each other (week labels, values, the target's words).
      const texts = [...root.querySelectorAll("svg text")].map((el: any) => ({ t: el.textContent, r: el.getBoundingClientRect() }));
      for (let i = 0; i < texts.length; i++)
        for (let j = i + 1; j < texts.length; j++) {
          const a = texts[i]!.r;
          const b = texts[j]!.r;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`“${texts[i]!.t}” over “${texts[j]!.t}”`);
        }
      return out;
    });
    expect(bad).toEqual([]);
  }

  it("Từng tiêu chí: bars against the target, readable; the Excel equals the table, also sorted and for one village", async () => {
    const p = await loggedIn();
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Từng tiêu chí" }).click();
    const table = p.getByTestId("criteria-table");
    await table.waitFor();
    await p.getByTestId("criteria-bars").waitFor();
    await readable(p, "criteria-bars");
    expect(await p.getByTestId("criteria-bars").getByRole("img").getAttribute("aria-label")).toMatch(/Mục tiêu 80%\.$/);
    await p.evaluate(() => document.body.scrollTo(0, 0));
    await p.screenshot({ path: `${SHOTS}/pc-criteria.png` });
    await p.getByTestId("criteria-bars").screenshot({ path: `${SHOTS}/pc-criteria-bars.png` });
    await table.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-criteria-table.png` });
    await fx.axe(p, "criteria");

    const json = (await api(s, "GET", "/api/reports/dash/criteria", officer())).body as DashTable;
    let x = await download(p, "excel-criteria", "criteria");
    expect(x.title).toContain("Từng tiêu chí");
    expect(x.headers).toEqual(json.columns.map((c) => c.header));
    expect(x.rows).toEqual(json.rows.map((r) => asExcel(json, r.cells)));
    expect(await shownIds(p, "criteria-table")).toEqual(json.rows.map((r) => r.id));

    // Sorted on screen by coverage, highest first: the file follows the screen's order.
    await table.getByRole("button", { name: "Tỉ lệ đạt" }).click();
    const order = await shownIds(p, "criteria-table");
    const sorted = (await api(s, "GET", "/api/reports/dash/criteria?sort=coverage&desc=1", officer())).body as DashTable;
    expect(order).toEqual(sorted.rows.map((r) => r.id));
    x = await download(p, "excel-criteria", "criteria-sorted");
    expect(x.rows).toEqual(sorted.rows.map((r) => asExcel(sorted, r.cells)));

    // One village.
    await p.getByTestId("village-picker").selectOption("thon-ha-tien");
    await p.getByRole("heading", { name: "Từng tiêu chí - Thôn Hạ Tiến" }).waitFor();
    const ht = (await api(s, "GET", "/api/reports/dash/criteria?village=thon-ha-tien", officer())).body as DashTable;
    await expect.poll(() => p.getByTestId("target-words").innerText()).toBe(ht.target!.words);
    expect(ht.target!.words).toMatch(/^Cần thêm \d+ hộ để đạt 80%$/);
    x = await download(p, "excel-criteria", "criteria-ha-tien");
    expect(x.title).toContain("Thôn Hạ Tiến");
    expect(x.rows).toEqual(ht.rows.map((r) => asExcel(ht, r.cells)));
    await p.screenshot({ path: `${SHOTS}/pc-criteria-village.png` });
    await p.close();
  });

  it("Từng trụ cột: the three pillars against the target, readable; the Excel equals the table", async () => {
    const p = await loggedIn();
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Từng trụ cột" }).click();
    await p.getByTestId("pillars-table").waitFor();
    await readable(p, "pillars-bars");
    expect(await p.getByTestId("pillars-table").locator("tbody th").allInnerTexts()).toEqual(["Chính quyền số", "Kinh tế số", "Xã hội số"]);
    await p.screenshot({ path: `${SHOTS}/pc-pillars.png` });
    await fx.axe(p, "pillars");
    const json = (await api(s, "GET", "/api/reports/dash/pillars", officer())).body as DashTable;
    const x = await download(p, "excel-pillars", "pillars");
    expect(x.headers).toEqual(json.columns.map((c) => c.header));
    expect(x.rows).toEqual(json.rows.map((r) => asExcel(json, r.cells)));
    await p.close();
  });

  it("Tổng quan: 'Cần thêm N hộ', villages and their Excel in the order shown, the trend's Excel, silent households for 2, 4, 8 weeks, a village's page", async () => {
    const p = await loggedIn();
    const villages = p.getByTestId("console-villages");
    await villages.waitFor();
    const commune = (await api(s, "GET", "/api/reports/dash/villages", officer())).body as DashTable;
    expect(await p.getByTestId("commune-target").innerText()).toBe(commune.target!.words);
    await readable(p, "trend-chart");
    // Sorted by the households still needed, most first: the file in that order.
    await villages.getByRole("button", { name: "Cần thêm để đạt 80%" }).click();
    const byNeeded = (await api(s, "GET", "/api/reports/dash/villages?sort=needed&desc=1", officer())).body as DashTable;
    expect(await shownIds(p, "console-villages")).toEqual(byNeeded.rows.map((r) => r.id));
    const x = await download(p, "excel-villages", "villages");
    expect(x.headers).toEqual(byNeeded.columns.map((c) => c.header));
    expect(x.rows).toEqual([...byNeeded.rows.map((r) => asExcel(byNeeded, r.cells)), asExcel(byNeeded, byNeeded.total!)]);

    const trend = (await api(s, "GET", "/api/reports/dash/trend?weeks=8", officer())).body as DashTable;
    expect(trend.rows).toHaveLength(9);
    expect(await p.getByTestId("trend-chart").getAttribute("aria-label")).toMatch(new RegExp(`^Tỉ lệ hộ đạt qua các tuần: ${trend.rows[0]!.cells[0]} `));
    const tx = await download(p, "excel-trend", "trend");
    expect(tx.rows).toEqual(trend.rows.map((r) => asExcel(trend, r.cells)));
    expect(tx.rows.map((r) => r[0]).every((w) => /^\d{1,2}\/\d{1,2}–\d{1,2}\/\d{1,2}$|^Tuần này$/.test(String(w)))).toBe(true);

    const silent = p.getByTestId("silent-table");
    for (const w of [2, 8, 4]) {
      await p.getByRole("button", { name: `${w} tuần`, exact: true }).click();
      await expect.poll(() => silent.locator("thead").innerText()).toContain(`Không trả lời ${w} tuần`);
      const json = (await api(s, "GET", `/api/reports/dash/silent?weeks=${w}`, officer())).body as DashTable;
      const sx = await download(p, "excel-silent", `silent-${w}`);
      expect(sx.headers).toEqual(json.columns.map((c) => c.header));
      expect(sx.rows).toEqual([...json.rows.map((r) => asExcel(json, r.cells)), asExcel(json, json.total!)]);
    }
    await p.evaluate(() => document.body.scrollTo(0, 0));
    await p.screenshot({ path: `${SHOTS}/pc-overview.png` });
    await p.locator("section", { has: villages }).screenshot({ path: `${SHOTS}/pc-overview-villages.png` });
    await p.locator("section", { has: silent }).screenshot({ path: `${SHOTS}/pc-overview-silent.png` });
    await fx.axe(p, "overview");

    await villages.getByRole("link", { name: "Thôn Hạ Tiến" }).click();
    await p.getByRole("heading", { name: "Thôn Hạ Tiến", level: 1 }).waitFor();
    const ht = (await api(s, "GET", "/api/reports/dash/trend?village=thon-ha-tien&weeks=8", officer())).body as DashTable;
    await expect.poll(() => p.getByTestId("target-words").innerText()).toBe(ht.target!.words);
    await readable(p, "trend-chart");
    expect(await p.getByTestId("now-words").innerText()).toMatch(/^Tuần này: \d+ hộ đạt trên \d+ hộ của thôn \([\d,]+%\); mục tiêu 80% là \d+ hộ\.$/);
    await p.screenshot({ path: `${SHOTS}/pc-village.png` });
    await fx.axe(p, "village");
    await p.close();
  });

  it("Báo cáo thứ Sáu: the completeness table fits 1366 px and its Excel equals it (the head's name in its own column)", async () => {
    const p = await loggedIn();
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Báo cáo thứ Sáu" }).click();
    const table = p.getByTestId("completeness-table");
    await table.waitFor();
    const fits = await table.evaluate((t: any) => t.parentElement.scrollWidth <= t.parentElement.clientWidth);
    expect(fits).toBe(true);
    await table.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-completeness.png` });
    await fx.axe(p, "completeness");
    const json = (await api(s, "GET", "/api/reports/dash/completeness?weeks=8", officer())).body as DashTable;
    const x = await download(p, "excel-completeness", "completeness");
    expect(x.headers).toEqual(json.columns.map((c) => c.header));
    expect(x.headers[1]).toBe("Trưởng thôn");
    expect(x.rows).toEqual([...json.rows.map((r) => asExcel(json, r.cells)), asExcel(json, json.total!)]);
    // On screen: the same headers (the head under the village's name), weeks as dates.
    const shown = (await table.locator("thead th").allInnerTexts()).map((h) => h.replace(/\s+/g, " ").replace(/[▲▼]/g, "").trim());
    expect(shown).toEqual(json.columns.filter((c) => !c.under).map((c) => c.header));
    await p.close();
  });

  it("Tổng quan at 390×844: one column, nothing wider than the phone, the trend's text readable", async () => {
    const p = await loggedIn(PHONE);
    await p.getByTestId("console-villages").waitFor();
    await p.getByTestId("silent-table").waitFor();
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await p.evaluate(() => document.body.scrollWidth <= innerWidth)).toBe(true);
    await readable(p, "trend-chart");
    // At 390 px the nine weeks' dates do not fit side by side: every other one is written, this week's always.
    const labels = await p.getByTestId("trend-chart").locator("text.axis").evaluateAll((els: any[]) => els.map((e) => e.textContent as string));
    expect(labels).toContain("Tuần này");
    expect(labels.filter((l) => /–/.test(l)).length).toBeLessThan(8);
    await p.screenshot({ path: `${SHOTS}/phone-overview.png` });
    await p.getByTestId("trend-chart").screenshot({ path: `${SHOTS}/phone-trend.png` });
    await p.locator("section", { has: p.getByTestId("console-villages") }).screenshot({ path: `${SHOTS}/phone-villages.png` });
    await p.locator("section", { has: p.getByTestId("silent-table") }).screenshot({ path: `${SHOTS}/phone-silent.png` });
    await fx.axe(p, "phone overview");
    await p.goto(`${s.url}/console/#/tieu-chi`);
    await p.getByTestId("criteria-bars").waitFor();
    await readable(p, "criteria-bars");
    await p.screenshot({ path: `${SHOTS}/phone-criteria.png` });
    await p.getByTestId("criteria-bars").scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/phone-criteria-bars.png` });
    await p.close();
  });

  it("a resident's question the assistant did not know: mapped to a guide from the ticket, answered so at once, the ticket closed with it", async () => {
    const question = "Xin hỏi xã mình có lớp dạy bơi cho trẻ em vào mùa hè không ạ";
    expect((await s.sim.sendText(RESIDENT_OA, question)).delivered).toBe(true);
    const ticket = await until("the question's ticket", async () => ((await api(s, "GET", "/api/officer/tickets", officer())).body.items as any[]).find((t) => t.question === question));
    const guides = (await api(s, "GET", "/api/officer/chat/guides", officer())).body as { id: string; title: string }[];
    const guide = guides[0]!;

    const p = await loggedIn();
    await p.goto(`${s.url}/console/#/yeu-cau/${ticket.id}`);
    const map = p.getByTestId("map-question");
    await map.waitFor();
    await map.getByLabel("Trả lời bằng hướng dẫn hoặc việc").selectOption({ label: guide.title });
    await p.screenshot({ path: `${SHOTS}/pc-ticket-map.png` });
    await fx.axe(p, "ticket map");
    await map.getByRole("button", { name: "Gắn câu hỏi" }).click();
    await expect.poll(() => p.getByTestId("map-done").innerText(), { timeout: 10_000 }).toBe(`Đã gắn với: ${guide.title}.`);
    // The assistant learned the words at once: the same question now opens the guide.
    const before = s.sim.inbox(RESIDENT_OA).length;
    expect((await s.sim.sendText(RESIDENT_OA, question)).delivered).toBe(true);
    await until("the guide in the resident's Zalo", () => s.sim.inbox(RESIDENT_OA).slice(before).some((m) => (m.text ?? "").includes(guide.title)) || undefined);
    expect(((await api(s, "GET", "/api/officer/chat/unmatched", officer())).body as any[]).some((q) => q.text === question && q.id === undefined)).toBe(false);

    // A question that now has its answer closes its ticket (the tickets' trigger); the page says so and offers "Mở lại".
    await p.getByRole("button", { name: "Mở lại" }).waitFor();
    expect(await map.innerText()).toContain("yêu cầu đã đóng");
    expect((await api(s, "GET", `/api/officer/tickets/${ticket.id}`, officer())).body).toMatchObject({ status: "done", mapping: { resolved: true, mappedTo: guide.id } });
    await p.screenshot({ path: `${SHOTS}/pc-ticket-mapped.png` });
    // Reopened and closed again by hand, as any ticket.
    await p.getByRole("button", { name: "Mở lại" }).click();
    await p.getByRole("button", { name: "Đóng yêu cầu (đã xong)" }).click();
    await p.getByRole("button", { name: "Mở lại" }).waitFor();
    expect((await api(s, "GET", `/api/officer/tickets/${ticket.id}`, officer())).body.status).toBe("done");
    await p.close();
  });

  it("no serious or critical accessibility violation, no page error", () => {
    expect(errors).toEqual([]);
  });
});
