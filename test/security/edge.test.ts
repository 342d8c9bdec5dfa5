/**
 * The edge of the app, tried as an attacker would (issue 9, holes 6, 7 and 8): request budgets that
 * spoofed forwarding headers cannot dodge and that never refuse Zalo's webhook, the admin token
 * (brute force, query strings, logs), slow and oversized requests, security headers, validation
 * errors, and a huge signed chat text.
 */
import { Writable } from "node:stream";
import { connect } from "node:net";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { parseEnv } from "../../bot/config/env";
import { createLogger } from "../../bot/logger";
import { prepareSandbox } from "../../bot/sandbox";
import { createServices } from "../../bot/services";
import { CHAT_TEXT_MAX, parseZaloEvent } from "../../bot/zalo/events";
import { createTestApp, type TestApp } from "../support/app";
import { TEST_CREDENTIALS, demoCommune, tempDir, testEnv } from "../support/env";
import { startStack, waitFor, type Stack } from "../support/stack";
import { sign, signedRequest, textEvent } from "../support/zalo-events";

const ADMIN = "edge-admin-token-5b1e77";
const OFFICER_APP_ID = "1387344835909987243"; // Võ Thị Lan, officer in the demo commune (demo.json)

let t: TestApp | undefined;
let s: Stack | undefined;
afterEach(async () => {
  await t?.close();
  await s?.close();
  t = undefined;
  s = undefined;
});

describe("rate limits", () => {
  it("/api answers 429 in Vietnamese with Retry-After past the per-IP budget; another address is not affected", async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "5" } });
    const call = (ip: string) => t!.app.inject({ method: "GET", url: "/api/me", remoteAddress: ip });
    for (let i = 0; i < 5; i++) expect((await call("203.0.113.5")).statusCode).toBe(401);
    const refused = await call("203.0.113.5");
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json()).toEqual({ error: { code: "rate_limited", message: expect.stringMatching(/^Có quá nhiều yêu cầu .* Vui lòng đợi khoảng \d+ giây rồi thử lại\.$/) } });
    expect((await call("203.0.113.6")).statusCode).toBe(401);
  });

  it("a client cannot dodge the budget with X-Forwarded-For when no proxy is configured", async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "5" } });
    const codes: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await t.app.inject({ method: "GET", url: "/api/me", remoteAddress: "203.0.113.5", headers: { "x-forwarded-for": `198.51.100.${i}` } });
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });

  it("behind the configured proxy (TRUST_PROXY), each client behind it has its own budget; a proxy not configured is ignored", async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "10.0.0.1" } });
    const via = (proxy: string, client: string) => t!.app.inject({ method: "GET", url: "/api/me", remoteAddress: proxy, headers: { "x-forwarded-for": client } });
    for (let i = 0; i < 2; i++) expect((await via("10.0.0.1", "198.51.100.1")).statusCode).toBe(401);
    expect((await via("10.0.0.1", "198.51.100.1")).statusCode).toBe(429);
    expect((await via("10.0.0.1", "198.51.100.2")).statusCode).toBe(401);
    // From an address that is not the proxy, the header is not believed: that address is the client.
    for (let i = 0; i < 2; i++) expect((await via("10.0.0.9", `198.51.100.${50 + i}`)).statusCode).toBe(401);
    expect((await via("10.0.0.9", "198.51.100.99")).statusCode).toBe(429);
  });

  it("TRUST_PROXY as a hop count: the address our one proxy saw is the client, whatever the client wrote before it", async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "2", TRUST_PROXY: "1" } });
    // nginx appends the address it saw; a client may have sent its own X-Forwarded-For first.
    const via = (forged: string, seen: string) => t!.app.inject({ method: "GET", url: "/api/me", remoteAddress: "10.0.0.1", headers: { "x-forwarded-for": `${forged}, ${seen}` } });
    expect((await via("1.1.1.1", "198.51.100.1")).statusCode).toBe(401);
    expect((await via("2.2.2.2", "198.51.100.1")).statusCode).toBe(401);
    expect((await via("3.3.3.3", "198.51.100.1")).statusCode).toBe(429);
    expect((await via("3.3.3.3", "198.51.100.2")).statusCode).toBe(401);
  });

  it("Zalo's webhook is never rate limited", async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({ ...signedRequest(textEvent("8100000000000000001", `tin ${i}`)), remoteAddress: "203.0.113.5" });
      expect(res.statusCode).toBe(200);
      expect(res.headers["x-ratelimit-limit"]).toBeUndefined();
    }
  });
});

