/**
 * Hole 3 of issue 9: empty credentials once started the sandbox (no login, a simulator that mints
 * sessions) on 0.0.0.0 with NODE_ENV=production. The configuration is checked as parsed, and the real
 * entry point is started as a child process to show what an operator sees.
 */
import { readFileSync } from "node:fs";
import { createConnection } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConfigError, listenHost, parseEnv, zaloMode } from "../../bot/config/env";
import { freePort, startBot, waitForHttp, type BotProcess } from "../support/child";
import { tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const KEYS = ["ZALO_APP_ID", "ZALO_APP_SECRET", "ZALO_OA_ID", "ZALO_OA_SECRET_KEY"] as const;
const LIVE = { ZALO_APP_ID: "1", ZALO_APP_SECRET: "s", ZALO_OA_ID: "2", ZALO_OA_SECRET_KEY: "k" };

function problems(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems.join("\n");
  }
  throw new Error("expected a ConfigError");
}

describe("configuration refuses what once started an open sandbox", () => {
  it("a Zalo variable present but empty or blank is an error, never 'not configured'", () => {
    const all = problems(() => parseEnv(Object.fromEntries(KEYS.map((k) => [k, ""]))));
    for (const k of KEYS) expect(all).toMatch(new RegExp(`${k}: is set but empty`));
    expect(problems(() => parseEnv({ ...LIVE, ZALO_OA_SECRET_KEY: "   " }))).toContain("ZALO_OA_SECRET_KEY: is set but empty");
    expect(problems(() => parseEnv({ ...LIVE, ZALO_INITIAL_REFRESH_TOKEN: "" }))).toContain("ZALO_INITIAL_REFRESH_TOKEN");
    // Absent is still "not configured", and all four set is live.
    expect(zaloMode(parseEnv({})).kind).toBe("sandbox");
    expect(zaloMode(parseEnv(LIVE)).kind).toBe("live");
  });

  it("sandbox is refused with NODE_ENV=production or a PUBLIC_BASE_URL", () => {
    expect(problems(() => zaloMode(parseEnv({ NODE_ENV: "production" })))).toMatch(/sandbox mode .* not allowed here: NODE_ENV=production/);
    expect(problems(() => zaloMode(parseEnv({ PUBLIC_BASE_URL: "https://gds.example.vn" })))).toMatch(/PUBLIC_BASE_URL is set/);
    expect(zaloMode(parseEnv({ ...LIVE, NODE_ENV: "production", PUBLIC_BASE_URL: "https://gds.example.vn" })).kind).toBe("live");
  });

  it("sandbox listens on loopback unless HOST says otherwise; live mode on every interface", () => {
    expect(listenHost(parseEnv({}), { kind: "sandbox" })).toEqual({ host: "127.0.0.1", explicit: false });
    expect(listenHost(parseEnv({ HOST: "0.0.0.0" }), { kind: "sandbox" })).toEqual({ host: "0.0.0.0", explicit: true });
    const live = parseEnv(LIVE);
    expect(listenHost(live, zaloMode(live)).host).toBe("0.0.0.0");
  });

  it("TRUST_PROXY is a hop count or a list of addresses; trusting everyone is refused", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "127.0.0.1, 10.0.0.0/8,::1,loopback" }).TRUST_PROXY).toEqual(["127.0.0.1", "10.0.0.0/8", "::1", "loopback"]);
    for (const bad of ["true", "*", "10.0.0.0/40", "proxy.example.vn"]) expect(problems(() => parseEnv({ TRUST_PROXY: bad }))).toContain("TRUST_PROXY");
  });
});

/** Local addresses of the TCP sockets listening on `port` (Linux /proc, IPv4 and IPv6). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const out: string[] = [];
  for (const file of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== "0A") continue; // 0A = LISTEN
      const [addr, p] = cols[1]!.split(":");
      if (p !== hexPort) continue;
      out.push(addr!.length === 8 ? addr!.match(/../g)!.reverse().map((h) => parseInt(h, 16)).join(".") : addr!);
    }
  }
  return out;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createConnection({ host, port, timeout: 2000 });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.once("timeout", () => {
      s.destroy();
      resolve(false);
    });
  });
}

const otherAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === "IPv4")?.address;

describe("npm start, as an operator runs it", () => {
  const tmp = tempDir();
  let bot: BotProcess | undefined;
  afterEach(() => {
    bot?.child.kill("SIGKILL");
    bot = undefined;
  });

  it("a live-mode start with empty credentials exits 1 with a clear message and never listens", async () => {
    const port = await freePort();
    bot = startBot({
      ...Object.fromEntries(KEYS.map((k) => [k, ""])),
      NODE_ENV: "production",
      PUBLIC_BASE_URL: "https://gds.example.vn",
      PORT: String(port),
      DATABASE_PATH: join(tmp.dir, "empty.sqlite"),
    });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    for (const k of KEYS) expect(bot.output()).toContain(`${k}: is set but empty`);
    expect(bot.output()).toContain("The bot did not start");
    expect(bot.output()).not.toContain("SANDBOX");
    expect(await canConnect("127.0.0.1", port)).toBe(false);
  });

  it("no credentials at all with NODE_ENV=production: refuses sandbox and exits 1", async () => {
    const port = await freePort();
    bot = startBot({ NODE_ENV: "production", PORT: String(port), DATABASE_PATH: join(tmp.dir, "prod.sqlite") });
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.output()).toMatch(/sandbox mode .* not allowed here: NODE_ENV=production/);
    expect(bot.output()).toContain("The bot did not start");
  });

  it("a default sandbox start listens on 127.0.0.1 only", async () => {
    const port = await freePort();
    bot = startBot({ NODE_ENV: "development", PORT: String(port), DATABASE_PATH: join(tmp.dir, "sandbox.sqlite") });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`);
    // The banner comes once the sandbox has connected, a moment after the port answers.
    await waitFor(() => bot!.output().includes("SANDBOX"), 30_000, "the sandbox banner");
    expect(listeningAddresses(port)).toEqual(["127.0.0.1"]);
    if (otherAddress) expect(await canConnect(otherAddress, port)).toBe(false);
    expect(bot.output()).not.toContain("simulator at /simulator has no login");
  });

  it("a sandbox with HOST set beyond loopback warns that the simulator is exposed", async () => {
    const port = await freePort();
    bot = startBot({ NODE_ENV: "development", LOG_LEVEL: "warn", HOST: "0.0.0.0", PORT: String(port), DATABASE_PATH: join(tmp.dir, "exposed.sqlite") });
    await waitForHttp(`http://127.0.0.1:${port}/healthz`);
    expect(bot.output()).toContain("simulator at /simulator has no login");
    expect(listeningAddresses(port)).toEqual(["0.0.0.0"]);
    if (otherAddress) expect(await canConnect(otherAddress, port)).toBe(true);
  });
});
