import { afterEach, describe, expect, it } from "vitest";
import { ZaloOaClient } from "../../bot/zalo/oa-client";
import { ZaloOAuthClient } from "../../bot/zalo/oauth-client";
import { TokenStore } from "../../bot/zalo/token-store";
import { TEST_CREDENTIALS, testLogger } from "../support/env";
import { startStack, waitFor, type Stack } from "../support/stack";

/**
 * Issue 11 item 6, last sentence: a token error (`{"error": -216, "message": "Access token is invalid"}`
 * as Zalo's error table documents it) that persists after one refresh stops refreshing and marks the
 * connection broken: no more refreshes (in this process or after a restart), /readyz disconnected with
 * a Vietnamese notice for officers, queued messages kept with no attempt used; an admin reconnecting
 * through /zalo/connect brings everything back.
 */
const ADMIN_TOKEN = "token-of-the-commune-admin";
const PUBLIC_URL = "https://gds.xa-demo.example.vn";
const OFFICER = "1387344835909987243";

let s: Stack;
afterEach(async () => s?.close());

/** The officer's /zalo/connect flow against the simulator (as test/foundation/token.test.ts walks it). */
async function reconnect(): Promise<void> {
  const page = await fetch(`${s.appUrl}/zalo/connect`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: ADMIN_TOKEN }),
  });
  expect(page.status).toBe(200);
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  const consent = (await page.text()).match(/href="([^"]+permission[^"]+)"/)![1]!.replaceAll("&amp;", "&");
  const approve = await fetch(consent, { redirect: "manual" });
  expect(approve.status).toBe(302);
  const done = await fetch(approve.headers.get("location")!.replace(PUBLIC_URL, s.appUrl), { headers: { cookie } });
  expect(await done.text()).toContain("Đã kết nối");
}

describe("item 6: a token refused even after a refresh", () => {
  it("marks the connection broken after one refresh, refreshes no more, tells officers in Vietnamese, and recovers when an admin reconnects", async () => {
    s = await startStack({ env: { ADMIN_TOKEN, PUBLIC_BASE_URL: PUBLIC_URL } });
    const user = "8620000000000000001";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    // Zalo refuses every access token, the one it just issued included.
    s.sim.sim.pushFaults("message", Array.from({ length: 20 }, () => ({ code: -216 })));
    const stats = () => s.sim.sim.stats();
    const refreshes = stats().refreshCalls;

    expect(await s.services.zalo.sendText(user, "một")).toMatchObject({ ok: false, kind: "token", code: -216 });
    expect(stats().refreshCalls).toBe(refreshes + 1);
    expect(stats().faultsInjected).toBe(2); // the stale token, then the fresh one: each refused

    for (let i = 0; i < 5; i++) expect(await s.services.zalo.sendText(user, "nữa")).toMatchObject({ ok: false, kind: "disconnected" });
    expect(stats().refreshCalls).toBe(refreshes + 1); // no refresh on every attempt
    expect(stats().faultsInjected).toBe(2 + 5); // one call each, no retry after a refresh

    const ready = await s.app.inject({ method: "GET", url: "/readyz" });
    expect(ready.statusCode).toBe(503);
    const zalo = ready.json().checks.zalo;
    expect(zalo).toMatchObject({ ok: false, detail: { state: "Zalo disconnected" } });
    expect(zalo.detail.reason).toContain("-216");
    expect(zalo.detail.notice).toContain("Mất kết nối với tài khoản Zalo của xã");
    expect(zalo.detail.notice).toContain("/zalo/connect");
    expect(zalo.detail.notice).toContain("không mất");

    // A message queued meanwhile waits, with no attempt used; officers see why on their screens.
    s.services.outbox.enqueue({ dedupeKey: "broken-1", channel: "cs", recipientId: user, message: { kind: "text", text: "Tin chờ kết nối" } });
    await new Promise((r) => setTimeout(r, 300));
    const row = () => s.services.database.sqlite.prepare("SELECT status, attempts FROM outbox WHERE dedupe_key = 'broken-1'").get() as { status: string; attempts: number };
    expect(row()).toEqual({ status: "pending", attempts: 0 });
    expect(stats().refreshCalls).toBe(refreshes + 1);
    const banner = (
      await s.app.inject({ method: "GET", url: "/api/officer/outbox/pause", headers: { authorization: `Bearer ${s.services.gds.auth.issue(OFFICER).session}` } })
    ).json();
    expect(banner.zalo.connected).toBe(false);
    expect(banner.zalo.notice).toContain("Mất kết nối");

    // The refused token is dead for good (Zalo answers -216/-220 by itself now); the admin reconnects the OA.
    s.sim.sim.expireAccessTokens();
    s.sim.sim.clearFaults();
    await new Promise((r) => setTimeout(r, 300));
    expect(row().status).toBe("pending");
    expect(stats().refreshCalls).toBe(refreshes + 1);
    await reconnect();
    expect((await s.app.inject({ method: "GET", url: "/readyz" })).json().checks.zalo).toMatchObject({ ok: true, detail: { state: "connected" } });
    await waitFor(() => row().status === "sent", 15_000, "the queued message sent after the reconnect");
    expect(s.sim.sim.inbox(user).map((m) => m.text)).toEqual(["Tin chờ kết nối"]);
    expect(await s.services.zalo.sendText(user, "sau khi kết nối lại")).toMatchObject({ ok: true });
  });

  it("the broken mark is kept in the database: a restarted process does not refresh either, and says why in readiness", async () => {
    s = await startStack({ env: { ADMIN_TOKEN, PUBLIC_BASE_URL: PUBLIC_URL }, startWorkers: false });
    const user = "8620000000000000002";
    s.sim.sim.upsertUser(user, { follower: true, last_interaction_at: s.sim.sim.clock.now() });
    s.sim.sim.pushFaults("message", Array.from({ length: 20 }, () => ({ code: -216 })));
    await s.services.zalo.sendText(user, "một");
    const refreshes = s.sim.sim.stats().refreshCalls;
    // A second token store over the same database: what a restarted process knows.
    const oauth = new ZaloOAuthClient(s.endpoints, TEST_CREDENTIALS.appId, TEST_CREDENTIALS.appSecret, 5_000);
    const tokens = new TokenStore({ repo: s.services.tokenRepo, oauth, clock: s.services.config.clock, logger: testLogger(), refreshMarginMs: 60_000 });
    const client = new ZaloOaClient(s.endpoints, tokens, 5_000);
    for (let i = 0; i < 5; i++) expect(await client.sendText(user, "nữa")).toMatchObject({ ok: false, kind: "disconnected" });
    expect(s.sim.sim.stats().refreshCalls).toBe(refreshes);
    const st = tokens.status();
    expect(st.state).toBe("disconnected");
    expect(st.state !== "connected" && st.notice).toContain("Zalo không nhận quyền gửi tin của hệ thống nữa");
  });
});
