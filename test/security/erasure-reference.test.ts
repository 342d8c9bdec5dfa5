/**
 * Issue 9: an erasure "leaves an audit entry without personal data". An officer's erasure records the
 * written request's reference ("Đơn số 12/2026") in the audit log; a reference carrying the person's
 * id or phone number would keep exactly what was erased, so it is refused and nothing is erased.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createGdsApp, type GdsTestApp } from "../households/support";

const ADMIN = "officer-token-for-reference-tests-0123456789";
const PERSON = "8111111111111111177";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Every table.column holding the needle. */
function whereIs(t: GdsTestApp, needle: string): string[] {
  const sqlite = t.services.database.sqlite;
  const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
  const hits: string[] = [];
  for (const table of tables) {
    for (const row of sqlite.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
      for (const [col, v] of Object.entries(row)) if (v !== null && String(v).includes(needle)) hits.push(`${table}.${col}`);
    }
  }
  return hits;
}

describe("an officer's erasure on a written request", () => {
  it("refuses a reference that carries an id or a phone number, changes nothing; a plain reference erases and leaves no trace", async () => {
    t = await createGdsApp({ env: { ADMIN_TOKEN: ADMIN } });
    expect((await t.call(PERSON, "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Lý Văn Bảy", memberName: "Lý Văn Bảy" })).status).toBe(201);
    const erase = (reference: string) =>
      t!.app.inject({ method: "POST", url: "/api/officer/privacy/erasures", headers: { authorization: `Bearer ${ADMIN}` }, payload: { appUserId: PERSON, reference } });

    for (const reference of [`Đơn của người dùng ${PERSON}`, "Đơn số 12/2026, ĐT 0912 345 678", "Đơn số 12, CCCD ０３８０８９０１２３４５"]) {
      const r = await erase(reference);
      expect(r.statusCode, reference).toBe(400);
      expect(r.json().error.code).toBe("bad_request");
      expect(r.json().error.message).toContain("Số hiệu đơn không được chứa");
    }
    expect(t.services.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'privacy.erase'").get()).toEqual({ n: 0 });
    expect(whereIs(t, PERSON).length).toBeGreaterThan(0); // nothing was erased

    const ok = await erase("Đơn số 12/2026");
    expect(ok.statusCode).toBe(201);
    expect(whereIs(t, PERSON)).toEqual([]);
    expect(whereIs(t, "Lý Văn Bảy")).toEqual([]);
    const audit = t.services.database.sqlite.prepare("SELECT details FROM audit_log WHERE action = 'privacy.erase'").get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ requestedBy: "officer", reference: "Đơn số 12/2026" });
  });
});
