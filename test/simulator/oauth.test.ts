import { createHash, randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { APP_ID, APP_SECRET, call, client, OA_ID, startSim } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const verifier = () => randomBytes(32).toString("base64url"); // 43 chars
const challengeOf = (v: string) => createHash("sha256").update(v).digest("base64url");

async function authorize(s: Started, challenge: string, state = "xyz") {
  const q = new URLSearchParams({ app_id: APP_ID, redirect_uri: "https://bot.example/oauth/callback", code_challenge: challenge, state });
  const r = await call(s.url, "GET", `/v4/oa/permission?${q}`);
  expect(r.status).toBe(302);
  const loc = new URL(r.headers.get("location")!);
  expect(loc.origin + loc.pathname).toBe("https://bot.example/oauth/callback");
  expect(loc.searchParams.get("oa_id")).toBe(OA_ID);
  expect(loc.searchParams.get("state")).toBe(state);
  return loc.searchParams.get("code")!;
}

const tokenCall = (s: Started, form: Record<string, string>, secret = APP_SECRET) =>
  call(s.url, "POST", "/v4/oa/access_token", { form: { app_id: APP_ID, ...form }, headers: { secret_key: secret } });

describe("OAuth v4", () => {
  it("exchanges a code once, with PKCE", async () => {
    sim = await startSim();
    const v = verifier();
    const code = await authorize(sim, challengeOf(v));

    const bad = await tokenCall(sim, { grant_type: "authorization_code", code, code_verifier: verifier() });
    expect(bad.status).toBe(200);
    expect(bad.json).toMatchObject({ error: -14021, error_name: expect.any(String), error_reason: expect.any(String) });

    const wrongSecret = await tokenCall(sim, { grant_type: "authorization_code", code, code_verifier: v }, "nope");
    expect(wrongSecret.json.error).toBe(-14002);

    const ok = await tokenCall(sim, { grant_type: "authorization_code", code, code_verifier: v });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: "90000" });

    const again = await tokenCall(sim, { grant_type: "authorization_code", code, code_verifier: v });
    expect(again.status).toBe(200);
    expect(again.json.error).toBe(-14019);
    expect(again.json.access_token).toBeUndefined();

    const stats = (await client(sim).ctl("GET", "/stats")).json;
    expect(stats.codeExchanges).toBe(4);
    expect(stats.refreshCalls).toBe(0);
  });

  it("codes expire after 10 minutes of sim time", async () => {
    sim = await startSim();
    const v = verifier();
    const code = await authorize(sim, challengeOf(v));
    await client(sim).ctl("POST", "/clock", { advance_ms: 10 * 60_000 + 1 });
    const r = await tokenCall(sim, { grant_type: "authorization_code", code, code_verifier: v });
    expect(r.json.error).toBe(-14019);
  });

  it("refresh tokens are single use; old access tokens live until their own expiry", async () => {
    sim = await startSim();
    const c = client(sim);
    const first = (await c.ctl("POST", "/oauth/grant")).json;
    expect(first.expires_in).toBe("90000");
    await c.ctl("POST", "/users", { user_id: "u1" });

    const r1 = await tokenCall(sim, { grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(r1.json.access_token).toBeTruthy();
    expect(r1.json.refresh_token).not.toBe(first.refresh_token);

    const reuse = await tokenCall(sim, { grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(reuse.status).toBe(200);
    expect(reuse.json).toEqual({
      error: -14014,
      error_name: "Invalid refresh token",
      error_reason: expect.any(String),
      error_description: expect.any(String),
    });

    // Both access tokens work now.
    for (const t of [first.access_token, r1.json.access_token]) {
      const d = await c.getData("/v3.0/oa/user/detail", t, { user_id: "u1" });
      expect(d.json.error).toBe(0);
    }
    const stats = (await c.ctl("GET", "/stats")).json;
    expect(stats.refreshCalls).toBe(2);
    expect(stats.tokensIssued).toBe(2);
  });

  it("access tokens expire by the sim clock (-220); unknown ones are -216", async () => {
    sim = await startSim({ accessTokenTtlSec: 3600 });
    const c = client(sim);
    const t = await c.grant();
    await c.ctl("POST", "/users", { user_id: "u1" });
    expect((await c.getData("/v3.0/oa/user/detail", t, { user_id: "u1" })).json.error).toBe(0);
    await c.ctl("POST", "/clock", { advance_ms: 3600_000 });
    const expired = await c.getData("/v3.0/oa/user/detail", t, { user_id: "u1" });
    expect(expired.status).toBe(200);
    expect(expired.json).toEqual({ error: -220, message: "access_token is expired or removed" });
    const unknown = await c.getData("/v3.0/oa/user/detail", "not-a-token", { user_id: "u1" });
    expect(unknown.json).toEqual({ error: -216, message: "Access token is invalid" });
    const missing = await call(sim.url, "GET", `/v3.0/oa/user/detail?data=${encodeURIComponent('{"user_id":"u1"}')}`);
    expect(missing.json.error).toBe(-216);
  });

  it("tokens/expire ends every current access token; the refresh token still works", async () => {
    sim = await startSim();
    const c = client(sim);
    const pair = (await c.ctl("POST", "/oauth/grant")).json;
    await c.ctl("POST", "/users", { user_id: "u1" });
    expect((await c.ctl("POST", "/tokens/expire")).json.expired).toBe(1);
    expect((await c.getData("/v3.0/oa/user/detail", pair.access_token, { user_id: "u1" })).json.error).toBe(-220);
    const r = await tokenCall(sim, { grant_type: "refresh_token", refresh_token: pair.refresh_token });
    expect((await c.getData("/v3.0/oa/user/detail", r.json.access_token, { user_id: "u1" })).json.error).toBe(0);
  });

  it("refresh tokens expire after refreshTokenTtlSec from their own issue", async () => {
    sim = await startSim({ refreshTokenTtlSec: 1000 });
    const c = client(sim);
    const pair = (await c.ctl("POST", "/oauth/grant")).json;
    await c.ctl("POST", "/clock", { advance_ms: 1_000_000 });
    const r = await tokenCall(sim, { grant_type: "refresh_token", refresh_token: pair.refresh_token });
    expect(r.json.error).toBe(-14014);
  });

  it("without auto-approval the permission page asks, then redirects with a code", async () => {
    sim = await startSim({ autoApproveOAuth: false });
    const q = new URLSearchParams({ app_id: APP_ID, redirect_uri: "https://bot.example/cb", code_challenge: challengeOf(verifier()) });
    const page = await call(sim.url, "GET", `/v4/oa/permission?${q}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const href = /href="([^"]*allow=1)"/.exec(String(page.json))![1]!.replace(/&#38;/g, "&");
    const decided = await call(sim.url, "GET", href);
    expect(decided.status).toBe(302);
    expect(new URL(decided.headers.get("location")!).searchParams.get("code")).toBeTruthy();

    const badApp = await call(sim.url, "GET", `/v4/oa/permission?app_id=other&redirect_uri=https://x.example/`);
    expect(badApp.json.error).toBe(-14001);
  });
});
