/**
 * Runs the reports' heavy work in a worker thread (bot/reports/report-worker.ts) with its own
 * SQLite connection, so webhooks, dashboards and the rest keep being answered meanwhile.
 */
import { Readable } from "node:stream";
import type { Worker } from "node:worker_threads";
import type { AggregateCheckResponse } from "../../shared/contracts";
import type { CommuneConfig } from "../config/commune";
import { startTsWorker } from "../ops/ts-worker";
import type { WorkerInput, WorkerOutput } from "./report-worker";
import type { ExportJob } from "./xlsx-writer";

/** Built to dist/bot/reports/report-worker.js by scripts/build.mjs (bot/ops/ts-worker.ts uses it when fresh). */
const WORKER = new URL("./report-worker.ts", import.meta.url);

/**
 * Heap bounds, whatever the size of the commune (the work streams, so it never needs more): an export
 * holds one page of rows; a check holds one batch of households and their answers.
 */
const HEAP_MB = { export: { old: 32, young: 4 }, check: { old: 64, young: 8 } } as const;

function start(input: WorkerInput, heap: (typeof HEAP_MB)[keyof typeof HEAP_MB]): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heap.old, maxYoungGenerationSizeMb: heap.young };
  return startTsWorker(WORKER, { workerData: input, resourceLimits });
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

/**
 * Export workers running at once; more wait their turn, in order. Each is a thread with its own heap:
 * sixteen Excel downloads at once (one phone, a script, a double-clicking officer) started sixteen
 * workers, 30 more threads, 660 MB and 13 s of a two-core server's CPU.
 */
export const MAX_EXPORT_WORKERS = 2;
let exportsRunning = 0;
const exportsWaiting: (() => void)[] = [];

function exportSlot(begin: () => void): void {
  if (exportsRunning < MAX_EXPORT_WORKERS) {
    exportsRunning++;
    begin();
  } else exportsWaiting.push(begin);
}

function exportDone(): void {
  exportsRunning--;
  const next = exportsWaiting.shift();
  if (next) {
    exportsRunning++;
    next();
  }
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
  exportSlot(() => {
    // The client went away while it waited: nothing to write.
    if (stream.destroyed) return exportDone();
    const worker = start(input, HEAP_MB.export);
    w = worker;
    worker.postMessage({ type: "credit" });
    worker.on("message", (m: WorkerOutput) => {
      if (m.type === "data") stream.push(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
      else if (m.type === "end") (ended = true), stream.push(null);
      else if (m.type === "error") stream.destroy(new Error(`export failed in its worker: ${m.message}`));
    });
    worker.on("error", (err) => stream.destroy(err));
    worker.once("exit", (code) => {
      exportDone();
      if (!ended && !stream.destroyed) stream.destroy(new Error(`export worker exited with code ${code}`));
    });
  });
  return stream;
}
