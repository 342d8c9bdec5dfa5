import { afterEach, describe, expect, it } from "vitest";
import { startStack, type Stack } from "../support/stack";

const users = (n: number) => Array.from({ length: n }, (_, i) => `81000000000000${String(i).padStart(5, "0")}`);

describe("OA token store against the simulator", () => {
  let s: Stack;
  afterEach(async () => s?.close());

  async function residents(n: number) {
    const ids = users(n);
    for (const id of ids) s.sim.sim.upsertUser(id, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    return ids;
  }

  it("200 concurrent sends while Zalo expires the token: exactly one refresh, all delivered", async () => {
    s = await startStack({ startWorkers: false });
    const ids = await residents(200);
    expect(s.sim.sim.expireAccessTokens()).toBeGreaterThan(0);
    const before = s.sim.sim.stats().refreshCalls;
    const results = await Promise.all(ids.map((id) => s.services.zalo.sendText(id, "Chào bác, đây là tin thử.")));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(s.sim.sim.stats().refreshCalls - before).toBe(1);
    expect(s.sim.sim.stats().messagesSent).toBe(200);
  });

  it("refreshes ahead of expiry once however many callers wait, and stores the new pair first", async () => {
    s = await startStack({ startWorkers: false });
    const ids = await residents(200);
    const old = s.services.tokenRepo.current()!;
    // Our copy says the token is about to expire: every caller wants a refresh at once.
    s.services.database.sqlite.prepare("UPDATE zalo_tokens SET access_expires_at = ? WHERE id = ?").run(Date.now() + 1000, old.id);
    const results = await Promise.all(ids.map((id) => s.services.zalo.sendText(id, "Nhắc lịch")));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(s.sim.sim.stats().refreshCalls).toBe(2); // the connect in startStack, then this one
    const pairs = s.services.database.sqlite.prepare("SELECT access_token, refresh_token FROM zalo_tokens ORDER BY id").all() as { refresh_token: string }[];
    expect(pairs).toHaveLength(2); // previous pair kept
    expect(pairs[0]!.refresh_token).toBe(old.refreshToken);
  });

  it("a refused refresh shows Zalo disconnected in readiness and is not retried in a loop", async () => {
    s = await startStack({ startWorkers: false });
    const [id] = await residents(1);
    // Spend the stored refresh token behind the bot's back (e.g. a second deployment used it).
    const current = s.services.tokenRepo.current()!;
    await fetch(`${s.sim.url}/v4/oa/access_token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", secret_key: "test-app-secret" },
      body: new URLSearchParams({ refresh_token: current.refreshToken, app_id: "4400000000000000001", grant_type: "refresh_token" }),
    });
    s.sim.sim.expireAccessTokens();
    const calls = s.sim.sim.stats().refreshCalls;
    const first = await s.services.zalo.sendText(id!, "một");
    expect(first).toMatchObject({ ok: false, kind: "disconnected" });
    for (let i = 0; i < 20; i++) await s.services.zalo.sendText(id!, "nữa");
    expect(s.sim.sim.stats().refreshCalls - calls).toBe(1);
    const ready = await s.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    expect(ready.json().checks.zalo.detail.state).toBe("Zalo disconnected");
  });

  it("connects through /zalo/connect with PKCE and the callback stores the pair", async () => {
    const publicUrl = "https://gds.xa-demo.example.vn";
    s = await startStack({ connect: false, startWorkers: false, env: { ADMIN_TOKEN: "token-of-the-commune-admin", PUBLIC_BASE_URL: publicUrl } });
    expect((await s.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(503);
    // The officer types the admin token into the page's form.
    const page = await fetch(`${s.appUrl}/zalo/connect`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: "token-of-the-commune-admin" }),
    });
    expect(page.status).toBe(200);
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const html = await page.text();
    const consent = html.match(/href="([^"]+permission[^"]+)"/)![1]!.replaceAll("&amp;", "&");
    const consentUrl = new URL(consent);
    expect(consentUrl.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(consentUrl.searchParams.get("redirect_uri")).toBe(`${publicUrl}/zalo/callback`);
    // The officer approves at Zalo, which redirects back to our callback (the proxy maps the public URL to the bot).
    const approve = await fetch(consent, { redirect: "manual" });
    expect(approve.status).toBe(302);
    const callback = approve.headers.get("location")!.replace(publicUrl, s.appUrl);
    const done = await fetch(callback, { headers: { cookie } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Đã kết nối");
    expect((await s.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
    // The state is single use: replaying the callback is refused.
    const replay = await fetch(callback, { headers: { cookie } });
    expect(replay.status).toBe(400);
  });
});