describe("the admin token on the officers' API", () => {
  it("guessing it from one address reaches 429; the right token then waits too; another address is not affected", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, RATE_LIMIT_AUTH_FAILURES: "3" } });
    const call = (token: string, ip = "203.0.113.20") =>
      t!.app.inject({ method: "GET", url: "/api/officer/chat/funnel", remoteAddress: ip, headers: { authorization: `Bearer ${token}` } });
    for (const guess of ["a", ADMIN.slice(0, -1), `${ADMIN}x`]) expect((await call(guess)).statusCode).toBe(401);
    const locked = await call(ADMIN);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers["retry-after"])).toBeGreaterThan(0);
    expect(locked.json().error).toEqual({ code: "rate_limited", message: expect.stringMatching(/^Đăng nhập sai quá nhiều lần/) });
    expect((await call(ADMIN, "203.0.113.21")).statusCode).toBe(200);
  });

  it("is never accepted from a query string or another header", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN } });
    for (const url of [`/api/officer/chat/funnel?key=${ADMIN}`, `/api/officer/chat/funnel?token=${ADMIN}`, `/api/officer/chat/funnel?access_token=${ADMIN}`]) {
      expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: "GET", url: "/api/officer/chat/funnel", headers: { "x-admin-token": ADMIN } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/officer/chat/funnel", headers: { authorization: `Bearer ${ADMIN}` } })).statusCode).toBe(200);
  });

  it("never reaches the log: not from the Authorization header, a cookie, nor a query string", async () => {
    const tmp = tempDir();
    let logged = "";
    const sink = new Writable({
      write(chunk, _enc, done) {
        logged += String(chunk);
        done();
      },
    });
    const services = createServices({
      env: testEnv({ DATABASE_PATH: join(tmp.dir, "log.sqlite"), ADMIN_TOKEN: ADMIN }),
      commune: demoCommune(),
      credentials: TEST_CREDENTIALS,
      endpoints: { openapi: "http://127.0.0.1:9", oauth: "http://127.0.0.1:9", graph: "http://127.0.0.1:9" },
      clock: systemClock,
      logger: createLogger("trace", sink),
    });
    const app = await buildApp(services);
    try {
      await app.inject({ method: "GET", url: `/api/officer/chat/funnel?key=${ADMIN}&days=7`, headers: { authorization: `Bearer ${ADMIN}`, cookie: `gds_oauth=${ADMIN}` } });
      await app.inject({ method: "GET", url: `/zalo/callback?code=${ADMIN}&state=${ADMIN}&oa_id=1` });
      app.log.info({ req: { headers: { authorization: `Bearer ${ADMIN}`, cookie: ADMIN } } }, "a handler that logs headers");
      await app.inject({ method: "GET", url: "/healthz", headers: { "x-forwarded-for": "198.51.100.1" } });
      // An HTTP client error logged whole (axios keeps the request's headers and form in err.config).
      const err = Object.assign(new Error("token endpoint failed"), { config: { headers: { secret_key: ADMIN, access_token: ADMIN }, data: `refresh_token=${ADMIN}` } });
      app.log.error({ err }, "zalo call failed");
    } finally {
      await app.close();
      await services.stop();
      tmp.cleanup();
    }
    expect(logged).toContain("incoming request");
    expect(logged).toContain("/api/officer/chat/funnel?key=%5Bredacted%5D&days=7");
    expect(logged).not.toContain(ADMIN);
    // A proxy in front without TRUST_PROXY is pointed out (once).
    expect(logged.match(/set TRUST_PROXY/g)).toHaveLength(1);
  });
});

