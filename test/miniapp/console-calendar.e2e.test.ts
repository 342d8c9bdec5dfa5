/**
 * Issue 15, the mobile team's calendar in the officers' console (/console/#/lich-to-luu-dong), in
 * Debian's Chromium against the sandbox bot: at 1366×768 the month (weeks as rows, today marked) and at
 * 390×844 the list; an officer adds a session in the form and a resident asking the OA chat through the
 * simulator gets it at once; moved, the chat says the new time; cancelled, it shows struck as "Đã huỷ" and the chat no longer announces it.
 * axe-core on every state. Screenshots: /tmp/shots-15t/.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { PC, PHONE, until, useConsole, type Viewport } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

/** In the page (the tests type-check without the DOM's types). */
declare const getComputedStyle: (el: unknown) => { textDecorationLine: string };

const SHOTS = "/tmp/shots-15t";
const DAY = 24 * 3600 * 1000;

/** A local date in Vietnam, `days` from now: YYYY-MM-DD. */
const vnDate = (days: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(Date.now() + days * DAY);
const ddmmyyyy = (iso: string) => iso.split("-").reverse().join("/");

describe("issue 15: the mobile team's calendar in the officers' console", () => {
  const fx = useConsole({ shots: SHOTS, timeout: 180_000 });
  const { errors } = fx;
  let s: SandboxStack;
  beforeAll(() => void (s = fx.s));

  /** The console logged in as the officer (QR code approved as the phone does), on the calendar page. */
  async function calendar(viewport: Viewport): Promise<Page> {
    const p = await fx.loggedIn(DEMO.officer, viewport, String(viewport.width));
    await p.getByRole("link", { name: "Lịch tổ lưu động" }).click();
    await p.getByRole("heading", { name: "Lịch tổ dịch vụ công lưu động", level: 1 }).waitFor();
    return p;
  }

  /** What the OA answers a resident asking for the mobile team's schedule of their village (asked once, remembered). */
  async function askChat(user: string, village?: string): Promise<string> {
    const before = s.sim.inbox(user).length;
    expect((await s.sim.sendText(user, "lịch tổ lưu động")).delivered).toBe(true);
    if (village) {
      await until("the question which village", () => s.sim.inbox(user).slice(before).some((m) => (m.text ?? "").includes("thôn/làng nào")) || undefined);
      expect((await s.sim.sendText(user, village)).delivered).toBe(true);
    }
    return until("the schedule in the chat", () => s.sim.inbox(user).slice(before).map((m) => m.text ?? "").find((t) => t.includes("Giấy tờ mang theo") || t.includes("chưa có lịch")));
  }

  /** Fills the form and adds the session; the page says it was added. */
  async function addSession(p: Page, f: { village: string; date: string; start: string; end: string; place: string }): Promise<void> {
    await p.getByRole("button", { name: "Thêm buổi", exact: true }).first().click();
    const form = p.getByTestId("session-form");
    await form.waitFor();
    await form.getByLabel("Thôn", { exact: true }).selectOption({ label: f.village });
    await form.getByLabel("Ngày", { exact: true }).fill(ddmmyyyy(f.date));
    await form.getByLabel("Bắt đầu", { exact: true }).fill(f.start);
    await form.getByLabel("Kết thúc", { exact: true }).fill(f.end);
    await form.getByLabel("Nơi làm việc", { exact: true }).fill(f.place);
  }

  it("1366×768: the month with today marked; add a session, the chat has it at once; cancel it, struck as “Đã huỷ”, the chat no longer announces it", async () => {
    const p = await calendar(PC);
    const month = p.getByTestId("calendar-month");
    await month.waitFor();
    expect(await month.locator("thead th").allInnerTexts()).toEqual(["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]);
    const today = month.locator('td[aria-current="date"]');
    await expect.poll(() => today.innerText()).toContain("Hôm nay");
    expect(await today.getAttribute("data-date")).toBe(vnDate(0));
    const rows = await month.locator("tbody tr").count();
    expect(rows).toBeGreaterThanOrEqual(4);
    expect(rows).toBeLessThanOrEqual(6);
    // The demo's sessions as chips with village and time (Đông Xuân on 28/11 at 08:00 in November 2026).
    if (vnDate(0).startsWith("2026-11")) expect(await month.locator('td[data-date="2026-11-28"]').innerText()).toMatch(/08:00\s+Thôn Đông Xuân/);
    await p.screenshot({ path: `${SHOTS}/pc-month.png` });
    await fx.axe(p, "month");

    // A wrong form is refused on the page, and the bot's overlap warning can be overridden.
    const date = vnDate(2);
    await addSession(p, { village: "Thôn Hạ Tiến", date, start: "14:00", end: "13:00", place: "Sân nhà văn hóa thôn Hạ Tiến" });
    const form = p.getByTestId("session-form");
    await form.getByRole("button", { name: "Thêm buổi" }).click();
    await form.getByRole("alert").getByText("Giờ kết thúc phải sau giờ bắt đầu.").waitFor();
    await form.getByLabel("Kết thúc", { exact: true }).fill("16:30");
    // Not every priority procedure at this session.
    const procs = form.getByRole("group", { name: "Thủ tục làm tại buổi này" }).getByRole("checkbox");
    expect(await procs.count()).toBe(5);
    await procs.nth(4).uncheck();
    await p.screenshot({ path: `${SHOTS}/pc-form.png` });
    await fx.axe(p, "form");
    await form.getByRole("button", { name: "Thêm buổi" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã thêm buổi: Thôn Hạ Tiến, 14:00–16:30/).waitFor();
    const added = (s.services.chat.team.calendar({ villageId: "thon-ha-tien" }).find((x) => x.date === date && x.start === "14:00"))!;
    expect(added.procedures).toHaveLength(4);
    if (!(await month.locator(`[data-date="${date}"]`).count())) await p.getByRole("button", { name: "Tháng sau" }).click();
    const chip = month.locator(`[data-session="${added.id}"]`);
    await expect.poll(() => chip.innerText()).toMatch(/14:00\s+Thôn Hạ Tiến/);

    // The resident asks the OA chat: the new session at once, with its date and place.
    const resident = "8700000000000015101";
    const answer = await askChat(resident, "hạ tiến");
    expect(answer).toContain(`${ddmmyyyy(date)}, 14:00–16:30 tại Sân nhà văn hóa thôn Hạ Tiến`);

    // Moved an hour later in the form: the chat says the new time, and that it was moved.
    await chip.click();
    await form.getByLabel("Bắt đầu", { exact: true }).fill("15:00");
    await form.getByLabel("Kết thúc", { exact: true }).fill("17:00");
    await form.getByRole("button", { name: "Lưu thay đổi" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã lưu buổi: Thôn Hạ Tiến, 15:00–17:00/).waitFor();
    await expect.poll(() => chip.innerText()).toMatch(/15:00\s+Thôn Hạ Tiến/);
    const moved = await askChat(resident);
    expect(moved).toContain(`${ddmmyyyy(date)}, 15:00–17:00 tại Sân nhà văn hóa thôn Hạ Tiến (đã dời từ 14:00`);

    // Cancel it from the form: kept on the calendar, struck, "Đã huỷ"; the chat no longer announces it.
    await chip.click();
    await form.getByRole("button", { name: "Huỷ buổi này" }).click();
    await form.getByLabel("Lý do huỷ (không bắt buộc)").fill("Tổ đi tập huấn ở huyện");
    await form.getByRole("button", { name: "Xác nhận huỷ buổi" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã huỷ buổi: Thôn Hạ Tiến/).waitFor();
    await expect.poll(() => chip.innerText()).toContain("Đã huỷ");
    expect(await chip.evaluate((el) => getComputedStyle(el.querySelector(".cal-chip-village")!).textDecorationLine)).toBe("line-through");
    await p.locator(".toast").waitFor({ state: "detached" }); // the toast would hide the last week
    await chip.evaluate((el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: "center" }));
    await p.screenshot({ path: `${SHOTS}/pc-month-cancelled.png` });
    await fx.axe(p, "cancelled");
    const after = await askChat(resident);
    expect(after).not.toContain("Sân nhà văn hóa thôn Hạ Tiến");
    expect(after).toContain("Thôn Hạ Tiến");

    // A cancelled session opens as it was (not editable) and can be made again as a new one.
    await chip.click();
    const gone = p.getByTestId("session-cancelled");
    await gone.getByText("Tổ đi tập huấn ở huyện").waitFor();
    await p.screenshot({ path: `${SHOTS}/pc-cancelled-card.png` });
    await fx.axe(p, "cancelled card");
    await gone.getByRole("button", { name: "Thêm lại buổi này" }).click();
    expect(await form.getByLabel("Nơi làm việc", { exact: true }).inputValue()).toBe("Sân nhà văn hóa thôn Hạ Tiến");
    expect(await form.getByLabel("Thôn", { exact: true }).inputValue()).toBe("thon-ha-tien");
    await form.getByRole("button", { name: "Đóng" }).click();

    // Another session of a village at a time that crosses one it has: the bot warns, “Vẫn lưu” saves it anyway.
    const later = vnDate(5);
    await addSession(p, { village: "Làng Đắk Rơ", date: later, start: "08:00", end: "10:00", place: "Nhà rông làng Đắk Rơ" });
    await form.getByRole("button", { name: "Thêm buổi" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã thêm buổi: Làng Đắk Rơ, 08:00–10:00/).waitFor();
    await addSession(p, { village: "Làng Đắk Rơ", date: later, start: "09:00", end: "11:00", place: "Sân nhà rông làng Đắk Rơ" });
    await form.getByRole("button", { name: "Thêm buổi" }).click();
    await form.getByRole("alert").getByText(/Làng Đắk Rơ đã có buổi 08:00–10:00 tại Nhà rông làng Đắk Rơ ngày .*, trùng giờ với buổi này/).waitFor();
    await p.screenshot({ path: `${SHOTS}/pc-overlap.png` });
    await fx.axe(p, "overlap");
    await form.getByRole("button", { name: "Vẫn lưu" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã thêm buổi: Làng Đắk Rơ, 09:00–11:00/).waitFor();
    expect(s.services.chat.team.calendar({ villageId: "lang-dak-ro", from: later, to: later }).map((x) => x.start)).toEqual(["08:00", "09:00"]);

    // The list view on the PC too.
    await p.getByRole("button", { name: "Danh sách" }).click();
    await p.getByTestId("calendar-list").waitFor();
    await p.screenshot({ path: `${SHOTS}/pc-list.png` });
    await p.close();
  });

  it("390×844: the list by day; add a session for Tân Phúc, the chat has it; cancel it, the chat no longer announces it", async () => {
    const p = await calendar(PHONE);
    const list = p.getByTestId("calendar-list");
    await list.waitFor();
    expect(await p.getByTestId("calendar-month").count()).toBe(0);
    // Days as "Thứ Bảy 12/12".
    expect(await list.locator("h3").first().innerText()).toMatch(/^(Thứ (Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ nhật) \d{2}\/\d{2}/);
    await p.screenshot({ path: `${SHOTS}/phone-list.png` });
    await fx.axe(p, "phone list");

    const date = vnDate(3);
    await addSession(p, { village: "Thôn Tân Phúc", date, start: "07:30", end: "10:00", place: "Hội trường thôn Tân Phúc" });
    await p.getByTestId("session-form").screenshot({ path: `${SHOTS}/phone-form.png` });
    await fx.axe(p, "phone form");
    await p.getByTestId("session-form").getByRole("button", { name: "Thêm buổi" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã thêm buổi: Thôn Tân Phúc, 07:30–10:00/).waitFor();
    const item = list.locator("li.cal-item", { hasText: "Hội trường thôn Tân Phúc" });
    await item.waitFor();
    await p.screenshot({ path: `${SHOTS}/phone-added.png` });

    const resident = "8700000000000015102";
    expect(await askChat(resident, "tân phúc")).toContain(`${ddmmyyyy(date)}, 07:30–10:00 tại Hội trường thôn Tân Phúc`);

    await item.getByRole("button").click();
    const form = p.getByTestId("session-form");
    await form.getByRole("button", { name: "Huỷ buổi này" }).click();
    await form.getByRole("button", { name: "Xác nhận huỷ buổi" }).click();
    await p.getByTestId("calendar-notice").getByText(/^Đã huỷ buổi: Thôn Tân Phúc/).waitFor();
    await expect.poll(() => item.innerText()).toContain("Đã huỷ");
    await p.locator(".toast").waitFor({ state: "detached" });
    await item.evaluate((el) => (el as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: "center" }));
    await p.screenshot({ path: `${SHOTS}/phone-cancelled.png` });
    await fx.axe(p, "phone cancelled");
    expect(await askChat(resident)).not.toContain("Hội trường thôn Tân Phúc");
    await p.close();
  });

  it("no serious or critical accessibility violation, no page error", () => {
    expect(errors).toEqual([]);
  });
});
