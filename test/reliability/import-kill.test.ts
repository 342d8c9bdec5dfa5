/**
 * kill -9 of the real bot process in the middle of a commune import and of a guide save (issue 15):
 * test/reliability/support/pause-preload.ts stops the bot's thread at one write inside the change's
 * transaction (the commune version already written, the team calendar or the segments half-replaced;
 * the guide's new version written, its head not yet moved) and the test kills it there. After a
 * restart the bot starts, the data is all old (the console, the chat's calendar, the mini app's
 * guide), the file passes SQLite's integrity check, and the same change then goes through whole.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SessionSigner } from "../../bot/auth/session";
import { systemClock } from "../../bot/clock";
import { openDatabase } from "../../bot/db/connection";
import { startSimulator, type StartedSimulator } from "../../bot/simulator/server";
import { DEMO } from "../households/support";
import { freePort, liveBotEnv, startBot, waitForHttp } from "../support/child";
import { TEST_CREDENTIALS, tempDir } from "../support/env";
import { waitFor } from "../support/stack";

const tmp = tempDir();
let sim: StartedSimulator;
const kills: (() => void)[] = [];
beforeAll(async () => {
  sim = await startSimulator({ ...TEST_CREDENTIALS, rateLimitPerMinute: 1_000_000 });
});
afterAll(async () => {
  for (const k of kills) k();
  await sim?.close();
  tmp.cleanup();
});

let seq = 0;

/** The real bot (`bot/main.ts`), with the pause preload when `pause` is given; `started: false` does not wait for it to answer. */
async function boot(dbPath: string, pause?: { file: string; sql: string; skip?: number }, o: { started?: boolean } = {}) {
  const port = await freePort();
  const env = liveBotEnv(sim.url, sim.sim.issueGrant().refresh_token, port, dbPath);
  let bot: { kill(): void; exited: Promise<unknown>; output(): string };
  if (pause) {
    const child = spawn(process.execPath, ["--import", "tsx", "--import", "./test/reliability/support/pause-preload.ts", "bot/main.ts"], {
      env: { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn", GDS_PAUSE_FILE: pause.file, GDS_PAUSE_SQL: pause.sql, GDS_PAUSE_SKIP: String(pause.skip ?? 0), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    bot = { kill: () => child.kill("SIGKILL"), exited: new Promise((r) => child.on("exit", r)), output: () => out };
  } else {
    const b = startBot(env);
    bot = { kill: () => b.child.kill("SIGKILL"), exited: b.exited, output: b.output };
  }
  kills.push(bot.kill);
  const base = `http://127.0.0.1:${port}`;
  if (o.started === false) return { base, bot, call: undefined as never };
  await waitForHttp(`${base}/healthz`, 30_000);
  // An admin's session, signed with the key the bot keeps in the database.
  const handle = openDatabase(dbPath);
  const session = new SessionSigner(handle.db, systemClock).issue(DEMO.admin).token;
  handle.close();
  const call = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${session}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any = text;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: json, text };
  };
  return { base, bot, call };
}

/** Arms the pause, sends the request, waits until the bot's thread stopped inside the transaction, kills it. */
async function killInside(b: Awaited<ReturnType<typeof boot>>, file: string, send: () => Promise<unknown>) {
  writeFileSync(file, "arm");
  await new Promise((r) => setTimeout(r, 60));
  const answered = send().then(
    () => "answered",
    () => "no answer",
  );
  await waitFor(() => readFileSync(file, "utf8") === "paused", 20_000, "the bot stopped inside the transaction");
  b.bot.kill();
  await b.bot.exited;
  expect(await answered).toBe("no answer");
}

function integrity(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

describe("kill -9 in the middle of a commune import", () => {
  it.each([
    ["the team calendar half-replaced", '^insert into "team_sessions"'],
    ["the segments half-replaced", "^UPDATE segments"],
  ])("%s: after a restart the bot starts and everything is as before; the import then goes through whole", async (_name, sql) => {
    const dbPath = join(tmp.dir, `import-${++seq}.sqlite`);
    const file = join(tmp.dir, `pause-${seq}`);
    writeFileSync(file, "");
    const first = await boot(dbPath, { file, sql });
    const state = async (b: typeof first) => ({
      commune: (await b.call("GET", "/api/admin/commune")).body,
      export: (await b.call("GET", "/api/admin/commune/export")).text,
      calendar: (await b.call("GET", "/api/officer/team-sessions")).body.items,
      segments: (await b.call("GET", "/api/admin/segments")).body.items,
    });
    const old = await state(first);
    expect(old.calendar.length).toBeGreaterThan(3);
    const doc = JSON.parse(old.export);
    doc.villages[0].name = "Thôn Đông Xuân Mới";
    doc.mobileTeam.sessions = doc.mobileTeam.sessions.slice(0, 3);
    doc.segments[0].targetPercent = 55;
    const request = { doc, apply: true, baseVersion: old.commune.version };
    await killInside(first, file, () => first.call("POST", "/api/admin/commune/import", request));

    const again = await boot(dbPath);
    expect(integrity(dbPath)).toBe("ok");
    const after = await state(again);
    expect(after.commune).toEqual(old.commune);
    expect(after.calendar).toEqual(old.calendar);
    expect(after.segments).toEqual(old.segments);
    // The same file exported (the same data; a document read back from the database may order a person's fields differently).
    expect(JSON.parse(after.export)).toEqual(JSON.parse(old.export));
    // The same import now goes through, whole.
    const done = await again.call("POST", "/api/admin/commune/import", request);
    expect(done.status, done.text).toBe(200);
    const now = await state(again);
    expect(now.commune.villages[0].name).toBe("Thôn Đông Xuân Mới");
    expect(now.calendar.filter((s: { status: string }) => s.status === "scheduled")).toHaveLength(3);
    expect(now.segments.find((s: { id: string }) => s.id === doc.segments[0].id).targetPercent).toBe(55);
    expect(again.bot.output()).not.toContain("uncaught exception");
    again.bot.kill();
    await again.bot.exited;
  }, 120_000);
});

describe("kill -9 in the middle of a guide save", () => {
  it("after a restart the bot starts, the guide is the old version in the console and the mini app; the save then goes through", async () => {
    const dbPath = join(tmp.dir, `guide-${++seq}.sqlite`);
    const file = join(tmp.dir, `pause-${seq}`);
    writeFileSync(file, "");
    const first = await boot(dbPath, { file, sql: '^update "guides"' });
    const state = async (b: typeof first) => {
      const d = (await b.call("GET", "/api/officer/guides/tien-dien")).body;
      const mini = await fetch(`${b.base}/miniapp/guides/tien-dien.json`).then((r) => r.text());
      return { version: d.version, versions: d.versions.map((v: { version: number }) => v.version), doc: d.doc, mini };
    };
    const old = await state(first);
    const doc = structuredClone(old.doc);
    doc.steps[0].text = `${doc.steps[0].text} (bản xã sửa)`;
    doc.phrasings = [...doc.phrasings.slice(1), "chỉ tôi đóng tiền điện trên điện thoại với"];
    const request = { doc, baseVersion: old.version, note: "Sửa bước 1" };
    await killInside(first, file, () => first.call("PUT", "/api/officer/guides/tien-dien", request));

    const again = await boot(dbPath);
    expect(integrity(dbPath)).toBe("ok");
    expect(await state(again)).toEqual(old);
    const done = await again.call("PUT", "/api/officer/guides/tien-dien", request);
    expect(done.status, done.text).toBe(200);
    const now = await state(again);
    expect(now.version).toBe(old.version + 1);
    expect(now.mini).toContain("(bản xã sửa)");
    again.bot.kill();
    await again.bot.exited;
  }, 120_000);
});

describe("kill -9 in the middle of the first start's guide seeding", () => {
  it("the shipped guides half-added: after a restart the bot starts with every shipped guide at version 1", async () => {
    const dbPath = join(tmp.dir, `seed-${++seq}.sqlite`);
    const file = join(tmp.dir, `pause-${seq}`);
    // Armed before the start: the bot stops at the fourth guide's head row (three guides and the
    // fourth's version written), inside the seeding's transaction.
    writeFileSync(file, "arm");
    const first = await boot(dbPath, { file, sql: '^insert into "guides"', skip: 3 }, { started: false });
    await waitFor(() => readFileSync(file, "utf8") === "paused", 30_000, "the bot stopped inside the guides' seeding");
    first.bot.kill();
    await first.bot.exited;
    const half = new Database(dbPath, { readonly: true });
    const rows = half.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'guide_versions'").get() as { n: number };
    const seen = rows.n ? (half.prepare("SELECT count(*) AS n FROM guide_versions").get() as { n: number }).n : 0;
    half.close();
    expect(seen).toBe(0);

    const again = await boot(dbPath);
    expect(integrity(dbPath)).toBe("ok");
    const list = (await again.call("GET", "/api/officer/guides")).body as { id: string; version: number; shipped: boolean }[];
    const { GUIDES } = await import("../../shared/guides");
    expect(list.map((g) => g.id).sort()).toEqual(GUIDES.map((g) => g.id).sort());
    expect(list.every((g) => g.version === 1 && g.shipped)).toBe(true);
    expect((await fetch(`${again.base}/miniapp/guides/tien-dien.json`)).status).toBe(200);
    again.bot.kill();
    await again.bot.exited;
  }, 120_000);
});
