/**
 * Trains the understanding classifier in a worker thread (bot/guides/train-worker.ts): a full
 * training takes about 3 s of CPU, far too long for the bot's event loop, which keeps answering
 * webhooks with the classifier in use meanwhile (GuideLibrary.rebuild).
 */
import type { Guide } from "../../shared/guides";
import type { TrainedWeights } from "../../shared/intents";
import type { BackgroundTrainer } from "../chat/guide-library";
import { startTsWorker } from "../ops/ts-worker";
import type { TrainInput } from "./train-worker";

/** Built beside the bot when scripts/build.mjs has the entry bot/guides/train-worker.ts → dist/bot/guides/train-worker.js. */
const WORKER = new URL("./train-worker.ts", import.meta.url);

/** One training in a fresh worker thread; the thread ends with it. */
export const trainInWorker: BackgroundTrainer = (guides: readonly Guide[], extra: readonly { label: string; text: string }[]) =>
  new Promise<TrainedWeights>((resolve, reject) => {
    const workerData: TrainInput = { guides: [...guides], extra: [...extra] };
    const worker = startTsWorker(WORKER, { workerData });
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

/**
 * At most one training at a time, and only the newest asked for: many edits in a row (each needing a
 * training anew) started a worker each, all at once, each taking seconds of CPU on a two-core server
 * and its own memory, slowing the bot's thread too. A training asked for while one runs waits; one it
 * replaces before starting is rejected (the library keeps the classifier in use, which already knows
 * every new phrasing, and swaps in the newest training's).
 */
export function serialTrainer(train: BackgroundTrainer): BackgroundTrainer & { readonly running: number } {
  let running = 0;
  let waiting: { guides: readonly Guide[]; extra: readonly { label: string; text: string }[]; resolve: (w: TrainedWeights) => void; reject: (e: Error) => void } | undefined;
  const pump = () => {
    if (running > 0 || !waiting) return;
    const job = waiting;
    waiting = undefined;
    running++;
    let started: Promise<TrainedWeights>;
    try {
      started = train(job.guides, job.extra);
    } catch (err) {
      started = Promise.reject(err as Error);
    }
    started.then(job.resolve, job.reject).finally(() => {
      running--;
      pump();
    });
  };
  const trainer = (guides: readonly Guide[], extra: readonly { label: string; text: string }[]) =>
    new Promise<TrainedWeights>((resolve, reject) => {
      waiting?.reject(new Error("a newer training replaced this one"));
      waiting = { guides, extra, resolve, reject };
      pump();
    });
  return Object.defineProperty(trainer, "running", { get: () => running }) as BackgroundTrainer & { readonly running: number };
}
