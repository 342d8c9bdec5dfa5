/**
 * Issue 14: the officers' console on a PC (/console/), its own build of the mini app's source (desktop layout),
 * driven in Debian's Chromium at 1366×768 against the sandbox bot: logging in by QR code (approved as
 * the phone does, through the API and through the mini app's own "Đăng nhập trên máy tính") and by a
 * one-time link asked for in the OA chat; a ticket opened by a simulated resident, answered from the PC
 * and closed; the Friday reports' completeness table and the reminder; a broadcast's live report; axe-core
 * on every page. At 390×844 the officer's phone screen shows the button. Screenshots: /tmp/shots-14/.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { api, PC, PHONE, until, useConsole } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any, sessionStorage: any;

const SHOTS = "/tmp/shots-14";
/** The demo commune's officer as the OA chat and the simulator know him (DEMO.officer is his mini app id). */
const OFFICER_OA = "7000000000000000202";
const RESIDENT_OA = "8700000000000014001";


describe("issue 14: the officers' console on a PC", () => {
  // The mini app too: the phone's side (the officer screen with "Đăng nhập trên máy tính").
  const fx = useConsole({ shots: SHOTS, miniApp: true, timeout: 180_000 });
  const { errors } = fx;
  let s: SandboxStack;
  beforeAll(() => void (s = fx.s));

  const officerSession = () => s.services.gds.auth.issue(DEMO.officer).session;
  const adminSession = () => s.services.gds.auth.issue(DEMO.admin).session;
  const page = (url: string, viewport = PC): Promise<Page> => fx.page(url, url, viewport);
  /** A PC's login page until its QR code shows; the code's text. */
  const loginPage = () => fx.loginPage();

  it("the bot serves the build at /console/ with its default headers (never framed)", async () => {
    const res = await fetch(`${s.url}/console/`);
    expect([200, 503]).toContain(res.status); // 503: miniapp/www not built in this checkout (the page says how)
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect((await fetch(`${s.url}/console`, { redirect: "manual" })).headers.get("location")).toBe("/console/");
  });

  it("logs in by QR code approved as the phone does; the session survives a reload, and ends on logout", async () => {
    const { p, qrText } = await loginPage();
    await p.screenshot({ path: `${SHOTS}/pc-login.png` });
    expect(await p.getByText("Đăng nhập trên máy tính").count()).toBeGreaterThan(0);
    await fx.axe(p, "login");

    expect((await api(s, "POST", "/api/console/login-requests/approve", officerSession(), { code: qrText })).status).toBe(200);
    await p.getByRole("navigation", { name: "Các trang" }).waitFor({ timeout: 10_000 });
    await p.getByTestId("console-villages").waitFor();
    expect(await p.getByRole("link", { name: "Máy tính đăng nhập" }).count()).toBe(0); // the officer is not the admin
    // The session is kept for this tab: a reload stays logged in.
    await p.reload();
    await p.getByTestId("console-villages").waitFor();
    const held = await p.evaluate(() => (JSON.parse((globalThis as any).sessionStorage.getItem("gds.session.console") ?? "null") as { session: string } | null)?.session);
    expect(held).toBeTruthy();
    await p.getByRole("button", { name: "Đăng xuất" }).click();
    await p.getByRole("heading", { name: "Đăng nhập trang làm việc của cán bộ xã" }).waitFor();
    // Logged out at the bot too (a shared office PC): the old token no longer opens anything.
    expect((await fetch(`${s.url}/api/me`, { headers: { authorization: `Bearer ${held}` } })).status).toBe(401);
    await p.close();
  });

  it("renews the PC's session 5 minutes before it ends, without the officer noticing", async () => {
    const p = await fx.page("renew");
    await p.clock.install();
    await p.goto(`${s.url}/console/`);
    const qr = p.getByTestId("login-qr");
    await expect.poll(() => qr.getAttribute("data-qr"), { timeout: 10_000 }).toMatch(/^GDS-MAY-TINH:/);
    expect((await api(s, "POST", "/api/console/login-requests/approve", officerSession(), { code: (await qr.getAttribute("data-qr"))! })).status).toBe(200);
    await p.getByTestId("console-villages").waitFor({ timeout: 10_000 });
    const stored = () => p.evaluate(() => JSON.parse(sessionStorage.getItem("gds.session.console") ?? "null") as { session: string; expiresAt: number } | null);
    const first = (await stored())!;
    expect(first.expiresAt - Date.now()).toBeGreaterThan(50 * 60_000); // an hour
    await p.clock.fastForward(first.expiresAt - Date.now() - 4 * 60_000); // 4 minutes before the end
    await expect.poll(async () => (await stored())?.session, { timeout: 10_000 }).not.toBe(first.session);
    const renewed = (await stored())!;
    expect(renewed.expiresAt).toBeGreaterThan(first.expiresAt);
    expect((await api(s, "GET", "/api/me", renewed.session)).body.appUserId).toBe(DEMO.officer);
    await p.getByRole("link", { name: "Yêu cầu hỗ trợ" }).click();
    await p.getByTestId("tickets-table").or(p.getByText("Không có yêu cầu nào ở mục này.")).waitFor();
    await p.close();
  });

  it("the phone at 390×844 shows “Đăng nhập trên máy tính”; outside Zalo the code is pasted, and the PC opens", async () => {
    const { p: pc, qrText } = await loginPage();
    const phone = await page(`/miniapp/?as=${OFFICER_OA}#/can-bo`, PHONE);
    const button = phone.getByRole("button", { name: "Đăng nhập trên máy tính" });
    await button.waitFor({ timeout: 20_000 });
    await button.scrollIntoViewIfNeeded();
    await phone.getByTestId("pc-login").screenshot({ path: `${SHOTS}/phone-pc-login.png` });
    await phone.screenshot({ path: `${SHOTS}/phone-officer.png` });
    await button.click();
    await phone.getByLabel("Mã trên màn hình máy tính").fill("GDS-MAY-TINH:sai-ma");
    await phone.getByRole("button", { name: "Xác nhận đăng nhập" }).click();
    await phone.getByText("Chưa đăng nhập được").waitFor();
    await phone.getByLabel("Mã trên màn hình máy tính").fill(qrText);
    await phone.getByRole("button", { name: "Xác nhận đăng nhập" }).click();
    // The phone says which PC asked before it lets it in (a QR code sent by a stranger is not approved unseen).
    await phone.getByText("Máy tính này xin đăng nhập").waitFor();
    expect(await phone.getByTestId("pc-login").innerText()).toMatch(/Chrome trên Linux, lúc \d{2}:\d{2}/);
    await phone.getByTestId("pc-login").screenshot({ path: `${SHOTS}/phone-pc-login-confirm.png` });
    await phone.getByRole("button", { name: "Đúng, cho đăng nhập" }).click();
    await phone.getByText("Máy tính đã đăng nhập").waitFor();
    await phone.getByTestId("pc-login").screenshot({ path: `${SHOTS}/phone-pc-login-done.png` });
    await fx.axe(phone, "phone");
    await pc.getByTestId("console-villages").waitFor({ timeout: 10_000 });
    await phone.close();
    await pc.close();
  });

  it("logs in by a one-time link from the OA chat; the link works once", async () => {
    const before = s.sim.inbox(OFFICER_OA).length;
    expect((await s.sim.sendText(OFFICER_OA, "đăng nhập máy tính")).delivered).toBe(true);
    const token = await until("the link in the OA chat", () => {
      const text = s.sim.inbox(OFFICER_OA).slice(before).map((m) => m.text ?? "").join("\n");
      return text.match(/#ma=([A-Za-z0-9_-]{32})/)?.[1];
    });
    const p = await page(`/console/#ma=${token}`);
    await p.getByTestId("console-villages").waitFor({ timeout: 10_000 });
    expect(p.url()).not.toContain(token); // taken out of the address bar and history
    await p.close();
    // Used: a second PC with the same link gets the login page and the reason.
    const again = await page(`/console/#ma=${token}`);
    await again.getByText(/Đường link đăng nhập đã dùng rồi hoặc đã hết hạn/).waitFor();
    await again.getByTestId("login-qr").waitFor();
    await again.close();
  });

  const loggedIn = (as: string = DEMO.officer): Promise<Page> => fx.loggedIn(as);

  it("a resident asks for a person: the ticket is listed, answered from the PC (the answer reaches Zalo), given to someone and closed", async () => {
    const ask = async (text: string) => expect((await s.sim.sendText(RESIDENT_OA, text)).delivered).toBe(true);
    await ask("Cho tôi hỏi cách cài VNeID cho bố mẹ già");
    await ask("gặp cán bộ");
    await ask("1");
    const officer = officerSession();
    const ticket = await until("the ticket", async () => (await api(s, "GET", "/api/officer/tickets", officer)).body.items?.[0] as { id: number } | undefined);

    const p = await loggedIn();
    await p.getByRole("link", { name: "Yêu cầu hỗ trợ" }).click();
    const row = p.locator(`[data-ticket="${ticket.id}"]`);
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain("Mới");
    await p.screenshot({ path: `${SHOTS}/pc-tickets.png` });
    await fx.axe(p, "tickets");

    await row.click();
    await p.getByTestId("conversation").waitFor();
    await expect.poll(() => p.getByTestId("conversation").innerText()).toContain("gặp cán bộ");
    const answer = "Chào bác, cháu là cán bộ xã. Chiều mai cháu qua nhà hướng dẫn bác cài VNeID nhé.";
    await p.getByLabel("Câu trả lời (gửi vào Zalo của người dân)").fill(answer);
    await p.getByRole("button", { name: "Gửi câu trả lời" }).click();
    await p.getByText("Đã gửi câu trả lời").first().waitFor();
    await until("the answer in the resident's Zalo", () => s.sim.inbox(RESIDENT_OA).some((m) => m.text === answer) || undefined);
    await expect.poll(() => p.getByTestId("conversation").innerText(), { timeout: 15_000 }).toContain(answer);

    await p.getByLabel("Giao cho").selectOption({ index: 1 });
    await p.getByRole("button", { name: "Giao việc" }).click();
    await expect.poll(() => p.getByTestId("assignee").innerText()).not.toContain("Chưa giao");
    await p.screenshot({ path: `${SHOTS}/pc-ticket.png` });
    await fx.axe(p, "ticket");
    await p.getByRole("button", { name: "Đóng yêu cầu (đã xong)" }).click();
    await p.getByRole("button", { name: "Mở lại" }).waitFor();
    expect((await api(s, "GET", `/api/officer/tickets/${ticket.id}`, officer)).body.status).toBe("done");
    await p.close();
  });

  it("Báo cáo thứ Sáu: the completeness table in words, and one reminder to the villages that have not reported", async () => {
    const head = s.services.gds.auth.issue(DEMO.headDongXuan).session;
    expect((await api(s, "PUT", "/api/villages/thon-dong-xuan/reports/current", head, { smartphoneUsers: 120, installed: 80, activated: 60, regularUsers: 40 })).status).toBe(200);
    // Two village heads wrote to the OA this week (Zalo lets the OA answer them); Đắk Rơ's head has no Zalo.
    for (const h of ["7000000000000000102", "7000000000000000103"]) expect((await s.sim.sendText(h, "chào xã")).delivered).toBe(true);
    const p = await loggedIn();
    await p.getByRole("link", { name: "Báo cáo thứ Sáu" }).click();
    const table = p.getByTestId("completeness-table");
    await table.waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/Tuần\s\d{1,2}\/\d{1,2}–\d{1,2}\/\d{1,2}/); // weeks in words, not 2026-W47
    expect(text).not.toMatch(/\d{4}-W\d{2}/);
    expect(text).toContain("Chưa nộp");
    expect(text).toContain("Toàn xã");
    const villages = await table.locator("tbody tr").count();
    expect(villages).toBeGreaterThan(1);
    expect(await table.locator("thead th").count()).toBe(8 + 3);

    await p.getByTestId("remind-missing").click();
    const result = p.getByTestId("remind-result");
    await result.waitFor();
    const said = await result.innerText();
    expect(said).toMatch(/^Đã gửi lời nhắc tới \d+ thôn/);
    expect(said).not.toContain("Đông Xuân"); // it reported this week
    await p.screenshot({ path: `${SHOTS}/pc-reports.png` });
    await fx.axe(p, "reports");

    // The reminder is a broadcast: its report page follows it live to the end.
    await p.getByRole("link", { name: "Thông báo" }).click();
    const row = p.locator("[data-broadcast]").first();
    await row.waitFor();
    await expect.poll(() => row.innerText()).toContain("Nhắc các thôn chưa nộp báo cáo");
    await p.screenshot({ path: `${SHOTS}/pc-broadcasts.png` });
    await fx.axe(p, "broadcasts");
    await row.getByRole("link").click();
    const progress = p.getByTestId("broadcast-progress");
    await progress.waitFor();
    await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toMatch(/\(100%\)$/);
    await p.getByText("Đã gửi xong.").waitFor();
    // Two heads got it in Zalo; the third is listed with the reason in words.
    await until("the reminder in the heads' Zalo", () => ["7000000000000000102", "7000000000000000103"].every((h) => s.sim.inbox(h).some((m) => (m.text ?? "").includes("chưa gửi báo cáo"))) || undefined);
    await expect.poll(() => p.getByTestId("broadcast-failures").innerText()).toContain("Trưởng thôn");
    await p.screenshot({ path: `${SHOTS}/pc-broadcast-report.png` });
    await fx.axe(p, "broadcast report");
    await p.close();
  });

  it("the other pages: Tổng quan sortable, Nhóm Zalo, the composer, and the admin's PC sessions (end one)", async () => {
    const p = await loggedIn();
    const table = p.getByTestId("console-villages");
    await table.waitFor();
    const names = () => table.locator("tbody th").allInnerTexts();
    await p.getByRole("button", { name: "Thôn", exact: true }).click();
    const asc = await names();
    expect(asc).toEqual([...asc].sort((a, b) => a.localeCompare(b, "vi")));
    await p.getByRole("button", { name: "Thôn", exact: true }).click();
    expect(await names()).toEqual([...asc].reverse());
    // The trend against the target, in words for screen readers too.
    expect(await p.getByTestId("trend-chart").getAttribute("aria-label")).toMatch(/Tuần này 0%\. Mục tiêu 80%\.$/);
    await p.getByText("Mục tiêu 80%", { exact: true }).waitFor();
    await p.evaluate(() => document.body.scrollTo(0, 0)); // zaui.css scrolls the body
    await p.screenshot({ path: `${SHOTS}/pc-overview.png` });
    await fx.axe(p, "overview");

    await p.getByRole("link", { name: "Nhóm Zalo" }).click();
    await p.getByTestId("console-groups").waitFor();
    await p.screenshot({ path: `${SHOTS}/pc-groups.png` });
    await fx.axe(p, "groups");

    await p.getByRole("link", { name: "Thông báo" }).click();
    await p.getByRole("link", { name: "Soạn thông báo mới" }).click();
    await p.locator("main textarea").waitFor();
    await p.getByLabel("Tiêu đề").fill("Đội lưu động đến thôn sáng thứ Bảy");
    await p.getByLabel("Nội dung").fill("Sáng thứ Bảy 8 giờ, đội lưu động của xã đến nhà văn hoá thôn hỗ trợ cài VNeID. Bà con mang căn cước nhé.");
    await p.getByRole("button", { name: "Xem trước" }).click();
    await p.getByTestId("broadcast-preview").waitFor();
    await p.screenshot({ path: `${SHOTS}/pc-compose.png` });
    await fx.axe(p, "compose");
    await p.getByRole("button", { name: "Gửi ngay" }).click();
    // Followed from the console's own report page: it reaches 100% once the simulator has every group post.
    await p.getByRole("link", { name: "Thông báo" }).click();
    const sent = p.locator("[data-broadcast]").filter({ hasText: "Đội lưu động đến thôn sáng thứ Bảy" });
    await sent.getByRole("link").click();
    const progress = p.getByTestId("broadcast-progress");
    await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toMatch(/\(100%\)$/);
    expect(s.sim.groupMessages("g-ha-tien").some((m) => m.text.includes("Bà con mang căn cước nhé"))).toBe(true);
    await expect.poll(() => p.locator("tr", { hasText: "Đã gửi" }).first().innerText()).not.toMatch(/\b0$/);
    await p.screenshot({ path: `${SHOTS}/pc-broadcast-live.png` });

    const admin = await loggedIn(DEMO.admin);
    await admin.getByRole("link", { name: "Máy tính đăng nhập" }).click();
    const sessions = admin.getByTestId("console-sessions");
    await sessions.waitFor();
    expect(await sessions.locator("tbody tr").count()).toBeGreaterThanOrEqual(2);
    await admin.screenshot({ path: `${SHOTS}/pc-sessions.png` });
    await fx.axe(admin, "sessions");
    // End the officer's PC session (the first row that is not the admin's own): that PC goes back to login.
    const listed = (await api(s, "GET", "/api/admin/console-sessions", adminSession())).body.items as { sid: string; appUserId: string; endsAt: string }[];
    const theirs = listed.filter((x) => x.appUserId === DEMO.officer && Date.parse(x.endsAt) > Date.now());
    for (const x of theirs) {
      await admin.locator(`[data-sid="${x.sid}"]`).getByRole("button", { name: "Kết thúc phiên" }).click();
      await admin.locator(`[data-sid="${x.sid}"]`).waitFor({ state: "detached" });
    }
    // The officer's PC learns it at its next call (its report page asks every 3 seconds; another page when opened).
    await p.evaluate(() => void ((globalThis as any).location.hash = "#/bao-cao"));
    await p.getByText("Phiên làm việc trên máy tính đã hết. Bác đăng nhập lại nhé.").waitFor({ timeout: 10_000 });
    await admin.close();
    await p.close();
  });

  it("no serious or critical accessibility violation, no page error", () => {
    expect(errors).toEqual([]);
  });
});
