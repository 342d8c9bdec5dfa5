/**
 * Trains the understanding classifier in a worker thread (bot/guides/train-worker.ts): a full
 * training takes about 3 s of CPU, far too long for the bot's event loop, which keeps answering
 * webhooks with the classifier in use meanwhile (GuideLibrary.rebuild).
 */
import { statSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Guide } from "../../shared/guides";
import type { TrainedWeights } from "../../shared/intents";
import type { BackgroundTrainer } from "../chat/guide-library";
import type { TrainInput } from "./train-worker";

const WORKER = new URL("./train-worker.ts", import.meta.url);
/** Built beside the bot when scripts/build.mjs has the entry bot/guides/train-worker.ts → dist/bot/guides/train-worker.js. */
const BUILT = new URL("../../dist/bot/guides/train-worker.js", import.meta.url);
const SOURCES = [new URL("../../bot/", import.meta.url), new URL("../../shared/", import.meta.url)];
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx")), "esm", "api", "index.mjs")).href;

function newest(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n = Math.max(n, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return n;
}

function builtWorker(): URL | undefined {
  const built = statSync(BUILT, { throwIfNoEntry: false });
  if (!built) return undefined;
  return SOURCES.every((d) => newest(fileURLToPath(d)) <= built.mtimeMs) ? BUILT : undefined;
}

/** One training in a fresh worker thread; the thread ends with it. */
export const trainInWorker: BackgroundTrainer = (guides: readonly Guide[], extra: readonly { label: string; text: string }[]) =>
  new Promise<TrainedWeights>((resolve, reject) => {
    const workerData: TrainInput = { guides: [...guides], extra: [...extra] };
    const built = builtWorker();
    // Otherwise the TypeScript source through tsx (`--import` hooks do not reach a worker's entry on Node 20).
    const worker = built
      ? new Worker(built, { workerData })
      : new Worker(`import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER.href)}); });`, { eval: true, workerData });
    let settled = false;
    worker.once("message", (w: TrainedWeights) => {
      settled = true;
      resolve(w);
      void worker.terminate();
    });
    worker.once("error", (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`the training worker stopped (exit code ${code}) before it finished`));
      settled = true;
    });
  });
