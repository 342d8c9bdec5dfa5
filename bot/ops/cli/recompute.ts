/**
 * npm run recompute -- [--fix] [--db data/gia-dinh-so.sqlite] [--commune bot/config/communes/demo.json]
 *
 * Recounts every kept figure from the households and their answers (bot/reports/recompute.ts) and
 * lists the differences; --fix replaces the kept figures. The bot may keep running. The database must
 * exist: a mistyped path is an error, never a new empty database with "0 differences".
 * Exit code: 0 no difference (or fixed), 2 differences found, 1 error.
 */
import { z } from "zod";
import { loadCommuneConfig } from "../../config/commune";
import { openDatabase } from "../../db/connection";
import { communeCatalogue } from "../../households/catalogue";
import { recomputeAggregates } from "../../reports/recompute";
import { databasePath, parseCommand, requireExistingDatabase, runCommand } from "./common";

const USAGE = "npm run recompute -- [--fix] [--db <database file>] [--commune <commune config .json>]";

runCommand(() => {
  const args = parseCommand(
    process.argv.slice(2),
    { options: { db: { type: "string" }, commune: { type: "string" }, fix: { type: "boolean", default: false } } },
    z.object({
      db: z.string().min(1).optional(),
      commune: z.string().min(1).optional(),
      fix: z.boolean(),
      arguments: z.array(z.string()).max(0, "no arguments besides the options"),
    }),
    USAGE,
  );
  const db = databasePath(args.db);
  const commune = loadCommuneConfig(args.commune ?? (process.env.COMMUNE_CONFIG?.trim() || "bot/config/communes/demo.json"));
  requireExistingDatabase(db);
  const handle = openDatabase(db);
  try {
    const r = recomputeAggregates(handle.db, communeCatalogue(commune), commune.villages.map((v) => v.id), { fix: args.fix });
    process.stdout.write(`${db}: ${r.households} households checked, ${r.differences} difference(s)${r.fixed ? ", fixed" : ""}\n`);
    for (const s of r.samples) process.stdout.write(`  ${s.where}: kept ${JSON.stringify(s.kept)}, recomputed ${JSON.stringify(s.recomputed)}\n`);
    if (r.differences > 0 && !r.fixed) process.stdout.write("Run again with --fix to replace the kept figures with the recounted ones.\n");
    process.exitCode = r.differences > 0 && !r.fixed ? 2 : 0;
  } finally {
    handle.close();
  }
});
