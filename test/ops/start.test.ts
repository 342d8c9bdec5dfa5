import { execFileSync, spawn } from "node:child_process";
import { connect } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, waitForHttp } from "../support/child";
import { tempDir } from "../support/env";
import { waitFor } from "../support/stack";

/** Children of a process, with their command lines (procps `ps`). */
function childrenOf(pid: number): { pid: number; args: string }[] {
  let out = "";
  try {
    out = execFileSync("ps", ["-o", "pid=,args=", "--ppid", String(pid)], { encoding: "utf8" });
  } catch {
    return []; // ps exits 1 when there is none
  }
  return out
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .map((l) => {
      const [p, ...rest] = l.split(/\s+/);
      return { pid: Number(p), args: rest.join(" ") };
    });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

describe("npm start runs compiled JavaScript and stops on SIGTERM", () => {
  const tmp = tempDir();
  const pids: number[] = [];
  afterAll(() => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, "SIGKILL");
    tmp.cleanup();
  });

  it("kill -TERM to the npm start process stops the bot: no node process left, port closed, exit 0", async () => {
    const port = await freePort();
    const env: Record<string, string | undefined> = { ...process.env, HOST: "127.0.0.1", PORT: String(port), DATABASE_PATH: join(tmp.dir, "bot.sqlite"), LOG_LEVEL: "info" };
    // Sandbox mode (no Zalo credentials; sandbox is refused under NODE_ENV=production).
    for (const k of Object.keys(env)) if (k.startsWith("ZALO_") || k.startsWith("npm_") || k === "NODE_ENV") delete env[k];
    const npm = spawn("npm", ["start"], { env, stdio: ["ignore", "pipe", "pipe"] });
    pids.push(npm.pid!);
    let out = "";
    npm.stdout!.on("data", (d) => (out += d));
    npm.stderr!.on("data", (d) => (out += d));
    const exited = new Promise<{ code: number | null; signal: string | null }>((r) => npm.on("exit", (code, signal) => r({ code, signal })));

    // In a fresh clone prestart builds the mini app first (a minute on two cores), then the bot.
    const early = exited.then((e) => Promise.reject(new Error(`npm start exited (${JSON.stringify(e)}) before the bot was ready:\n${out}`)));
    await Promise.race([waitForHttp(`http://127.0.0.1:${port}/readyz`, 240_000), early]);
    // npm's child is node itself running the build (no sh, no tsx in between).
    const kids = childrenOf(npm.pid!);
    expect(kids.map((k) => k.args)).toEqual(["node dist/bot/main.js"]);
    const botPid = kids[0]!.pid;
    pids.push(botPid);

    process.kill(npm.pid!, "SIGTERM");
    const result = await exited;
    await waitFor(() => !alive(botPid), 20_000, "the bot process exits");
    expect(await portOpen(port)).toBe(false);
    expect(result.code).toBe(0);
    expect(out).toContain('"signal":"SIGTERM"');
  }, 300_000);
});
