import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ConfigError, parseEnv, zaloMode } from "../../bot/config/env";
import { loadCommuneConfig, parseCommuneConfig } from "../../bot/config/commune";
import { tempDir } from "../support/env";

const run = promisify(execFile);

describe("configuration", () => {
  it("loads the shipped demo commune, labelled demo", () => {
    const cfg = loadCommuneConfig("bot/config/communes/demo.json");
    expect(cfg.demo).toBe(true);
    expect(cfg.villages.length).toBeGreaterThan(2);
    expect(cfg.reporting).toEqual({ weekday: 5, dueTime: "16:00" });
    expect(cfg.target.percent).toBe(80);
  });

  it("lists every bad field of a commune config at once", () => {
    const cfg = JSON.parse(JSON.stringify(loadCommuneConfig("bot/config/communes/demo.json")));
    cfg.provinceApp.androidUrl = "not a url";
    cfg.villages[1].id = "Thôn 2";
    cfg.villages[2].kind = "xóm lạ";
    cfg.volunteers[0].villageIds = ["khong-co"];
    cfg.reporting.dueTime = "25:00";
    cfg.unexpected = true;
    try {
      parseCommuneConfig(cfg, "demo-broken.json");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const field of ["provinceApp.androidUrl", "villages.1.id", "villages.2.kind", "volunteers.0.villageIds.0", "reporting.dueTime", "unexpected"]) {
        expect(problems).toContain(field);
      }
    }
  });

  it("is sandbox with no Zalo credentials, live with all four, an error in between", () => {
    expect(zaloMode(parseEnv({}))).toEqual({ kind: "sandbox" });
    const live = parseEnv({ ZALO_APP_ID: "1", ZALO_APP_SECRET: "s", ZALO_OA_ID: "2", ZALO_OA_SECRET_KEY: "k" });
    expect(zaloMode(live).kind).toBe("live");
    expect(() => zaloMode(parseEnv({ ZALO_APP_ID: "1", ZALO_OA_ID: "2" }))).toThrow(/ZALO_APP_SECRET[\s\S]*ZALO_OA_SECRET_KEY/);
  });

  it("stops the start with one message listing every bad field", async () => {
    const tmp = tempDir();
    const file = join(tmp.dir, "bad.json");
    writeFileSync(file, JSON.stringify({ demo: true, commune: { name: "", kind: "xã", province: "X" }, villages: [], officers: [] }));
    const err = await run(process.execPath, ["--import", "tsx", "bot/main.ts"], {
      env: { ...process.env, COMMUNE_CONFIG: file, PORT: "0", DATABASE_PATH: join(tmp.dir, "db.sqlite") },
    }).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e,
    );
    tmp.cleanup();
    expect(err?.code).toBe(1);
    for (const field of ["commune.name", "oa", "provinceApp", "police", "villages", "officers"]) expect(err?.stderr).toContain(field);
    expect(err?.stderr).toContain("did not start");
  });
});
