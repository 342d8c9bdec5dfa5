/**
 * Issue 15, content: an officer edits a guide step in the PC console (Chromium, 1366×768) and watches
 * the preview follow as they type, both as the chat shows it (Zalo-like bubbles with buttons) and as
 * the mini app shows it; a problem is said next to its field and blocks "Lưu"; saved, the chat (a
 * resident through the simulator) and the mini app show the new step at once; the admin rolls back.
 * The legal tips page adds a tip. axe-core on each page. Screenshots: /tmp/shots-15g/.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../households/support";
import { demoCommune } from "../support/env";
import { until as poll, useConsole } from "./console-fixture";
import type { SandboxStack } from "./sandbox";

const SHOTS = "/tmp/shots-15g";
const ID = "tien-dien";
const HERE = `${demoCommune().commune.kind} ${demoCommune().commune.name}`;
/** Asked every 150 ms. */
const until = <T>(what: string, fn: () => Promise<T | undefined> | T | undefined) => poll(what, fn, 15_000, 150);
describe("issue 15: officers edit guides and legal tips in the console, residents see it at once", () => {
  const fx = useConsole({ shots: SHOTS, miniApp: true });
  const { errors } = fx;
  let s: SandboxStack;
  let pc: Page;
  const violations: string[] = [];
  let n = 0;
  /** What a new resident gets when asking for the guide by its title in the OA chat. */
  const askInChat = async (title: string) => {
    const who = `87150000000000${String(++n).padStart(5, "0")}`;
    expect((await s.sim.sendText(who, `Hướng dẫn: ${title}`)).delivered).toBe(true);
    return until("the guide's first step in the resident's Zalo", () => s.sim.inbox(who).find((m) => (m.text ?? "").includes("Bước 1/"))?.text);
  };
  /** A new resident's message; everything the OA answered (once nothing more came for half a second). */
  const say = async (text: string) => {
    const who = `87150000000000${String(++n).padStart(5, "0")}`;
    expect((await s.sim.sendText(who, text)).delivered).toBe(true);
    let seen = -1;
    await until("the answers", async () => {
      const now = s.sim.inbox(who).length;
      if (now > 0 && now === seen) return true;
      seen = now;
      await new Promise((r) => setTimeout(r, 500));
      return undefined;
    });
    return s.sim.inbox(who).map((m) => m.text ?? "").join("\n");
  };
  const axe = (p: Page, where: string) => fx.axe(p, where, violations);

  beforeAll(async () => {
    s = fx.s;
    // The admin logs in on the PC (QR code approved as the phone does).
    pc = await fx.loggedIn(DEMO.admin, undefined, "pc");
  });

  it("lists the guides with their state", async () => {
    await pc.getByRole("link", { name: "Hướng dẫn, pháp luật" }).click();
    await pc.getByTestId("console-guides").waitFor();
    expect(await pc.getByTestId("console-guides").locator("tbody tr").count()).toBe(14);
    expect(await pc.locator(`tr[data-guide="${ID}"]`).innerText()).toContain("Bản gốc");
    await pc.screenshot({ path: `${SHOTS}/guides-list.png` });
    await axe(pc, "list");
  });

  it("edits a step with the preview following as the officer types; a problem is said next to its field", async () => {
    const title = s.services.chat.library.get(ID)!.title;
    await pc.getByRole("link", { name: title }).click();
    const step1 = pc.getByLabel("Nội dung bước 1");
    await step1.waitFor();
    const chat = pc.getByTestId("preview-chat");
    await chat.waitFor();
    expect(await chat.innerText()).toContain("Bước 1/8");
    await pc.screenshot({ path: `${SHOTS}/editor-before.png` });
    await axe(pc, "editor");

    await step1.fill("Tìm mã khách hàng trên hóa đơn của");
    await step1.pressSequentially(" {{commune.kind}} {{commune.name}}", { delay: 15 });
    // The chat's bubble shows the words typed, with the commune's values filled in.
    await until("the chat preview shows the typed text", async () => (await chat.innerText()).includes(`Tìm mã khách hàng trên hóa đơn của ${HERE}`) || undefined);
    // Its buttons are the chat's own.
    expect(await chat.locator('[data-step="1"] .gp-btn').allInnerTexts()).toEqual(["Tiếp ▶", "☰ Danh mục"]);
    await pc.getByLabel("Nút mở đường dẫn: chữ trên nút").first().fill("Xem hóa đơn");
    await pc.getByLabel("Đường dẫn của nút").first().fill("https://www.evn.com.vn");
    await until("the button in the chat preview", async () => (await chat.locator('[data-step="1"] .gp-btn').allInnerTexts()).some((t) => t.startsWith("Xem hóa đơn")) || undefined);
    await pc.screenshot({ path: `${SHOTS}/editor-typing-chat.png` });

    // The mini app's look.
    await pc.getByRole("button", { name: "Ứng dụng Gia đình số" }).click();
    const app = pc.getByTestId("preview-miniapp");
    await until("the mini app preview", async () => (await app.innerText()).includes(`Tìm mã khách hàng trên hóa đơn của ${HERE}`) || undefined);
    expect(await app.innerText()).toContain("Xem hóa đơn");
    await pc.screenshot({ path: `${SHOTS}/editor-typing-app.png` });
    await axe(pc, "editor (mini app preview)");
    await pc.getByRole("button", { name: "Khung chat Zalo" }).click();

    // A step left empty: said next to it, and "Lưu" waits.
    const step2 = pc.getByLabel("Nội dung bước 2");
    const kept = await step2.inputValue();
    await step2.fill("");
    await pc.getByText("Bước 2: chưa có nội dung.").waitFor();
    expect(await step2.getAttribute("aria-invalid")).toBe("true");
    expect(await pc.getByRole("button", { name: "Lưu", exact: true }).isDisabled()).toBe(true);
    await step2.evaluate((el) => el.scrollIntoView({ block: "center" }));
    await pc.screenshot({ path: `${SHOTS}/editor-error.png` });
    await axe(pc, "editor with an error");
    await step2.fill(kept);
    await until("the error gone", async () => (await pc.getByText("Bước 2: chưa có nội dung.").count()) === 0 || undefined);
  });

  it("saves: the chat and the mini app show the new step at once, and a new phrasing is understood", async () => {
    const title = s.services.chat.library.get(ID)!.title;
    expect(await askInChat(title)).not.toContain(`hóa đơn của ${HERE}`);
    // A way of asking the bot does not understand yet, added to the guide's phrasings.
    const phrase = "cái phiếu xanh nhà đèn gửi mỗi tháng nộp ở chỗ nào";
    expect(await say(phrase)).not.toContain(`${title}\nBước 1/`);
    const phrasings = pc.getByLabel("Câu hỏi mẫu (cách người dân hay hỏi, mỗi câu một dòng)");
    await phrasings.fill(`${await phrasings.inputValue()}\n${phrase}`);
    await pc.getByLabel("Ghi chú cho lần sửa này (không bắt buộc)").fill("Ghi rõ hóa đơn của xã");
    await until("Lưu enabled", async () => !(await pc.getByRole("button", { name: "Lưu", exact: true }).isDisabled()) || undefined);
    await pc.getByRole("button", { name: "Lưu", exact: true }).click();
    await pc.getByText("Đã lưu bản 2.").waitFor();
    await pc.locator('tr[data-version="2"]').waitFor();
    expect(await pc.locator('tr[data-version="2"]').innerText()).toContain("Ghi rõ hóa đơn của xã");

    // The chat: the new phrasing opens the guide; a resident asking now gets the new step.
    expect(await say(phrase)).toContain(`${title}\nBước 1/`);
    const step = await askInChat(title);
    expect(step).toContain(`Tìm mã khách hàng trên hóa đơn của ${HERE}`);
    // The mini app: the guide screen shows it.
    const phone = await fx.page("miniapp", `/miniapp/?as=8715000000000099001#/huong-dan/${ID}`, { width: 390, height: 844 });
    await phone.getByText(`Tìm mã khách hàng trên hóa đơn của ${HERE}`).waitFor({ timeout: 20_000 });
    await phone.getByRole("link", { name: "Xem hóa đơn" }).waitFor();
    await phone.screenshot({ path: `${SHOTS}/miniapp-after-save.png` });
    await phone.close();
    await pc.locator('tr[data-version="2"] summary').click();
    await pc.getByRole("heading", { name: "Các bản đã lưu" }).evaluate((el) => el.scrollIntoView({ block: "start" }));
    await pc.screenshot({ path: `${SHOTS}/editor-saved-versions.png` });
  });

  it("the admin rolls back to version 1: the chat shows the old step again", async () => {
    await pc.locator('tr[data-version="1"]').getByRole("button", { name: /Quay lại bản này/ }).click();
    await pc.getByText("Đã quay lại bản 1").waitFor();
    await pc.locator('tr[data-version="3"]').waitFor();
    expect(await pc.getByLabel("Nội dung bước 1").inputValue()).toContain("Mã gồm 13 ký tự");
    const title = s.services.chat.library.get(ID)!.title;
    expect(await askInChat(title)).not.toContain(`hóa đơn của ${HERE}`);
    await pc.screenshot({ path: `${SHOTS}/editor-rolled-back.png` });
  });

  it("adds a legal tip", async () => {
    await pc.goto(`${s.url}/console/#/noi-dung/phap-luat`);
    await pc.getByRole("heading", { name: "Pháp luật trong tuần" }).waitFor();
    const form = pc.getByRole("form", { name: "Thêm mục" });
    await form.getByLabel("Tiêu đề").fill("Đăng ký tạm trú");
    await form.getByLabel("Nội dung gửi vào nhóm Zalo các thôn").fill("Người đến ở từ 30 ngày trở lên phải đăng ký tạm trú với Công an xã, có thể nộp trên VNeID.");
    await form.getByRole("button", { name: "Thêm mục" }).click();
    await pc.getByRole("heading", { name: "Đăng ký tạm trú" }).waitFor();
    expect(s.services.guides.legalTips.active().map((t) => t.title)).toContain("Đăng ký tạm trú");
    await pc.screenshot({ path: `${SHOTS}/legal-tips.png` });
    await axe(pc, "legal tips");
  });

  it("no page error, no serious accessibility violation", () => {
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });
});
