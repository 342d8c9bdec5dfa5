/**
 * Runs the reports' heavy work in a worker thread (bot/reports/report-worker.ts) with its own
 * SQLite connection, so webhooks, dashboards and the rest keep being answered meanwhile.
 */
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { AggregateCheckResponse } from "../../shared/contracts";
import type { CommuneConfig } from "../config/commune";
import type { WorkerInput, WorkerOutput } from "./report-worker";
import type { ExportJob } from "./xlsx-writer";

const WORKER = new URL("./report-worker.ts", import.meta.url);
/**
 * The same worker built to JavaScript beside the bot (scripts/build.mjs entry bot/reports/report-worker.ts
 * → dist/bot/reports/report-worker.js): used when it is newer than every source it may bundle (bot/,
 * shared/), so a thread does not compile TypeScript at run time (about 30 MB less at its start).
 */
const BUILT = new URL("../../dist/bot/reports/report-worker.js", import.meta.url);
const SOURCES = [new URL("../../bot/", import.meta.url), new URL("../../shared/", import.meta.url)];

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

/** tsx's ESM API, resolved from here (the same package the bot runs with). */
const TSX_API = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve("tsx")), "esm", "api", "index.mjs")).href;

/**
 * Heap bounds, whatever the size of the commune (the work streams, so it never needs more): an export
 * holds one page of rows; a check holds one batch of households and their answers.
 */
const HEAP_MB = { export: { old: 32, young: 4 }, check: { old: 64, young: 8 } } as const;

function start(input: WorkerInput, heap: (typeof HEAP_MB)[keyof typeof HEAP_MB]): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heap.old, maxYoungGenerationSizeMb: heap.young };
  const built = builtWorker();
  if (built) return new Worker(built, { workerData: input, resourceLimits });
  // Otherwise the TypeScript source: a two-line bootstrap registers tsx in the worker thread, then
  // loads it (`--import` hooks do not reach a worker's entry module on Node 20).
  const boot = `import(${JSON.stringify(TSX_API)}).then((m) => { m.register(); return import(${JSON.stringify(WORKER.href)}); });`;
  return new Worker(boot, {
    eval: true,
    workerData: input,
    resourceLimits,
  });
}

/**
 * One long-lived worker for the aggregate checks (starting one costs about a second): started on the
 * first check, not keeping the process alive when idle, stopped after a minute without work.
 */
class CheckWorker {
  private worker: Worker | undefined;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (r: AggregateCheckResponse) => void; reject: (e: Error) => void }>();
  private idle: NodeJS.Timeout | undefined;

  run(args: { dbPath: string; commune: CommuneConfig; fix: boolean }): Promise<AggregateCheckResponse> {
    const w = this.ensure();
    clearTimeout(this.idle);
    w.ref();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      w.postMessage({ type: "job", id, input: { kind: "recompute", ...args } satisfies WorkerInput });
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = (this.worker = start({ kind: "service" }, HEAP_MB.check));
    w.on("message", (m: { type: "job-result"; id: number; value: AggregateCheckResponse } | { type: "job-error"; id: number; message: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === "job-result") p.resolve(m.value);
      else p.reject(new Error(`aggregate check failed in its worker: ${m.message}`));
      if (this.pending.size === 0) {
        w.unref();
        this.idle = setTimeout(() => void w.terminate(), 60_000).unref();
      }
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = undefined;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`aggregate check worker exited with code ${code}`)));
    return w;
  }
}

const checks = new CheckWorker();

/** The aggregate check (or fix) in a worker thread. */
export function recomputeInWorker(args: { dbPath: string; commune: CommuneConfig; fix: boolean }): Promise<AggregateCheckResponse> {
  return checks.run(args);
}

/**
 * An export written by a worker thread, as a stream for the HTTP answer. The worker writes a chunk
 * only when this stream asks for one (backpressure from the client all the way to the SQLite reads);
 * a client that goes away stops the worker.
 */
export function exportStream(kind: "xlsx" | "csv-missing", dbPath: string, job: ExportJob): Readable {
  return workerStream({ kind, dbPath, job });
}

/** A console dashboard's sheet (bot/reports/dash-xlsx.ts) written by a worker thread, streamed the same way. */
export function dashExportStream(input: Omit<Extract<WorkerInput, { kind: "dash-xlsx" }>, "kind">): Readable {
  return workerStream({ kind: "dash-xlsx", ...input });
}

function workerStream(input: Extract<WorkerInput, { kind: "xlsx" | "csv-missing" | "dash-xlsx" }>): Readable {
  let w: Worker | undefined;
  let ended = false;
  const stream = new Readable({
    highWaterMark: 512 * 1024,
    read() {
      w?.postMessage({ type: "credit" });
    },
    destroy(err, cb) {
      if (!ended) void w?.terminate();
      cb(err);
    },
  });
  w = start(input, HEAP_MB.export);
  w.postMessage({ type: "credit" });
  w.on("message", (m: WorkerOutput) => {
    if (m.type === "data") stream.push(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
    else if (m.type === "end") (ended = true), stream.push(null);
    else if (m.type === "error") stream.destroy(new Error(`export failed in its worker: ${m.message}`));
  });
  w.on("error", (err) => stream.destroy(err));
  w.on("exit", (code) => {
    if (!ended && !stream.destroyed) stream.destroy(new Error(`export worker exited with code ${code}`));
  });
  return stream;
}
