import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { APP_SECRET, call, client, startSim } from "./helpers";
import type { Started } from "./helpers";

let sim: Started | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const proof = (token: string, secret = APP_SECRET) => createHmac("sha256", secret).update(token).digest("hex");

describe("Graph /v2.0/me (mini-app user verification)", () => {
  it("answers the app-scoped id with a valid appsecret_proof, -242 otherwise, 452 for bad tokens", async () => {
    sim = await startSim();
    const c = client(sim);
    await c.ctl("POST", "/users", { user_id: "u1", display_name: "Nguyễn Thị Hoa" });
    const minted = (await c.ctl("POST", "/users/u1/miniapp-token")).json;
    expect(minted).toEqual({ access_token: expect.any(String), user_id_by_app: expect.any(String), expires_in: 3600 });
    const user = (await c.ctl("GET", "/users/u1")).json;
    expect(minted.user_id_by_app).toBe(user.user_id_by_app);

    const me = (headers: Record<string, string>) => call(sim!.url, "GET", "/v2.0/me?fields=id,name,picture", { headers });
    const ok = await me({ access_token: minted.access_token, appsecret_proof: proof(minted.access_token) });
    expect(ok.json).toEqual({
      error: 0,
      message: "Success",
      id: minted.user_id_by_app,
      name: "Nguyễn Thị Hoa",
      picture: { data: { url: expect.any(String) } },
      is_sensitive: false,
    });

    const wrong = await me({ access_token: minted.access_token, appsecret_proof: proof(minted.access_token, "other-secret") });
    expect(wrong.status).toBe(200);
    expect(wrong.json).toEqual({ error: -242, message: "Invalid appsecret_proof provided in the API argument" });
    expect((await me({ access_token: minted.access_token })).json.error).toBe(-242);
    expect((await me({ access_token: "nope", appsecret_proof: proof("nope") })).json.error).toBe(452);

    await c.ctl("POST", "/clock", { advance_ms: 3600_000 });
    expect((await me({ access_token: minted.access_token, appsecret_proof: proof(minted.access_token) })).json.error).toBe(452);
  });

  it("decodes a phone token once at /v2.0/me/info", async () => {
    sim = await startSim();
    const c = client(sim);
    const t = (await c.ctl("POST", "/users/u1/miniapp-token")).json.access_token;
    const { code } = (await c.ctl("POST", "/users/u1/phone-token", { phone: "0912345678" })).json;
    const info = () => call(sim!.url, "GET", "/v2.0/me/info", { headers: { access_token: t, code, secret_key: APP_SECRET } });
    expect((await info()).json).toEqual({ data: { number: "84912345678" }, error: 0, message: "Success" });
    expect((await info()).json.error).not.toBe(0);
  });
});
