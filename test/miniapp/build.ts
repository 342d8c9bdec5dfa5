import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { TARGET } from "../../miniapp/vite.config";

/**
 * Vite in production mode. Vitest runs with NODE_ENV=test, which would make Vite bundle React's
 * development build: build exactly what ships (zmp-cli sets NODE_ENV around its build too).
 */
async function production<T>(run: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    return await run();
  } finally {
    process.env.NODE_ENV = before;
  }
}

/** Builds the mini app with its own vite.config.ts (Vite 5 + zmp-vite-plugin) into `outDir` (from the repository root). */
export async function buildMiniApp(outDir: string, opts: { manifest?: boolean } = {}): Promise<void> {
  const { build } = await import("vite");
  await production(() =>
    build({ configFile: "miniapp/vite.config.ts", mode: "production", logLevel: "warn", build: { outDir: resolve(outDir), emptyOutDir: true, manifest: opts.manifest ?? false } }),
  );
}

/** Builds the officers' console (miniapp/vite.console.config.ts, served at /console/) into `outDir`. */
export async function buildConsole(outDir: string): Promise<void> {
  const { build } = await import("vite");
  await production(() => build({ configFile: "miniapp/vite.console.config.ts", mode: "production", logLevel: "warn", build: { outDir: resolve(outDir), emptyOutDir: true } }));
}

/** Builds a baseline shell (test/miniapp/shell/<name>) with the same plugins and settings (miniapp/vite.config.ts). */
export async function buildShell(root: string, outDir: string): Promise<void> {
  const [{ build }, { default: react }, { default: zaloMiniApp }] = await Promise.all([import("vite"), import("@vitejs/plugin-react"), import("zmp-vite-plugin")]);
  await production(() =>
    build({
      root,
      configFile: false,
      cacheDir: resolve("node_modules/.vite/shell"),
      mode: "production",
      logLevel: "warn",
      plugins: [react(), zaloMiniApp({ app: { title: "Shell" } })],
      build: { outDir: resolve(outDir), emptyOutDir: true, modulePreload: { polyfill: false }, target: TARGET },
    }),
  );
}

/**
 * Gzip -9 size of a built file, with the content hash in each chunk name replaced by a stand-in derived
 * from the chunk's name: any edit anywhere renames every chunk, and fresh random names compress a few
 * bytes differently, which moved the first-load figure by up to 7 bytes with the code unchanged. The
 * stand-ins look as random as real hashes (the same size to a byte or two), but the same code always
 * measures the same.
 */
const HASHED_NAME = /([A-Za-z0-9_]+)([.-])[A-Za-z0-9_-]{8}((?:\.module)?\.(?:js|css))(?![A-Za-z0-9])/g;
const standIn = (name: string) => createHash("sha256").update(name).digest("base64url").slice(0, 8);
const gz = (file: string) =>
  gzipSync(Buffer.from(readFileSync(file, "latin1").replace(HASHED_NAME, (_m, name: string, sep: string, ext: string) => `${name}${sep}${standIn(name)}${ext}`), "latin1"), { level: 9 }).length;

export interface FirstLoad {
  /** The files Zalo loads before the app runs: www/app-config.json listCSS + listSyncJS + listAsyncJS. */
  files: string[];
  jsGzip: number;
  cssGzip: number;
  totalGzip: number;
}

/** What a phone downloads before the first screen, gzip -9, from the app-config.json zmp-vite-plugin wrote. */
export function firstLoad(outDir: string): FirstLoad {
  const cfg = JSON.parse(readFileSync(join(outDir, "app-config.json"), "utf8")) as { listCSS: string[]; listSyncJS: string[]; listAsyncJS: string[] };
  const files = [...cfg.listCSS, ...cfg.listSyncJS, ...cfg.listAsyncJS];
  const sum = (ext: string) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gz(join(outDir, f)), 0);
  const cssGzip = sum(".css");
  const jsGzip = sum(".js");
  return { files, jsGzip, cssGzip, totalGzip: jsGzip + cssGzip };
}

interface ManifestChunk {
  file: string;
  imports?: string[];
}

/** Gzip bytes a lazily loaded module adds on top of the first load: its chunk and the chunks it imports. */
export function lazyChunkGzip(outDir: string, source: string, alreadyLoaded: readonly string[]): number {
  const manifest = JSON.parse(readFileSync(join(outDir, ".vite/manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const seen = new Set<string>(alreadyLoaded);
  let total = 0;
  const visit = (key: string) => {
    const c = manifest[key];
    if (!c || seen.has(c.file)) return;
    seen.add(c.file);
    total += gz(join(outDir, c.file));
    c.imports?.forEach(visit);
  };
  visit(source);
  return total;
}
