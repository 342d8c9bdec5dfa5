/**
 * The guide classifier's training worker failing in the real bot (issue 15): a saved guide that needs
 * the classifier trained anew starts a worker thread; here test/reliability/support/worker-crash-preload.ts
 * makes that thread throw, exit, or run out of heap. The bot's process lives, readiness stays, the chat
 * keeps answering with the classifier in use (a resident's question still gets its guide), and once
 * the workers train again the next save is trained and swapped in.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SessionSigner } from "../../bot/auth/session";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { DEMO } from "../households/support";
import { freePort, liveBotEnv, waitForHttp } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const tmp = tempDir();
let sim: StartedSimulator;
let kill: (() => void) | undefined;
afterAll(async () => {
  kill?.();
  await sim?.close();
  tmp.cleanup();
});

describe("the guide training worker throws, exits or runs out of memory", () => {
  it("the bot lives, the chat keeps answering with the classifier in use; later trainings swap in", async () => {
    sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000 });
    const dbPath = join(tmp.dir, "bot.sqlite");
    const crashFile = join(tmp.dir, "crash");
    writeFileSync(crashFile, "");
    const port = await freePort();
    sim.sim.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/zalo`);
    const child = spawn(process.execPath, ["--import", "tsx", "--import", "./test/reliability/support/worker-crash-preload.ts", "bot/main.ts"], {
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "info", GDS_WORKER_CRASH_FILE: crashFile, ...liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    kill = () => child.kill("SIGKILL");
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    await waitForHttp(`${base}/healthz`, 30_000);
    const handle = openDatabase(dbPath);
    const session = new SessionSigner(handle.db, systemClock).issue(DEMO.officer).token;
    handle.close();
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`${base}${url}`, { method, headers: { authorization: `Bearer ${session}`, ...(body ? { "content-type": "application/json" } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const injected = () => (existsSync(`${crashFile}.log`) ? readFileSync(`${crashFile}.log`, "utf8").trim().split("\n").length : 0);
    const swaps = () => out.split("\n").filter((l) => l.includes("swapped in")).length;

    // A resident asks about paying the electricity bill: the chat opens the guide.
    let residentSeq = 0;
    const ask = async (text: string) => {
      const user = `88100000000000${String(++residentSeq).padStart(5, "0")}`;
      sim.sim.upsertUser(user, { follower: true, last_interaction_at: sim.sim.clock.now() });
      await sim.sim.sendText(user, text);
      await waitFor(() => sim.sim.inbox(user).length > 0, 20_000, `an answer to “${text}”`);
      await new Promise((r) => setTimeout(r, 300));
      return sim.sim.inbox(user).map((m) => m.text).join("\n");
    };
    const guide = (await call("GET", "/api/officer/guides/tien-dien")).body as { version: number; title: string; doc: { phrasings: string[]; steps: { text: string }[] } };
    const question = guide.doc.phrasings[guide.doc.phrasings.length - 1]!;
    const firstAnswer = await ask(question);
    expect(firstAnswer).toContain(guide.title);

    let version = guide.version;
    for (const mode of ["throw", "exit", "oom"] as const) {
      writeFileSync(crashFile, mode);
      const n = injected();
      const d = (await call("GET", "/api/officer/guides/tien-dien")).body;
      // A phrasing removed: the classifier is trained anew in a worker thread.
      const saved = await call("PUT", "/api/officer/guides/tien-dien", { doc: { ...d.doc, phrasings: d.doc.phrasings.slice(1) }, baseVersion: version, note: `Bớt một câu hỏi mẫu (${mode})` });
      expect(saved.status, JSON.stringify(saved.body)).toBe(200);
      version = saved.body.version;
      await waitFor(() => injected() > n, 20_000, `the ${mode} worker started`);
      await new Promise((r) => setTimeout(r, mode === "oom" ? 3_000 : 1_000));
      expect(child.exitCode, `${mode}: the bot still runs`).toBeNull();
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // The classifier in use answers: the same question still opens the guide.
      expect(await ask(question), `${mode}: the chat still answers`).toContain(guide.title);
    }
    expect(swaps()).toBe(0);

    // Workers train again: the next save needing a training is swapped in.
    writeFileSync(crashFile, "");
    const d = (await call("GET", "/api/officer/guides/tien-dien")).body;
    const saved = await call("PUT", "/api/officer/guides/tien-dien", { doc: { ...d.doc, phrasings: d.doc.phrasings.slice(1) }, baseVersion: version });
    expect(saved.status).toBe(200);
    await waitFor(() => swaps() > 0, 60_000, "a training swapped in");
    expect(await ask(question)).toContain(guide.title);
    expect(out).not.toContain("uncaught exception");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    kill = undefined;
  }, 180_000);
});
