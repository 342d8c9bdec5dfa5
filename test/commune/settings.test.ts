/**
 * Issue 15: the commune's general information (one-stop desk, police, hotlines, the province app, the
 * mobile team's name and defaults, the hand-off silence, the target) edited by the admin from the
 * console, live without a restart, audited, 409 on a stale base, 400 at the field, and kept by a
 * restart whatever the commune file then says about the other settings.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import type { CommuneView } from "../../shared/contracts/commune";
import type { CommuneDashboard, VillageStandings } from "../../shared/contracts/reports";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

const T0 = Date.parse("2026-07-15T03:00:00Z");
const NEW_HOURS = "Thứ Hai đến Thứ Bảy, sáng 7:00–11:00, chiều 13:30–16:30";
const NEW_HOTLINE = "0239 3691 022";
const NEW_ANDROID = "https://play.google.com/store/apps/details?id=vn.gov.hatinh.ihatinh2026";

let stack: Stack | undefined;
let gds: GdsTestApp | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
  await gds?.close();
  gds = undefined;
});

function client(s: Stack) {
  return async (id: string, method: "GET" | "POST", url: string, payload?: unknown) => {
    const r = await s.app.inject({ method, url, headers: { authorization: `Bearer ${s.services.gds.auth.issue(id).session}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, text: r.body, json: () => r.json() };
  };
}

const texts = (items: { text: string; buttons: { title: string; payload: unknown }[] }[]) => items.map((m) => `${m.text} ${m.buttons.map((b) => `${b.title} ${JSON.stringify(b.payload)}`).join(" ")}`).join("\n");

describe("the commune's general information edited from the console", () => {
  it("changes the chat's answers, the guides, the mini app's guide and the dashboards at once; admin only; 409 and 400 change nothing", async () => {
    stack = await startStack({ clock: new ManualClock(T0) });
    const s = stack;
    const call = client(s);
    const view = (await call(DEMO.admin, "GET", "/api/admin/commune")).json() as CommuneView;
    expect(view.settings.oneStopDesk?.hours).toContain("7:30–11:30");
    expect(view.settings.hotlines.province).toBe("1022");
    expect(view.settings.lastChange).toBeNull();
    // Officers read the page too (not village heads); only the admin edits.
    expect((await call(DEMO.officer, "GET", "/api/officer/commune")).json().settings.target.percent).toBe(80);
    expect((await call(DEMO.headDongXuan, "GET", "/api/officer/commune")).status).toBe(403);
    const patch = { oneStopDesk: { hours: NEW_HOURS }, hotlines: { province: NEW_HOTLINE }, provinceApp: { androidUrl: NEW_ANDROID }, target: { percent: 90 } };
    for (const who of [DEMO.officer, DEMO.headDongXuan]) {
      expect((await call(who, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: view.version, settings: patch })).status).toBe(403);
    }

    // Before: the file's values in the chat.
    const r = new Resident(s, "8600000000000000555");
    const deskBefore = texts(await r.say("cho hỏi thủ tục đăng ký kết hôn cần giấy tờ gì"));
    expect(deskBefore).toContain("7:30–11:30");
    expect(texts(await r.say("gọi tổng đài phản ánh"))).toContain("1022");

    // The admin saves four fields at once.
    const saved = await call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: view.version, settings: patch });
    expect(saved.status, saved.text).toBe(200);
    const changes = saved.json().changes as string[];
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Giờ làm việc của Bộ phận Một cửa: “Thứ Hai đến Thứ Sáu, sáng 7:30–11:30, chiều 13:30–17:00” → “${NEW_HOURS}”`),
        `Đường dây nóng: của tỉnh: 1022 → của tỉnh: ${NEW_HOTLINE}`,
        "Chỉ tiêu hộ đạt: 80% → 90%",
      ]),
    );
    expect(changes).toHaveLength(4);

    // The chat says the new hours and the new hotline; the guide the new app link; no restart.
    const desk = texts(await r.say("cho hỏi thủ tục đăng ký kết hôn cần giấy tờ gì"));
    expect(desk).toContain(NEW_HOURS);
    expect(desk).not.toContain("7:30–11:30");
    const hotline = texts(await r.say("gọi tổng đài phản ánh"));
    expect(hotline).toContain(NEW_HOTLINE);
    const app = texts(await r.say("tải app i-Hà Tĩnh ở đâu"));
    expect(app).toContain("i-Hà Tĩnh");
    // (the link is in the guide's steps: the mini app's rendering of the guide, and the chat's steps)
    const guide = await s.app.inject({ method: "GET", url: "/miniapp/guides/ung-dung-tinh.json" });
    expect(guide.statusCode).toBe(200);
    expect(guide.body).toContain(NEW_ANDROID);
    const hotlineGuide = await s.app.inject({ method: "GET", url: "/miniapp/guides/tong-dai-phan-anh.json" });
    expect(hotlineGuide.body).toContain(NEW_HOTLINE);
    expect(hotlineGuide.body).not.toContain("tổng đài 1022");
    // The criteria's labels that quote the hotline, in the mini app's checklist.
    const cat = (await call("8600000000000000555", "GET", "/api/catalogue")).json() as { targetPercent: number; criteria: { label: string }[] };
    expect(cat.targetPercent).toBe(90);
    expect(cat.criteria.map((c) => c.label).join("\n")).toContain(`Tổng đài ${NEW_HOTLINE}`);

    // The dashboards and the ranking count against the new target.
    const dash = (await call(DEMO.officer, "GET", "/api/commune/dashboard")).json() as CommuneDashboard;
    expect(dash.totals.target.percent).toBe(90);
    const standings = (await call(DEMO.officer, "GET", "/api/villages/standings")).json() as VillageStandings;
    expect(standings.targetPercent).toBe(90);

    // Who and when, with before/after in the audit trail and the change in the history.
    const after = (await call(DEMO.admin, "GET", "/api/admin/commune")).json() as CommuneView;
    expect(after.version).toBe(saved.json().version);
    expect(after.settings).toMatchObject({ oneStopDesk: { hours: NEW_HOURS }, hotlines: { province: NEW_HOTLINE }, provinceApp: { androidUrl: NEW_ANDROID }, target: { percent: 90, basis: "self_declared" } });
    expect(after.settings.lastChange).toMatchObject({ at: new Date(T0).toISOString() });
    expect(after.settings.lastChange!.actor).toBeTruthy();
    expect(after.settings.lastChange!.summary).toContain("Giờ làm việc của Bộ phận Một cửa");
    const audit = s.services.commune.audit.list({ action: "commune.settings", limit: 1 })[0]!;
    expect(audit.before).toMatchObject({ "oneStopDesk.hours": "Thứ Hai đến Thứ Sáu, sáng 7:30–11:30, chiều 13:30–17:00", "target.percent": 80 });
    expect(audit.after).toMatchObject({ "oneStopDesk.hours": NEW_HOURS, "target.percent": 90 });
    const history = (await call(DEMO.admin, "GET", "/api/admin/commune/history")).json() as { items: { section: string; changes: string[] }[] };
    expect(history.items[0]).toMatchObject({ section: "settings" });
    expect(history.items[0]!.changes).toEqual(changes);

    // A stale base: 409, nothing saved.
    const stale = await call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: view.version, settings: { police: { name: "Công an xã X" } } });
    expect(stale.status).toBe(409);
    expect(stale.json().error.message).toContain("Có người khác vừa lưu");
    // An invalid phone: 400 in Vietnamese at its field, nothing saved (the other field sent with it neither).
    const bad = await call(DEMO.admin, "POST", "/api/admin/commune/edits", {
      op: "settings.update",
      baseVersion: after.version,
      settings: { police: { phone: "gọi 113 nhé" }, chat: { handoffSilenceMinutes: 60 } },
    });
    expect(bad.status).toBe(400);
    const err = bad.json().error as { message: string; details: { issues: { path: (string | number)[]; message: string }[] } };
    expect(err.message).toContain("Số điện thoại chỉ gồm chữ số");
    expect(err.details.issues).toEqual([{ path: ["settings", "police", "phone"], message: expect.stringContaining("ví dụ 0912 345 678") }]);
    // Out of this page: the time zone, the schedules, the commune's identity (refused by name, not ignored).
    const outOfScope = await call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: after.version, settings: { commune: { name: "Xã Khác" } } });
    expect(outOfScope.status).toBe(400);
    const unchanged = (await call(DEMO.admin, "GET", "/api/admin/commune")).json() as CommuneView;
    expect(unchanged.version).toBe(after.version);
    expect(unchanged.settings).toEqual(after.settings);
    expect(s.services.config.commune.chat.handoffSilenceMinutes).toBe(120);

    // A phone sent empty is removed; the chat's scam answer no longer offers to call it.
    const cleared = await call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: after.version, settings: { police: { phone: "" } } });
    expect(cleared.status, cleared.text).toBe(200);
    expect(s.services.config.commune.police.phone).toBeUndefined();
    expect(cleared.json().changes).toEqual(["Số điện thoại Công an xã: “0239 000 0001” → chưa có"]);

    // The mini app's config (read on every request) carries the province app's new name.
    const renamed = await call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: cleared.json().version, settings: { provinceApp: { name: "Hà Tĩnh số" } } });
    expect(renamed.status, renamed.text).toBe(200);
    const config = (await s.app.inject({ method: "GET", url: "/miniapp/config.json" })).json() as { provinceApp: { name: string } };
    expect(config.provinceApp.name).toBe("Hà Tĩnh số");
  });
});

describe("a restart after the console's edits", () => {
  it("keeps the console's values, with the file unchanged and with a file whose other settings changed", async () => {
    const clock = new ManualClock(T0);
    gds = await createGdsApp({ clock });
    const v = (await gds.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body;
    const r = await gds.call(DEMO.admin, "POST", "/api/admin/commune/edits", {
      op: "settings.update",
      baseVersion: v.version,
      settings: { oneStopDesk: { hours: NEW_HOURS }, hotlines: { province: NEW_HOTLINE }, target: { basis: "verified" } },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { dbPath } = gds;
    const restart = async (file?: Parameters<typeof createGdsApp>[0] extends infer O ? (O extends { commune?: infer F } ? F : never) : never) => {
      await gds!.app.close();
      await gds!.services.stop();
      gds = await createGdsApp({ dbPath, clock, ...(file ? { commune: file } : {}) });
      return gds.services.config.commune;
    };

    // The same file: nothing comes back from it.
    let c = await restart();
    expect(c.oneStopDesk?.hours).toBe(NEW_HOURS);
    expect(c.hotlines.province).toBe(NEW_HOTLINE);
    expect(c.target.basis).toBe("verified");

    // A file whose other settings changed (the target's percent, the police's name, the desk's place),
    // and that also says its own hours: the fields the console edited stay the console's, the others follow the file.
    c = await restart((f) => ({
      ...f,
      target: { ...f.target, percent: 85 },
      police: { ...f.police, name: "Công an xã Hòa Sơn mới (demo)" },
      oneStopDesk: { ...f.oneStopDesk!, place: "Nhà văn hóa xã (demo)", hours: "giờ của tệp" },
    }));
    expect(c.target.percent).toBe(85);
    expect(c.police.name).toBe("Công an xã Hòa Sơn mới (demo)");
    expect(c.oneStopDesk).toMatchObject({ place: "Nhà văn hóa xã (demo)", hours: NEW_HOURS });
    expect(c.hotlines.province).toBe(NEW_HOTLINE);
    expect(c.target.basis).toBe("verified");
    // The console's view after the restart says the same (and still names the console's last change).
    const after = (await gds.call<CommuneView>(DEMO.officer, "GET", "/api/officer/commune")).body;
    expect(after.settings.oneStopDesk?.hours).toBe(NEW_HOURS);
    expect(after.settings.lastChange?.summary).toContain("Đường dây nóng");
  });
});
