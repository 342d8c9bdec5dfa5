/**
 * Attack suite, route by route: every API route the app really serves (read from Fastify's own route
 * table, so a route added later is covered without editing this file) is called without a session,
 * with forged and tampered sessions, and by people whose role does not allow it.
 */
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { apiRoutes } from "./route-table";

let t: GdsTestApp;
let routes: { method: string; path: string }[];
let mine: number;

/** Routes anyone may call without a session. Everything else under /api must answer 401 first. */
/**
 * Logins, open by design: Zalo's token (auth/zalo); the PC's QR request, its poll and the one-time link
 * are guarded by their own random secrets and per-address limits (test/console/login.test.ts).
 */
const PUBLIC = new Set(["POST /api/auth/zalo", "POST /api/console/login-requests", "POST /api/console/login-requests/poll", "POST /api/console/link-login"]);

/** Sample values for path parameters, so that only authentication or the role can refuse a call. */
const SAMPLE: Record<string, () => string> = {
  householdId: () => String(mine),
  villageId: () => "thon-dong-xuan",
  week: () => "current",
  file: () => "current.csv",
  appUserId: () => DEMO.officer,
};

function concrete(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => (SAMPLE[name] ?? (() => "1"))());
}

/** A session whose claims are changed after signing (the signature no longer matches). */
function tampered(session: string, sub: string): string {
  const [prefix, body, sig] = session.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  claims.sub = sub;
  return `${prefix}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.${sig}`;
}

/** A session signed with a key the server never issued. */
function forged(sub: string): string {
  const body = Buffer.from(JSON.stringify({ kid: "deadbeef", sub, iat: Date.now(), exp: Date.now() + 3_600_000 })).toString("base64url");
  const sig = createHmac("sha256", "guessed-secret").update(`gds1.${body}`).digest("base64url");
  return `gds1.${body}.${sig}`;
}

async function call(method: string, url: string, headers: Record<string, string>) {
  const withBody = method === "POST" || method === "PUT" || method === "PATCH";
  return t.app.inject({ method: method as "GET", url, headers, ...(withBody ? { payload: {} } : {}) });
}

beforeAll(async () => {
  // Brute-force budgets are tested in brute-force.test.ts; here every refusal must be the access rule.
  t = await createGdsApp({ env: { ADMIN_TOKEN: "a-long-machine-token-for-scripts-0123456789", RATE_LIMIT_AUTH_FAILURES: "100000", RATE_LIMIT_PER_MINUTE: "100000" } });
  mine = (await t.call("8001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ ông Nguyễn Văn Mình" })).body.id;
  routes = apiRoutes(t.app);
});
afterAll(async () => t.close());

describe("every API route the app serves", () => {
  it("the route table read from Fastify covers the officers', admin and household APIs", () => {
    const paths = new Set(routes.map((r) => r.path));
    expect(routes.length).toBeGreaterThan(30);
    for (const p of ["/api/me", "/api/households/:householdId", "/api/admin/roles", "/api/commune/dashboard"]) expect(paths).toContain(p);
    expect([...paths].some((p) => p.startsWith("/api/officer/"))).toBe(true);
  });

  it("answers 401 without a session, with a forged one, a tampered one, or garbage", async () => {
    const real = t.services.gds.auth.issue("8001").session;
    const headers: Record<string, Record<string, string>> = {
      none: {},
      forgedAdmin: { authorization: `Bearer ${forged(DEMO.admin)}` },
      tamperedToAdmin: { authorization: `Bearer ${tampered(real, DEMO.admin)}` },
      garbage: { authorization: "Bearer gds1.x.y" },
      wrongScheme: { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` },
    };
    const failures: string[] = [];
    for (const r of routes) {
      if (PUBLIC.has(`${r.method} ${r.path}`)) continue;
      for (const [kind, h] of Object.entries(headers)) {
        const res = await call(r.method, concrete(r.path), h);
        if (res.statusCode !== 401) failures.push(`${kind} ${r.method} ${r.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("the machine token is accepted only in the Authorization header, never in the query string", async () => {
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.path.startsWith("/api/officer/"))) {
      for (const q of ["key", "token", "access_token", "admin_token"]) {
        const url = `${concrete(r.path)}?${q}=a-long-machine-token-for-scripts-0123456789`;
        const res = await call(r.method, url, {});
        if (res.statusCode !== 401) failures.push(`${r.method} ${url}: ${res.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it("a resident gets 403 on every officer, admin and commune-wide route", async () => {
    const resident = { authorization: `Bearer ${t.services.gds.auth.issue("8001").session}` };
    const failures: string[] = [];
    for (const r of routes.filter((x) => /^\/api\/(officer|admin|commune)\//.test(x.path))) {
      const res = await call(r.method, concrete(r.path), resident);
      if (res.statusCode !== 403) failures.push(`${r.method} ${r.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      else expect(res.json().error?.message ?? res.json().error, r.path).toMatch(/cán bộ|quản trị/);
    }
    expect(failures).toEqual([]);
  });

  it("an officer who is not the admin gets 403 on every admin route", async () => {
    const officer = { authorization: `Bearer ${t.services.gds.auth.issue(DEMO.officer).session}` };
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.path.startsWith("/api/admin/"))) {
      const res = await call(r.method, concrete(r.path), officer);
      if (res.statusCode !== 403) failures.push(`${r.method} ${r.path}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
    // The admin is let through (to validation at least): the refusals above are about the role.
    const admin = { authorization: `Bearer ${t.services.gds.auth.issue(DEMO.admin).session}` };
    expect((await call("GET", "/api/admin/roles", admin)).statusCode).toBe(200);
  });

  it("a village head gets 403 on another village's routes", async () => {
    const head = { authorization: `Bearer ${t.services.gds.auth.issue(DEMO.headDongXuan).session}` };
    const failures: string[] = [];
    for (const r of routes.filter((x) => x.path.includes(":villageId"))) {
      const url = r.path.replace(":villageId", "thon-ha-tien").replace(/:(\w+)/g, (_, n: string) => (SAMPLE[n] ?? (() => "1"))());
      const res = await call(r.method, url, head);
      if (res.statusCode !== 403) failures.push(`${r.method} ${url}: ${res.statusCode} ${res.body.slice(0, 120)}`);
    }
    expect(failures).toEqual([]);
  });
});
