/**
 * Starts a worker thread on one of our TypeScript entry modules. Its JavaScript built beside the bot
 * (scripts/build.mjs: bot/x/y.ts → dist/bot/x/y.js) is used when it is newer than every source it may
 * bundle (bot/, shared/), so a thread does not compile TypeScript at run time (about 30 MB less at its
 * start); otherwise the TypeScript source, through a two-line bootstrap that registers tsx in the
 * worker thread, then loads it (`--import` hooks do not reach a worker's entry module on Node 20).
 */
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker, type WorkerOptions } from "node:worker_threads";

/** The repository (scripts/build.mjs keeps `import.meta.url` the source file's in the build too). */
const ROOT = new URL("../../", import.meta.url);
const SOURCES = [new URL("bot/", ROOT), new URL("shared/", ROOT)];
/** tsx's ESM API, resolved from here (the same package the bot runs with). */
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx")), "esm", "api", "index.mjs")).href;

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return n;
}

/** `entry`'s build in dist/ when there is one newer than every source, else undefined. */
export function builtWorker(entry: URL): URL | undefined {
  const rel = relative(fileURLToPath(ROOT), fileURLToPath(entry)).split("\\").join("/").replace(/\.ts$/, ".js");
  const built = new URL(`dist/${rel}`, ROOT);
  const st = statSync(built, { throwIfNoEntry: false });
  if (!st) return undefined;
  return SOURCES.every((d) => newest(fileURLToPath(d)) <= st.mtimeMs) ? built : undefined;
}

/** A worker thread running `entry` (a .ts file of this repository) with `options` (workerData, resourceLimits…). */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, "eval"> = {}): Worker {
  const built = builtWorker(entry);
  if (built) return new Worker(built, options);
  const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
