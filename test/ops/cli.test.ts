import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../bot/db/connection";
import { TEST_CREDENTIALS, tempDir } from "../support/env";

/**
 * Runs a TypeScript entry point as a child process, as an unprivileged user when the tests run as
 * root (root may write anywhere, so a read-only folder is read-only only for someone else).
 */
function run(entry: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const node = [process.execPath, "--import", "tsx", entry, ...args];
  const [cmd, ...argv] = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  return new Promise((resolve) => {
    const child = spawn(cmd!, argv, { env: { ...process.env, LOG_LEVEL: "warn", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

const STACK_LINE = /\n\s+at .+[:(]/;
const liveEnv = (dbPath: string) => ({
  DATABASE_PATH: dbPath,
  HOST: "127.0.0.1",
  PORT: "0",
  ZALO_APP_ID: TEST_CREDENTIALS.appId,
  ZALO_APP_SECRET: TEST_CREDENTIALS.appSecret,
  ZALO_OA_ID: TEST_CREDENTIALS.oaId,
  ZALO_OA_SECRET_KEY: TEST_CREDENTIALS.oaSecretKey,
  ZALO_OPENAPI_BASE_URL: "http://127.0.0.1:9",
  ZALO_OAUTH_BASE_URL: "http://127.0.0.1:9",
  ZALO_GRAPH_BASE_URL: "http://127.0.0.1:9",
});

describe("admin commands and start-up say what is wrong with a path", () => {
  const tmp = tempDir();
  let readOnly: string;
  let dbPath: string;
  beforeAll(() => {
    chmodSync(tmp.dir, 0o755);
    readOnly = join(tmp.dir, "read-only");
    mkdirSync(readOnly, { mode: 0o555 });
    chmodSync(readOnly, 0o555);
    const dbDir = join(tmp.dir, "db");
    mkdirSync(dbDir, { mode: 0o777 });
    chmodSync(dbDir, 0o777);
    dbPath = join(dbDir, "bot.sqlite");
    openDatabase(dbPath).close();
    chmodSync(dbPath, 0o666);
  });
  afterAll(() => {
    chmodSync(readOnly, 0o755);
    tmp.cleanup();
  });

  it("the bot refuses to start on a read-only database folder, naming the path and the fix, without a stack trace", async () => {
    const r = await run("bot/main.ts", [], liveEnv(join(readOnly, "bot.sqlite")));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The database folder ${readOnly} is read-only for the user`);
    expect(r.out).toContain("set DATABASE_PATH to a writable place");
    expect(r.out).toContain("The bot did not start");
    expect(r.out).not.toMatch(STACK_LINE);
  });

  it("the bot refuses to start when the database folder is missing and cannot be created", async () => {
    const r = await run("bot/main.ts", [], liveEnv(join(readOnly, "data", "bot.sqlite")));
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The database folder ${join(readOnly, "data")} does not exist and the user`);
    expect(r.out).toContain(`sudo mkdir -p ${join(readOnly, "data")}`);
    expect(r.out).not.toMatch(STACK_LINE);
  });

  it("recompute with a mistyped path is an error and creates nothing (not an empty database with 0 differences)", async () => {
    const typo = join(tmp.dir, "db", "bot.sqlit");
    const r = await run("bot/ops/cli/recompute.ts", ["--db", typo]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`There is no database at ${typo}`);
    expect(r.out).not.toContain("difference");
    expect(existsSync(typo)).toBe(false);
    const missingDir = join(tmp.dir, "nowhere", "bot.sqlite");
    expect((await run("bot/ops/cli/recompute.ts", ["--db", missingDir])).code).toBe(1);
    expect(existsSync(join(tmp.dir, "nowhere"))).toBe(false);
  });

  it("recompute refuses another application's SQLite file and leaves it untouched", async () => {
    const foreign = join(tmp.dir, "db", "other.sqlite");
    const db = new Database(foreign);
    db.exec("CREATE TABLE notes (x TEXT)");
    db.close();
    chmodSync(foreign, 0o666);
    const r = await run("bot/ops/cli/recompute.ts", ["--db", foreign]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("is not a Gia Đình Số database");
    const after = new Database(foreign, { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(["notes"]);
    after.close();
  });

  it("recompute on the real database checks it", async () => {
    const r = await run("bot/ops/cli/recompute.ts", ["--db", dbPath]);
    expect(r.out).toMatch(/0 households checked, \d+ difference/);
    expect([0, 2]).toContain(r.code);
  });

  it("backup into a read-only folder says which folder and what to do", async () => {
    const r = await run("bot/ops/cli/backup.ts", ["--db", dbPath, "--out", join(readOnly, "backups")]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`The backup folder ${join(readOnly, "backups")} does not exist and the user`);
    expect(r.out).not.toMatch(STACK_LINE);
    expect(readdirSync(readOnly)).toEqual([]);
  });

  it("restore of a file that is not a backup changes nothing", async () => {
    const notBackup = join(tmp.dir, "db", "notes.txt");
    const r = await run("bot/ops/cli/restore.ts", [notBackup, "--db", dbPath]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`There is no backup file at ${notBackup}`);
    expect((await run("bot/ops/cli/restore.ts", ["--db", dbPath])).out).toContain("give exactly one backup file to restore");
  });

  it("create-admin grants the officer role by mini app user id and prints how to make them admin", async () => {
    const bad = await run("bot/ops/cli/create-admin.ts", ["--db", dbPath, "--app-user-id", "12ab"]);
    expect(bad.code).toBe(1);
    expect(bad.out).toContain("--app-user-id is a Zalo user id: digits only");
    expect(bad.out).toContain("--name is required");

    const r = await run("bot/ops/cli/create-admin.ts", ["--db", dbPath, "--app-user-id", "3100000000000000042", "--name", "Trần Thị Mai"]);
    expect(r.out).toContain("is now a commune officer");
    expect(r.code).toBe(0);
    expect(r.out).toContain('npm run commune -- admin --app-user-id 3100000000000000042 --name "Trần Thị Mai"');
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare("SELECT app_user_id, role, village_id, name FROM role_grants").all()).toEqual([
      { app_user_id: "3100000000000000042", role: "officer", village_id: "", name: "Trần Thị Mai" },
    ]);
    db.close();

    const noDb = await run("bot/ops/cli/create-admin.ts", ["--db", join(tmp.dir, "db", "none.sqlite"), "--app-user-id", "1", "--name", "A"]);
    expect(noDb.code).toBe(1);
    expect(noDb.out).toContain("start it once (npm start)");
  });
});
