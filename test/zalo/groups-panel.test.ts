/**
 * The officers' "Nhóm Zalo của thôn" panel in the real mini app build (Chromium at 390×844, sandbox bot
 * with its simulator): a deleted group and a group's members against its limit, as the simulator's
 * control API changed them through the documented webhook events. Screenshot in test-results/miniapp/.
 */
import { describe, expect, it } from "vitest";
import { useMiniAppBrowser } from "../miniapp/stack";
import { waitFor } from "../support/stack";

const OFFICER = "7000000000000000202";

describe("officers see each village's Zalo groups", () => {
  const m = useMiniAppBrowser();

  const control = async (path: string, body: unknown = {}) => {
    const res = await fetch(`${m.s.url}/simulator/api${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    expect(res.status, await res.clone().text()).toBe(200);
  };

  it("a deleted group says so in plain words; a live one shows its members against the limit", async () => {
    const registry = m.s.services.groups.registry;
    await waitFor(() => m.s.services.groups.sync.syncedAt() !== undefined, 10_000, "the start-up group sync");
    await control("/groups/g-ha-tien/join", { user_ids: Array.from({ length: 38 }, (_, i) => `81000000000000001${String(i).padStart(2, "0")}`) });
    await control("/groups/g-dong-xuan-1/delete");
    await waitFor(() => registry.get("g-dong-xuan-1")?.status === "deleted" && registry.get("g-ha-tien")?.memberCount === 38, 10_000, "the events applied");

    const page = await m.open(OFFICER, "/can-bo");
    const panel = page.getByTestId("village-groups");
    await panel.waitFor();
    await panel.scrollIntoViewIfNeeded();
    const deleted = panel.locator('[data-group="g-dong-xuan-1"]');
    await expect.poll(() => deleted.innerText()).toContain("Nhóm đã bị xoá");
    expect(await deleted.innerText()).toContain("nhờ trưởng thôn chuyển");
    expect(await panel.locator('[data-group="g-ha-tien"]').innerText()).toContain("38/100 thành viên");
    expect(await panel.locator('[data-group="tan-phuc-thu-cong"]').innerText()).toContain("Nhóm trưởng thôn tự lập");
    const text = await panel.innerText();
    expect(text).not.toMatch(/\bOA\b/);
    await panel.evaluate((el) => {
      el.scrollIntoView({ block: "start" });
      el.ownerDocument.defaultView?.scrollBy(0, -64); // below the fixed title bar
    });
    await page.screenshot({ path: "test-results/miniapp/groups-panel.png" });
    expect(m.errors).toEqual([]);
  });
});
