/**
 * Issue 11 item 6, officers see it: the banner of the mini app's officer and village head screens
 * while Zalo refuses every message with `{"error": -321, ...}` (Zalo Cloud Account out of money), in
 * the real mini app build, in Chromium at 390×844, light and dark. Screenshots go to
 * test-results/zalo-pause/ (not committed).
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { useMiniAppBrowser } from "../miniapp/stack";
import { waitFor } from "../support/stack";

const SHOTS = "test-results/zalo-pause";
const ADMIN = "7000000000000000201"; // demo.json admin officer (Zalo user id the browser adapter plays)
const HEAD = "7000000000000000101"; // head of Thôn Đông Xuân
const RESIDENT = "8630000000000000001";

describe("the “messages held” banner", () => {
  const b = useMiniAppBrowser(SHOTS);
  const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });
  const status = () => (b.s.services.database.sqlite.prepare("SELECT status FROM outbox WHERE dedupe_key = 'banner-1'").get() as { status: string }).status;

  it("shows officers and village heads why messages are held, that nothing is lost, and lets the officer send on", async () => {
    const { s } = b;
    s.sim.upsertUser(RESIDENT, { follower: true, last_interaction_at: s.sim.clock.now() });
    s.sim.pushFaults("message", Array.from({ length: 5 }, () => ({ code: -321 })));
    s.services.outbox.enqueue({ dedupeKey: "banner-1", channel: "cs", recipientId: RESIDENT, message: { kind: "text", text: "Mời bà con họp thôn tối thứ Bảy." } });
    await waitFor(() => s.services.sender.paused() !== undefined, 10_000, "the pause");
    s.sim.clearFaults();

    const officer = await b.open(ADMIN, "/can-bo");
    const banner = officer.getByRole("alert").filter({ hasText: "Tin nhắn đang được giữ lại" });
    await banner.waitFor();
    await expect.poll(() => banner.innerText()).toContain("Tài khoản Zalo của xã hết tiền");
    const text = await banner.innerText();
    expect(text).toContain("Không tin nào bị mất");
    expect(text).toContain("-321"); // the code only in the small print
    expect(text.split("\n")[0]).not.toMatch(/OA|API|-321/);
    await shot(officer, "01-officer-light");
    await officer.emulateMedia({ colorScheme: "dark" });
    await officer.reload();
    await banner.waitFor();
    await officer.waitForTimeout(300);
    await shot(officer, "02-officer-dark");

    const head = await b.open(HEAD, "/truong-thon");
    const headBanner = head.getByRole("alert").filter({ hasText: "Tin nhắn đang được giữ lại" });
    await headBanner.waitFor();
    expect(await headBanner.innerText()).toContain("Cán bộ xã đang xử lý");
    expect(await headBanner.getByRole("button", { name: "Gửi tiếp" }).count()).toBe(0);
    await shot(head, "03-head-light");
    await head.emulateMedia({ colorScheme: "dark" });
    await head.reload();
    await headBanner.waitFor();
    await head.waitForTimeout(300);
    await shot(head, "04-head-dark");

    // The account is topped up: the admin officer sends on; the held message goes out.
    await officer.emulateMedia({ colorScheme: "light" });
    await banner.getByRole("button", { name: "Gửi tiếp" }).click();
    await banner.waitFor({ state: "detached" });
    await waitFor(() => status() === "sent", 10_000, "the held message sent");
    expect(s.sim.inbox(RESIDENT).map((m) => m.text)).toEqual(["Mời bà con họp thôn tối thứ Bảy."]);
    await shot(officer, "05-officer-resumed");
    expect(b.errors).toEqual([]);
  }, 120_000);
});
