/**
 * Attacks on the commune document's staff Zalo link codes and import (bot/commune), through the real
 * stack and the simulator. The two holes found (marked "was a hole") were fixed after the review.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/* eslint-disable @typescript-eslint/no-explicit-any */


let s: Stack;
beforeEach(async () => {
  s = await startStack({ clock: new ManualClock(Date.parse("2026-07-15T03:00:00Z")) });
});
afterEach(async () => s.close());

const auth = (id: string) => ({ authorization: `Bearer ${s.services.gds.auth.issue(id).session}` });
async function api(id: string, method: "GET" | "POST", url: string, payload?: unknown) {
  const r = await s.app.inject({ method, url, headers: auth(id), ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: r.statusCode, body: r.body ? r.json() : undefined };
}
const all = (items: { text: string }[]) => items.map((m) => m.text).join("\n");
async function headOf(villageId: string) {
  const v = (await api(DEMO.admin, "GET", "/api/admin/commune")).body;
  return v.villages.find((x: { id: string }) => x.id === villageId).head as { key: string; name: string; linkedOa: boolean };
}

describe("attack: staff link codes", () => {
  /**
   * HOLE (medium, availability): every 6-digit code typed in the OA chat is tried as a staff code first,
   * and one that is not (a family's own household link code, typed as the mini app tells them) counts
   * as a failed staff guess, per account AND commune-wide (30 per 15 minutes, versions-repo.ts
   * STAFF_CODE_LIMITS.global). After 30 families link their chat in a quarter of an hour (a village
   * meeting where the head helps everyone), or 6 accounts typing 5 random numbers each, no staff member
   * can link by code for 15 minutes: in the chat their code falls through to the households' check and
   * is answered "Mã không đúng"; in the mini app, "busy". Repeated, it keeps staff linking shut.
   * Fix (bot/commune/identity.ts): count a staff failure only when the code is not a valid household code
   * either (try the household code first when no staff code matches, or record the failure after the
   * household check fails).
   */
  it("families linking their household by code in the chat do not lock staff linking for the commune (was a hole)", async () => {
    for (let i = 0; i < 32; i++) {
      const family = `18890000000000${String(i).padStart(5, "0")}`;
      expect((await api(family, "POST", "/api/households", { villageId: "thon-ha-tien", label: `Hộ số ${i}` })).status).toBe(201);
      const code = (await api(family, "POST", "/api/me/oa-link-code")).body.code as string;
      expect(all(await new Resident(s, `86100000000${String(i).padStart(8, "0")}`).say(code))).toContain("Đã liên kết khung chat này với hộ");
    }
    const head = await headOf("lang-dak-ro");
    const c = (await api(DEMO.admin, "POST", `/api/admin/commune/people/${head.key}/link-code`)).body.code as string;
    const reply = all(await new Resident(s, "8610000000099999999").say(c));
    expect(reply).toContain("Đã liên kết tài khoản Zalo này với");
  });

  it("a code is single use and bound to its person: a second account, the same account again, a resident in the mini app", async () => {
    const head = await headOf("lang-dak-ro");
    const c = (await api(DEMO.admin, "POST", `/api/admin/commune/people/${head.key}/link-code`)).body.code as string;
    expect((await api("1999000000000000301", "POST", "/api/staff-link", { code: c })).status).toBe(200);
    expect((await api("1999000000000000302", "POST", "/api/staff-link", { code: c })).status).toBe(422);
    expect(all(await new Resident(s, "8610000000000000302").say(c))).not.toContain("Đã liên kết tài khoản");
  });

  it("an officer (not the admin), a village head and a resident cannot make link codes, edit, export or import the commune", async () => {
    const head = await headOf("lang-dak-ro");
    const exported = (await api(DEMO.admin, "GET", "/api/admin/commune/export")).body;
    for (const who of [DEMO.officer, DEMO.headDongXuan, "8610000000000000401"]) {
      expect((await api(who, "POST", `/api/admin/commune/people/${head.key}/link-code`)).status, who).toBe(403);
      expect((await api(who, "GET", "/api/admin/commune/export")).status, who).toBe(403);
      expect((await api(who, "GET", "/api/admin/commune/history")).status, who).toBe(403);
      expect((await api(who, "POST", "/api/admin/commune/import", { doc: exported, apply: true, baseVersion: 1 })).status, who).toBe(403);
    }
  });
});

describe("attack: a crafted commune file", () => {
  const importDoc = async (doc: unknown) => {
    const preview = await api(DEMO.admin, "POST", "/api/admin/commune/import", { doc, apply: false });
    return api(DEMO.admin, "POST", "/api/admin/commune/import", { doc, apply: true, baseVersion: preview.body?.version ?? 1 });
  };

  /**
   * HOLE (medium, lock-out): the console's edits keep an admin (commune-service.ts keepAnAdmin: "Xã cần
   * có ít nhất một quản trị viên"), but an import does not: a file whose officers are all "officer"
   * (an old file, a typo in "role") is applied, the roles are rebuilt at once and the admin who imported
   * it loses the console on the next call; only `npm run commune` on the server gives the commune an
   * admin again. Fix (bot/commune/store.ts import, or CommuneService before it): refuse a file with no
   * admin (409, the same sentence as keepAnAdmin), and say in the preview when the importing admin
   * would lose the role.
   */
  it("a file with no admin left is refused: the commune is never without someone who can administer it (was a hole)", async () => {
    const doc = JSON.parse((await s.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: auth(DEMO.admin) })).body);
    const r = await importDoc({ ...doc, officers: doc.officers.map((o: any) => ({ ...o, role: "officer" })) });
    expect([409, 422]).toContain(r.status);
    expect((await api(DEMO.admin, "GET", "/api/admin/commune")).status).toBe(200);
  });

  it("a file making a resident's account admin needs the admin's own import (nobody else reaches it), and a resident stays a resident until then", async () => {
    const doc = JSON.parse((await s.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: auth(DEMO.admin) })).body);
    const resident = "8610000000000000501";
    const crafted = { ...doc, officers: [...doc.officers, { name: "Kẻ gian", role: "admin", appUserId: resident }] };
    expect((await api(resident, "POST", "/api/admin/commune/import", { doc: crafted, apply: true, baseVersion: 1 })).status).toBe(403);
    expect((await api(resident, "GET", "/api/admin/commune")).status).toBe(403);
  });

  it("an older file (exported before a session was cancelled) does not bring the cancelled session back to be announced", async () => {
    const made = await api(DEMO.officer, "POST", "/api/officer/team-sessions", { villageId: "thon-ha-tien", date: "2026-07-20", start: "08:00", end: "10:00", place: "Nhà văn hoá thôn Hạ Tiến", procedures: [], papers: [], note: null });
    expect(made.status).toBe(201);
    const id = made.body.session.id as number;
    const older = JSON.parse((await s.app.inject({ method: "GET", url: "/api/admin/commune/export", headers: auth(DEMO.admin) })).body);
    expect(older.mobileTeam.sessions.some((x: any) => x.date === "2026-07-20" && x.villageId === "thon-ha-tien")).toBe(true);
    expect((await api(DEMO.officer, "POST", `/api/officer/team-sessions/${id}/cancel`, { reason: "Mưa bão" })).status).toBe(200);
    const r = await importDoc(older);
    expect(r.status).toBe(200);
    const items = (await api(DEMO.officer, "GET", "/api/officer/team-sessions")).body.items as any[];
    const same = items.filter((x) => x.villageId === "thon-ha-tien" && x.date === "2026-07-20" && x.start === "08:00");
    expect(same.map((x) => x.status)).toEqual(["cancelled"]);
    // The chat does not announce it.
    expect(s.services.chat.team.describeUpcoming(s.services.config.commune.villages.find((v) => v.id === "thon-ha-tien")!, s.services.config.clock.now())).not.toContain("20/07");
  });
});

