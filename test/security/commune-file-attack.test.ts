/**
 * Attacks on the commune file's import (issue 15, brief H): POST /api/admin/commune/import and the
 * general information it carries, over the real app and a real SQLite file, then a restart over the
 * same file: an accepted change must leave a bot that starts again and a chat that says the new values.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CommuneView } from "../../shared/contracts/commune";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";
import { tempDir } from "../support/env";

/* eslint-disable @typescript-eslint/no-explicit-any */

let g: GdsTestApp | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});

async function restart(): Promise<GdsTestApp> {
  const { dbPath } = g!;
  await g!.app.close();
  await g!.services.stop();
  g = await createGdsApp({ dbPath });
  return g;
}

const exported = (a: GdsTestApp) => JSON.parse(a.services.commune.store.export());
const importDoc = (a: GdsTestApp, doc: unknown) =>
  a.call<any>(DEMO.admin, "POST", "/api/admin/commune/import", { doc, apply: true, baseVersion: a.services.commune.store.version() });

describe("a link the chat cannot show, saved as the province app's link", () => {
  it("through the page: a host without a dot is refused (the guides could not render it and the next start would fail)", async () => {
    g = await createGdsApp();
    const v = (await g.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body;
    const r = await g.call<any>(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: v.version, settings: { provinceApp: { iosUrl: "https://localhost/app" } } });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    const a = await restart();
    expect(a.services.config.commune.provinceApp.iosUrl).toBe(v.settings.provinceApp.iosUrl);
  });

  // NOT FIXED (outside this brief's files): the import saves "javascript:alert(1)" as the province
  // app's link (bot/config/commune.ts `provinceApp.androidUrl: z.url()` takes any scheme), and the
  // next start then stops: GuideValidationError from GuideLibrary (bot/chat/guide-library.ts `read`),
  // the guide "ung-dung-tinh" cannot render {{provinceApp.androidUrl}}. The running bot meanwhile keeps
  // its old guides for every later change (each rebuild throws). Fix: https-only links with a dotted
  // host in the file's schema (as shared/contracts/commune.ts `AppUrl`), or refuse in
  // bot/commune/store.ts `update`/`import` a document with which the current guides no longer render.
  it("through the import: a javascript: link is refused, and the bot still starts afterwards", async () => {
    g = await createGdsApp();
    const before = g.services.commune.store.version();
    const file = exported(g);
    file.provinceApp.androidUrl = "javascript:alert(1)";
    const r = await importDoc(g, file);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(g.services.commune.store.version()).toBe(before);
    const a = await restart();
    expect(a.services.config.commune.provinceApp.androidUrl).toMatch(/^https:\/\//);
  });
});

describe("a file without the mini app's link (a shipped guide quotes {{miniApp.url}})", () => {
  // NOT FIXED (bot/commune/store.ts `import`/`update`, outside this brief's files): the import checks the
  // file's own guides against the new values, not the guides already in the library. A file without
  // `miniApp.url` is saved (200); the guide "quan-tam-oa" can then no longer render, the chat's library
  // refuses every rebuild, and the next start stops (GuideValidationError). Fix there: refuse, in
  // Vietnamese, a document with which the current guides no longer render (the check GuideLibrary.read does).
  it("is refused in Vietnamese, and the bot still starts afterwards", async () => {
    g = await createGdsApp();
    const file = exported(g);
    delete file.miniApp.url;
    const r = await importDoc(g, file);
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    const a = await restart();
    expect(a.services.chat.library.get("quan-tam-oa")).toBeDefined();
  });
});

describe("a longer name in the page, quoted in a guide step near Zalo's 2000-character limit", () => {
  // NOT FIXED (needs the guides in bot/commune: bot/commune/store.ts `update`, wired in bot/services.ts):
  // a settings edit is checked with the file's schema only, not against the guides that quote the field.
  // An officer's step of 1,950 characters quoting {{provinceApp.name}} is fine with "i-Hà Tĩnh"; the
  // admin then saves a 120-character name (200), the step no longer fits, the library refuses every
  // rebuild and the next start stops (GuideValidationError). Fix: the same render check as above.
  it("is refused at the field (or the guide still shows), and the bot still starts afterwards", async () => {
    g = await createGdsApp();
    const detail = (await g.call<any>(DEMO.officer, "GET", "/api/officer/guides/ung-dung-tinh")).body;
    const doc = structuredClone(detail.doc);
    const pad = "Bấm vào đường link để mở đúng trang cài {{provinceApp.name}}, rồi bấm “Cài đặt”. ";
    doc.steps[0].text = `${doc.steps[0].text} ${pad.repeat(40)}`.slice(0, 1950);
    doc.steps[0].text = doc.steps[0].text.slice(0, doc.steps[0].text.lastIndexOf("{{"));
    const saved = await g.call<any>(DEMO.officer, "PUT", "/api/officer/guides/ung-dung-tinh", { doc, baseVersion: detail.version });
    expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
    const v = (await g.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body;
    const r = await g.call<any>(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "settings.update", baseVersion: v.version, settings: { provinceApp: { name: "Ứng dụng ".repeat(13).trim() } } });
    if (r.status === 200) expect(g.services.chat.library.get("ung-dung-tinh")!.title).toContain("Ứng dụng Ứng dụng");
    else {
      // Refused before anything is saved: the guide that would no longer fit is named.
      expect([400, 422]).toContain(r.status);
      expect(r.body.error.message).toContain("hướng dẫn gửi bà con không hiển thị được");
      expect(g.services.commune.store.version()).toBe(v.version);
    }
    const a = await restart();
    expect(a.services.chat.library.get("ung-dung-tinh")).toBeDefined();
  });
});

describe("the longest values the page accepts", () => {
  it("leave every guide showable: the chat rebuilds at once and the bot starts again", async () => {
    g = await createGdsApp();
    const v = (await g.call<CommuneView>(DEMO.admin, "GET", "/api/admin/commune")).body;
    const long = (n: number, w: string) => (w + " ").repeat(Math.ceil(n / (w.length + 1))).slice(0, n).trim();
    const r = await g.call<any>(DEMO.admin, "POST", "/api/admin/commune/edits", {
      op: "settings.update",
      baseVersion: v.version,
      settings: {
        provinceApp: { name: long(120, "Ứng dụng"), features: Array.from({ length: 3 }, (_, i) => `${i} ${long(95, "tính năng")}`) },
        police: { name: long(120, "Công an") },
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(g.services.chat.library.get("ung-dung-tinh")!.title).toContain(long(120, "Ứng dụng"));
    const a = await restart();
    expect(a.services.chat.library.get("ung-dung-tinh")!.title).toContain(long(120, "Ứng dụng"));
    expect(a.services.config.commune.police.name).toBe(long(120, "Công an"));
  });
});

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ["--import", "tsx", "bot/commune/cli.ts", ...args], { encoding: "utf8", env: { ...process.env, LOG_LEVEL: "warn" } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe("npm run commune -- import with prototype keys (JSON.parse keeps them as own keys)", () => {
  it("a __proto__ or constructor hotline, a top-level __proto__: refused or harmless; the bot starts after and says the right hotline", async () => {
    const tmp = tempDir();
    const dbPath = join(tmp.dir, "proto.sqlite");
    g = await createGdsApp({ dbPath });
    const text = g.services.commune.store.export();
    await g.app.close();
    await g.services.stop();
    g = undefined;
    const files = [
      text.replace('"hotlines": {', '"hotlines": { "__proto__": "113",'),
      text.replace(/^\{/, '{ "__proto__": { "polluted": true },'),
      text.replace('"hotlines": {', '"hotlines": { "constructor": "113",'),
    ];
    for (const [i, body] of files.entries()) {
      expect(body).not.toBe(text);
      const file = join(tmp.dir, `f${i}.json`);
      writeFileSync(file, body);
      const r = cli("import", file, "--apply", "--db", dbPath);
      // Either refused with a message, or applied: never a crash.
      expect(r.err, r.err).not.toMatch(/TypeError|at .*\.ts:\d+/);
      expect([0, 1]).toContain(r.code);
    }
    g = await createGdsApp({ dbPath });
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(g.services.config.commune.hotlines)).toBe(Object.prototype);
    expect(g.services.config.commune.hotlines.province).toBe("1022");
    expect(Object.keys(JSON.parse(g.services.commune.store.export()).hotlines)).not.toContain("__proto__");
  });
});
