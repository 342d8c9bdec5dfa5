/**
 * The mini app built for real (Vite 5 + zmp-vite-plugin), served by the bot in sandbox mode, driven
 * in Debian's Chromium at a phone viewport (390×844). The browser adapter plays Zalo through the
 * simulator; every number checked here comes from the real API and database. Screenshots of each
 * screen go to test-results/miniapp/ (not committed).
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser";
import { waitFor } from "../support/stack";
import { buildMiniApp } from "./build";
import { startSandboxStack, type SandboxStack } from "./stack";

const SHOTS = "test-results/miniapp";
const HEAD_DONG_XUAN = "7000000000000000101";
const OFFICER = "7000000000000000202";
const RESIDENT = "8900000000000000777";
const LABEL = "Hộ ông Trần Văn Ba, xóm 2";

describe("the mini app in Chromium against the sandbox bot", () => {
  let s: SandboxStack;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let resident: Page;
  let officer: Page;
  const errors: string[] = [];

  const open = async (as: string, hash: string): Promise<Page> => {
    const page = await browser.context.newPage();
    page.on("pageerror", (e) => errors.push(`${as}: ${e.message}`));
    await page.goto(`${s.url}/miniapp/?as=${as}#${hash}`);
    return page;
  };
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
  const db = () => s.services.database.sqlite;
  const householdId = () => (db().prepare("SELECT id FROM households WHERE label = ?").get(LABEL) as { id: number } | undefined)?.id;
  const answer = (criterionId: string) =>
    db().prepare("SELECT value, verified_at FROM household_answers WHERE household_id = ? AND criterion_id = ?").get(householdId(), criterionId) as
      | { value: string; verified_at: number | null }
      | undefined;
  const card = (page: Page, criterionId: string) => page.locator(`[data-criterion="${criterionId}"]`);
  const tick = (page: Page, criterionId: string, label: "Đạt" | "Chưa đạt") => card(page, criterionId).getByRole("button", { name: label, exact: true }).click();
  const officerRow = async () => {
    await officer.reload();
    const row = officer.locator('tr[data-village="thon-dong-xuan"]');
    await row.waitFor();
    const cells = await row.locator("td").allInnerTexts();
    return { registered: Number(cells[1]), achieved: cells[3] };
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    await buildMiniApp("miniapp/www");
    s = await startSandboxStack();
    browser = await launchBrowser({ width: 390, height: 844 });
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: s.url });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it("first run: a new household picks its village, names itself, sets its flags and lands on its checklist", async () => {
    officer = await open(OFFICER, "/can-bo");
    const before = await officerRow();
    expect(before.registered).toBe(0);

    resident = await open(RESIDENT, "/");
    await resident.getByRole("heading", { name: /^Chào / }).waitFor();
    // Searching without diacritics finds "Thôn Đông Xuân".
    await resident.getByLabel("Tìm thôn").fill("dong xuan");
    await expect.poll(() => resident.getByRole("listitem").allInnerTexts()).toEqual(["Thôn Đông Xuân"]);
    await shot(resident, "01-first-run-village");
    await resident.getByRole("listitem").first().click();
    await resident.getByLabel("Tên hộ").fill(LABEL);
    await resident.getByLabel("Tên của bác trong nhà (không bắt buộc)").fill("Anh Ba");
    await shot(resident, "02-first-run-label");
    await resident.getByRole("button", { name: "Tiếp" }).click();
    await resident.getByText("Hộ hoặc cơ sở sản xuất có sản phẩm để bán").click();
    await shot(resident, "03-first-run-flags");
    await resident.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await resident.getByTestId("progress").waitFor();

    const hid = householdId();
    expect(hid).toBeDefined();
    const h = s.services.gds.householdsRepo.get(hid!)!;
    expect(h.villageId).toBe("thon-dong-xuan");
    expect(h.flags).toEqual({ business: false, producer: true });
    // Producing, not a business: the producers' criterion shows, the business-only ones do not.
    await card(resident, "ban-hang-online").waitFor();
    expect(await card(resident, "hoa-don-dien-tu").count()).toBe(0);
    const applicable = h.tallies.all.applicable;
    await expect.poll(() => resident.getByTestId("progress").innerText()).toBe(`Đã đạt 0/${applicable} tiêu chí`);
    await shot(resident, "04-checklist");
    expect((await officerRow()).registered).toBe(1);
  });

  it("ticking three criteria shows progress at once, reaches the server, and the officer dashboard changes", async () => {
    const applicable = s.services.gds.householdsRepo.get(householdId()!)!.tallies.all.applicable;
    await tick(resident, "vneid-muc-2", "Đạt");
    await tick(resident, "nhom-zalo-to-cns", "Đạt");
    await tick(resident, "tai-khoan-ngan-hang", "Đạt");
    await expect.poll(() => resident.getByTestId("progress").innerText()).toBe(`Đã đạt 3/${applicable} tiêu chí`);
    await expect.poll(() => resident.getByText("Chờ gửi").count()).toBe(0);
    await resident.evaluate("document.body.scrollTo(0, 0)");
    await shot(resident, "05-three-ticked");
    expect(answer("vneid-muc-2")?.value).toBe("dat");
    expect(answer("tai-khoan-ngan-hang")?.value).toBe("dat");
    expect(s.services.gds.householdsRepo.get(householdId()!)!.tallies.all.met).toBe(3);
  });

  it("a guide opens inside the app, and “Hỏi trên Zalo” starts that guide in the OA chat", async () => {
    await card(resident, "dich-vu-cong").getByRole("button", { name: "Xem hướng dẫn" }).click();
    await resident.getByRole("heading", { name: "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia" }).waitFor();
    expect(await resident.locator(".steps li").count()).toBeGreaterThan(1);
    await shot(resident, "06-guide");
    const popup = resident.waitForEvent("popup");
    await resident.getByRole("button", { name: /Hỏi trên Zalo/ }).click();
    await (await popup).close();
    await waitFor(() => s.sim.inbox(RESIDENT).some((m) => m.text.includes("Cổng Dịch vụ công")), 10_000, "the guide in the OA chat");
    // "I managed it" marks the criterion and goes back to the checklist.
    await resident.getByRole("button", { name: "Tôi đã làm được: đánh dấu “Đạt”" }).click();
    await resident.getByTestId("progress").waitFor();
    await expect.poll(() => answer("dich-vu-cong")?.value).toBe("dat");
  });

  it("an answer made offline waits with its key, says so, and is counted once after reconnecting", async () => {
    const hid = householdId()!;
    await browser.context.setOffline(true);
    await tick(resident, "quan-tam-oa", "Chưa đạt");
    await resident.getByText("Chưa có mạng: 1 câu trả lời đang chờ gửi").waitFor();
    await card(resident, "quan-tam-oa").getByText("Chờ gửi").waitFor();
    await shot(resident, "07-offline-waiting");
    const queued = JSON.parse((await resident.evaluate(`localStorage.getItem("gds.queue.v1.sb-${RESIDENT}")`)) as string) as { key: string; criterionId: string }[];
    expect(queued.map((q) => q.criterionId)).toEqual(["quan-tam-oa"]);
    expect(answer("quan-tam-oa")).toBeUndefined();

    await browser.context.setOffline(false);
    await resident.getByText("Đã gửi xong").waitFor({ timeout: 15_000 });
    await shot(resident, "08-back-online");
    expect(answer("quan-tam-oa")?.value).toBe("chua_dat");
    const rows = db().prepare("SELECT count(*) AS n FROM answer_history WHERE household_id = ? AND idempotency_key = ?").get(hid, queued[0]!.key) as { n: number };
    expect(rows.n).toBe(1);
  });

  it("a response lost on the way back is retried with the same key and counted once", async () => {
    const hid = householdId()!;
    let dropped = 0;
    await resident.route("**/api/households/*/answers", async (route) => {
      if (dropped === 0) {
        dropped++;
        await route.fetch(); // the server takes it...
        return route.abort("connectionreset"); // ...the phone never hears back
      }
      return route.continue();
    });
    await tick(resident, "quan-tam-oa", "Đạt");
    await expect.poll(() => answer("quan-tam-oa")?.value).toBe("dat");
    await expect.poll(() => resident.getByText("Chờ gửi").count(), { timeout: 15_000 }).toBe(0);
    await resident.unroute("**/api/households/*/answers");
    expect(dropped).toBe(1);
    const keys = db().prepare("SELECT idempotency_key AS k, count(*) AS n FROM answer_history WHERE household_id = ? AND criterion_id = 'quan-tam-oa' GROUP BY idempotency_key").all(hid) as { k: string; n: number }[];
    expect(keys.map((k) => k.n)).toEqual([1, 1]); // chưa đạt (offline), then đạt: one row each
    const check = await s.services.gds.reports.checkAggregates(s.services.gds.auth.issue("2073657895127295082").principal, false);
    expect(check.differences).toBe(0);
  });

  it("ticking everything earns the “Gia đình số” badge and moves the village's figure on the officer's dashboard", async () => {
    const before = await officerRow();
    const ids = await resident.locator("[data-criterion]").evaluateAll((els) => els.map((e) => e.getAttribute("data-criterion")!));
    for (const id of ids) {
      const pressed = await card(resident, id).getByRole("button", { name: "Đạt", exact: true }).getAttribute("aria-pressed");
      if (pressed !== "true") await tick(resident, id, "Đạt");
    }
    await resident.getByTestId("badge").waitFor();
    await expect.poll(() => resident.getByText("Chờ gửi").count()).toBe(0);
    await resident.evaluate("document.body.scrollTo(0, 0)");
    await shot(resident, "09-badge");
    const after = await officerRow();
    expect(before.achieved).toBe("0%");
    expect(after.achieved).not.toBe("0%");
    const v = s.services.gds.reports.villageDashboard(s.services.gds.auth.issue("2073657895127295082").principal, "thon-dong-xuan");
    expect(after.achieved).toBe(`${String(v.fullyMetPercent).replace(".", ",")}%`);
    expect(v.fullyMet).toBe(1);
  });

  it("a family member joins with the invite code and sees the same household", async () => {
    await resident.getByRole("button", { name: "Gia đình" }).click();
    await resident.getByRole("button", { name: "Mời người nhà cùng đánh giá" }).click();
    const code = ((await resident.getByText(/^Mã mời: /).innerText()).match(/Mã mời: (\w+)/) ?? [])[1]!;
    await shot(resident, "10-family-invite");
    const member = await open("8900000000000000778", "/");
    await member.getByRole("button", { name: /^Tham gia hộ/ }).click();
    await member.getByLabel("Mã mời").fill(code.toLowerCase());
    await member.getByLabel("Tên của bác trong nhà (không bắt buộc)").fill("Bà Tư");
    await member.getByRole("button", { name: "Tham gia hộ" }).click();
    // A welcome that names the household joined, then one button to its checklist.
    await member.getByText(`Bác đã vào hộ “${LABEL}”`).waitFor();
    await shot(member, "10b-family-welcome");
    await member.getByRole("button", { name: "Xem các việc của hộ" }).click();
    await member.getByTestId("badge").waitFor();
    await expect.poll(() => member.getByRole("heading", { level: 1 }).innerText(), { timeout: 10_000 }).toBe(LABEL);
    expect(s.services.gds.householdsRepo.members(householdId()!).map((m) => m.displayName)).toContain("Bà Tư");
    await member.close();
    await resident.getByRole("button", { name: "Nhà tôi" }).click();
  });

  it("the village head sees the household, verifies a criterion, shares a reminder and sends the Friday report", async () => {
    const head = await open(HEAD_DONG_XUAN, "/truong-thon");
    await head.getByRole("heading", { name: "Báo cáo thứ Sáu" }).waitFor();
    await head.getByRole("button", { name: "Tất cả hộ" }).click();
    await head.getByRole("button", { name: new RegExp(LABEL) }).waitFor();
    await shot(head, "11-village-head");

    await head.getByRole("button", { name: "Nhắc bà con trong nhóm Zalo của thôn" }).click();
    await head.getByText("Đã chép lời nhắc").waitFor();
    expect(await head.evaluate("navigator.clipboard.readText()")).toContain("Thôn Đông Xuân: đã có 1/");

    await head.getByRole("button", { name: new RegExp(LABEL) }).click();
    await card(head, "vneid-muc-2").getByRole("button", { name: "Xác nhận hộ đã đạt" }).click();
    await card(head, "vneid-muc-2").getByText("Đã xác nhận").waitFor();
    await shot(head, "12-head-verified");
    expect(answer("vneid-muc-2")?.verified_at).not.toBeNull();

    await head.getByRole("button", { name: "Quay lại" }).click();
    await head.getByRole("button", { name: "Làm báo cáo tuần này" }).click();
    const fill = async (name: string, v: string) => head.locator(`[name="${name}"]`).fill(v);
    await fill("smartphoneUsers", "180");
    await fill("installed", "120");
    await fill("activated", "95");
    await fill("regularUsers", "60");
    await fill("difficulties", "Nhiều cụ cao tuổi chưa có điện thoại thông minh.");
    await fill("proposals", "Xin thêm một buổi hướng dẫn VNeID tại nhà văn hóa.");
    await shot(head, "13-friday-report");
    await head.getByRole("button", { name: "Gửi báo cáo" }).click();
    await head.getByTestId("report-state").waitFor();
    await expect.poll(() => head.getByTestId("report-state").innerText(), { timeout: 10_000 }).toMatch(/^Đã nộp (đúng|trễ) hạn$/);
    await shot(head, "14-report-sent");
    const report = db().prepare("SELECT smartphone_users, installed, activated, regular_users FROM village_reports WHERE village_id = 'thon-dong-xuan'").get();
    expect(report).toEqual({ smartphone_users: 180, installed: 120, activated: 95, regular_users: 60 });

    // The household sees the village head's check.
    await resident.goto(`${s.url}/miniapp/?as=${RESIDENT}#/`);
    await resident.reload();
    await card(resident, "vneid-muc-2").getByText("Trưởng thôn đã xác nhận").waitFor();
    await head.close();
  });

  it("the officer drills into a village, sees the Friday reports and downloads the week's Excel", async () => {
    await officer.reload();
    await officer.getByRole("heading", { name: "Xu hướng theo tuần" }).waitFor();
    await shot(officer, "15-officer-dashboard");
    const download = officer.waitForEvent("download");
    await officer.getByRole("button", { name: "Tải báo cáo Excel tuần này" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);

    await officer.getByRole("button", { name: "Báo cáo thứ Sáu của các thôn" }).click();
    await officer.locator('[data-village="thon-dong-xuan"]').getByText(/Đúng hạn|Trễ hạn/).waitFor();
    await shot(officer, "16-officer-reports");
    await officer.getByRole("button", { name: "Quay lại" }).click();

    await officer.locator('tr[data-village="thon-dong-xuan"] a').click();
    await officer.getByRole("button", { name: "Tất cả hộ" }).click();
    await officer.getByRole("button", { name: new RegExp(LABEL) }).waitFor();
    await shot(officer, "17-officer-village");
    await officer.getByRole("button", { name: "Quay lại" }).click();
  });

  it("the officer maps a question the bot did not understand to a guide, and sees how guides are used", async () => {
    const question = "cho hỏi tiêm phòng cho bò ở đâu";
    await s.sim.sendText(RESIDENT, question);
    await waitFor(() => s.services.chat.questions.open(50).some((q) => q.text === question), 10_000, "the unmatched question");
    await officer.getByRole("button", { name: "Câu hỏi chưa có hướng dẫn" }).click();
    const item = officer.locator("[data-question]").filter({ hasText: question });
    await item.getByRole("combobox").selectOption("tong-dai-phan-anh");
    await shot(officer, "18-officer-questions");
    await item.getByRole("button", { name: "Gắn hướng dẫn" }).click();
    await expect.poll(() => item.count()).toBe(0);
    expect(s.services.chat.questions.open(50).some((q) => q.text === question)).toBe(false);

    await officer.getByRole("button", { name: "Quay lại" }).click();
    await officer.getByRole("button", { name: "Người dân dùng hướng dẫn thế nào" }).click();
    await expect.poll(() => officer.locator('[data-guide="dich-vu-cong"] [data-testid="funnel-counts"] li').first().innerText(), { timeout: 10_000 }).toMatch(/^Lượt mở\s+1$/);
    await shot(officer, "19-officer-funnel");
  });

  it("the officer composes a broadcast to a village's groups, sees the counts per channel, sends it and follows the report", async () => {
    const page = await open(OFFICER, "/can-bo/thong-bao");
    await page.getByLabel("Tiêu đề").fill("Đội lưu động đến thôn sáng thứ Bảy");
    await page.getByLabel("Nội dung").fill("Sáng thứ Bảy đội lưu động của xã đến nhà văn hoá thôn hỗ trợ bà con kích hoạt VNeID mức 2.");
    await page.locator('select[name="audience"]').selectOption("village_groups");
    await page.locator('select[name="villageId"]').selectOption("thon-dong-xuan");
    await page.getByRole("button", { name: "Xem trước" }).click();
    const preview = page.getByTestId("broadcast-preview");
    await preview.waitFor();
    const expected = s.services.broadcasts.service.previewAudience({ kind: "village_groups", villageIds: ["thon-dong-xuan"] }).counts;
    for (const [channel, label] of [["group", "nhóm Zalo của thôn"], ["cs", "Nhắn riêng"], ["promotion", "Tin thông báo"], ["relay", "Nhờ trưởng thôn chuyển"], ["none", "Không gửi được"]] as const) {
      const row = preview.locator(`[data-channel="${channel}"]`);
      expect(await row.innerText()).toContain(label);
      expect(await row.innerText()).not.toMatch(/\bOA\b|tư vấn|truyền thông/);
      expect(await row.locator("b").innerText()).toBe(String(expected[channel]));
    }
    await shot(page, "21-officer-broadcast-preview");
    await page.getByRole("button", { name: "Gửi ngay" }).click();
    const id = (db().prepare("SELECT id FROM broadcasts WHERE title = ?").get("Đội lưu động đến thôn sáng thứ Bảy") as { id: number }).id;
    const report = page.getByTestId(`broadcast-report-${id}`);
    await report.waitFor();
    const total = Object.values(expected).reduce((a, b) => a + b, 0);
    await expect.poll(() => report.innerText(), { timeout: 10_000 }).toContain(`Tổng ${total} người nhận`);
    for (const label of ["Đã gửi", "Đã nhận", "Đã xem", "Bị từ chối", "Nhờ trưởng thôn chuyển"]) expect(await report.innerText()).toContain(label);
    await expect.poll(() => db().prepare("SELECT status FROM broadcasts WHERE id = ?").get(id), { timeout: 10_000 }).toEqual({ status: "queued" });
    await shot(page, "22-officer-broadcast-report");
    await page.close();
  });

  it("follows Zalo's dark theme", async () => {
    const page = await open(RESIDENT, "/thon");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.reload();
    await page.getByTestId("village-percent").waitFor();
    // The village's standing among the commune's villages, from the same aggregates as the officer's.
    const standings = s.services.gds.reports.villageStandings();
    const ours = standings.items.find((v) => v.villageId === "thon-dong-xuan")!;
    const rankText = await page.getByTestId("village-rank").innerText();
    expect(rankText).toContain(`Thôn mình đứng thứ ${ours.rank}/${standings.items.length}`);
    expect(rankText).toContain(`${String(ours.fullyMetPercent).replace(".", ",")}%`);
    expect(rankText).toContain(ours.reached ? "đã đạt mục tiêu" : `cần thêm ${ours.needed} hộ`);
    await expect.poll(() => page.evaluate("document.body.getAttribute('zaui-theme')")).toBe("dark");
    await shot(page, "20-village-dark");
    await page.close();
    expect(errors).toEqual([]);
  });
});
