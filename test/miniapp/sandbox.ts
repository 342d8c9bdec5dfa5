/** The sandbox bot and the mini app build the browser tests and test/miniapp/shots.ts run against (no vitest here). */
import { existsSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import type { FastifyInstance } from "fastify";
import type { BrowserContext } from "playwright-core";
import { buildApp } from "../../bot/app";
import { systemClock, type Clock } from "../../bot/clock";
import { parseEnv } from "../../bot/config/env";
import { miniAppStatic } from "../../bot/ops/miniapp-static";
import { prepareSandbox } from "../../bot/sandbox";
import { createServices, type Services } from "../../bot/services";
import { demoCommune, tempDir, testLogger } from "../support/env";

export interface SandboxStack {
  url: string;
  services: Services;
  sim: ReturnType<typeof prepareSandbox>["sim"];
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The bot exactly as `npm start` runs it without Zalo credentials (sandbox: the simulator mounted in
 * the same server, same origin as /miniapp/), over a temp SQLite file, serving the mini app built in
 * miniapp/www (where `npm run miniapp:build` puts it). `clock`: the bot's and the simulator's (a test
 * that turns a ManualClock moves the simulator's with it).
 */
export async function startSandboxStack(opts: { clock?: Clock } = {}): Promise<SandboxStack> {
  const clock = opts.clock ?? systemClock;
  const tmp = tempDir();
  const env = parseEnv({ NODE_ENV: "test", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", DATABASE_PATH: join(tmp.dir, "miniapp.sqlite") });
  const commune = demoCommune();
  const sandbox = prepareSandbox(commune);
  if (opts.clock) sandbox.sim.clock.set(clock.now());
  const services = createServices({ env, commune, credentials: sandbox.credentials, endpoints: sandbox.endpoints, clock, logger: testLogger() });
  const app = await buildApp(services, {
    extraPlugins: [
      sandbox.plugin,
      async (a) => {
        // Until bot/app.ts registers it: the same plugin, the same default directory.
        if (!a.hasRoute({ method: "GET", url: "/miniapp/config.json" })) await a.register(miniAppStatic, { services });
      },
    ],
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === "object" && addr ? addr.port : 0}`;
  await sandbox.connect(services, url);
  await services.startWorkers();
  return {
    url,
    services,
    sim: sandbox.sim,
    app,
    async close() {
      await app.close();
      await services.stop();
      await sandbox.close();
      tmp.cleanup();
    },
  };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};
/** Response headers of the bot that describe its body, not its policy: replaced with the private build's. */
const BODY_HEADERS = new Set(["content-type", "content-length", "content-encoding", "transfer-encoding", "etag", "last-modified"]);

/** Serves the files of `dir` for the paths `match` accepts (below `prefix`), keeping the bot's headers (its route must answer). */
async function serveDir(context: BrowserContext, dir: string, prefix: string, match: (path: string) => boolean): Promise<void> {
  const root = resolve(dir);
  await context.route(
    (u) => u.pathname.startsWith(prefix) && match(u.pathname),
    async (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice(prefix.length)) || "index.html";
      const file = resolve(root, rel);
      if (!file.startsWith(root + sep) || !existsSync(file)) return route.continue();
      const res = await route.fetch();
      const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !BODY_HEADERS.has(k.toLowerCase())));
      return route.fulfill({ status: 200, headers: { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" }, path: file });
    },
  );
}

/**
 * Serves the mini app built in `dir` in place of the bot's miniapp/www files, keeping the bot's headers
 * (CSP included); the bot still answers /miniapp/config.json and /miniapp/guides/*.
 */
export async function serveBuild(context: BrowserContext, dir: string): Promise<void> {
  await serveDir(context, dir, "/miniapp/", (path) => !/^\/miniapp\/(config\.json$|guides\/)/.test(path));
}

/** Serves the officers' console built in `dir` (test/miniapp/build.ts buildConsole) at /console/, keeping the bot's headers. */
export async function serveConsole(context: BrowserContext, dir: string): Promise<void> {
  await serveDir(context, dir, "/console/", () => true);
}

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A call to the bot's API (no vitest here: scripts can use it too), as a person with `session` (JSON in and out). */
export async function api(s: { url: string }, method: string, path: string, session?: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(session ? { authorization: `Bearer ${session}` } : {}), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** `fn`'s first value that is not undefined, null or false, asked every `every` ms; throws after `ms`. */
export async function until<T>(what: string, fn: () => Promise<T | undefined> | T | undefined, ms = 15_000, every = 200): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== null && (v as unknown) !== false) return v;
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
