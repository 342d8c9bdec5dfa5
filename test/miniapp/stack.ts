import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve, sep } from "node:path";
import type { FastifyInstance } from "fastify";
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildApp } from "../../bot/app";
import { systemClock } from "../../bot/clock";
import { parseEnv } from "../../bot/config/env";
import { miniAppStatic } from "../../bot/ops/miniapp-static";
import { prepareSandbox } from "../../bot/sandbox";
import { createServices, type Services } from "../../bot/services";
import { launchBrowser } from "../support/browser";
import { demoCommune, tempDir, testLogger } from "../support/env";
import { buildMiniApp } from "./build";

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
 * miniapp/www (where `npm run miniapp:build` puts it).
 */
export async function startSandboxStack(): Promise<SandboxStack> {
  const tmp = tempDir();
  const env = parseEnv({ NODE_ENV: "test", LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent", DATABASE_PATH: join(tmp.dir, "miniapp.sqlite") });
  const commune = demoCommune();
  const sandbox = prepareSandbox(commune);
  const services = createServices({ env, commune, credentials: sandbox.credentials, endpoints: sandbox.endpoints, clock: systemClock, logger: testLogger() });
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

export interface MiniAppBrowser {
  /** The sandbox bot (set once the suite's beforeAll has run). */
  readonly s: SandboxStack;
  readonly browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** Page errors of every page opened, as "<who>: <message>": a suite ends by expecting none. */
  readonly errors: string[];
  /** A new page playing `as` (`?as=`) at `#hash`, optionally at another viewport. */
  open(as: string, hash: string, viewport?: { width: number; height: number }): Promise<Page>;
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

/**
 * For a describe block: builds the mini app, starts the sandbox bot and Debian's Chromium at 390×844
 * before its tests, closes both after them. Screenshots go to `shots` (created here).
 *
 * The build goes to a directory of this suite's own, served in place of the bot's miniapp/www files
 * (the bot's headers, CSP included, are kept): another build of miniapp/www while the suite runs
 * (another suite, `npm run miniapp:build`) would otherwise empty it under the pages. The bot still
 * answers /miniapp/config.json and /miniapp/guides/*.
 */
export function useMiniAppBrowser(shots = "test-results/miniapp"): MiniAppBrowser {
  let s: SandboxStack | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const errors: string[] = [];
  const built = mkdtempSync(join(tmpdir(), "gds-miniapp-www-"));
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    await buildMiniApp(built);
    s = await startSandboxStack();
    browser = await launchBrowser({ width: 390, height: 844 });
    await browser.context.route(
      (u) => u.pathname.startsWith("/miniapp/") && !/^\/miniapp\/(config\.json$|guides\/)/.test(u.pathname),
      async (route) => {
        const rel = decodeURIComponent(new URL(route.request().url()).pathname.slice("/miniapp/".length)) || "index.html";
        const file = resolve(built, rel);
        if (!file.startsWith(built + sep) || !existsSync(file)) return route.continue();
        const res = await route.fetch();
        const headers = Object.fromEntries(Object.entries(res.headers()).filter(([k]) => !BODY_HEADERS.has(k.toLowerCase())));
        return route.fulfill({ status: 200, headers: { ...headers, "content-type": TYPES[extname(file)] ?? "application/octet-stream" }, path: file });
      },
    );
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    rmSync(built, { recursive: true, force: true });
  });
  return {
    get s() {
      return s!;
    },
    get browser() {
      return browser!;
    },
    errors,
    async open(as, hash, viewport) {
      const p = await browser!.context.newPage();
      if (viewport) await p.setViewportSize(viewport);
      p.on("pageerror", (e) => errors.push(`${as}: ${e.message}`));
      await p.goto(`${s!.url}/miniapp/?as=${as}#${hash}`);
      return p;
    },
  };
}
