/**
 * npm run backup -- [--db data/gia-dinh-so.sqlite] [--out data/backups] [--keep 14]
 *
 * A consistent copy of the database, taken while the bot keeps running (VACUUM INTO through a
 * connection of its own). --out is a folder (the file is named by the time) or a .sqlite file name.
 * With --keep N, only the newest N backups of the folder are kept.
 */
import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { z } from "zod";
import { backupDatabase, backupFileName, defaultBackupDir, pruneBackups } from "../backup";
import { databasePath, parseCommand, requireExistingDatabase, runCommand } from "./common";

const USAGE = "npm run backup -- [--db <database file>] [--out <folder or .sqlite file>] [--keep <how many to keep>]";

runCommand(async () => {
  const args = parseCommand(
    process.argv.slice(2),
    { options: { db: { type: "string" }, out: { type: "string" }, keep: { type: "string" } } },
    z.object({
      db: z.string().min(1).optional(),
      out: z.string().min(1).optional(),
      keep: z.coerce.number().int().min(1, "--keep is at least 1").optional(),
      arguments: z.array(z.string()).max(0, "no arguments besides the options"),
    }),
    USAGE,
  );
  const db = databasePath(args.db);
  requireExistingDatabase(db);
  const out = args.out ?? (process.env.BACKUP_DIR?.trim() || defaultBackupDir(db));
  const isFile = out.endsWith(".sqlite") && !(existsSync(out) && statSync(out).isDirectory());
  const dir = isFile ? resolve(out, "..") : out;
  const target = isFile ? out : join(out, backupFileName(new Date()));
  const result = await backupDatabase(db, target);
  const removed = args.keep ? pruneBackups(dir, args.keep) : [];
  process.stdout.write(`Backup written: ${resolve(result.path)} (${(result.bytes / 1024 / 1024).toFixed(1)} MB, ${result.ms} ms, integrity ok)\n`);
  if (removed.length > 0) process.stdout.write(`Older backups removed (keeping ${args.keep}): ${removed.length}\n`);
});
