/**
 * Hole 2 of issue 9: with PUBLIC_BASE_URL set, every proxy hop was trusted, so `X-Forwarded-For:
 * 127.0.0.1` passed the loopback check of /zalo/connect and got a fresh OAuth state, and the callback
 * accepted an answer without oa_id: a path to replacing the commune's OA tokens. These run against
 * the real app and the simulator's real OAuth endpoints.
 */
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../bot/app";
import { ManualClock, systemClock } from "../../bot/clock";
import { parseEnv } from "../../bot/config/env";
import { prepareSandbox } from "../../bot/sandbox";
import { createServices } from "../../bot/services";
import { createTestApp, type TestApp } from "../support/app";
import { demoCommune, tempDir, testLogger } from "../support/env";
import { startStack, type Stack } from "../support/stack";

const ADMIN = "commune-admin-token-9f2c";
const PUBLIC = "https://gds.xa-demo.example.vn";
const form = (token: string) => ({ "content-type": "application/x-www-form-urlencoded", body: new URLSearchParams({ token }).toString() });

let s: Stack | undefined;
let t: TestApp | undefined;
afterEach(async () => {
  await s?.close();
  await t?.close();
  s = undefined;
  t = undefined;
});

const states = (app: TestApp) => (app.services.database.sqlite.prepare("SELECT COUNT(*) AS n FROM oauth_states").get() as { n: number }).n;
const consentOf = (html: string) => html.match(/href="([^"]+permission[^"]+)"/)?.[1]?.replaceAll("&amp;", "&");

/** The officer's browser: POSTs the admin token, keeps the cookie, approves at (simulated) Zalo. */
async function approve(stack: Stack): Promise<{ callback: URL; cookie: string }> {
  const res = await fetch(`${stack.appUrl}/zalo/connect`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: ADMIN }) });
  expect(res.status).toBe(200);
  const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
  const consent = consentOf(await res.text())!;
  const zalo = await fetch(consent, { redirect: "manual" });
  expect(zalo.status).toBe(302);
  // The reverse proxy maps PUBLIC_BASE_URL onto the bot.
  return { callback: new URL(zalo.headers.get("location")!.replace(PUBLIC, stack.appUrl)), cookie };
}

describe("/zalo/connect needs the admin token, whatever the request claims about its address", () => {
  it("a spoofed X-Forwarded-For: 127.0.0.1 gets only the form, and no OAuth state is made", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC } });
    const spoof = { "x-forwarded-for": "127.0.0.1", "x-forwarded-host": "127.0.0.1", "x-forwarded-proto": "https" };
    const page = await t.app.inject({ method: "GET", url: "/zalo/connect", headers: spoof, remoteAddress: "203.0.113.9" });
    expect(page.statusCode).toBe(200);
    expect(consentOf(page.body)).toBeUndefined();
    expect(page.body).toContain('type="password"');
    const post = await t.app.inject({ method: "POST", url: "/zalo/connect", headers: { ...spoof, "content-type": "application/x-www-form-urlencoded" }, payload: "", remoteAddress: "203.0.113.9" });
    expect(post.statusCode).toBe(401);
    expect(consentOf(post.body)).toBeUndefined();
    expect(states(t)).toBe(0);
  });

  it("loopback is not trusted either, and a token in the query string is ignored", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC } });
    const local = await t.app.inject({ method: "POST", url: "/zalo/connect", remoteAddress: "127.0.0.1", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "" });
    expect(local.statusCode).toBe(401);
    const query = await t.app.inject({ method: "POST", url: `/zalo/connect?key=${ADMIN}&token=${ADMIN}`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "" });
    expect(query.statusCode).toBe(401);
    const header = await t.app.inject({ method: "GET", url: "/zalo/connect", headers: { "x-admin-token": ADMIN } });
    expect(consentOf(header.body)).toBeUndefined();
    expect(states(t)).toBe(0);
  });

  it("with the token (form or Authorization header): the consent link, redirect_uri from PUBLIC_BASE_URL never from Host, and a locked-down cookie", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC } });
    const viaForm = await t.app.inject({ method: "POST", url: "/zalo/connect", headers: { host: "evil.example", "content-type": form(ADMIN)["content-type"] }, payload: form(ADMIN).body });
    expect(viaForm.statusCode).toBe(200);
    const consent = new URL(consentOf(viaForm.body)!);
    expect(consent.searchParams.get("redirect_uri")).toBe(`${PUBLIC}/zalo/callback`);
    const cookie = String(viaForm.headers["set-cookie"]);
    expect(cookie).toMatch(/^gds_oauth=[A-Za-z0-9_-]{43}; /);
    for (const attr of ["HttpOnly", "SameSite=Lax", "Secure", "Path=/zalo/callback", "Max-Age=600"]) expect(cookie).toContain(attr);
    expect(viaForm.headers["cache-control"]).toBe("no-store");
    const viaHeader = await t.app.inject({ method: "POST", url: "/zalo/connect", headers: { authorization: `Bearer ${ADMIN}` } });
    expect(viaHeader.statusCode).toBe(200);
    expect(states(t)).toBe(2);
  });

  it("live mode without PUBLIC_BASE_URL refuses to build a redirect_uri (no Host header fallback)", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN } });
    const res = await t.app.inject({ method: "POST", url: "/zalo/connect", headers: { host: "evil.example", authorization: `Bearer ${ADMIN}` } });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain("PUBLIC_BASE_URL");
    expect(res.body).not.toContain("evil.example");
    expect(states(t)).toBe(0);
  });

  it("without ADMIN_TOKEN the page opens for nobody", async () => {
    t = await createTestApp({ env: { PUBLIC_BASE_URL: PUBLIC } });
    expect((await t.app.inject({ method: "GET", url: "/zalo/connect", remoteAddress: "127.0.0.1" })).statusCode).toBe(503);
    expect((await t.app.inject({ method: "POST", url: "/zalo/connect", remoteAddress: "127.0.0.1", headers: { authorization: "Bearer " } })).statusCode).toBe(503);
  });

  it("guessing the token from one address reaches 429, then even the right token waits", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC, RATE_LIMIT_AUTH_FAILURES: "3" } });
    const tryToken = (token: string, remoteAddress = "198.51.100.7") =>
      t!.app.inject({ method: "POST", url: "/zalo/connect", remoteAddress, headers: { "content-type": "application/x-www-form-urlencoded" }, payload: new URLSearchParams({ token }).toString() });
    for (let i = 0; i < 3; i++) expect((await tryToken(`guess-${i}`)).statusCode).toBe(401);
    const locked = await tryToken(ADMIN);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(locked.body).toContain("Nhập sai mã quá nhiều lần");
    // Another address is not affected.
    expect((await tryToken(ADMIN, "198.51.100.8")).statusCode).toBe(200);
  });

  it("expired and used OAuth states are purged", async () => {
    const clock = new ManualClock(Date.UTC(2026, 5, 1, 8));
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC }, clock });
    const begin = () => t!.app.inject({ method: "POST", url: "/zalo/connect", headers: { authorization: `Bearer ${ADMIN}` } });
    for (let i = 0; i < 3; i++) await begin();
    expect(states(t)).toBe(3);
    clock.advance(11 * 60_000);
    await begin();
    expect(states(t)).toBe(1);
  });
});

