import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "../support/browser";
import { buildMiniApp } from "./build";
import { serveBuild, startSandboxStack, type SandboxStack } from "./sandbox";

export { serveBuild, startSandboxStack, type SandboxStack } from "./sandbox";

export interface MiniAppBrowser {
  /** The sandbox bot (set once the suite's beforeAll has run). */
  readonly s: SandboxStack;
  readonly browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** Page errors of every page opened, as "<who>: <message>": a suite ends by expecting none. */
  readonly errors: string[];
  /** A new page playing `as` (`?as=`) at `#hash`, optionally at another viewport. */
  open(as: string, hash: string, viewport?: { width: number; height: number }): Promise<Page>;
}

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
  // MINIAPP_TEST_WWW: serve a build made beforehand (e.g. of a snapshot while the tree does not build).
  const given = process.env.MINIAPP_TEST_WWW;
  const built = given ?? mkdtempSync(join(tmpdir(), "gds-miniapp-www-"));
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    if (!given) await buildMiniApp(built);
    s = await startSandboxStack();
    browser = await launchBrowser({ width: 390, height: 844 });
    await serveBuild(browser.context, built);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    if (!given) rmSync(built, { recursive: true, force: true });
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
