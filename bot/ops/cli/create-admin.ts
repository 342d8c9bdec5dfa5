/**
 * npm run create-admin -- --app-user-id <id> --name "<full name>" [--db <database file>]
 *
 * Makes a person the commune's first officer in the mini app, by their mini-app user id (Zalo Graph
 * /v2.0/me `id`): an officer role grant in the database (the same grant an admin makes in the mini
 * app), at once, without restarting the bot. The admin rights on top come from the commune's officers
 * list in the database: the command prints the `npm run commune -- admin` line that grants them.
 */
import { z } from "zod";
import { RoleGrantsRepo } from "../../auth/roles";
import { openDatabase } from "../../db/connection";
import { databasePath, parseCommand, requireExistingDatabase, runCommand } from "./common";
import { OpsError } from "../backup";

const USAGE = 'npm run create-admin -- --app-user-id <mini app user id> --name "<full name>" [--db <database file>]';

runCommand(() => {
  const args = parseCommand(
    process.argv.slice(2),
    { options: { "app-user-id": { type: "string" }, name: { type: "string" }, db: { type: "string" } } },
    z.object({
      "app-user-id": z.string({ error: "--app-user-id is required" }).trim().regex(/^[0-9]{1,25}$/, "--app-user-id is a Zalo user id: digits only"),
      name: z.string({ error: "--name is required" }).trim().min(1, "--name is required"),
      db: z.string().min(1).optional(),
      arguments: z.array(z.string()).max(0, "no arguments besides the options"),
    }),
    USAGE,
  );
  const appUserId = args["app-user-id"];
  const db = databasePath(args.db);
  try {
    requireExistingDatabase(db);
  } catch (err) {
    throw new OpsError(`${(err as Error).message}\nIf the bot has never run here, start it once (npm start) so it creates its database, then run this again.`);
  }
  const handle = openDatabase(db);
  try {
    new RoleGrantsRepo(handle.db).grant({ appUserId, role: "officer", villageId: "", name: args.name, grantedBy: "create-admin (command line)", grantedAt: Date.now() });
  } finally {
    handle.close();
  }
  process.stdout.write(`${args.name} (mini app user ${appUserId}) is now a commune officer in ${db}: the officer screens of the mini app work for them at once.\n`);

  // Admin rights come from the commune's officers list, which lives in the database once the bot has
  // started (the admin edits it in the console); the commune file only seeded it.
  process.stdout.write(
    [
      "",
      "Admin rights (managing villages, people and roles, the aggregate check) come from the commune's officers list in the database. To make them the admin:",
      `  npm run commune -- admin --app-user-id ${appUserId} --name ${JSON.stringify(args.name)}${args.db ? ` --db ${args.db}` : ""}`,
      "",
    ].join("\n"),
  );
});