describe("audit: the officer's stable identity, never the name they chose on Zalo", () => {
  it("records the app user id and the commune config's name; the machine token as admin-token", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN } });
    const q = t.services.chat.questions;
    const first = q.addUnmatched("8100000000000000001", "hỏi về VNeID", Date.now());
    const second = q.addUnmatched("8100000000000000002", "hỏi về BHXH", Date.now());
    // An officer who renamed themselves on Zalo to the commune admin's name.
    const session = t.services.gds.auth.issue(OFFICER_APP_ID, "Phạm Minh Tuấn").session;
    const byOfficer = await t.app.inject({ method: "POST", url: `/api/officer/chat/unmatched/${first}/map`, headers: { authorization: `Bearer ${session}` }, payload: { guideId: null } });
    expect(byOfficer.statusCode).toBe(200);
    expect(q.get(first)!.resolvedBy).toBe(`Võ Thị Lan (${OFFICER_APP_ID})`);
    const byToken = await t.app.inject({ method: "POST", url: `/api/officer/chat/unmatched/${second}/map`, headers: { authorization: `Bearer ${ADMIN}` }, payload: { guideId: null } });
    expect(byToken.statusCode).toBe(200);
    expect(q.get(second)!.resolvedBy).toBe("admin-token");
  });
});

/** Opens a raw connection, sends the request head, then one byte every `everyMs`; resolves when the server cuts it. */
function trickle(port: number, head: string, everyMs = 100, maxBytes = 150): Promise<{ cutAfterMs: number; answer: string; bytesSent: number }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const sock = connect(port, "127.0.0.1");
    let answer = "";
    let bytesSent = 0;
    let timer: NodeJS.Timeout | undefined;
    sock.on("connect", () => {
      sock.write(head);
      timer = setInterval(() => {
        if (bytesSent >= maxBytes || sock.destroyed) {
          clearInterval(timer);
          sock.destroy();
          return;
        }
        sock.write("a");
        bytesSent++;
      }, everyMs);
    });
    sock.on("data", (d) => (answer += String(d)));
    sock.on("error", () => undefined);
    sock.on("close", () => {
      clearInterval(timer);
      resolve({ cutAfterMs: Date.now() - started, answer, bytesSent });
    });
  });
}

describe("slow and oversized requests", () => {
  it("bodies trickled byte by byte (and headers that never end) are cut within the request timeout", async () => {
    t = await createTestApp({ env: { REQUEST_TIMEOUT_MS: "1000" } });
    await t.app.listen({ host: "127.0.0.1", port: 0 });
    const port = (t.app.server.address() as { port: number }).port;
    const body = (path: string) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"a":"`;
    const runs = await Promise.all([
      ...Array.from({ length: 40 }, () => trickle(port, body("/api/auth/zalo"))),
      ...Array.from({ length: 10 }, () => trickle(port, body("/webhooks/zalo"))),
      ...Array.from({ length: 10 }, () => trickle(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")),
    ]);
    for (const r of runs) {
      // 150 bytes at one per 100 ms would take 15 s: the server cut every one long before.
      expect(r.bytesSent).toBeLessThan(60);
      expect(r.cutAfterMs).toBeLessThan(6000);
    }
    expect(runs.filter((r) => r.answer.startsWith("HTTP/1.1 408")).length).toBeGreaterThan(0);
  });

  it("a body over the limit is refused with 413: the API at BODY_LIMIT_BYTES, the webhook at WEBHOOK_BODY_LIMIT_BYTES", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, BODY_LIMIT_BYTES: "65536", WEBHOOK_BODY_LIMIT_BYTES: "131072" } });
    const big = (n: number) => JSON.stringify({ guideId: "x".repeat(n) });
    const api = await t.app.inject({ method: "POST", url: "/api/officer/chat/unmatched/1/map", headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" }, payload: big(70_000) });
    expect(api.statusCode).toBe(413);
    expect(api.json()).toEqual({ error: { code: "bad_request", message: "Dữ liệu gửi lên quá lớn." } });
    const login = await t.app.inject({ method: "POST", url: "/api/auth/zalo", headers: { "content-type": "application/json" }, payload: big(70_000) });
    expect(login.statusCode).toBe(413);
    // A signed event of 100 KB passes (above the API's limit, below the webhook's); 140 KB does not.
    const ok = await t.app.inject(signedRequest(textEvent("8100000000000000001", "x".repeat(100_000))));
    expect(ok.statusCode).toBe(200);
    const tooBig = await t.app.inject(signedRequest(textEvent("8100000000000000001", "x".repeat(140_000))));
    expect(tooBig.statusCode).toBe(413);
  });
});

