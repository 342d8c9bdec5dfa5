/**
 * Every officers' and admin route Fastify serves, called by a village head (a staff member, but not a
 * commune officer) and by a volunteer-free resident with a household: 403 before anything else. The
 * existing walk (routes.test.ts) covers no session, forged sessions, residents and officers on admin
 * routes; a village head on the console's routes was not walked.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { apiRoutes } from "./route-table";

let t: GdsTestApp;
let routes: { method: string; path: string }[];

const concrete = (path: string) => path.replace(/:(\w+)/g, (_, n: string) => (n === "villageId" ? "thon-dong-xuan" : n === "personKey" ? "officer-0" : "1"));

beforeAll(async () => {
  t = await createGdsApp({ env: { RATE_LIMIT_AUTH_FAILURES: "100000", RATE_LIMIT_PER_MINUTE: "100000" } });
  routes = apiRoutes(t.app);
});
afterAll(async () => t.close());

describe("a village head on the console's routes", () => {
  it("gets 403 on every /api/officer/ and /api/admin/ route (even with a valid body shape missing), and nothing changes", async () => {
    const head = { authorization: `Bearer ${t.services.gds.auth.issue(DEMO.headDongXuan).session}` };
    const audit = () => (t.services.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;
    const before = audit();
    const officerRoutes = routes.filter((x) => /^\/api\/(officer|admin)\//.test(x.path));
    expect(officerRoutes.some((r) => r.path.startsWith("/api/officer/team-sessions"))).toBe(true);
    expect(officerRoutes.some((r) => r.path.startsWith("/api/officer/guides"))).toBe(true);
    expect(officerRoutes.some((r) => r.path.startsWith("/api/admin/segments"))).toBe(true);
    const failures: string[] = [];
    // Village heads read whether sending is paused (the phone app tells them why messages wait); nothing else.
    const HEADS_MAY = new Set(["GET /api/officer/outbox/pause"]);
    for (const r of officerRoutes) {
      if (HEADS_MAY.has(`${r.method} ${r.path}`)) continue;
      const withBody = r.method === "POST" || r.method === "PUT" || r.method === "PATCH";
      const res = await t.app.inject({ method: r.method as "GET", url: concrete(r.path), headers: head, ...(withBody ? { payload: {} } : {}) });
      if (res.statusCode !== 403) failures.push(`${r.method} ${r.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    expect(audit()).toBe(before);
  });
});
