/**
 * Loaded into a real bot process (`node --import tsx --import <this file> bot/main.ts`) by the kill
 * suite: once the file named by GDS_PAUSE_FILE says "arm", the first data-changing statement whose
 * SQL matches GDS_PAUSE_SQL (a regular expression, case-insensitive) writes "paused" into that file
 * (after GDS_PAUSE_SKIP matches, 0 by default) and stops the process's thread right there, in the middle of whatever transaction it belongs to,
 * for the test to kill -9 it. Nothing in the bot knows about it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";

const file = process.env.GDS_PAUSE_FILE;
const sql = process.env.GDS_PAUSE_SQL;
if (file && sql) {
  const which = new RegExp(sql, "i");
  let skip = Number(process.env.GDS_PAUSE_SKIP ?? 0);
  let armed = false;
  const poll = setInterval(() => {
    try {
      armed = readFileSync(file, "utf8").trim() === "arm";
    } catch {
      armed = false;
    }
  }, 20);
  poll.unref();
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<"run" | "get" | "all", (...a: unknown[]) => unknown>;
  probe.close();
  for (const m of ["run", "get", "all"] as const) {
    const original = proto[m];
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      if (armed && which.test(this.source) && skip-- <= 0) {
        armed = false;
        writeFileSync(file, "paused");
        // The thread stops here (inside the transaction) until the process is killed.
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
      }
      return original.apply(this, args);
    };
  }
}
