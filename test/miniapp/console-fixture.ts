/**
 * What the officers' console e2e suites share: the console (and, when asked, the mini app) built into
 * temp directories of the suite's own and served in place of the bot's files (the bot's headers, CSP
 * included, kept), the sandbox bot, Debian's Chromium, pages whose errors are recorded, logging in by
 * the console's QR code approved through the API as the phone does, axe-core, the screenshot directory.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { DEMO } from "../households/support";
import { launchBrowser } from "../support/browser";
import { seriousViolations } from "./axe";
import { buildConsole, buildMiniApp } from "./build";
import { api, serveBuild, serveConsole, startSandboxStack, until, type SandboxStack } from "./sandbox";

export { api, until } from "./sandbox";

export interface Viewport {
  width: number;
  height: number;
}
export const PC: Viewport = { width: 1366, height: 768 };
export const PHONE: Viewport = { width: 390, height: 844 };

export interface ConsoleOptions<S extends SandboxStack> {
  /** Where the suite's screenshots go (created before its tests). */
  shots: string;
  /** Also build the mini app and serve it at /miniapp/ (the phone's side). */
  miniApp?: boolean;
  /** The browser's viewport (a page opened without one has it). */
  viewport?: Viewport;
  /** Starts the bot (default: test/miniapp/sandbox.ts as it is). */
  start?: () => Promise<S>;
  /** The set-up's time limit. */
  timeout?: number;
}

export interface ConsoleFixture<S extends SandboxStack> {
  /** The sandbox bot (set once the suite's beforeAll has run). */
  readonly s: S;
  readonly browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** Page errors of every page opened, as "<who>: <message>", and axe's findings: a suite ends by expecting none. */
  readonly errors: string[];
  /** A new page at `viewport` whose errors are recorded as `<who>: …`, at `url` (a path of the bot) when given. */
  page(who: string, url?: string, viewport?: Viewport): Promise<Page>;
  /** The console's login page at `viewport` until its QR code shows; the code's text. */
  loginPage(viewport?: Viewport, who?: string): Promise<{ p: Page; qrText: string }>;
  /** Approves a console login code as `as` does on the phone (through the API); the HTTP status. */
  approve(code: string, as?: string): Promise<number>;
  /** The console logged in as `as` (default the demo officer) at `viewport`, its sidebar shown. */
  loggedIn(as?: string, viewport?: Viewport, who?: string): Promise<Page>;
  /** axe-core's serious and critical findings on `p` as it is now, added to `into` (default `errors`) as "<what>: …". */
  axe(p: Page, what: string, into?: string[]): Promise<void>;
}

/**
 * For a describe block: builds the console (and the mini app when asked) into temp directories,
 * starts the bot and Chromium before its tests, closes both and removes the builds after them.
 */
export function useConsole<S extends SandboxStack = SandboxStack>(opts: ConsoleOptions<S>): ConsoleFixture<S> {
  let s: S | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const errors: string[] = [];
  const built = mkdtempSync(join(tmpdir(), "gds-console-www-"));
  const builtApp = opts.miniApp ? mkdtempSync(join(tmpdir(), "gds-console-app-www-")) : undefined;
  const viewport = opts.viewport ?? PC;
  beforeAll(async () => {
    mkdirSync(opts.shots, { recursive: true });
    await buildConsole(built);
    if (builtApp) await buildMiniApp(builtApp);
    s = await (opts.start ?? (startSandboxStack as () => Promise<S>))();
    browser = await launchBrowser(viewport);
    if (builtApp) await serveBuild(browser.context, builtApp);
    await serveConsole(browser.context, built);
  }, opts.timeout ?? 240_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    rmSync(built, { recursive: true, force: true });
    if (builtApp) rmSync(builtApp, { recursive: true, force: true });
  });

  const fx: ConsoleFixture<S> = {
    get s() {
      return s!;
    },
    get browser() {
      return browser!;
    },
    errors,
    async page(who, url, at = viewport) {
      const p = await browser!.context.newPage();
      await p.setViewportSize(at);
      p.on("pageerror", (e) => errors.push(`${who}: ${e.message}`));
      if (url !== undefined) await p.goto(`${s!.url}${url}`);
      return p;
    },
    async loginPage(at = viewport, who = "/console/") {
      const p = await fx.page(who, "/console/", at);
      await p.getByRole("heading", { name: "Đăng nhập trang làm việc của cán bộ xã" }).waitFor();
      const qr = p.getByTestId("login-qr");
      // Polled by hand, not expect.poll: a suite may log in from its beforeAll.
      let shown: string | null = null;
      await until("the login QR code", async () => /^GDS-MAY-TINH:/.test((shown = await qr.getAttribute("data-qr")) ?? "") || undefined);
      expect(shown).toMatch(/^GDS-MAY-TINH:[A-Za-z0-9_-]{32}$/);
      return { p, qrText: shown! };
    },
    async approve(code, as = DEMO.officer) {
      return (await api(s!, "POST", "/api/console/login-requests/approve", s!.services.gds.auth.issue(as).session, { code })).status;
    },
    async loggedIn(as = DEMO.officer, at = viewport, who) {
      const { p, qrText } = await fx.loginPage(at, who);
      expect(await fx.approve(qrText, as)).toBe(200);
      await p.getByRole("navigation", { name: "Các trang" }).waitFor({ timeout: 15_000 });
      return p;
    },
    async axe(p, what, into = errors) {
      for (const v of await seriousViolations(p, s!.url)) into.push(`${what}: ${v}`);
    },
  };
  return fx;
}
