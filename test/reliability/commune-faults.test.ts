/**
 * Issue 15's commune document and staff link codes under database faults, through the real app over a
 * real SQLite file: another process holds the write lock longer than the busy timeout, or the disk is
 * full or refuses writes (test/reliability/support/fault-preload.ts). The admin gets a Vietnamese "try
 * again", nothing is written (not even half), the live document every module reads stays as it was,
 * and the same edit goes through once the database takes writes again.
 */
import { describe, expect, it } from "vitest";
import type { CommuneView } from "../../shared/contracts/commune";
import { DEMO, type GdsTestApp } from "../households/support";
import { during as duringFault, expectTryAgain, failWritesMatching, fingerprint, type Fault, faultSuite } from "./support/console-faults";

const suite = faultSuite();
let t: GdsTestApp;

/** What the modules read from memory: the store's document and version, the live view, the admin's view. */
function live(t: GdsTestApp) {
  const store = t.services.commune.store;
  return JSON.stringify({ version: store.version(), doc: store.current(), villages: t.services.config.commune.villages, view: t.services.commune.service.view() });
}

describe.each<Fault>(["lock", "full", "ioerr"])("commune edits from the console while the database refuses writes (%s)", (fault) => {
  it("village, head and officer edits, an import and link codes: 'try again', nothing written, the live document unchanged; each goes through afterwards", async () => {
    t = await suite.open({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const view = async () => (await t.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body;
    const v0 = await view();
    const dakRo = v0.villages.find((v) => v.id === "lang-dak-ro")!;
    const exported = JSON.parse(t.services.commune.store.export()) as { villages: { id: string; name: string }[]; mobileTeam: { sessions: { village: string; note?: string }[] }; segments?: { id: string; targetPercent: number }[] };
    const imported = structuredClone(exported);
    imported.villages[0]!.name = "Thôn Đông Xuân Mới";
    imported.mobileTeam.sessions = imported.mobileTeam.sessions.slice(0, 2);
    if (imported.segments) imported.segments[0]!.targetPercent = 55;

    const edits: { what: string; run: (base: number) => Promise<{ status: number; body: any }> }[] = [
      { what: "rename a village", run: (base) => t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.update", baseVersion: base, villageId: "thon-ha-tien", name: "Thôn Hạ Tiến Hai" }) },
      { what: "replace a village head", run: (base) => t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.head", baseVersion: base, villageId: "thon-tan-phuc", head: { name: "Nguyễn Thị Hoa", phone: "0912345678" } }) },
      { what: "add an officer", run: (base) => t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "officer.add", baseVersion: base, officer: { name: "Trần Văn Nam", role: "officer" } }) },
      { what: "import a file", run: (base) => t.call(DEMO.admin, "POST", "/api/admin/commune/import", { doc: imported, apply: true, baseVersion: base }) },
      { what: "make a link code", run: () => t.call(DEMO.admin, "POST", `/api/admin/commune/people/${dakRo.head.key}/link-code`) },
    ];
    for (const e of edits) {
      const base = t.services.commune.store.version();
      const before = { db: fingerprint(sqlite), live: live(t) };
      const refused = await duringFault(fault, t.dbPath, suite.disk, () => e.run(base));
      expectTryAgain(refused, e.what);
      expect(fingerprint(sqlite), `${e.what}: nothing written`).toEqual(before.db);
      expect(live(t), `${e.what}: the live document unchanged`).toBe(before.live);
      const ok = await e.run(base);
      expect(ok.status, `${e.what} afterwards: ${JSON.stringify(ok.body)}`).toBeLessThan(300);
    }
    const v1 = await view();
    expect(v1.villages.map((v) => v.name)).toContain("Thôn Đông Xuân Mới");
    expect(t.services.config.commune.villages.find((v) => v.id === "thon-dong-xuan")!.name).toBe("Thôn Đông Xuân Mới");
    expect(t.services.chat.team.exportSessions()).toHaveLength(2);

    // The person types the code in the mini app while the database refuses: not spent, not linked; then linked.
    const code = (await t.call<{ code: string }>(DEMO.admin, "POST", `/api/admin/commune/people/${dakRo.head.key}/link-code`)).body.code;
    const before = { db: fingerprint(sqlite), live: live(t) };
    const person = "7700000000000000001";
    const refused = await duringFault(fault, t.dbPath, suite.disk, () => t.call(person, "POST", "/api/staff-link", { code }));
    expectTryAgain(refused, "redeem a link code");
    expect(fingerprint(sqlite)).toEqual(before.db);
    expect(live(t)).toBe(before.live);
    const linked = await t.call<{ ok: boolean }>(person, "POST", "/api/staff-link", { code });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(t.services.config.commune.villages.find((v) => v.id === "lang-dak-ro")!.head.appUserId).toBe(person);
  }, 60_000);
});

describe("an import refused half-way, inside its transaction", () => {
  it.each([
    ["the team calendar's rows", /insert into "team_sessions"/i],
    ["the segments' rows", /^UPDATE segments/i],
  ])("%s refused: nothing written, the live document and the guides as before, then the import goes through", async (_what, which) => {
    t = await suite.open({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const store = t.services.commune.store;
    const doc = JSON.parse(store.export());
    doc.villages[0].name = "Thôn Đông Xuân Mới";
    doc.provinceApp.name = "Hà Tĩnh Số";
    doc.mobileTeam.sessions = doc.mobileTeam.sessions.slice(0, 2);
    doc.segments[0].targetPercent = 55;
    const request = { doc, apply: true, baseVersion: store.version() };
    const guides = () => JSON.stringify(t.services.chat.library.all());
    const before = { db: fingerprint(sqlite), live: live(t), guides: guides() };
    // The document's version is written first; the part after it is refused.
    const restore = failWritesMatching(sqlite, which);
    const refused = await t.call(DEMO.admin, "POST", "/api/admin/commune/import", request);
    restore();
    expectTryAgain(refused, "import");
    expect(fingerprint(sqlite)).toEqual(before.db);
    expect(live(t)).toBe(before.live);
    expect(guides()).toBe(before.guides);
    const ok = await t.call(DEMO.admin, "POST", "/api/admin/commune/import", request);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(guides()).toContain("Hà Tĩnh Số");
  }, 30_000);
});

describe("a fault between the two writes of one commune edit (lead: bot/commune/store.ts, commune-service.ts)", () => {
  // Found by the fault suite: CommuneStore.update appended the version (its own transaction) and then
  // recorded the audit entry outside it. When the disk refused the audit row, the version was saved but
  // the live document was not: the admin read "try again", trying again was refused as "someone else
  // saved" (409), and the chat kept the old document until a restart. Now one transaction.
  it("an audit row the disk refuses leaves neither the version nor the live document changed", async () => {
    t = await suite.open({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const base = t.services.commune.store.version();
    const before = { db: fingerprint(sqlite), live: live(t) };
    const restore = failWritesMatching(sqlite, /INSERT INTO "?audit_log/i);
    const refused = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.update", baseVersion: base, villageId: "thon-ha-tien", name: "Thôn Hạ Tiến Hai" });
    restore();
    expectTryAgain(refused, "rename while the audit row is refused");
    expect(fingerprint(sqlite).commune_versions).toBe(before.db.commune_versions);
    expect(live(t)).toBe(before.live);
    const again = await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.update", baseVersion: base, villageId: "thon-ha-tien", name: "Thôn Hạ Tiến Hai" });
    expect(again.status).toBe(200);
  }, 30_000);

  // Found by the fault suite: CommuneService.redeem marked the code used, then saved the linked document
  // in a second write. When the second was refused the code was spent and the person not linked. Now
  // the two are one transaction.
  it("a link code whose saved document the disk refuses is not spent", async () => {
    t = await suite.open({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const dakRo = (await t.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body.villages.find((v) => v.id === "lang-dak-ro")!;
    const code = (await t.call<{ code: string }>(DEMO.admin, "POST", `/api/admin/commune/people/${dakRo.head.key}/link-code`)).body.code;
    const person = "7700000000000000002";
    const before = fingerprint(sqlite);
    const restore = failWritesMatching(sqlite, /INSERT INTO "?commune_versions/i);
    const refused = await t.call(person, "POST", "/api/staff-link", { code });
    restore();
    expectTryAgain(refused, "redeem while the document's save is refused");
    expect(fingerprint(sqlite).staff_link_codes).toBe(before.staff_link_codes);
    const again = await t.call(person, "POST", "/api/staff-link", { code });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
  }, 30_000);
});
