/**
 * Issue 15's household segments under database faults, through the real app over a real SQLite file:
 * another process holds the write lock longer than the busy timeout, or the disk is full or refuses
 * writes (test/reliability/support/fault-preload.ts). Segment definitions (admin), a household's
 * declaration and the village head's decision get a Vietnamese "try again", write nothing (not the
 * membership, not the kept counts), leave the progress unchanged, and go through afterwards.
 */
import { describe, expect, it } from "vitest";
import type { HouseholdView } from "../../shared/contracts";
import { DEMO, type GdsTestApp } from "../households/support";
import { during, expectTryAgain, fingerprint, type Fault, faultSuite } from "./support/console-faults";

const suite = faultSuite();
let t: GdsTestApp;

describe.each<Fault>(["lock", "full", "ioerr"])("segments edited while the database refuses writes (%s)", (fault) => {
  it("define, retarget, declare, confirm: 'try again', nothing written, progress unchanged; each goes through afterwards", async () => {
    t = await suite.open({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const reg = await t.call<HouseholdView>("7201", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Nguyễn Văn An, xóm 1", flags: {} });
    expect(reg.status).toBe(201);
    const hid = reg.body.id;
    const progress = async () => JSON.stringify((await t.call(DEMO.officer, "GET", "/api/segments/progress")).body);
    const edits: { what: string; run: () => Promise<{ status: number; body: any }> }[] = [
      { what: "define a segment", run: () => t.call(DEMO.admin, "POST", "/api/admin/segments", { name: "Gia đình người có công", targetPercent: 90 }) },
      { what: "change a target", run: () => t.call(DEMO.admin, "PATCH", "/api/admin/segments/dang-vien", { targetPercent: 60 }) },
      { what: "a household declares", run: () => t.call("7201", "PUT", `/api/households/${hid}/segments`, { declared: ["dang-vien", "hoi-phu-nu"] }) },
      { what: "the village head confirms", run: () => t.call(DEMO.headDongXuan, "POST", `/api/households/${hid}/segments/decisions`, { segmentId: "dang-vien", decision: "confirmed" }) },
      { what: "archive a segment", run: () => t.call(DEMO.admin, "PATCH", "/api/admin/segments/ho-kinh-doanh", { status: "archived" }) },
    ];
    for (const e of edits) {
      const before = { db: fingerprint(sqlite), progress: await progress() };
      const refused = await during(fault, t.dbPath, suite.disk, e.run);
      expectTryAgain(refused, e.what);
      expect(fingerprint(sqlite), `${e.what}: nothing written`).toEqual(before.db);
      expect(await progress(), `${e.what}: progress unchanged`).toBe(before.progress);
      const ok = await e.run();
      expect(ok.status, `${e.what} afterwards: ${JSON.stringify(ok.body)}`).toBeLessThan(300);
    }
    // The kept counts equal a recount (the refused writes left none half-done).
    expect((await t.call(DEMO.admin, "POST", "/api/admin/segments/check", {})).body).toMatchObject({ differences: 0 });
  }, 60_000);
});
