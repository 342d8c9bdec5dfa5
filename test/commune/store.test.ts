import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AuditLog } from "../../bot/audit/audit-log";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";
import { tempDir } from "../support/env";

/** Issue 15: the commune's villages and people live in the database, edited live by the admin officer. */

let t: GdsTestApp | undefined;
let s: Stack | undefined;
afterEach(async () => {
  await t?.close();
  await s?.close();
  t = undefined;
  s = undefined;
});

const view = async (app: GdsTestApp) => (await app.call(DEMO.admin, "GET", "/api/admin/commune")).body;

describe("the commune document in the database", () => {
  it("is seeded from the file on first start: every person gets a key, version 1 is the seed", async () => {
    t = await createGdsApp();
    const v = await view(t);
    expect(v.version).toBeGreaterThan(0);
    expect(v.villages.map((x: { name: string }) => x.name)).toEqual(["Thôn Đông Xuân", "Thôn Hạ Tiến", "Thôn Tân Phúc", "Làng Đắk Rơ"]);
    const keys = [...v.villages.map((x: { head: { key: string } }) => x.head.key), ...v.officers.map((x: { key: string }) => x.key)];
    expect(keys.every((k: string) => /^[a-z0-9-]{4,40}$/.test(k))).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    const h = (await t.call(DEMO.admin, "GET", "/api/admin/commune/history")).body;
    expect(h.items).toHaveLength(1);
    expect(h.items[0]).toMatchObject({ section: "seed", actor: "seed" });
  });

  it("an edit is saved as a new version with who/when/before/after; a stale base gets 409 and changes nothing", async () => {
    t = await createGdsApp();
    const v0 = await view(t);
    const r = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.update", baseVersion: v0.version, villageId: "thon-ha-tien", name: "Thôn Hạ Tiến Mới", households: 190 });
    expect(r.status).toBe(200);
    expect(r.body.version).toBeGreaterThan(v0.version);
    expect(r.body.changes).toEqual(["Đổi tên Thôn Hạ Tiến → Thôn Hạ Tiến Mới", "Thôn Hạ Tiến Mới: số hộ 187 → 190"]);

    // Someone else saved first: the editor who started from v0 is refused, nothing changes.
    const stale = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.update", baseVersion: v0.version, villageId: "thon-ha-tien", households: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain("Có người khác vừa lưu");
    const v1 = await view(t);
    expect(v1.version).toBe(r.body.version);
    expect(v1.villages.find((x: { id: string }) => x.id === "thon-ha-tien")).toMatchObject({ name: "Thôn Hạ Tiến Mới", households: 190 });

    // Audited: who, when, before and after.
    const audit = new AuditLog(t.services.database.db).list({ action: "commune.villages", limit: 5 });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor).toContain(DEMO.admin);
    expect((audit[0]!.before as { id: string; name: string }[]).find((x) => x.id === "thon-ha-tien")!.name).toBe("Thôn Hạ Tiến");
    expect((audit[0]!.after as { id: string; name: string }[]).find((x) => x.id === "thon-ha-tien")!.name).toBe("Thôn Hạ Tiến Mới");
    const h = (await t.call(DEMO.admin, "GET", "/api/admin/commune/history")).body.items;
    expect(h[0]).toMatchObject({ section: "villages", changes: ["Đổi tên Thôn Hạ Tiến → Thôn Hạ Tiến Mới", "Thôn Hạ Tiến Mới: số hộ 187 → 190"] });
    expect(h[0].actor).toContain(DEMO.admin);
  });

  it("an invalid edit is refused in Vietnamese and changes nothing", async () => {
    t = await createGdsApp();
    const v0 = await view(t);
    const bad = [
      { op: "village.update", baseVersion: v0.version, villageId: "thon-ha-tien", households: -3 },
      { op: "village.head", baseVersion: v0.version, villageId: "thon-ha-tien", head: { name: "", phone: "abc" } },
      { op: "volunteer.add", baseVersion: v0.version, volunteer: { name: "Chị Mai", villageIds: ["thon-khong-co"] } },
      { op: "village.add", baseVersion: v0.version, village: { name: "Thôn Đông Xuân", kind: "thôn", head: { name: "Ông A" } } },
    ];
    for (const b of bad) {
      const r = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", b);
      expect(r.status, JSON.stringify(b)).toBeGreaterThanOrEqual(400);
      expect(r.body.error.message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
    }
    // A village with households registered cannot be removed.
    await t.call("8001", "POST", "/api/households", { villageId: "thon-ha-tien", label: "Hộ bà Lan" });
    const rm = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.remove", baseVersion: v0.version, villageId: "thon-ha-tien" });
    expect(rm.status).toBe(409);
    expect(rm.body.error.message).toContain("đang có 1 hộ đăng ký");
    expect((await view(t)).version).toBe(v0.version);
    // A non-admin officer reads but cannot edit.
    expect((await t.call(DEMO.officer, "GET", "/api/officer/commune")).status).toBe(200);
    expect((await t.call(DEMO.officer, "POST", "/api/admin/commune/edits", { op: "village.remove", baseVersion: v0.version, villageId: "lang-dak-ro" })).status).toBe(403);
  });

  it("a replaced village head loses the role at the next API call and the new one gets it (linked by code in the mini app)", async () => {
    t = await createGdsApp();
    const me = async (id: string) => (await t!.call(id, "GET", "/api/me")).body.roles.villageHeadOf;
    expect(await me(DEMO.headDongXuan)).toEqual(["thon-dong-xuan"]);
    const v0 = await view(t);
    const r = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.head", baseVersion: v0.version, villageId: "thon-dong-xuan", head: { name: "Hoàng Văn Nam", phone: "0912 000 999" } });
    expect(r.status).toBe(200);
    expect(r.body.changes).toEqual(["Thôn Đông Xuân: trưởng thôn Nguyễn Văn Bình → Hoàng Văn Nam"]);
    expect(await me(DEMO.headDongXuan)).toEqual([]);
    const v1 = await view(t);
    const head = v1.villages.find((x: { id: string }) => x.id === "thon-dong-xuan").head;
    expect(head).toMatchObject({ name: "Hoàng Văn Nam", linkedOa: false, linkedApp: false });
    const code = (await t.call(DEMO.admin, "POST", `/api/admin/commune/people/${head.key}/link-code`)).body.code;
    const newHead = "1999000000000000777";
    expect(await me(newHead)).toEqual([]);
    const link = await t.call(newHead, "POST", "/api/staff-link", { code });
    expect(link.status).toBe(200);
    expect(await me(newHead)).toEqual(["thon-dong-xuan"]);
    // The village report overview names the new head too.
    const week = (await t.call(DEMO.officer, "GET", "/api/commune/village-reports")).body;
    if (week.items) expect(week.items.find((x: { villageId: string }) => x.villageId === "thon-dong-xuan").head).toBe("Hoàng Văn Nam");
  });

  it("a restart keeps the edits and does not seed again", async () => {
    const tmp = tempDir();
    const dbPath = join(tmp.dir, "restart.sqlite");
    t = await createGdsApp({ dbPath });
    const v0 = await view(t);
    await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.add", baseVersion: v0.version, village: { name: "Thôn Mới", kind: "thôn", households: 50, head: { name: "Đinh Văn Lộc" } } });
    const v1 = await view(t);
    await t.app.close();
    await t.services.stop();
    t = await createGdsApp({ dbPath });
    const v2 = await view(t);
    expect(v2.version).toBe(v1.version);
    expect(v2.villages.map((x: { name: string }) => x.name)).toContain("Thôn Mới");
    expect(v2.villages.find((x: { name: string }) => x.name === "Thôn Mới").head.key).toBe(v1.villages.find((x: { name: string }) => x.name === "Thôn Mới").head.key);
    expect((await t.call(DEMO.admin, "GET", "/api/admin/commune/history")).body.items.filter((h: { section: string }) => h.section === "seed")).toHaveLength(1);
  });
});

