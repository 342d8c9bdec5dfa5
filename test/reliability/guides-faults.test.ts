/**
 * Issue 15's guides and legal tips under database faults, through the real app over a real SQLite
 * file: another process holds the write lock longer than the busy timeout, or the disk is full or
 * refuses writes (test/reliability/support/fault-preload.ts). The officer gets a Vietnamese "try
 * again", nothing is written (not even half), the guide library the chat and the mini app read is not
 * rebuilt with the refused change (steps, titles, learnt phrasings), and the same save goes through
 * afterwards.
 */
import { describe, expect, it } from "vitest";
import type { GuideDetail } from "../../shared/contracts/guides";
import { DEMO, type GdsTestApp } from "../households/support";
import { during, expectTryAgain, fingerprint, type Fault, faultSuite } from "./support/console-faults";

const suite = faultSuite();
let t: GdsTestApp;

const NEW_PHRASING = "chỉ giúp tôi đóng tiền điện bằng điện thoại cho bà cụ nhà bên";

/** What the chat and the mini app read from memory: every rendered guide, its version, and what a new phrasing is understood as. */
function live(t: GdsTestApp) {
  const lib = t.services.chat.library;
  return JSON.stringify({ guides: lib.all(), versions: lib.all().map((g) => lib.version(g.id)), understood: lib.understand(NEW_PHRASING) });
}

describe.each<Fault>(["lock", "full", "ioerr"])("guides and legal tips edited while the database refuses writes (%s)", (fault) => {
  it("save, rollback, legal tips: 'try again', nothing written, the library unchanged; each goes through afterwards", async () => {
    t = await suite.open({ env: { RATE_LIMIT_PER_MINUTE: "1000000" } });
    const sqlite = t.services.database.sqlite;
    const id = "tien-dien";
    const detail = async () => (await t.call<GuideDetail>(DEMO.officer, "GET", `/api/officer/guides/${id}`)).body;
    const d0 = await detail();
    const doc = structuredClone(d0.doc) as { steps: { text: string }[]; phrasings: string[] };
    doc.steps[0]!.text = `${doc.steps[0]!.text} (bản xã sửa)`;
    doc.phrasings = [...doc.phrasings, NEW_PHRASING];
    const tips = (await t.call<{ items: { id: number }[] }>(DEMO.officer, "GET", "/api/officer/legal-tips")).body.items;
    const tipId = tips[0]!.id;
    const tip = { title: "Mua bán hàng giả là vi phạm pháp luật", text: "Bán hàng giả, hàng nhái trên mạng có thể bị phạt tiền và truy cứu trách nhiệm hình sự." };

    const edits: { what: string; run: () => Promise<{ status: number; body: any }> }[] = [
      { what: "save a guide", run: () => t.call(DEMO.officer, "PUT", `/api/officer/guides/${id}`, { doc, baseVersion: d0.version, note: "Sửa bước 1" }) },
      { what: "roll a guide back", run: () => t.call(DEMO.admin, "POST", `/api/admin/guides/${id}/rollback`, { version: d0.version }) },
      { what: "add a legal tip", run: () => t.call(DEMO.officer, "POST", "/api/officer/legal-tips", tip) },
      { what: "edit a legal tip", run: () => t.call(DEMO.officer, "PUT", `/api/officer/legal-tips/${tipId}`, { ...tip, title: "Hàng giả: bán là vi phạm" }) },
      { what: "retire a legal tip", run: () => t.call(DEMO.officer, "POST", `/api/officer/legal-tips/${tipId}/retire`) },
    ];
    for (const e of edits) {
      const before = { db: fingerprint(sqlite), live: live(t), tips: JSON.stringify(t.services.guides.legalTips.list()) };
      const refused = await during(fault, t.dbPath, suite.disk, e.run);
      expectTryAgain(refused, e.what);
      expect(fingerprint(sqlite), `${e.what}: nothing written`).toEqual(before.db);
      expect(live(t), `${e.what}: the library unchanged`).toBe(before.live);
      expect(JSON.stringify(t.services.guides.legalTips.list()), `${e.what}: the tips unchanged`).toBe(before.tips);
      const ok = await e.run();
      expect(ok.status, `${e.what} afterwards: ${JSON.stringify(ok.body)}`).toBeLessThan(300);
      if (e.what === "save a guide") {
        // Live at once: the new step text in the library, the new phrasing understood.
        expect(t.services.chat.library.get(id)!.steps[0]!.text).toContain("(bản xã sửa)");
        expect(t.services.chat.library.understand(NEW_PHRASING)).toMatchObject({ kind: "guide", guideId: id });
      }
    }
    const d1 = await detail();
    // The refused attempts left no version behind: the first, the save, the rollback.
    expect(d1.versions.map((v) => v.version).sort()).toEqual([1, 2, 3]);
    expect(t.services.chat.library.get(id)!.steps[0]!.text).not.toContain("(bản xã sửa)");
  }, 90_000);
});
