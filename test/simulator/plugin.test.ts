import Fastify from "fastify";
import { afterEach, describe, expect, it } from "vitest";
import { simulatorPlugin } from "../../bot/simulator/plugin";
import { createSimulator } from "../../bot/simulator/simulator";
import { baseOptions, call, client, startSim } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe("simulatorPlugin inside a host app", () => {
  it("mounts under /zalo-sim without touching the host's JSON parsing, routes or errors", async () => {
    const host = Fastify();
    host.get("/healthz", async () => ({ ok: true }));
    host.post("/webhooks/zalo", async (req) => ({ got: req.body }));
    await host.register(simulatorPlugin, { ...baseOptions, zaloPrefix: "/zalo-sim" });
    await host.ready();
    try {
      expect((await host.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ ok: true });
      // Host JSON: invalid JSON is still the host's own 400, not a Zalo-style answer.
      const bad = await host.inject({ method: "POST", url: "/webhooks/zalo", headers: { "content-type": "application/json" }, payload: "{x" });
      expect(bad.statusCode).toBe(400);
      const good = await host.inject({ method: "POST", url: "/webhooks/zalo", payload: { a: 1 } });
      expect(good.json()).toEqual({ got: { a: 1 } });
      // Host has no form parser: still 415 there.
      const form = await host.inject({
        method: "POST",
        url: "/webhooks/zalo",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "a=1",
      });
      expect(form.statusCode).toBe(415);

      const grant = (await host.inject({ method: "POST", url: "/simulator/api/oauth/grant" })).json();
      const zbad = await host.inject({
        method: "POST",
        url: "/zalo-sim/v3.0/oa/message/cs",
        headers: { "content-type": "application/json", access_token: grant.access_token },
        payload: "{x",
      });
      expect(zbad.statusCode).toBe(200);
      expect(zbad.json().error).toBe(-201);
      expect(zbad.headers["x-ratelimit-limit"]).toBe("4000");
      expect((await host.inject({ method: "GET", url: "/zalo-sim/v2.0/me" })).json().error).toBe(452);
      const page = await host.inject({ method: "GET", url: "/simulator/" });
      expect(page.headers["content-type"]).toContain("text/html");
      expect(page.body).toContain("Nhóm Zalo của thôn (do trang của xã quản lý)");
      expect(page.body).toContain('"/simulator"');
      const missing = await host.inject({ method: "GET", url: "/simulator/api/users/nobody" });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error).toContain("nobody");
    } finally {
      await host.close();
    }
  });

  it("works without HTTP through createSimulator", async () => {
    const s = createSimulator(baseOptions);
    s.upsertUser("u1", { follower: true });
    const r = await s.sendText("u1", "chào");
    expect(r.delivered).toBe(false); // no webhook URL
    expect(s.user("u1")?.cs_window.state).toBe("open_free");
    expect(s.deliveries()[0]).toMatchObject({ event_name: "user_send_text", status: "failed", error: "no_webhook_url" });
    s.reset();
    expect(s.users()).toEqual([]);
    await s.close();
  });
});

describe("users and tags API", () => {
  it("user/detail, user/getlist filters, and v2.0 tags", async () => {
    sim = await startSim();
    const c = client(sim);
    const DAY = 86_400_000;
    await c.ctl("POST", "/clock", { set_ms: Date.UTC(2026, 4, 20, 5), frozen: true }); // 12:00 in Vietnam
    const now = (await c.ctl("GET", "/clock")).json.now_ms;
    const token = await c.grant();
    await c.ctl("POST", "/users", { user_id: "a", display_name: "Lò Văn Páo", follower: true, last_interaction_at: now - 1000 });
    await c.ctl("POST", "/users", { user_id: "b", follower: false, last_interaction_at: now - 20 * DAY });
    await c.ctl("POST", "/users", { user_id: "c", follower: true });

    const detail = await c.getData("/v3.0/oa/user/detail", token, { user_id: "a" });
    expect(detail.json.data).toMatchObject({
      user_id: "a",
      display_name: "Lò Văn Páo",
      user_is_follower: true,
      user_last_interaction_date: "20/05/2026",
      is_sensitive: false,
      avatars: { "120": expect.any(String), "240": expect.any(String) },
      tags_and_notes_info: { tag_names: [] },
    });
    expect(detail.json.data.user_id_by_app).not.toBe("a");
    expect((await c.getData("/v3.0/oa/user/detail", token, { user_id: "zz" })).json.error).toBe(-201);
    const broken = await call(sim.url, "GET", "/v3.0/oa/user/detail?data=%7Bnot-json", { headers: { access_token: token } });
    expect(broken.json).toEqual({ error: -201, message: "data is invalid" });

    const list = async (data: Record<string, unknown>) => (await c.getData("/v3.0/oa/user/getlist", token, { offset: 0, count: 50, ...data })).json;
    expect((await list({})).data).toMatchObject({ total: 3, count: 3, offset: 0 });
    expect((await list({ is_follower: true })).data.users).toEqual([{ user_id: "a" }, { user_id: "c" }]);
    expect((await list({ last_interaction_period: "L7D" })).data.users).toEqual([{ user_id: "a" }]);
    expect((await list({ last_interaction_period: "L30D" })).data.users).toEqual([{ user_id: "a" }, { user_id: "b" }]);
    expect((await list({ last_interaction_period: "TODAY" })).data.users).toEqual([{ user_id: "a" }]);
    expect((await list({ count: 51 })).error).toBe(-210);

    const tag = (path: string, body: unknown) => c.api("POST", `/v2.0/oa/tag/${path}`, token, body);
    expect((await tag("tagfollower", { user_id: "a", tag_name: "thon-1" })).json).toEqual({ error: 0, message: "Success" });
    await tag("tagfollower", { user_id: "c", tag_name: "thon-1" });
    await tag("tagfollower", { user_id: "c", tag_name: "thon-2" });
    expect((await c.api("GET", "/v2.0/oa/tag/gettagsofoa", token)).json.data).toEqual(["thon-1", "thon-2"]);
    expect((await list({ tag_name: "thon-1" })).data.users).toEqual([{ user_id: "a" }, { user_id: "c" }]);
    await tag("rmfollowerfromtag", { user_id: "a", tag_name: "thon-1" });
    expect((await list({ tag_name: "thon-1" })).data.users).toEqual([{ user_id: "c" }]);
    await tag("rmtag", { tag_name: "thon-1" });
    expect((await c.api("GET", "/v2.0/oa/tag/gettagsofoa", token)).json.data).toEqual(["thon-2"]);
    expect((await tag("rmtag", { tag_name: "thon-1" })).json.error).toBe(-201);
    expect((await tag("tagfollower", { user_id: "zz", tag_name: "x" })).json.error).toBe(-201);
  });

  it("reset empties the state but keeps options", async () => {
    sim = await startSim({ rateLimitPerMinute: 10 });
    const c = client(sim);
    await c.ctl("POST", "/users/u1/text", { text: "x" });
    await c.ctl("POST", "/groups", { name: "g", owned_by_oa: true });
    expect((await c.ctl("POST", "/reset")).json).toEqual({ ok: true });
    expect((await c.ctl("GET", "/users")).json).toEqual([]);
    expect((await c.ctl("GET", "/groups")).json).toEqual([]);
    expect((await c.ctl("GET", "/stats")).json.webhooks.events).toBe(0);
    const t = await c.grant();
    const r = await c.getData("/v3.0/oa/user/getlist", t, {});
    expect(r.headers.get("x-ratelimit-limit")).toBe("10");
  });
});
