/**
 * The console's pages at commune scale read through indexes, not whole tables (`npm run bench`'s
 * console group measures them at 500,000 households): each statement a page's API runs is recorded
 * from the real app and asked for its query plan. A full scan of a table that grows with the commune
 * (the audit log: about 0.6 entries per household) is what made a page slow there.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

let t: GdsTestApp;
afterEach(async () => t?.close());

/** The statements the app prepares while `fn` runs, with their query plans. */
async function plansDuring(t: GdsTestApp, fn: () => Promise<unknown>): Promise<{ sql: string; plan: string[] }[]> {
  const sqlite = t.services.database.sqlite;
  const seen: string[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  (sqlite as { prepare: typeof sqlite.prepare }).prepare = ((source: string) => {
    seen.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare;
  try {
    await fn();
  } finally {
    delete (sqlite as { prepare?: unknown }).prepare;
  }
  return [...new Set(seen)]
    .filter((sql) => /^\s*select/i.test(sql))
    .map((sql) => {
      const params = (sql.match(/\?/g) ?? []).map(() => "x");
      return { sql, plan: (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail) };
    });
}

/** A log as after a while: many entries of everyday actions (none the page asks for). */
function fillAudit(t: GdsTestApp, n: number) {
  const ins = t.services.database.sqlite.prepare("INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, 'bench', ?, ?, NULL)");
  t.services.database.sqlite.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(i, ["commune.link_code", "guide.edit", "ticket.answer"][i % 3], `household:${i}`);
  })();
}

describe("the console's histories read the audit log by an index", () => {
  it("the segments page's history (GET /api/admin/segments) finds its entries without scanning the whole log", async () => {
    t = await createGdsApp();
    fillAudit(t, 3000);
    const plans = await plansDuring(t, async () => expect((await t.call(DEMO.admin, "GET", "/api/admin/segments")).status).toBe(200));
    const audit = plans.filter((p) => /audit_log/.test(p.sql));
    expect(audit.length).toBeGreaterThan(0);
    for (const p of audit) expect(p.plan.join(" | "), p.sql).not.toMatch(/SCAN audit_log\b(?! USING)/);
  });

  // Found by this suite: the officers' audit list matched actions with LIKE 'broadcast.%' OR ..., which
  // no index serves: at 500,000 households (300,000 entries) it read the whole log on every request,
  // 30-60 ms. Now prefix ranges (action >= 'broadcast.' AND action < 'broadcast/') on audit_log_action_idx.
  it("the officers' audit list (GET /api/officer/audit) finds its entries without scanning the whole log", async () => {
    t = await createGdsApp();
    fillAudit(t, 3000);
    const plans = await plansDuring(t, async () => expect((await t.call(DEMO.officer, "GET", "/api/officer/audit")).status).toBe(200));
    const audit = plans.filter((p) => /audit_log/.test(p.sql));
    expect(audit.length).toBeGreaterThan(0);
    for (const p of audit) expect(p.plan.join(" | "), p.sql).not.toMatch(/SCAN audit_log\b(?! USING)/);
  });
});
