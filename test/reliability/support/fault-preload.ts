/**
 * Loaded into a real bot process (`node --import tsx --import <this file> bot/main.ts`) by the fault
 * suite: while the file named by GDS_FAULT_FILE contains "full" or "ioerr", every data-changing SQLite
 * statement fails the way SQLite reports a full disk (SQLITE_FULL) or a failed write
 * (SQLITE_IOERR_WRITE). Nothing in the bot knows about it; reads keep working, as on a real full disk.
 */
import { readFileSync } from "node:fs";
import Database from "better-sqlite3";

const file = process.env.GDS_FAULT_FILE;
if (file) {
  let mode = "";
  const read = () => {
    try {
      mode = readFileSync(file, "utf8").trim();
    } catch {
      mode = "";
    }
  };
  read();
  setInterval(read, 25).unref();
  const probe = new Database(":memory:");
  const proto = Object.getPrototypeOf(probe.prepare("SELECT 1")) as Record<"run" | "get" | "all", (...a: unknown[]) => unknown>;
  probe.close();
  const writes = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b|\bRETURNING\b/i;
  for (const m of ["run", "get", "all"] as const) {
    const original = proto[m];
    proto[m] = function (this: { source: string }, ...args: unknown[]) {
      if ((mode === "full" || mode === "ioerr") && writes.test(this.source)) {
        throw mode === "full" ? new Database.SqliteError("database or disk is full", "SQLITE_FULL") : new Database.SqliteError("disk I/O error", "SQLITE_IOERR_WRITE");
      }
      return original.apply(this, args);
    };
  }
}
