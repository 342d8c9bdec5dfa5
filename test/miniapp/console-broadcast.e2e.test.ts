/**
 * Issue 14, "broadcasts as officers expect", driven in Chromium at 1366×768 and 390×844 against the
 * sandbox bot (simulator mounted in the same server) on a hand-turned clock: compose, pick the audience
 * and watch the counts per channel, read each channel's text as Zalo shows it, confirm, schedule for a
 * chosen minute, turn the clock, watch the report reach 100%; a refused message with its reason and
 * "Gửi lại"; recurring schedules in words, edited and paused; the phone's composer. axe-core on every
 * page. Screenshots: /tmp/shots-14b/.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { PC, PHONE, until, useConsole } from "./console-fixture";
import { startSandboxStack, type SandboxStack } from "./sandbox";

/* eslint-disable @typescript-eslint/no-explicit-any */

const SHOTS = "/tmp/shots-14b";
const OFFICER_OA = "7000000000000000202";
const RESIDENT_OA = "8700000000000014077";

interface Stack extends SandboxStack {
  clock: ManualClock;
  /** Turns the bot's and the simulator's clocks together, then lets the scheduler handle the minute. */
  advance(ms: number): Promise<void>;
}

/** The sandbox bot as test/miniapp/sandbox.ts starts it, on a clock this test turns. */
async function startStack(): Promise<Stack> {
  const clock = new ManualClock(Math.floor(Date.now() / 60_000) * 60_000);
  const stack = await startSandboxStack({ clock });
  return {
    ...stack,
    clock,
    async advance(ms) {
      clock.advance(ms);
      stack.sim.clock.set(clock.now());
      await stack.services.broadcasts.scheduler.tickAsync(clock.now());
      stack.services.sender.wake();
    },
  };
}

/** Epoch ms as a date-time field's value in Vietnam's time. */
const vnLocal = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 16);

