import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/**
 * Issue 15: nobody types a Zalo id. The admin gets a 6-digit code for a person; the person types it in
 * the OA chat (or enters it in the mini app) and their account is linked to their entry, with the role.
 */

let s: Stack;
beforeEach(async () => {
  s = await startStack({ clock: new ManualClock(Date.parse("2026-07-15T03:00:00Z")) });
});
afterEach(async () => s.close());

const auth = (id: string) => ({ authorization: `Bearer ${s.services.gds.auth.issue(id).session}` });
async function api(id: string, method: "GET" | "POST", url: string, payload?: unknown) {
  const r = await s.app.inject({ method, url, headers: auth(id), ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.json() };
}
async function headOf(villageId: string) {
  const v = (await api(DEMO.admin, "GET", "/api/admin/commune")).body;
  return v.villages.find((x: { id: string }) => x.id === villageId).head as { key: string; name: string; linkedOa: boolean; linkedApp: boolean };
}
const all = (items: { text: string }[]) => items.map((m) => m.text).join("\n");
const codeFor = async (key: string) => (await api(DEMO.admin, "POST", `/api/admin/commune/people/${key}/link-code`)).body as { code: string; instructions: string[]; expiresAt: string };

describe("linking a staff member's Zalo account by a one-time code", () => {
  it("the code typed in the OA chat links the account (audited) and makes it a staff account at once", async () => {
    const head = await headOf("lang-dak-ro");
    expect(head).toMatchObject({ name: "Y Đức", linkedOa: false });
    const oa = "8600000000000000901";
    expect(s.services.gds.roles.staffOaAccount(oa)).toBeUndefined();
    const c = await codeFor(head.key);
    expect(c.code).toMatch(/^\d{6}$/);
    expect(c.instructions.join(" ")).toContain(c.code);
    expect(Date.parse(c.expiresAt) - s.services.config.clock.now()).toBe(48 * 3600_000);
    // Kept hashed: the code itself is nowhere in the database.
    const rows = s.services.database.sqlite.prepare("SELECT * FROM staff_link_codes").all();
    expect(JSON.stringify(rows)).not.toContain(c.code);

    const r = new Resident(s, oa);
    const reply = all(await r.say(c.code));
    expect(reply).toContain("Đã liên kết tài khoản Zalo này với Y Đức (trưởng thôn)");
    expect(await headOf("lang-dak-ro")).toMatchObject({ linkedOa: true });
    expect(s.services.commune.store.current().villages.find((v) => v.id === "lang-dak-ro")!.head.zaloUserId).toBe(oa);
    expect(s.services.gds.roles.staffOaAccount(oa)).toBeDefined();
    const h = (await api(DEMO.admin, "GET", "/api/admin/commune/history")).body.items[0];
    expect(h).toMatchObject({ section: "identity", changes: ["Làng Đắk Rơ: Y Đức đã liên kết Zalo"] });

    // Single use: the same code again is not a staff code any more (the household code check answers).
    const again = all(await r.say(c.code));
    expect(again).toContain("không đúng");
  });

  it("entered in the mini app, the code gives the role at the next call", async () => {
    const head = await headOf("lang-dak-ro");
    const app = "1999000000000000123";
    expect((await api(app, "GET", "/api/me")).body.roles.villageHeadOf).toEqual([]);
    const c = await codeFor(head.key);
    const wrong = await api(app, "POST", "/api/staff-link", { code: c.code === "000000" ? "000001" : "000000" });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.message).toContain("Mã không đúng");
    const ok = await api(app, "POST", "/api/staff-link", { code: c.code });
    expect(ok.status).toBe(200);
    expect((await api(app, "GET", "/api/me")).body.roles.villageHeadOf).toEqual(["lang-dak-ro"]);
    // Reused: refused.
    expect((await api("1999000000000000124", "POST", "/api/staff-link", { code: c.code })).status).toBe(422);
  });

  it("an expired code is refused; a new code replaces the old one", async () => {
    const head = await headOf("lang-dak-ro");
    const old = await codeFor(head.key);
    const fresh = await codeFor(head.key);
    const r = new Resident(s, "8600000000000000902");
    if (old.code !== fresh.code) expect(all(await r.say(old.code))).toContain("không đúng");
    s.advance(48 * 3600_000 + 1000);
    const expired = all(await r.say(fresh.code));
    expect(expired).toContain("đã hết hạn");
    expect(await headOf("lang-dak-ro")).toMatchObject({ linkedOa: false });
  });

  it("guessing hits the limit: after five wrong codes even the right one is refused", async () => {
    const head = await headOf("lang-dak-ro");
    const c = await codeFor(head.key);
    const r = new Resident(s, "8600000000000000903");
    let wrong = 0;
    for (let n = 0; wrong < 5; n++) {
      const guess = String(n).padStart(6, "0");
      if (guess === c.code) continue;
      await r.say(guess);
      wrong++;
    }
    const locked = all(await r.say(c.code));
    expect(locked).toContain("nhập sai mã 5 lần");
    expect(await headOf("lang-dak-ro")).toMatchObject({ linkedOa: false });
    // Fifteen minutes later the right code works.
    s.advance(15 * 60_000 + 1000);
    const ok = all(await r.say(c.code));
    expect(ok).toContain("Đã liên kết");
  });

  it("a household's link code typed by a staff account is still refused (issue 9)", async () => {
    // A family registers in the mini app and gets its chat code.
    const family = "1888000000000000001";
    expect((await api(family, "POST", "/api/households", { villageId: "lang-dak-ro", label: "Hộ bà H'Lan" })).status).toBe(201);
    const hhCode = (await api(family, "POST", "/api/me/oa-link-code")).body.code as string;
    // The village head's OA account is linked by their staff code first.
    const head = await headOf("lang-dak-ro");
    const staff = new Resident(s, "8600000000000000904");
    await staff.say((await codeFor(head.key)).code);
    const refused = all(await staff.say(hhCode));
    expect(refused).toContain("tài khoản cán bộ của xã");
    // The family itself links with it.
    const linked = all(await new Resident(s, "8600000000000000905").say(hhCode));
    expect(linked).toContain("Đã liên kết khung chat này với hộ");
  });
});
