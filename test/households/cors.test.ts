import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseEnv } from "../../bot/config/env";
import { createGdsApp, type GdsTestApp } from "./support";

let t: GdsTestApp;
beforeAll(async () => {
  t = await createGdsApp({ env: { MINIAPP_ORIGINS: "https://h5.zdn.vn, https://h5.zadn.vn" } });
});
afterAll(async () => t.close());

const preflight = (url: string, origin: string) =>
  t.app.inject({ method: "OPTIONS", url, headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" } });

describe("CORS for the mini app inside Zalo (MINIAPP_ORIGINS)", () => {
  it("answers a preflight from Zalo's mini app host with the origin, methods and headers", async () => {
    for (const url of ["/api/households/12/answers", "/api/villages/standings", "/miniapp/config.json"]) {
      const res = await preflight(url, "https://h5.zdn.vn");
      expect(res.statusCode, url).toBe(204);
      expect(res.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
      expect(String(res.headers["access-control-allow-headers"]).toLowerCase()).toContain("authorization");
      expect(String(res.headers["access-control-allow-headers"]).toLowerCase()).toContain("content-type");
      expect(String(res.headers["access-control-allow-methods"])).toContain("POST");
      expect(String(res.headers.vary)).toContain("Origin");
    }
    expect((await preflight("/api/me", "https://h5.zadn.vn")).headers["access-control-allow-origin"]).toBe("https://h5.zadn.vn");
    // The bot's own origin (the sandbox serving the mini app itself) is allowed too.
    expect((await preflight("/api/me", "http://localhost:80")).headers["access-control-allow-origin"]).toBe("http://localhost:80");
  });

  it("gives a foreign origin no CORS headers, on the preflight and on the request", async () => {
    for (const origin of ["https://evil.example", "https://h5.zdn.vn.evil.example", "http://h5.zdn.vn"]) {
      const res = await preflight("/api/me", origin);
      expect(res.headers["access-control-allow-origin"], origin).toBeUndefined();
      expect(res.headers["access-control-allow-headers"]).toBeUndefined();
    }
    const get = await t.app.inject({ method: "GET", url: "/api/villages/standings", headers: { origin: "https://evil.example", ...t.as("8301") } });
    expect(get.statusCode).toBe(200);
    expect(get.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("the real request from an allowed origin carries the header too, errors included", async () => {
    const ok = await t.app.inject({ method: "GET", url: "/api/villages/standings", headers: { origin: "https://h5.zdn.vn", ...t.as("8302") } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
    const anon = await t.app.inject({ method: "GET", url: "/api/me", headers: { origin: "https://h5.zdn.vn" } });
    expect(anon.statusCode).toBe(401);
    expect(anon.headers["access-control-allow-origin"]).toBe("https://h5.zdn.vn");
  });

  it("leaves the other paths alone (webhook, health)", async () => {
    const res = await t.app.inject({ method: "GET", url: "/healthz", headers: { origin: "https://h5.zdn.vn" } });
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("MINIAPP_ORIGINS defaults to Zalo's mini app hosts and refuses a path or a non-origin", () => {
    expect(parseEnv({}).MINIAPP_ORIGINS).toEqual(["https://h5.zdn.vn", "https://h5.zadn.vn"]);
    expect(parseEnv({ MINIAPP_ORIGINS: "https://a.example,http://127.0.0.1:5173" }).MINIAPP_ORIGINS).toEqual(["https://a.example", "http://127.0.0.1:5173"]);
    expect(() => parseEnv({ MINIAPP_ORIGINS: "https://h5.zdn.vn/zapps/1" })).toThrow(ConfigError);
    expect(() => parseEnv({ MINIAPP_ORIGINS: "h5.zdn.vn" })).toThrow(/MINIAPP_ORIGINS/);
  });
});