describe("issue 14: broadcasts as officers expect, on a PC and on the phone", () => {
  const fx = useConsole({ shots: SHOTS, miniApp: true, start: startStack });
  const { errors } = fx;
  let s: Stack;
  beforeAll(() => void (s = fx.s));
  // Runs before the fixture closes the browser and the bot (after-hooks run last registered first).
  afterAll(() => expect(errors).toEqual([]));

  const axe = (p: Page, what: string) => fx.axe(p, what);
  const loggedIn = (viewport = PC): Promise<Page> => fx.loggedIn(DEMO.officer, viewport, "page");
  const drafts = () => s.services.broadcasts.repo.listBroadcasts(1000).filter((b) => b.status === "draft").length;

  it("composes with live counts and Zalo-like texts, confirms, schedules for a minute; the report reaches 100% once the clock gets there", async () => {
    // Tân Phúc's head wrote to the page today: he can pass the post on to his hand-made group.
    expect((await s.sim.sendText("7000000000000000103", "chào xã")).delivered).toBe(true);
    const p = await loggedIn();
    await p.getByRole("link", { name: "Thông báo" }).click();
    await p.getByRole("link", { name: "Soạn thông báo mới" }).click();
    await p.getByLabel("Tiêu đề").fill("Đội lưu động về thôn");
    await p.getByLabel("Nội dung").fill("Sáng thứ Bảy 8 giờ, đội lưu động của xã đến nhà văn hoá thôn hỗ trợ cài VNeID. Bà con mang căn cước nhé.");
    const counts = p.getByTestId("broadcast-counts");
    const count = (c: string) => counts.locator(`[data-channel="${c}"] td`).innerText();
    await expect.poll(() => count("group")).toBe("4");
    await expect.poll(() => count("relay")).toBe("1 (qua 1 trưởng thôn)");
    // The officer's title is the post's first line, as the group will show it; the relay text as the head receives it.
    await expect.poll(() => p.getByTestId("zalo-text-group").innerText()).toBe("📢 Đội lưu động về thôn\n\nSáng thứ Bảy 8 giờ, đội lưu động của xã đến nhà văn hoá thôn hỗ trợ cài VNeID. Bà con mang căn cước nhé.");
    expect(await p.getByTestId("zalo-text-relay").innerText()).toMatch(/^📣 Nhờ trưởng thôn chuyển tin sau vào nhóm Zalo của Thôn Tân Phúc/);
    await p.screenshot({ path: `${SHOTS}/pc-compose-live.png` });
    await p.locator(".bc-live").screenshot({ path: `${SHOTS}/pc-compose-live-panel.png` });
    await axe(p, "compose");

    // Other audiences: the counts follow; nobody there says why instead of only greying the button.
    await p.getByLabel(/^Tình nguyện viên/).check();
    await expect.poll(() => p.getByTestId("broadcast-total").innerText()).toBe("Tổng: 2 nơi nhận (nhóm hoặc người)");
    await p.getByLabel(/^Người dân nhắn xã trong 7 ngày qua/).check();
    await p.getByLabel("Tất cả các thôn").uncheck();
    await p.getByLabel("Làng Đắk Rơ").check();
    await expect.poll(() => p.getByTestId("broadcast-empty").innerText()).toBe("Không có ai ở các thôn đã chọn nhắn tin cho trang Zalo của xã trong 7 ngày qua.");
    expect(await p.getByTestId("broadcast-blocker").innerText()).toBe("Không có ai ở các thôn đã chọn nhắn tin cho trang Zalo của xã trong 7 ngày qua.");
    expect(await p.getByRole("button", { name: "Xem trước và gửi" }).isDisabled()).toBe(true);
    await p.getByTestId("broadcast-blocker").scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-compose-empty.png` });

    // Two villages' groups, at a chosen minute.
    await p.getByLabel(/^Nhóm Zalo của thôn/).check();
    await p.getByLabel("Làng Đắk Rơ").uncheck();
    await p.getByLabel("Thôn Đông Xuân").check();
    await p.getByLabel("Thôn Hạ Tiến").check();
    await expect.poll(() => count("group")).toBe("3");
    await p.getByRole("radio", { name: "Hẹn giờ" }).click();
    // At least 10 minutes from now, on a 5-minute mark (within the PC session's hour): picked as an officer does, a day, then an hour and a minute in 24 h.
    const sendAt = Math.ceil((s.clock.now() + 10 * 60_000) / 300_000) * 300_000;
    const local = vnLocal(sendAt);
    await p.getByLabel("Ngày gửi").selectOption(local.slice(0, 10));
    await p.getByLabel("Giờ", { exact: true }).selectOption(local.slice(11, 13));
    await p.getByLabel("Phút", { exact: true }).selectOption(local.slice(14, 16));
    expect(await p.getByLabel("Giờ", { exact: true }).locator("option:checked").innerText()).toBe(`${local.slice(11, 13)} giờ`);
    expect(drafts()).toBe(0); // all that previewing saved nothing
    await p.getByRole("button", { name: "Xem trước và hẹn giờ" }).click();
    const dialog = p.getByTestId("broadcast-preview");
    await dialog.waitFor();
    const hhmm = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(sendAt);
    await expect.poll(() => p.getByTestId("broadcast-confirm-sentence").innerText()).toMatch(new RegExp(`^Gửi tới 3 nhóm Zalo thôn, lúc ${hhmm} (thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật) \\d{1,2}/\\d{1,2}\\.$`));
    expect(s.sim.groupMessages("g-ha-tien")).toHaveLength(0); // nothing goes before the confirmation
    await p.screenshot({ path: `${SHOTS}/pc-confirm.png` });
    await axe(p, "confirm");
    await p.getByRole("button", { name: "Hẹn giờ gửi" }).click();
    const row = p.locator('[data-status="scheduled"]').filter({ hasText: "Đội lưu động về thôn" });
    await row.waitFor();
    expect(await row.innerText()).toContain("Hẹn gửi lúc");
    await p.screenshot({ path: `${SHOTS}/pc-list-scheduled.png` });
    await axe(p, "list");

    // One minute before: nothing. At the minute: the scheduler sends it, and the report follows it to 100%.
    await s.advance(sendAt - s.clock.now() - 60_000);
    expect(s.sim.groupMessages("g-ha-tien")).toHaveLength(0);
    await s.advance(60_000);
    await until("the post in the groups", () => ["g-dong-xuan-1", "g-dong-xuan-2", "g-ha-tien"].every((g) => s.sim.groupMessages(g).length === 1) || undefined);
    expect(s.sim.groupMessages("g-ha-tien")[0]!.text).toContain("📢 Đội lưu động về thôn");
    const sent = p.locator('[data-status="queued"]').filter({ hasText: "Đội lưu động về thôn" });
    await sent.waitFor({ timeout: 20_000 });
    await sent.getByRole("link").click();
    const progress = p.getByTestId("broadcast-progress");
    await expect.poll(() => progress.innerText(), { timeout: 20_000 }).toBe("Đã xử lý 3/3 người nhận (100%)");
    expect(await p.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    await p.getByText("Đã gửi xong.").waitFor();
    await p.screenshot({ path: `${SHOTS}/pc-report-100.png` });
    await axe(p, "report");

    // "Lưu nháp" is the one way to keep a draft.
    await p.getByRole("link", { name: "Thông báo" }).click();
    await p.getByRole("link", { name: "Soạn thông báo mới" }).click();
    await p.getByLabel("Tiêu đề").fill("Nháp: họp dân cuối năm");
    await p.getByLabel("Nội dung").fill("Xã họp dân tổng kết năm, thời gian sẽ báo sau.");
    await p.getByRole("button", { name: "Lưu nháp" }).click();
    await p.getByText("Đã lưu bản nháp.").waitFor();
    expect(drafts()).toBe(1);
    // The draft is opened from the list and sent after the confirmation: the same row, no second one.
    await p.getByRole("link", { name: "Thông báo" }).click();
    const draftRow = p.locator('[data-status="draft"]').filter({ hasText: "Nháp: họp dân cuối năm" });
    await draftRow.getByRole("button", { name: "Mở bản nháp" }).click();
    await expect.poll(() => p.getByLabel("Tiêu đề").inputValue()).toBe("Nháp: họp dân cuối năm");
    await p.getByLabel("Tất cả các thôn").uncheck();
    await p.getByLabel("Thôn Hạ Tiến").check();
    await expect.poll(() => count("group")).toBe("1");
    await p.getByRole("button", { name: "Xem trước và gửi" }).click();
    await expect.poll(() => p.getByTestId("broadcast-confirm-sentence").innerText()).toMatch(/^Gửi tới 1 nhóm Zalo thôn, ngay bây giờ \(/);
    await p.getByRole("button", { name: "Gửi ngay" }).click();
    await expect.poll(() => p.getByTestId("broadcast-progress").innerText(), { timeout: 20_000 }).toBe("Đã xử lý 1/1 người nhận (100%)");
    expect(drafts()).toBe(0);
    expect(s.sim.groupMessages("g-ha-tien").at(-1)!.text).toBe("📢 Nháp: họp dân cuối năm\n\nXã họp dân tổng kết năm, thời gian sẽ báo sau.");
    // A scheduled one is cancelled from the list before its time: it becomes a draft and never goes.
    const later = await s.services.broadcasts.service.compose({ title: "Tin sẽ huỷ", text: "Tin này không được gửi.", audience: { kind: "village_groups", villageIds: ["thon-ha-tien"] } }, { kind: "at", sendAt: s.clock.now() + 30 * 60_000 }, "Võ Thị Lan");
    await p.getByRole("link", { name: "Thông báo" }).click();
    const cancelRow = p.locator(`[data-broadcast="${later.broadcast.id}"]`);
    await cancelRow.getByRole("button", { name: "Huỷ hẹn giờ" }).click();
    await expect.poll(() => cancelRow.getAttribute("data-status")).toBe("draft");
    await s.advance(31 * 60_000);
    expect(s.sim.groupMessages("g-ha-tien").some((m) => m.text.includes("Tin này không được gửi."))).toBe(false);
    await p.close();
  }, 180_000);

  it("a refused message is listed with its reason in Vietnamese; “Gửi lại” sends it and the report reaches 100%", async () => {
    // A resident wrote today (within Zalo's 7 days) and the chat knows his village.
    expect((await s.sim.sendText(RESIDENT_OA, "chào xã")).delivered).toBe(true);
    await until("the bot's reply", () => s.sim.inbox(RESIDENT_OA).length > 0 || undefined);
    const conv = s.services.chat.conversations.get(RESIDENT_OA)!;
    s.services.chat.conversations.save({ ...conv, villageId: "thon-ha-tien" });
    await new Promise((r) => setTimeout(r, 500));
    const p = await loggedIn();
    await p.evaluate(() => void ((globalThis as any).location.hash = "#/thong-bao/soan"));
    await p.getByLabel("Tiêu đề").fill("Tiêm phòng cho trẻ");
    await p.getByLabel("Nội dung").fill("Sáng Chủ nhật trạm y tế xã tiêm phòng cho trẻ dưới 5 tuổi.");
    await p.getByLabel(/^Người dân nhắn xã trong 7 ngày qua/).check();
    await p.getByLabel("Tất cả các thôn").uncheck();
    await p.getByLabel("Thôn Hạ Tiến").check();
    await expect.poll(() => p.getByTestId("broadcast-counts").locator('[data-channel="cs"] td').innerText()).toBe("1");
    await p.getByRole("button", { name: "Xem trước và gửi" }).click();
    await expect.poll(() => p.getByTestId("broadcast-confirm-sentence").innerText()).toMatch(/^Gửi tới 1 người nhắn riêng, ngay bây giờ \(/);
    s.sim.pushFaults("message", [{ code: -201 }]);
    await p.getByRole("button", { name: "Gửi ngay" }).click();
    const failures = p.getByTestId("broadcast-failures");
    await expect.poll(() => failures.innerText(), { timeout: 20_000 }).toContain("Nội dung tin không hợp lệ với Zalo (quá dài hoặc có ký tự lạ).");
    expect(await failures.innerText()).toContain("Thôn Hạ Tiến");
    await expect.poll(() => p.getByTestId("broadcast-progress").innerText()).toBe("Đã xử lý 1/1 người nhận (100%)");
    await failures.scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-report-failure.png` });
    await axe(p, "report with a failure");
    await failures.getByRole("button", { name: "Gửi lại" }).click();
    await p.getByText("Không có.").waitFor({ timeout: 20_000 });
    await until("the message in the resident's Zalo", () => s.sim.inbox(RESIDENT_OA).some((m) => (m.text ?? "").includes("tiêm phòng cho trẻ dưới 5 tuổi")) || undefined);
    await expect.poll(() => p.locator("tr", { hasText: "Đã gửi" }).first().innerText()).toMatch(/1$/);
    await p.screenshot({ path: `${SHOTS}/pc-report-resent.png` });
    await p.close();
  });

  it("recurring schedules read in words, edited by day and time, paused", async () => {
    const p = await loggedIn();
    await p.evaluate(() => void ((globalThis as any).location.hash = "#/thong-bao"));
    await p.getByRole("link", { name: "Lịch gửi định kỳ" }).click();
    const list = p.getByTestId("broadcast-schedules");
    await list.waitFor();
    expect(await list.innerText()).toContain("Thứ Hai đến Thứ Sáu, 16:30");
    expect(await list.innerText()).not.toMatch(/\* \*|cron|\bOA\b/);
    const tip = list.locator("li", { hasText: "Pháp luật trong tuần" });
    await tip.getByRole("button", { name: "Sửa" }).click();
    await tip.getByLabel("Giờ", { exact: true }).selectOption("14");
    await tip.getByLabel("Phút", { exact: true }).selectOption("00");
    for (const d of ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Bảy", "Chủ nhật"]) await tip.getByLabel(d, { exact: true }).uncheck();
    await tip.getByLabel("Thứ Sáu", { exact: true }).check();
    await tip.getByRole("button", { name: "Lưu" }).scrollIntoViewIfNeeded();
    await p.screenshot({ path: `${SHOTS}/pc-schedule-edit.png` });
    await axe(p, "schedule edit");
    await tip.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => tip.getByTestId("schedule-words").innerText()).toBe("Thứ Sáu hằng tuần, 14:00");
    await tip.getByRole("button", { name: "Tạm dừng" }).click();
    await tip.getByRole("button", { name: "Chạy lại" }).waitFor();
    expect(await tip.innerText()).toContain("Tạm dừng");
    const row = s.services.broadcasts.repo.schedules().find((x) => x.kind === "legal_tip")!;
    expect(row).toMatchObject({ cron: "0 14 * * 5", enabled: false });
    await p.evaluate(() => (globalThis as any).document.body.scrollTo(0, 0));
    await p.screenshot({ path: `${SHOTS}/pc-schedules.png` });
    await axe(p, "schedules");
    await p.close();
  });

  it("at 390×844: the console's composer, and the phone's composer (preview saves nothing, the sentence before “Gửi ngay”)", async () => {
    const c = await loggedIn(PHONE);
    await c.evaluate(() => void ((globalThis as any).location.hash = "#/thong-bao/soan"));
    await c.getByLabel("Tiêu đề").fill("Họp thôn tối thứ Sáu");
    await c.getByLabel("Nội dung").fill("Mời bà con đến nhà văn hoá lúc 19 giờ.");
    await c.getByTestId("zalo-text-group").waitFor();
    await c.getByLabel("Tiêu đề").scrollIntoViewIfNeeded();
    await c.screenshot({ path: `${SHOTS}/narrow-console-compose.png` });
    await c.getByTestId("zalo-text-group").scrollIntoViewIfNeeded();
    await c.screenshot({ path: `${SHOTS}/narrow-console-compose-preview.png` });
    await axe(c, "console at 390");
    await c.close();

    const before = drafts();
    const phone = await fx.page("phone", `/miniapp/?as=${OFFICER_OA}#/can-bo/thong-bao`, PHONE);
    await phone.getByLabel("Tiêu đề").fill("Đội lưu động đến thôn");
    await phone.getByLabel("Nội dung").fill("Sáng thứ Bảy đội lưu động đến nhà văn hoá thôn hỗ trợ bà con kích hoạt VNeID mức 2.");
    await phone.locator('select[name="villageId"]').selectOption("thon-ha-tien");
    await phone.getByRole("button", { name: "Xem trước" }).click();
    const preview = phone.getByTestId("broadcast-preview");
    await preview.waitFor();
    expect(await phone.getByTestId("broadcast-confirm-sentence").innerText()).toMatch(/^Gửi tới 1 nhóm Zalo thôn, ngay bây giờ/);
    expect(await phone.getByTestId("zalo-text-group").innerText()).toContain("📢 Đội lưu động đến thôn");
    expect(drafts()).toBe(before);
    await phone.getByTestId("broadcast-confirm-sentence").scrollIntoViewIfNeeded();
    await phone.screenshot({ path: `${SHOTS}/phone-compose.png` });
    await axe(phone, "phone composer");
    const posts = s.sim.groupMessages("g-ha-tien").length;
    await phone.getByRole("button", { name: "Gửi ngay" }).click();
    await until("the phone's post", () => s.sim.groupMessages("g-ha-tien").length > posts || undefined);
    expect(s.sim.groupMessages("g-ha-tien").at(-1)!.text).toBe("📢 Đội lưu động đến thôn\n\nSáng thứ Bảy đội lưu động đến nhà văn hoá thôn hỗ trợ bà con kích hoạt VNeID mức 2.");
    await phone.close();
  });
});