describe("headers", () => {
  it("every page has CSP, frame and referrer protection; /miniapp may be framed by Zalo's hosts only; the webhook gets none", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN, PUBLIC_BASE_URL: "https://gds.example.vn", MINIAPP_ORIGINS: "https://h5.zdn.vn,https://h5.zadn.vn" } });
    for (const url of ["/healthz", "/zalo/connect", "/api/me", "/docs/"]) {
      const res = await t.app.inject({ method: "GET", url });
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).toContain("upgrade-insecure-requests");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["strict-transport-security"], url).toMatch(/^max-age=\d+$/);
    }
    const mini = await t.app.inject({ method: "GET", url: "/miniapp/config.json" });
    expect(mini.headers["content-security-policy"]).toContain("frame-ancestors 'self' https://h5.zdn.vn https://h5.zadn.vn");
    expect(mini.headers["x-frame-options"]).toBeUndefined();
    expect(mini.headers["cross-origin-resource-policy"]).toBe("cross-origin");
    const hook = await t.app.inject(signedRequest(textEvent("8100000000000000001", "chào")));
    expect(hook.headers["content-security-policy"]).toBeUndefined();
  });

  it("every /api answer is Cache-Control: no-store (success, refusal and error alike)", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN } });
    const officer = { authorization: `Bearer ${ADMIN}` };
    for (const [url, headers, status] of [
      ["/api/officer/chat/funnel", officer, 200],
      ["/api/officer/chat/handoffs", officer, 200],
      ["/api/me", {}, 401],
      ["/api/officer/chat/funnel?days=abc", officer, 400],
    ] as const) {
      const res = await t.app.inject({ method: "GET", url, headers });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
  });
});

describe("sandbox pages under the CSP", () => {
  it("the simulator's self-contained pages may run their inline script (sandbox only); the mini app and the API may not", async () => {
    const tmp = tempDir();
    const env = parseEnv({ NODE_ENV: "test", LOG_LEVEL: "silent", DATABASE_PATH: join(tmp.dir, "sandbox.sqlite") });
    const sandbox = prepareSandbox(demoCommune());
    const services = createServices({ env, commune: demoCommune(), credentials: sandbox.credentials, endpoints: sandbox.endpoints, clock: systemClock, logger: createLogger("silent") });
    const app = await buildApp(services, { extraPlugins: [sandbox.plugin] });
    try {
      const page = await app.inject({ method: "GET", url: "/simulator/" });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain("<script>");
      expect(page.headers["content-security-policy"]).toContain("script-src 'self' 'unsafe-inline'");
      expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      expect(page.headers["content-security-policy"]).not.toContain("upgrade-insecure-requests");
      for (const url of ["/miniapp/config.json", "/api/me", "/healthz"]) {
        expect((await app.inject({ method: "GET", url })).headers["content-security-policy"], url).toContain("script-src 'self';");
      }
    } finally {
      await app.close();
      await services.stop();
      await sandbox.close();
      tmp.cleanup();
    }
  });
});