describe("/zalo/callback is bound to the browser that began and to the commune's OA", () => {
  it("the callback opened without the starting browser's cookie is refused; the right browser still completes", async () => {
    s = await startStack({ connect: false, startWorkers: false, env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC } });
    const { callback, cookie } = await approve(s);
    expect(callback.searchParams.get("oa_id")).toBeTruthy();
    const stolen = await fetch(callback);
    expect(stolen.status).toBe(400);
    expect(await stolen.text()).toContain("trình duyệt");
    const otherBrowser = await fetch(callback, { headers: { cookie: "gds_oauth=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } });
    expect(otherBrowser.status).toBe(400);
    expect(s.services.tokens.status().state).not.toBe("connected");
    const done = await fetch(callback, { headers: { cookie } });
    expect(done.status).toBe(200);
    expect(s.services.tokens.status().state).toBe("connected");
    expect(done.headers.get("set-cookie")).toContain("Max-Age=0");
  });

  it("a callback without oa_id, or with another OA's id, stores no token", async () => {
    s = await startStack({ connect: false, startWorkers: false, env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: PUBLIC } });
    const first = await approve(s);
    first.callback.searchParams.delete("oa_id");
    const missing = await fetch(first.callback, { headers: { cookie: first.cookie } });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("oa_id");
    const second = await approve(s);
    second.callback.searchParams.set("oa_id", "9990000000000000009");
    const other = await fetch(second.callback, { headers: { cookie: second.cookie } });
    expect(other.status).toBe(400);
    expect(await other.text()).toContain("không phải OA của xã");
    expect(s.services.tokenRepo.current()).toBeUndefined();
  });
});

describe("sandbox: the redirect_uri is the listening address", () => {
  it("builds it from the socket the server listens on, not from the Host header, and completes against the simulator", async () => {
    const tmp = tempDir();
    const env = parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", ADMIN_TOKEN: ADMIN, DATABASE_PATH: join(tmp.dir, "sandbox.sqlite") });
    const commune = demoCommune();
    const sandbox = prepareSandbox(commune);
    const services = createServices({ env, commune, credentials: sandbox.credentials, endpoints: sandbox.endpoints, clock: systemClock, logger: testLogger() });
    const app = await buildApp(services, { extraPlugins: [sandbox.plugin] });
    try {
      await app.listen({ host: "127.0.0.1", port: 0 });
      const port = (app.server.address() as { port: number }).port;
      const url = `http://127.0.0.1:${port}`;
      await sandbox.connect(services, url);
      const res = await fetch(`${url}/zalo/connect`, { method: "POST", headers: { authorization: `Bearer ${ADMIN}`, host: "evil.example" } });
      expect(res.status).toBe(200);
      const consent = new URL(consentOf(await res.text())!);
      expect(consent.searchParams.get("redirect_uri")).toBe(`${url}/zalo/callback`);
      const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
      expect(res.headers.get("set-cookie")).not.toContain("Secure");
      const zalo = await fetch(consent, { redirect: "manual" });
      const done = await fetch(zalo.headers.get("location")!, { headers: { cookie } });
      expect(done.status).toBe(200);
    } finally {
      await app.close();
      await services.stop();
      await sandbox.close();
      tmp.cleanup();
    }
  });
});
