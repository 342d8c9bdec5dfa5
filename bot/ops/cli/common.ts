import { parseArgs, type ParseArgsConfig } from "node:util";
import Database from "better-sqlite3";
import { z } from "zod";
import { ConfigError } from "../../config/env";
import { formatZodIssues } from "../../config/format-issues";
import { OpsError } from "../backup";
import { databasePathProblems } from "../preflight";

const DEFAULT_DATABASE_PATH = "data/gia-dinh-so.sqlite";

/** The database a command works on: --db, else DATABASE_PATH, else the bot's default. */
export const databasePath = (flag: string | undefined) => flag ?? (process.env.DATABASE_PATH?.trim() || DEFAULT_DATABASE_PATH);

/**
 * Parses a command's arguments (node:util parseArgs, strict: an unknown option is an error) and
 * validates them with zod; problems come back as an OpsError carrying the usage line.
 */
export function parseCommand<T extends z.ZodType>(argv: string[], config: Omit<ParseArgsConfig, "args" | "strict">, schema: T, usage: string): z.infer<T> {
  let parsed;
  try {
    parsed = parseArgs({ ...config, args: argv, strict: true });
  } catch (err) {
    throw new OpsError(`${(err as Error).message}\n\nUsage: ${usage}`);
  }
  const result = schema.safeParse({ ...parsed.values, arguments: parsed.positionals });
  if (!result.success) throw new OpsError(`${formatZodIssues(result.error).map((p) => `  - ${p}`).join("\n")}\n\nUsage: ${usage}`);
  return result.data;
}

/**
 * The database must already exist, be writable where SQLite needs it, and be a Gia Đình Số database
 * (so a mistyped path never creates an empty one, and another application's file is never migrated).
 */
export function requireExistingDatabase(path: string): void {
  const problems = databasePathProblems(path, { mustExist: true });
  if (problems.length > 0) throw new OpsError(problems.join("\n"));
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const ours = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
    if (!ours) throw new OpsError(`${path} is not a Gia Đình Số database (no migration journal). Check the path; nothing was changed.`);
  } catch (err) {
    if (err instanceof OpsError) throw err;
    throw new OpsError(`${path} cannot be read as a database: ${(err as Error).message}. Check the path; nothing was changed.`);
  } finally {
    db?.close();
  }
}

/** Runs a command: a known problem prints its message (no stack trace) and exits 1. */
export function runCommand(main: () => Promise<void> | void): void {
  Promise.resolve()
    .then(main)
    .catch((err: unknown) => {
      if (err instanceof OpsError || err instanceof ConfigError) process.stderr.write(`\n${err.message}\n\n`);
      else process.stderr.write(`\n${(err as Error)?.stack ?? String(err)}\n\n`);
      process.exit(1);
    });
}