describe("invalid input is a 400 in Vietnamese, never a 500 or a raw validation dump", () => {
  it("an invalid query, an unreadable body and a wrong type on officer routes", async () => {
    t = await createTestApp({ env: { ADMIN_TOKEN: ADMIN } });
    const officer = { authorization: `Bearer ${ADMIN}` };
    const badQuery = await t.app.inject({ method: "GET", url: "/api/officer/chat/funnel?days=abc", headers: officer });
    expect(badQuery.statusCode).toBe(400);
    // The field by its Vietnamese name; the issues by field (for a form to mark it) in details.
    expect(badQuery.json()).toEqual({
      error: { code: "bad_request", message: "Dữ liệu gửi lên chưa đúng: Số ngày phải là một số.", details: { issues: [{ path: ["days"], message: "phải là một số" }] } },
    });
    expect(badQuery.body).not.toMatch(/ZodError|expected|stack|"code":"invalid_type"/);
    const tooMany = await t.app.inject({ method: "GET", url: "/api/officer/chat/funnel?days=99999", headers: officer });
    expect(tooMany.statusCode).toBe(400);
    const notJson = await t.app.inject({ method: "POST", url: "/api/officer/chat/unmatched/1/map", headers: { ...officer, "content-type": "application/json" }, payload: "{not json" });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error.message).toMatch(/không đọc được/);
    const unknown = await t.app.inject({ method: "GET", url: "/api/khong-co" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: { code: "not_found", message: "Không tìm thấy." } });
    const badType = await t.app.inject({ method: "POST", url: "/api/officer/chat/unmatched/1/map", headers: { ...officer, "content-type": "application/xml" }, payload: "<x/>" });
    expect(badType.statusCode).toBe(415);
    expect(badType.json().error.message).toMatch(/không được hỗ trợ/);
  });
});

describe("a huge signed chat text", () => {
  it("is cut to Zalo's 2,000 characters where the event is parsed", () => {
    const text = "Xin chào, cho tôi hỏi cách cài VNeID mức 2 ạ. ".repeat(12_500); // ~570 KB
    const raw = JSON.stringify(textEvent("8100000000000000001", text));
    const parsed = parseZaloEvent(JSON.parse(raw), Buffer.from(raw));
    expect(parsed.ok).toBe(true);
    const message = (parsed as { event: { message: { text: string } } }).event.message.text;
    expect(message.length).toBe(CHAT_TEXT_MAX);
    expect(text.startsWith(message)).toBe(true);
    // A surrogate pair is never split at the cut.
    const emoji = "a".repeat(CHAT_TEXT_MAX - 1) + "😀".repeat(10);
    const e2 = JSON.stringify(textEvent("8100000000000000001", emoji));
    const cut = (parseZaloEvent(JSON.parse(e2), Buffer.from(e2)) as { event: { message: { text: string } } }).event.message.text;
    expect(cut).toBe("a".repeat(CHAT_TEXT_MAX - 1));
  });

  it("570 KB through the real webhook is answered, handled and replied to without holding the event loop", async () => {
    s = await startStack({ env: { WEBHOOK_BODY_LIMIT_BYTES: String(1024 * 1024) } });
    const user = "8100000000000000077";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    const text = "Xin chào, cho tôi hỏi cách cài VNeID mức 2 ạ. ".repeat(12_500);
    const body = JSON.stringify(textEvent(user, text));
    expect(Buffer.byteLength(body)).toBeGreaterThan(570_000);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const res = await fetch(`${s.appUrl}/webhooks/zalo`, { method: "POST", headers: { "content-type": "application/json", "x-zevent-signature": sign(body) }, body });
    expect(res.status).toBe(200);
    await waitFor(() => s!.sim.sim.inbox(user).length > 0, 20_000, "the bot's reply");
    loop.disable();
    const row = s.services.database.sqlite.prepare("SELECT status FROM inbox_events WHERE event_name = 'user_send_text' ORDER BY id DESC LIMIT 1").get() as { status: string };
    expect(row.status).toBe("done");
    // What the chat kept of it is bounded too.
    const longest = s.services.database.sqlite.prepare("SELECT MAX(LENGTH(text)) AS n FROM unmatched_questions").get() as { n: number | null };
    expect(longest.n ?? 0).toBeLessThanOrEqual(CHAT_TEXT_MAX);
    // The worst stall of the event loop while the webhook and the chat handled it (15 s before the cap).
    expect(loop.max / 1e6).toBeLessThan(1000);
  });
});
