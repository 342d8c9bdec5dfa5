/**
 * The reports' worker thread: heavy reads on a connection of its own, off the bot's event loop.
 *   service: a long-lived worker running aggregate checks (and fixes), streamed over the households;
 *   xlsx / csv-missing: the exports, written chunk by chunk to the parent, which streams them to
 *   the HTTP client; the worker only writes more when the parent asked for more (credits).
 * Started by bot/reports/background.ts.
 */
import { Writable } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import type { CommuneConfig } from "../config/commune";
import type { MissingRepo } from "./missing-repo";
import type { ExportJob } from "./xlsx-writer";
import type { DashExportJob } from "./dash-xlsx";
import type { DashCell } from "../../shared/contracts";

// Each kind loads only what it runs (an export worker never compiles the recount, nor a check exceljs).

export type WorkerInput =
  /** Long-lived: runs the jobs it is sent ({type: "job", id, input}) one after another. */
  | { kind: "service" }
  | { kind: "recompute"; dbPath: string; commune: CommuneConfig; fix: boolean }
  | { kind: "xlsx" | "csv-missing"; dbPath: string; job: ExportJob }
  /** A console dashboard as shown (dash-xlsx.ts): no database, the rows come with the job. */
  | { kind: "dash-xlsx"; job: DashExportJob; rows: DashCell[][]; total: DashCell[] | null };

export type WorkerOutput =
  | { type: "data"; chunk: Uint8Array }
  | { type: "end" }
  | { type: "error"; message: string };

const port = parentPort!;
const input = workerData as WorkerInput;
const send = (m: WorkerOutput, transfer?: ArrayBuffer[]) => port.postMessage(m, transfer);

function open(path: string, write: boolean): Database.Database {
  const sqlite = new Database(path, { readonly: !write, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  return sqlite;
}

/** A sink that hands each chunk to the parent and completes the write only once the parent wants more. */
function parentSink(): { sink: Writable; pace: () => Promise<void> } {
  let credits = 0;
  let held: (() => void) | null = null;
  let idle: (() => void)[] = [];
  const wake = () => {
    const list = idle;
    idle = [];
    for (const f of list) f();
  };
  port.on("message", (m: { type: string }) => {
    if (m.type !== "credit") return;
    credits++;
    if (held) {
      const cb = held;
      held = null;
      credits--;
      cb();
    }
    wake();
  });
  const sink = new Writable({
    highWaterMark: 256 * 1024,
    write(chunk: Buffer, _enc, cb) {
      const copy = new Uint8Array(chunk); // a copy of its own: transferred, never a pooled buffer
      send({ type: "data", chunk: copy }, [copy.buffer as ArrayBuffer]);
      if (credits > 0) {
        credits--;
        cb();
      } else held = cb;
    },
    final(cb) {
      send({ type: "end" });
      cb();
    },
  });
  // Resolves once the parent has taken what is in flight and everything queued here is written:
  // the writer then produces more. Yields to the event loop at least once (zip and deflate run there).
  const pace = () =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (held === null && sink.writableLength === 0) setImmediate(resolve);
        else idle.push(check);
      };
      setImmediate(check);
    });
  sink.on("drain", wake);
  return { sink, pace };
}

async function checker() {
  const [{ communeCatalogue }, { recomputeAggregates }] = await Promise.all([import("../households/catalogue"), import("./recompute")]);
  return (job: Extract<WorkerInput, { kind: "recompute" }>) => recompute(job, communeCatalogue, recomputeAggregates);
}

function recompute(
  job: Extract<WorkerInput, { kind: "recompute" }>,
  communeCatalogue: typeof import("../households/catalogue").communeCatalogue,
  recomputeAggregates: typeof import("./recompute").recomputeAggregates,
) {
  const sqlite = open(job.dbPath, job.fix);
  try {
    return recomputeAggregates(sqlite, communeCatalogue(job.commune), job.commune.villages.map((v) => v.id), { fix: job.fix });
  } finally {
    sqlite.close();
  }
}

async function main(): Promise<void> {
  if (input.kind === "service") {
    const run = await checker();
    port.on("message", (m: { type: string; id: number; input: WorkerInput }) => {
      if (m.type !== "job" || m.input.kind !== "recompute") return;
      try {
        port.postMessage({ type: "job-result", id: m.id, value: run(m.input) });
      } catch (err) {
        port.postMessage({ type: "job-error", id: m.id, message: (err as Error)?.stack ?? String(err) });
      }
    });
    return;
  }
  if (input.kind === "recompute") throw new Error("a check runs as a job of the service worker");
  if (input.kind === "dash-xlsx") {
    const { writeDashSheet } = await import("./dash-xlsx");
    const { sink, pace } = parentSink();
    await writeDashSheet(sink, input.job, input.rows, input.total, pace);
    await new Promise<void>((resolve) => (sink.writableFinished ? resolve() : sink.once("finish", () => resolve())));
    return;
  }
  const [{ MissingRepo }, { writeMissingCsv, writeWorkbook }] = await Promise.all([import("./missing-repo"), import("./xlsx-writer")]);
  const sqlite = open(input.dbPath, false);
  // One read transaction: every page read sees the same state of the database.
  sqlite.prepare("BEGIN").run();
  try {
    const repo = new MissingRepo(sqlite);
    const { sink, pace } = parentSink();
    const missing = (villageId: string, c: Parameters<MissingRepo["missing"]>[1]) => repo.missing(villageId, c);
    if (input.kind === "xlsx") await writeWorkbook(sink, input.job, missing, pace);
    else await writeMissingCsv(sink, input.job, missing, pace);
    await new Promise<void>((resolve) => (sink.writableFinished ? resolve() : sink.once("finish", () => resolve())));
  } finally {
    sqlite.prepare("COMMIT").run();
    sqlite.close();
  }
}

main().then(
  () => {
    if (input.kind !== "service") port.close();
  },
  (err: unknown) => {
    send({ type: "error", message: (err as Error)?.stack ?? String(err) });
    port.close();
  },
);
