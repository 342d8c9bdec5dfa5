/**
 * npm run create-admin -- --app-user-id <id> --name "<full name>" [--db <database file>] [--commune <config .json>]
 *
 * Makes a person the commune's first officer in the mini app, by their mini-app user id (Zalo Graph
 * /v2.0/me `id`): an officer role grant in the database (the same grant an admin makes in the mini
 * app), at once, without restarting the bot. The admin rights on top (managing roles, the aggregate
 * check) come only from the commune config: the command says whether that person already has them
 * and, if not, prints the entry to add.
 */
import { z } from "zod";
import { RoleGrantsRepo } from "../../auth/roles";
import { loadCommuneConfig } from "../../config/commune";
import { openDatabase } from "../../db/connection";
import { databasePath, parseCommand, requireExistingDatabase, runCommand } from "./common";
import { OpsError } from "../backup";

const USAGE = 'npm run create-admin -- --app-user-id <mini app user id> --name "<full name>" [--db <database file>] [--commune <commune config .json>]';

runCommand(() => {
  const args = parseCommand(
    process.argv.slice(2),
    { options: { "app-user-id": { type: "string" }, name: { type: "string" }, db: { type: "string" }, commune: { type: "string" } } },
    z.object({
      "app-user-id": z.string({ error: "--app-user-id is required" }).trim().regex(/^[0-9]{1,25}$/, "--app-user-id is a Zalo user id: digits only"),
      name: z.string({ error: "--name is required" }).trim().min(1, "--name is required"),
      db: z.string().min(1).optional(),
      commune: z.string().min(1).optional(),
      arguments: z.array(z.string()).max(0, "no arguments besides the options"),
    }),
    USAGE,
  );
  const appUserId = args["app-user-id"];
  const communePath = args.commune ?? (process.env.COMMUNE_CONFIG?.trim() || "bot/config/communes/demo.json");
  const commune = loadCommuneConfig(communePath);
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

  const inConfig = commune.officers.find((o) => o.appUserId === appUserId);
  if (inConfig?.role === "admin") {
    process.stdout.write(`They are also an admin in ${communePath} (manage roles, run the aggregate check).\n`);
    return;
  }
  const entry = { name: args.name, role: "admin", appUserId };
  process.stdout.write(
    [
      "",
      `Admin rights (manage roles, run the aggregate check) come from the commune config. To give them, ${inConfig ? `change the role of "${inConfig.name}" to "admin"` : "add this entry to \"officers\""} in ${communePath}:`,
      `  ${JSON.stringify(entry)}`,
      "then restart the bot (sudo systemctl restart gia-dinh-so).",
      "",
    ].join("\n"),
  );
});
