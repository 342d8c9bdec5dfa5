/**
 * Issue 15, criteria variants, as an officer does it, in Debian's Chromium against the sandbox bot: at
 * 1366×768 the admin opens "Bộ tiêu chí", leaves out one criterion, adds an optional one of the
 * library, gives one the province's wording (the original shown beside it), is told a too-short name
 * of the commune's own criterion next to the field, previews (the changes in words, how many
 * households are recounted, the checklist as a household sees it), is refused once because someone
 * saved first (409), previews again and adopts; the page follows the recount to its end. Then the
 * dashboard's coverage table has the new rows, and the resident's mini app, open all along, shows the
 * new set (the removed one gone, the new words, the added one unanswered) as soon as its household
 * view comes back from the server. A village head and a plain officer get 403 from the API and the
 * officer's console has no such page. 390 px too; axe-core on every state. Screenshots: /tmp/shots-15k/.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { PC, PHONE, api, until, useConsole } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

const SHOTS = "/tmp/shots-15k";
const RESIDENT = "8900000000000015201";
const LABEL = "Hộ bà Phạm Thị Tiêu, xóm 4";
const OUT = "doc-tai-lieu-mang";
const ADD = "binh-dan-hoc-vu-so";
const REWORD = "ket-noi-internet";
const NEW_LABEL = "Nhà có wifi hoặc 4G dùng được hằng ngày";
const NEW_HELP = "Điện thoại hoặc máy tính trong nhà vào được mạng mỗi ngày, bằng wifi hay 4G đều được.";
const CONFIRM = (n: number) => `Tiến độ của ${n} hộ sẽ được tính lại theo bộ tiêu chí mới. Các tuần đã chốt giữ nguyên số liệu cũ.`;

interface Lib {
  id: string;
  label: string;
  help: string;
  origin: "catalogue" | "optional";
}

describe("issue 15: the admin adopts the province's criteria variant in the console", () => {
  const fx = useConsole({ shots: SHOTS, miniApp: true, timeout: 240_000 });
  const { errors } = fx;
  let s: SandboxStack;
  let library: Lib[] = [];
  let resident: Page;
  beforeAll(async () => {
    s = fx.s;
    const v = await api(s, "GET", "/api/admin/criteria", session(DEMO.admin));
    expect(v.status).toBe(200);
    library = v.body.library;
  });

  const session = (who: string) => s.services.gds.auth.issue(who).session;
  const lib = (id: string) => library.find((l) => l.id === id)!;
  const db = () => s.services.database.sqlite;
  const householdId = () => (db().prepare("SELECT id FROM households WHERE label = ?").get(LABEL) as { id: number } | undefined)?.id;
  const activeHouseholds = () => (db().prepare("SELECT count(*) AS n FROM households WHERE status = 'active'").get() as { n: number }).n;
  const noSideways = async (p: Page, width: number) => expect(await p.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);

  it("a resident's checklist shows the commune's set as it is now", async () => {
    resident = await fx.page("resident", `/miniapp/?as=${RESIDENT}#/`, PHONE);
    await resident.getByLabel("Tìm thôn").fill("dong xuan");
    await resident.getByRole("listitem").first().click();
    await resident.getByLabel("Tên hộ").fill(LABEL);
    await resident.getByRole("button", { name: "Tiếp" }).click();
    await resident.getByRole("button", { name: "Bắt đầu đánh giá" }).click();
    await resident.getByTestId("progress").waitFor();
    await expect.poll(() => householdId(), { timeout: 20_000 }).toBeDefined();
    await resident.locator(`[data-criterion="${OUT}"]`).waitFor();
    expect(await resident.locator(`[data-criterion="${ADD}"]`).count()).toBe(0);
    expect(await resident.locator(`[data-criterion="${REWORD}"] .label`).innerText()).toBe(lib(REWORD).label);
  });

  it("a village head and a plain officer get 403; the officer's console lists no such page", async () => {
    for (const who of [DEMO.headDongXuan, DEMO.officer]) {
      expect((await api(s, "GET", "/api/admin/criteria", session(who))).status).toBe(403);
      expect((await api(s, "POST", "/api/admin/criteria/preview", session(who), { choice: {} })).status).toBe(403);
      expect((await api(s, "POST", "/api/admin/criteria", session(who), { baseVersion: 1, choice: { exclude: [OUT] } })).status).toBe(403);
    }
    expect((await api(s, "GET", "/api/admin/criteria")).status).toBe(401);
    const p = await fx.loggedIn(DEMO.officer, PC, "officer");
    const nav = p.getByRole("navigation", { name: "Các trang" });
    await nav.getByRole("link", { name: "Từng tiêu chí" }).waitFor();
    expect(await nav.getByRole("link", { name: "Bộ tiêu chí" }).count()).toBe(0);
    await p.goto(`${s.url}/console/#/bo-tieu-chi`);
    await p.getByRole("heading", { name: /^Tổng quan/, level: 1 }).waitFor();
    expect(await p.getByRole("heading", { name: "Bộ tiêu chí", level: 1 }).count()).toBe(0);
    await p.close();
  });

  it("1366×768: leave one out, add one, the province's wording, preview, a 409, adopt; the recount ends; dashboard and mini app follow", async () => {
    const p = await fx.loggedIn(DEMO.admin, PC, "admin");
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Bộ tiêu chí" }).click();
    await p.getByRole("heading", { name: "Bộ tiêu chí", level: 1 }).waitFor();
    const now = p.getByTestId("criteria-now");
    await now.getByText(/tiêu chí, bộ tiêu chí dùng từ \d{2}\/\d{2}\/\d{4}\./).waitFor();
    const row = (id: string) => p.locator(`li[data-criterion="${id}"]`);
    await row(OUT).waitFor();
    expect(await row(OUT).getAttribute("data-in-use")).toBe("yes");
    expect(await row(ADD).getAttribute("data-in-use")).toBe("no");
    await noSideways(p, PC.width);
    await p.screenshot({ path: `${SHOTS}/pc-criteria.png` });
    await fx.axe(p, "criteria page");

    // Leave one out, add one of the library.
    await row(OUT).getByRole("button", { name: /^Không dùng: / }).click();
    await row(OUT).getByText("Sẽ bỏ khi áp dụng").waitFor();
    expect(await row(OUT).getAttribute("data-in-use")).toBe("no");
    await row(ADD).getByRole("button", { name: /^Thêm vào: / }).click();
    await row(ADD).getByText("Sẽ thêm khi áp dụng").waitFor();
    expect(await row(ADD).getAttribute("data-in-use")).toBe("yes");

    // The province's wording: too short first (told next to the field), then right; the original stays shown.
    await row(REWORD).getByRole("button", { name: /^Sửa cách ghi: / }).click();
    const editor = row(REWORD).getByRole("form");
    await editor.getByText(lib(REWORD).label, { exact: true }).waitFor(); // the original beside the fields
    await editor.getByLabel("Tên tiêu chí (cách ghi của tỉnh)").fill("Wifi");
    await editor.getByRole("button", { name: "Dùng cách ghi này" }).click();
    await editor.getByRole("alert").getByText("Tên tiêu chí cần ít nhất 5 ký tự.").waitFor();
    expect(await editor.getByLabel("Tên tiêu chí (cách ghi của tỉnh)").getAttribute("aria-invalid")).toBe("true");
    await p.screenshot({ path: `${SHOTS}/pc-criteria-wording-error.png` });
    await editor.getByLabel("Tên tiêu chí (cách ghi của tỉnh)").fill(NEW_LABEL);
    await editor.getByLabel("Giải thích: thế nào là đạt").fill(NEW_HELP);
    await editor.getByRole("button", { name: "Dùng cách ghi này" }).click();
    await row(REWORD).locator(".cr-label").getByText(NEW_LABEL).waitFor();
    expect(await row(REWORD).getByTestId("criteria-original").innerText()).toContain(lib(REWORD).label);
    await row(REWORD).getByText("Cách ghi của tỉnh", { exact: true }).waitFor();

    // The commune's own criterion: a wrong form is told field by field, nothing added.
    const form = p.getByTestId("criteria-extra-form");
    await form.getByLabel("Tên tiêu chí").fill("Lớp");
    await form.getByRole("button", { name: "Thêm vào bộ tiêu chí" }).click();
    await form.locator("#cr-x-label-err").getByText("Tên tiêu chí cần ít nhất 5 ký tự.").waitFor();
    await form.locator("#cr-x-pillar-err").waitFor();
    await form.locator("#cr-x-help-err").waitFor();
    expect(await form.getByLabel("Mã tiêu chí").inputValue()).toBe("lop"); // suggested from the name
    await form.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-criteria-extra-errors.png` });
    await fx.axe(p, "criteria form errors");
    await form.getByLabel("Tên tiêu chí").fill("");
    expect(await form.locator(".gf-err").count()).toBe(0); // a form emptied again is marked wrong nowhere
    await p.getByTestId("criteria-changes").getByText("3 tiêu chí có thay đổi chưa áp dụng.").waitFor();

    // Preview: the changes in words, the households recounted, the checklist as a household sees it.
    await p.getByRole("button", { name: "Xem trước", exact: true }).click();
    const preview = p.getByTestId("criteria-preview");
    await preview.waitFor();
    const summary = await preview.getByTestId("criteria-summary").locator("li").allInnerTexts();
    expect(summary).toEqual(
      expect.arrayContaining([`Bỏ tiêu chí “${lib(OUT).label}”.`, `Thêm tiêu chí “${lib(ADD).label}”.`, `Đổi tên “${lib(REWORD).label}” thành “${NEW_LABEL}”.`]),
    );
    const households = activeHouseholds();
    expect(households).toBeGreaterThan(0);
    expect(await preview.getByTestId("criteria-households").innerText()).toBe(`Tiến độ của ${households} hộ sẽ được tính lại theo bộ tiêu chí mới.`);
    const checklist = preview.getByTestId("criteria-checklist");
    expect(await checklist.locator(`[data-criterion="${OUT}"]`).count()).toBe(0);
    await checklist.locator(`[data-criterion="${ADD}"]`).waitFor();
    expect(await checklist.locator(`[data-criterion="${REWORD}"] .label`).innerText()).toBe(NEW_LABEL);
    await preview.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-criteria-preview.png` });
    await fx.axe(p, "criteria preview");

    // Someone saves first (another admin's wording, counts unchanged): "Áp dụng" is refused with 409, in words.
    const other = library.find((l) => l.id !== REWORD && l.id !== OUT && l.origin === "catalogue")!;
    const cur = (await api(s, "GET", "/api/admin/criteria", session(DEMO.admin))).body;
    const theirs = await api(s, "POST", "/api/admin/criteria", session(DEMO.admin), {
      baseVersion: cur.version,
      choice: { ...cur.choice, relabel: { [other.id]: { help: "Cách giải thích khác do một quản trị viên khác vừa lưu." } } },
    });
    expect(theirs.status).toBeLessThan(300);
    const dialogs: string[] = [];
    p.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.accept();
    });
    await preview.getByRole("button", { name: "Áp dụng", exact: true }).click();
    const problem = p.getByTestId("criteria-problem");
    await problem.waitFor();
    expect(await problem.innerText()).not.toContain("sửa lại lần nữa"); // the edits are kept: not asked to redo them
    expect(await problem.innerText()).toMatch(/^Có người khác vừa lưu.* Các thay đổi của bác trên trang này vẫn còn: bác bấm “Xem trước” để xem lại rồi áp dụng\.$/);
    expect(dialogs).toEqual([CONFIRM(households)]);
    await p.getByTestId("criteria-bar").scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-criteria-409.png` });
    expect(await row(OUT).getAttribute("data-in-use")).toBe("no"); // the officer's changes are still there

    // Preview again (the other admin's words would go back: said in the summary), adopt, follow the recount.
    await p.getByRole("button", { name: "Xem trước", exact: true }).click();
    await preview.waitFor();
    expect(await preview.getByTestId("criteria-summary").locator("li").allInnerTexts()).toEqual(expect.arrayContaining([`Sửa phần giải thích hoặc đối tượng áp dụng của “${other.label}”.`]));
    await preview.getByRole("button", { name: "Áp dụng", exact: true }).click();
    const result = p.getByTestId("criteria-result");
    await result.waitFor({ timeout: 30_000 });
    expect(await result.innerText()).toBe(`Đã áp dụng bộ tiêu chí mới: tiến độ của ${households} hộ đã được tính lại. Ứng dụng của các hộ hiện bộ tiêu chí mới từ lần mở tới.`);
    expect(dialogs).toEqual([CONFIRM(households), CONFIRM(households)]);
    expect(await p.getByTestId("criteria-recount").count()).toBe(0);
    expect(await p.getByTestId("criteria-changes").innerText()).toBe("Chưa có thay đổi nào.");
    expect(await row(OUT).getAttribute("data-in-use")).toBe("no");
    expect(await row(ADD).getAttribute("data-in-use")).toBe("yes");
    const history = p.getByTestId("criteria-history");
    await expect.poll(() => history.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
    expect(await history.locator("tbody tr").first().innerText()).toMatch(/^\d{2}:\d{2},? \d{2}\/\d{2}\/\d{4}\s+\d+ tiêu chí\s+Đang dùng$/);
    // No fingerprint for the officer to read, anywhere on the page.
    const key = (await api(s, "GET", "/api/admin/criteria", session(DEMO.admin))).body.active.key as string;
    expect(await p.content()).not.toContain(key.split("#").pop()!);
    await now.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-criteria-adopted.png` });
    await history.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-criteria-history.png` });
    await fx.axe(p, "criteria adopted");

    // The dashboard's coverage table: the new rows.
    await p.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Từng tiêu chí" }).click();
    const table = p.getByTestId("criteria-table");
    await table.locator(`tr[data-row="${ADD}"]`).waitFor();
    expect(await table.locator(`tr[data-row="${OUT}"]`).count()).toBe(0);
    expect(await table.locator(`tr[data-row="${REWORD}"]`).innerText()).toContain(NEW_LABEL);
    await p.screenshot({ path: `${SHOTS}/pc-dashboard-criteria.png` });
    await p.close();

    // The resident's app, open since before: their next answer brings the household back from the server
    // with the new set, and the checklist follows it (new words and explanation, the removed one gone, the new one unanswered).
    await resident.locator('[data-criterion="vneid-muc-2"]').getByRole("button", { name: "Đạt", exact: true }).click();
    const reword = resident.locator(`[data-criterion="${REWORD}"]`);
    await until("the new wording in the mini app", async () => ((await reword.locator(".label").innerText()) === NEW_LABEL ? true : undefined), 20_000);
    await until("the new explanation in the mini app", async () => ((await reword.locator("details p").textContent()) === NEW_HELP ? true : undefined), 20_000);
    expect(await resident.locator(`[data-criterion="${OUT}"]`).count()).toBe(0);
    const added = resident.locator(`[data-criterion="${ADD}"]`);
    await added.waitFor();
    expect(await added.getAttribute("class")).toContain("unanswered");
    expect(await added.locator("details p").textContent()).toBe(lib(ADD).help);
    await added.scrollIntoViewIfNeeded();
    await resident.screenshot({ path: `${SHOTS}/phone-checklist-after.png` });
    await fx.axe(resident, "mini app after");
    await resident.close();
  });

  it("390 px: the page reads on a phone, nothing scrolls sideways", async () => {
    const p = await fx.loggedIn(DEMO.admin, PHONE, "admin phone");
    await p.goto(`${s.url}/console/#/bo-tieu-chi`);
    await p.getByRole("heading", { name: "Bộ tiêu chí", level: 1 }).waitFor();
    await p.locator(`li[data-criterion="${REWORD}"]`).waitFor();
    await noSideways(p, PHONE.width);
    await p.screenshot({ path: `${SHOTS}/phone-criteria.png` });
    await p.locator(`li[data-criterion="${REWORD}"]`).scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/phone-criteria-row.png` });
    // Words the bot could not fill ({{…}}): told at the field before anything is sent.
    const first = p.locator("li[data-criterion]").first();
    await first.getByRole("button", { name: /^Sửa cách ghi: / }).click();
    await first.getByLabel("Tên tiêu chí (cách ghi của tỉnh)").fill("Có tài khoản VNeID của {{ten xa}}");
    await first.getByRole("button", { name: "Dùng cách ghi này" }).click();
    await first.getByRole("alert").getByText(/^Chỗ “\{\{ten xa\}\}” không dùng được\. Chỉ dùng \{\{commune\.name\}\}/).waitFor();
    await first.getByRole("button", { name: "Đóng" }).click();
    // Everything left out: the bot refuses the empty set (400), said under the buttons, no preview.
    for (;;) {
      const b = p.locator("li[data-criterion]").getByRole("button", { name: /^(Không dùng|Bỏ ra|Bỏ tiêu chí này): / });
      if ((await b.count()) === 0) break;
      await b.first().click();
    }
    await p.getByRole("button", { name: "Xem trước", exact: true }).click();
    await p.getByTestId("criteria-loose-issues").getByText("Bộ tiêu chí không được để trống: hãy giữ ít nhất một tiêu chí.").waitFor();
    expect(await p.getByTestId("criteria-preview").count()).toBe(0);
    await p.getByTestId("criteria-bar").scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/phone-criteria-400.png` });
    await p.getByRole("button", { name: "Bỏ các thay đổi" }).click();
    expect(await p.getByTestId("criteria-loose-issues").count()).toBe(0);
    expect(await p.getByTestId("criteria-changes").innerText()).toBe("Chưa có thay đổi nào.");
    await p.locator(`li[data-criterion="${OUT}"]`).getByRole("button", { name: /^Dùng lại: / }).click();
    // The commune's own criterion: only for business households, "Không áp dụng" allowed with its reason.
    const form = p.getByTestId("criteria-extra-form");
    // Nothing typed: told at the name, not at the code the page makes from it (folded away, unasked).
    await form.getByRole("button", { name: "Thêm vào bộ tiêu chí" }).click();
    await form.locator("#cr-x-label-err").waitFor();
    expect(await form.locator("#cr-x-id-err").count()).toBe(0);
    expect(await form.locator("details.cr-code").getAttribute("open")).toBeNull();
    // A name whose suggested code is a library criterion's: the code suggested is made unique, nothing to fix.
    await form.getByLabel("Tên tiêu chí").fill("Kết nối Internet");
    expect(await form.getByLabel("Mã tiêu chí").inputValue()).toBe(`${REWORD}-2`);
    await form.getByLabel("Tên tiêu chí").fill("Cửa hàng có mã QR để khách chuyển khoản");
    expect(await form.getByLabel("Mã tiêu chí").inputValue()).toBe("cua-hang-co-ma-qr-de-khach-chuyen-khoan");
    await form.getByLabel("Nhóm").selectOption("kinh-te-so");
    await form.getByLabel("Giải thích: thế nào là đạt").fill("Quầy hàng có mã QR của ngân hàng để khách chuyển khoản.");
    await form.getByLabel("Chỉ hộ kinh doanh hoặc sản xuất").check();
    await form.getByRole("button", { name: "Thêm vào bộ tiêu chí" }).click();
    await form.getByRole("alert").getByText("Chọn ít nhất một loại hộ: hộ kinh doanh hoặc hộ sản xuất.").waitFor();
    await form.getByLabel("Hộ kinh doanh, doanh nghiệp, nhà trọ, khách sạn").check();
    await form.getByLabel("Hộ được chọn “Không áp dụng”").check();
    await form.getByLabel("Khi nào được chọn “Không áp dụng”").fill("hộ chỉ bán hàng qua người quen, không có quầy");
    await form.getByRole("button", { name: "Thêm vào bộ tiêu chí" }).click();
    const own = p.locator('li[data-criterion="cua-hang-co-ma-qr-de-khach-chuyen-khoan"]');
    await own.waitFor();
    expect(await own.innerText()).toContain("Chỉ hỏi hộ kinh doanh.");
    // Its own words are edited as the commune's, not as "the province's wording".
    await own.getByRole("button", { name: /^Sửa cách ghi: / }).click();
    await own.getByRole("form", { name: /^Sửa tiêu chí riêng của xã: / }).getByLabel("Tên tiêu chí", { exact: true }).waitFor();
    expect(await own.getByText("cách ghi của tỉnh").count()).toBe(0);
    await own.getByRole("button", { name: "Đóng" }).click();
    await p.getByRole("button", { name: "Xem trước", exact: true }).click();
    const preview = p.getByTestId("criteria-preview");
    await preview.waitFor();
    expect(await preview.getByTestId("criteria-summary").locator("li").allInnerTexts()).toEqual(
      expect.arrayContaining([`Thêm tiêu chí “${lib(OUT).label}”.`, "Thêm tiêu chí “Cửa hàng có mã QR để khách chuyển khoản”."]),
    );
    const card = preview.getByTestId("criteria-checklist").locator('[data-criterion="cua-hang-co-ma-qr-de-khach-chuyen-khoan"]');
    expect(await card.innerText()).toContain("“Không áp dụng”: hộ chỉ bán hàng qua người quen, không có quầy.");
    await preview.scrollIntoViewIfNeeded();
    await noSideways(p, PHONE.width);
    await p.screenshot({ path: `${SHOTS}/phone-criteria-preview.png` });
    await fx.axe(p, "criteria phone");
    await p.close();
    expect(errors).toEqual([]);
  });
});