describe("kept versions and erasure", () => {
  it("an erased staff member's name, phone and ids leave every past version and the audit trail", async () => {
    t = await createGdsApp();
    const v0 = await view(t);
    // Nguyễn Văn Bình is replaced, then asks to be erased (his mini app id: DEMO.headDongXuan).
    await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.head", baseVersion: v0.version, villageId: "thon-dong-xuan", head: { name: "Hoàng Văn Nam" } });
    const sqlite = t.services.database.sqlite;
    const holds = (needle: string) =>
      (sqlite.prepare("SELECT actor || summary || doc AS t FROM commune_versions").all() as { t: string }[]).some((r) => r.t.includes(needle)) ||
      (sqlite.prepare("SELECT actor || coalesce(target, '') || coalesce(details, '') AS t FROM audit_log").all() as { t: string }[]).some((r) => r.t.includes(needle));
    expect(holds("Nguyễn Văn Bình")).toBe(true);
    expect(holds(DEMO.headDongXuan)).toBe(true);
    t.services.privacy.service.erase({ appUserId: DEMO.headDongXuan }, { kind: "self" });
    expect(holds(DEMO.headDongXuan)).toBe(false);
    expect(holds("7000000000000000101")).toBe(false);
    expect(holds("Nguyễn Văn Bình")).toBe(false);
    expect(holds("0912 000 101")).toBe(false);
    // The history still reads, with the name replaced.
    const h = (await t.call(DEMO.admin, "GET", "/api/admin/commune/history")).body.items;
    expect(h[0].changes).toEqual(["Thôn Đông Xuân: trưởng thôn [đã xoá] → Hoàng Văn Nam"]);
    expect((await view(t)).villages[0].head.name).toBe("Hoàng Văn Nam");
  });
});

describe("the chat reads the edited document at once", () => {
  it("asks for the village from the edited list", async () => {
    s = await startStack();
    const admin = { authorization: `Bearer ${s.services.gds.auth.issue(DEMO.admin).session}` };
    const v0 = (await s.app.inject({ method: "GET", url: "/api/admin/commune", headers: admin })).json();
    const add = await s.app.inject({
      method: "POST",
      url: "/api/admin/commune/edits",
      headers: admin,
      payload: { op: "village.add", baseVersion: v0.version, village: { name: "Buôn Ea Sim", kind: "buôn", households: 80, head: { name: "Y Bhăm" } } },
    });
    expect(add.statusCode).toBe(200);
    const r = new Resident(s, "8600000000000000151");
    const asked = await r.say("lịch lưu động");
    const offered = asked.flatMap((m) => [m.text, ...m.buttons.map((b) => b.title)]).join("\n");
    expect(offered).toContain("Ea Sim");
    const answer = await r.say("Ea Sim");
    expect(answer.map((m) => m.text).join("\n")).toContain("Buôn Ea Sim");
  });
});
