import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { tempDir } from "../support/env";

/** The commune's document without the console: export, import with a preview, and the first admin. */

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bot/commune/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "warn" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe("npm run commune", () => {
  it("exports the document, previews then applies an import, and makes the first admin", async () => {
    const tmp = tempDir();
    const dbPath = join(tmp.dir, "cli.sqlite");
    t = await createGdsApp({ dbPath });
    const v = (await t.call(DEMO.admin, "GET", "/api/admin/commune")).body.version as number;
    await t.call(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.update", baseVersion: v, villageId: "lang-dak-ro", households: 99 });
    // Parts other capabilities keep (segments, the commune's guide edits) are in the command's file too.
    expect((await t.call(DEMO.admin, "POST", "/api/admin/segments", { name: "Gia đình hội viên Hội Cựu chiến binh", targetPercent: 90 })).status).toBeLessThan(300);
    const g = (await t.call(DEMO.officer, "GET", "/api/officer/guides/tien-dien")).body;
    const doc = structuredClone(g.doc);
    doc.steps[0].text = `${doc.steps[0].text} (bản xã sửa)`;
    expect((await t.call(DEMO.officer, "PUT", "/api/officer/guides/tien-dien", { doc, baseVersion: g.version, note: "Sửa bước 1" })).status).toBe(200);
    const exported = (await t.call(DEMO.admin, "GET", "/api/admin/commune/export")).body;
    await t.app.close();
    await t.services.stop();
    t = undefined;

    const out = join(tmp.dir, "xa.json");
    const e = run("export", "--out", out, "--db", dbPath);
    expect(e.code, e.err).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(JSON.stringify(exported, null, 2) + "\n");
    expect(readFileSync(out, "utf8")).toContain("Hội Cựu chiến binh");
    expect(readFileSync(out, "utf8")).toContain("(bản xã sửa)");

    const changed = JSON.parse(readFileSync(out, "utf8"));
    changed.villages[3].households = 101;
    const file = join(tmp.dir, "changed.json");
    writeFileSync(file, JSON.stringify(changed));
    const preview = run("import", file, "--db", dbPath);
    expect(preview.code, preview.err).toBe(0);
    expect(preview.out).toContain("Làng Đắk Rơ: số hộ 99 → 101");
    expect(preview.out).toContain("Nothing changed");
    const applied = run("import", file, "--apply", "--db", dbPath);
    expect(applied.code, applied.err).toBe(0);
    const bad = run("import", join(tmp.dir, "missing.json"), "--db", dbPath);
    expect(bad.code).toBe(1);

    const admin = run("admin", "--app-user-id", "1555000000000000001", "--name", "Ông Quản Trị", "--db", dbPath);
    expect(admin.code, admin.err).toBe(0);
    t = await createGdsApp({ dbPath });
    expect((await t.call("1555000000000000001", "GET", "/api/me")).body.roles).toMatchObject({ officer: true, admin: true });
    expect((await t.call(DEMO.admin, "GET", "/api/admin/commune")).body.villages[3].households).toBe(101);
  });
});
