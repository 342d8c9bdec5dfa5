import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/**
 * A full garbage collection after the bot has started. Start-up (migrations, the catalogue sync
 * that may recount every household, building the app) leaves tens of MB of garbage in V8's old
 * generation, which an idle process keeps (V8 collects it only under allocation pressure).
 * Blocks the event loop once for a few tens of milliseconds.
 */
export function releaseStartupGarbage(): void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as ((opts?: { type: "major"; execution: "sync"; flavor: "last-resort" }) => void) | undefined;
  // "last-resort": V8 collects everything it can and returns the freed pages to the system (as on a
  // low-memory notification); a plain major GC frees the objects but keeps the pages committed.
  gc?.({ type: "major", execution: "sync", flavor: "last-resort" });
}
