/**
 * npm run restore -- <backup file> [--db data/gia-dinh-so.sqlite]
 *
 * Puts a backup in place of the database. Refuses while the bot runs on it; checks the backup's
 * integrity before swapping it in; keeps the database it replaces beside it (<name>.replaced-<time>).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { MIGRATIONS_FOLDER } from "../../db/connection";
import { OpsError, restoreDatabase } from "../backup";
import { databasePathProblems } from "../preflight";
import { databasePath, parseCommand, runCommand } from "./common";

const USAGE = "npm run restore -- <backup file> [--db <database file>]";

runCommand(() => {
  const args = parseCommand(
    process.argv.slice(2),
    { options: { db: { type: "string" } }, allowPositionals: true },
    z.object({
      db: z.string().min(1).optional(),
      arguments: z.array(z.string().min(1)).length(1, "give exactly one backup file to restore"),
    }),
    USAGE,
  );
  const db = databasePath(args.db);
  const problems = databasePathProblems(db);
  if (problems.length > 0) throw new OpsError(problems.join("\n"));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
  const result = restoreDatabase(args.arguments[0]!, db, { knownMigrations: journal.entries.length });
  process.stdout.write(`Restored ${resolve(args.arguments[0]!)} into ${result.restored} (integrity ok).\n`);
  process.stdout.write(
    result.replacedKeptAt
      ? `The database it replaced is kept at ${result.replacedKeptAt}; delete it once the bot runs well.\n`
      : "There was no database there before.\n",
  );
  process.stdout.write("Start the bot again (sudo systemctl start gia-dinh-so, or npm start).\n");
});
