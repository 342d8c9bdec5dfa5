import { afterEach, describe, expect, it } from "vitest";
import { APP_ID, APP_SECRET, call, client, startSim } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function upload(s: Started, token: string, data: Buffer, filename = "a.jpg") {
  const form = new FormData();
  form.append("file", new Blob([data]), filename);
  return fetch(`${s.url}/v2.0/oa/upload/image`, { method: "POST", headers: { access_token: token }, body: form }).then(
    async (r) => ({ status: r.status, json: (await r.json()) as any }),
  );
}

describe("rate limit", () => {
  it("answers -32 past the per-minute limit, with X-RateLimit headers, and resets next minute", async () => {
    sim = await startSim({ rateLimitPerMinute: 3 });
    const c = client(sim);
    await c.ctl("POST", "/clock", { set_ms: 1_767_225_600_000, frozen: true }); // start of a minute
    const token = await c.grant();
    await c.ctl("POST", "/users", { user_id: "u1" });
    const remains: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const r = await c.getData("/v3.0/oa/user/detail", token, { user_id: "u1" });
      expect(r.json.error).toBe(0);
      expect(r.headers.get("x-ratelimit-limit")).toBe("3");
      remains.push(r.headers.get("x-ratelimit-remain")!);
    }
    expect(remains).toEqual(["2", "1", "0"]);
    const limited = await c.getData("/v3.0/oa/user/detail", token, { user_id: "u1" });
    expect(limited.status).toBe(200);
    expect(limited.json).toEqual({ error: -32, message: "Your application reached limit call api" });
    expect(limited.headers.get("x-ratelimit-remain")).toBe("0");
    // Even an unauthenticated call counts and carries the headers.
    const anon = await c.getData("/v3.0/oa/user/detail", "bad", { user_id: "u1" });
    expect(anon.json.error).toBe(-32);
    expect(anon.headers.get("x-ratelimit-limit")).toBe("3");

    await c.ctl("POST", "/clock", { advance_ms: 60_000 });
    const next = await c.getData("/v3.0/oa/user/detail", token, { user_id: "u1" });
    expect(next.json.error).toBe(0);
    expect(next.headers.get("x-ratelimit-remain")).toBe("2");
    const stats = (await c.ctl("GET", "/stats")).json;
    expect(stats.rateLimited).toBe(2);
    expect(stats.apiCalls).toBe(6);
    expect(stats.byEndpoint["GET /v3.0/oa/user/detail"]).toBe(6);
  });
});

describe("faults", () => {
  it("plays queued outcomes for matching calls in order, then behaves normally", async () => {
    sim = await startSim();
    const c = client(sim);
    const token = await c.grant();
    await c.ctl("POST", "/users/u1/text", { text: "hi" });
    const q = await c.ctl("POST", "/faults", {
      endpoint: "message",
      errors: [{ code: -32 }, { code: -32 }, { http_status: 500 }, { delay_ms: 150 }],
    });
    expect(q.json.queued).toBe(4);

    // A non-matching call is untouched.
    expect((await c.getData("/v3.0/oa/user/detail", token, { user_id: "u1" })).json.error).toBe(0);

    const r1 = await c.sendCs(token, "u1", { text: "1" });
    const r2 = await c.sendCs(token, "u1", { text: "2" });
    expect([r1.json.error, r2.json.error]).toEqual([-32, -32]);
    expect(r1.headers.get("x-ratelimit-limit")).toBe("4000");
    const r3 = await c.sendCs(token, "u1", { text: "3" });
    expect(r3.status).toBe(500);
    expect(r3.json).toMatchObject({ error: -200 });
    const t0 = Date.now();
    const r4 = await c.sendCs(token, "u1", { text: "4" });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    expect(r4.json.error).toBe(0);
    expect((await c.sendCs(token, "u1", { text: "5" })).json.error).toBe(0);
    expect((await c.ctl("GET", "/users/u1/inbox")).json.map((m: any) => m.text)).toEqual(["4", "5"]);
    expect((await c.ctl("GET", "/stats")).json.faultsInjected).toBe(4);
  });

  it("token faults use the OAuth error shape; DELETE clears the queue", async () => {
    sim = await startSim();
    const c = client(sim);
    const pair = (await c.ctl("POST", "/oauth/grant")).json;
    await c.ctl("POST", "/faults", { endpoint: "token", errors: [{ code: -14014 }, { http_status: 502 }] });
    const tok = (rt: string) =>
      call(sim!.url, "POST", "/v4/oa/access_token", {
        form: { app_id: APP_ID, grant_type: "refresh_token", refresh_token: rt },
        headers: { secret_key: APP_SECRET },
      });
    const f1 = await tok(pair.refresh_token);
    expect(f1.status).toBe(200);
    expect(f1.json).toMatchObject({ error: -14014, error_name: expect.any(String) });
    // The fault did not consume the refresh token.
    expect((await c.ctl("DELETE", "/faults")).json.cleared).toBe(1);
    const ok = await tok(pair.refresh_token);
    expect(ok.json.access_token).toBeTruthy();
    expect((await c.ctl("POST", "/faults", { errors: [] })).status).toBe(400);
    expect((await c.ctl("POST", "/faults", { endpoint: "nope", errors: [{ code: 1 }] })).status).toBe(400);
  });
});

describe("image upload", () => {
  it("accepts jpg/png up to 1 MB by magic bytes, rejects others with -201", async () => {
    sim = await startSim();
    const c = client(sim);
    const token = await c.grant();
    const jpg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1000)]);
    const ok = await upload(sim, token, jpg);
    expect(ok.json).toEqual({ error: 0, message: "Success", data: { attachment_id: expect.any(String) } });

    const gif = Buffer.from("GIF89a-----", "ascii");
    expect((await upload(sim, token, gif, "a.jpg")).json).toEqual({ error: -201, message: "file is invalid. We only support png and jpeg" });

    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(1024 * 1024)]);
    const tooBig = await upload(sim, token, big);
    expect(tooBig.status).toBe(200);
    expect(tooBig.json.error).toBe(-201);

    const justRight = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1024 * 1024 - 8)]);
    expect((await upload(sim, token, justRight, "b.png")).json.error).toBe(0);

    const noFile = await fetch(`${sim.url}/v2.0/oa/upload/image`, { method: "POST", headers: { access_token: token }, body: new FormData() });
    expect(((await noFile.json()) as any).error).toBe(-201);
    expect((await upload(sim, "bad-token", jpg)).json.error).toBe(-216);
  });
});
