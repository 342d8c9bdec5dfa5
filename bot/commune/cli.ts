/**
 * npm run commune -- export [--out <file>] [--db <database file>] [--commune <config .json>]
 * npm run commune -- import <file> [--apply] [--db …] [--commune …]
 * npm run commune -- admin --app-user-id <id> --name "<full name>" [--db …] [--commune …]
 *
 * The commune's villages and people live in the database (bot/commune): the file only seeds them on the
 * first start. These commands read and write that document without the console: `export` writes the
 * commune file (team sessions included), `import` shows what a file would change and replaces the
 * document with --apply, `admin` makes a person the admin officer (bootstrap: the console needs one).
 * A running bot keeps its own copy: restart it afterwards (its console edits answer 409 until then).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { AuditLog } from "../audit/audit-log";
import { TeamScheduleService } from "../chat/team-schedule-service";
import { TeamScheduleRepo } from "../chat/team-schedule-repo";
import { systemClock } from "../clock";
import { loadCommuneConfig } from "../config/commune";
import { openDatabase } from "../db/connection";
import { createLogger } from "../logger";
import { OpsError } from "../ops/backup";
import { databasePath, parseCommand, requireExistingDatabase, runCommand } from "../ops/cli/common";
import { guideContextFrom } from "../chat/guide-context";
import { GuideLibrary } from "../chat/guide-library";
import { QuestionsRepo } from "../chat/questions-repo";
import { createGuidesModule } from "../guides";
import { createGuideFileParts } from "../guides/file-part";
import { HouseholdsRepo } from "../households/households-repo";
import { SegmentsRepo } from "../segments/segments-repo";
import { SegmentsService } from "../segments/segments-service";
import { liveCommune } from "./live";
import { newPersonKey } from "./people";
import { CommuneStore } from "./store";
import { CommuneVersionsRepo } from "./versions-repo";

const USAGE = 'npm run commune -- export [--out <file>] | import <file> [--apply] | admin --app-user-id <id> --name "<full name>"  [--db <database file>] [--commune <config .json>]';
const RESTART = "Restart the bot so it reads the new version: sudo systemctl restart gia-dinh-so";

runCommand(() => {
  const args = parseCommand(
    process.argv.slice(2),
    {
      allowPositionals: true,
      options: { out: { type: "string" }, apply: { type: "boolean" }, "app-user-id": { type: "string" }, name: { type: "string" }, db: { type: "string" }, commune: { type: "string" } },
    },
    z.object({
      arguments: z.union([z.tuple([z.literal("export")]), z.tuple([z.literal("import"), z.string().min(1)]), z.tuple([z.literal("admin")])], { error: "export, import <file> or admin" }),
      out: z.string().min(1).optional(),
      apply: z.boolean().optional(),
      "app-user-id": z.string().trim().regex(/^[0-9]{1,25}$/, "--app-user-id is a Zalo user id: digits only").optional(),
      name: z.string().trim().min(1).optional(),
      db: z.string().min(1).optional(),
      commune: z.string().min(1).optional(),
    }),
    USAGE,
  );
  const seed = loadCommuneConfig(args.commune ?? (process.env.COMMUNE_CONFIG?.trim() || "bot/config/communes/demo.json"));
  const db = databasePath(args.db);
  requireExistingDatabase(db);
  const handle = openDatabase(db);
  try {
    const logger = createLogger("warn");
    const audit = new AuditLog(handle.db);
    const store = new CommuneStore({ repo: new CommuneVersionsRepo(handle.db), audit, clock: systemClock, logger }, seed);
    store.connectSessions(new TeamScheduleService(new TeamScheduleRepo(handle.db), liveCommune(store), { clock: systemClock, audit }));
    // The parts other capabilities keep travel in the file here too (as in the bot: bot/services.ts).
    const segments = new SegmentsService({ repo: new SegmentsRepo(handle.db), households: new HouseholdsRepo(handle.db), audit, commune: liveCommune(store), catalogueKey: () => "", clock: systemClock });
    store.connectPart("segments", segments.filePart());
    const guides = createGuidesModule({ db: handle.db, clock: systemClock, logger });
    // Imported guides are checked as the chat shows them (the commune's names filled in), as in the bot.
    const questions = new QuestionsRepo(handle.db);
    const commune = liveCommune(store);
    const library = new GuideLibrary({ guides: guides.source.guides, versions: guides.source.versions, phrasings: () => questions.phrasings(), context: () => guideContextFrom(commune) });
    guides.connect(library);
    store.addCheck((doc) => library.showable(guideContextFrom(doc)));
    const guideFile = createGuideFileParts(guides, { db: handle.db, clock: systemClock, logger });
    for (const key of ["guides", "legalTips"] as const) store.connectPart(key, guideFile[key]);
    const [command, file] = args.arguments;
    if (command === "export") {
      const text = store.export();
      if (args.out) {
        writeFileSync(args.out, text);
        process.stdout.write(`Wrote the commune file (version ${store.version()}) to ${args.out}\n`);
      } else process.stdout.write(text);
      return;
    }
    if (command === "import") {
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file!, "utf8"));
      } catch (err) {
        throw new OpsError(`cannot read ${file}: ${(err as Error).message}`);
      }
      const preview = store.previewImport(raw);
      process.stdout.write(`${preview.changes.length === 0 ? "No change." : preview.changes.map((c) => `  - ${c}`).join("\n")}\nTeam sessions in the file: ${preview.sessions}\n`);
      if (!args.apply) {
        process.stdout.write("Nothing changed. Run again with --apply to import.\n");
        return;
      }
      const r = store.import(raw, { actor: "import (command line)", baseVersion: store.version() });
      process.stdout.write(`Imported: version ${r.version}. ${RESTART}\n`);
      return;
    }
    const appUserId = args["app-user-id"];
    if (!appUserId || !args.name) throw new OpsError(`admin needs --app-user-id and --name\n\nUsage: ${USAGE}`);
    const doc = structuredClone(store.current());
    const known = doc.officers.find((o) => o.appUserId === appUserId);
    if (known?.role === "admin") {
      process.stdout.write(`${known.name} is already the commune's admin.\n`);
      return;
    }
    if (known) known.role = "admin";
    else doc.officers.push({ key: newPersonKey("officer"), name: args.name, appUserId, role: "admin" });
    const r = store.update("officers", doc, { actor: "admin (command line)", baseVersion: store.version() });
    process.stdout.write(`${args.name} (mini app user ${appUserId}) is the commune's admin: version ${r.version}. ${RESTART}\n`);
  } catch (err) {
    if (err instanceof Error && err.name === "ApiError") throw new OpsError(err.message + ("details" in err && err.details ? `\n${JSON.stringify((err as { details: unknown }).details, null, 2)}` : ""));
    throw err;
  } finally {
    handle.close();
  }
});
