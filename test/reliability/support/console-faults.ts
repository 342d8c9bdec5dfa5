/**
 * What the console-edit fault suites share: another process holding the database's write lock, the
 * full-disk / I/O-error preload switched on in this process, a fingerprint of every table (so a test
 * can say "nothing was written, not even half"), and the answer an officer must get.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { createGdsApp, type GdsTestApp } from "../../households/support";
import { tempDir } from "../../support/env";

export interface HeldLock {
  /** Commits nothing, ends the other process; resolves once it is gone. */
  release(): Promise<void>;
}

/**
 * Another process (a real one: `node`, better-sqlite3) takes the database's write lock with BEGIN
 * EXCLUSIVE and keeps it until `release`. Resolves once the lock is held.
 */
export async function holdLock(dbPath: string): Promise<HeldLock> {
  const script = `
    const Database = require("better-sqlite3");
    const db = new Database(process.argv[1]);
    db.exec("BEGIN EXCLUSIVE");
    process.stdout.write("LOCKED\\n");
    process.stdin.on("data", () => { db.exec("ROLLBACK"); db.close(); process.exit(0); });
    process.stdin.resume();
  `;
  const child = spawn(process.execPath, ["-e", script, dbPath], { stdio: ["pipe", "pipe", "inherit"], cwd: process.cwd() });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("LOCKED")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`the lock holder exited ${code} before locking`)));
  });
  return {
    async release() {
      child.stdin!.write("go\n");
      await exited;
    },
  };
}

export interface DiskFaults {
  set(mode: "" | "full" | "ioerr"): Promise<void>;
}

/**
 * Loads test/reliability/support/fault-preload.ts into this process (the same file the real-process
 * suites preload into the bot): while switched on, every data-changing statement of every connection
 * here fails as SQLite fails on a full disk or a refused write. Reads keep working.
 */
export async function diskFaults(dir: string): Promise<DiskFaults> {
  const file = join(dir, "fault-mode");
  writeFileSync(file, "");
  process.env.GDS_FAULT_FILE = file;
  await import("./fault-preload");
  return {
    async set(mode) {
      writeFileSync(file, mode);
      // The preload reads the file every 25 ms.
      await new Promise((r) => setTimeout(r, 80));
    },
  };
}

/** Tables whose rows change by themselves (none do here: no workers run), left out of the fingerprint. */
const VOLATILE = new Set(["process_lease"]);

/** Every row of every table, hashed per table: equal fingerprints mean nothing was written. */
export function fingerprint(sqlite: Database.Database): Record<string, string> {
  const tables = sqlite.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (VOLATILE.has(name)) continue;
    const h = createHash("sha256");
    for (const row of sqlite.prepare(`SELECT * FROM "${name}"`).iterate()) h.update(JSON.stringify(row));
    out[name] = h.digest("hex").slice(0, 16);
  }
  return out;
}

/** The answer an officer gets when the database refused the write: "try again", in Vietnamese, nothing else. */
export function expectTryAgain(res: { status: number; body: unknown }, what: string): void {
  expect([500, 503], `${what}: ${JSON.stringify(res.body)}`).toContain(res.status);
  const message = (res.body as { error?: { message?: string } }).error?.message ?? "";
  expect(message, what).toMatch(/thử lại/);
  expect(JSON.stringify(res.body), what).not.toMatch(/SQLITE|stack|Error:/);
}

/**
 * Makes the data-changing statements of this connection whose SQL matches `which` fail with
 * SQLITE_FULL (the disk filled up just as that row needed a new page) until the returned function is
 * called. The other statements go through: a fault between two writes of one edit.
 */
export function failWritesMatching(sqlite: Database.Database, which: RegExp): () => void {
  const proto = Object.getPrototypeOf(sqlite.prepare("SELECT 1")) as Record<"run" | "get" | "all", (...a: unknown[]) => unknown>;
  const originals = { run: proto.run, get: proto.get, all: proto.all };
  for (const m of ["run", "get", "all"] as const) {
    const original = originals[m];
    proto[m] = function (this: { database: Database.Database; source: string }, ...args: unknown[]) {
      if (this.database === sqlite && /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b|\bRETURNING\b/i.test(this.source) && which.test(this.source)) {
        throw new Database.SqliteError("database or disk is full", "SQLITE_FULL");
      }
      return original.apply(this, args);
    };
  }
  return () => Object.assign(proto, originals);
}

export type Fault = "lock" | "full" | "ioerr";

/** Runs `fn` while the fault holds (another process's lock, or a full disk or failing writes through `disk`), then lifts it. */
export async function during<T>(fault: Fault, dbPath: string, disk: DiskFaults, fn: () => Promise<T>): Promise<T> {
  if (fault !== "lock") {
    await disk.set(fault);
    try {
      return await fn();
    } finally {
      await disk.set("");
    }
  }
  const lock = await holdLock(dbPath);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}

/**
 * What every console-edit fault suite sets up: the disk-fault switch (off again after each test) and
 * the app each test opens over a fresh database (closed after it). `disk` is ready once the suite runs.
 */
export function faultSuite(): { readonly disk: DiskFaults; open(opts?: Parameters<typeof createGdsApp>[0]): Promise<GdsTestApp> } {
  const tmp = tempDir();
  let disk: DiskFaults | undefined;
  let app: GdsTestApp | undefined;
  beforeAll(async () => {
    disk = await diskFaults(tmp.dir);
  });
  afterAll(() => tmp.cleanup());
  afterEach(async () => {
    await disk?.set("");
    await app?.close();
    app = undefined;
  });
  return {
    get disk() {
      return disk!;
    },
    async open(opts) {
      app = await createGdsApp(opts);
      return app;
    },
  };
}
