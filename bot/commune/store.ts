import { createHash } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import { CatalogueError } from "../../shared/criteria";
import { stripInvisible } from "../../shared/text/normalize";
import { communeCatalogue } from "../households/catalogue";
import { ApiError } from "../auth/api-error";
import type { AuditLog } from "../audit/audit-log";
import type { Clock } from "../clock";
import { parseCommuneConfig, type CommuneConfig } from "../config/commune";
import { ConfigError } from "../config/env";
import { describeChanges } from "./describe";
import { ensureKeys, sameDoc, withoutKeys, withoutSessions } from "./people";
import { fieldsOfAudit, keepSettings, SETTINGS_FIELDS, settingsSection, type SettingsField } from "./settings";
import type { CommuneVersionsRepo, VersionRow } from "./versions-repo";

export type TeamSessionEntry = NonNullable<CommuneConfig["mobileTeam"]>["sessions"][number];

/** The team calendar, for export and import (bot/chat/team-schedule-service.ts). */
export interface TeamSessionsPort {
  exportSessions(): TeamSessionEntry[];
  replaceSessions(list: TeamSessionEntry[], actor: string): void;
}

/** A part of the commune file that another capability keeps in its own tables (segments...). */
export interface CommuneFilePart {
  /** The part as the file holds it, from the capability's tables now. */
  export(): unknown;
  /** An imported file's part replaces the capability's data (audited there). */
  replace(value: unknown, actor: string): unknown;
  /** What replacing with `value` would change, in words (an import's preview lists it with the rest). */
  preview?(value: unknown): string[];
}
export type CommuneFilePartKey = "segments" | "guides" | "legalTips";

export type CommuneSection = "seed" | "villages" | "officers" | "volunteers" | "identity" | "import" | "file" | "criteria" | "settings";

export interface CommuneVersionView {
  version: number;
  at: number;
  actor: string;
  section: string;
  summary: string;
  changes: string[];
}

const FIELD: [RegExp, string][] = [
  [/lowercase letters, digits and dashes only/, "chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang"],
  [/lowercase letters, digits and dashes \(4-40\)/, "chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (4-40 ký tự)"],
  [/a phone number such as/, "phải là số điện thoại, ví dụ 0912 345 678"],
  [/a Zalo user id \(digits\)/, "phải là mã Zalo (chỉ gồm chữ số)"],
  [/a time HH:MM/, "phải là giờ dạng 07:30"],
  [/a date YYYY-MM-DD/, "phải là ngày dạng 2026-07-15"],
  [/duplicate village id "([^"]+)"/, "mã thôn “$1” bị trùng"],
  [/duplicate person key "([^"]+)"/, "mã người “$1” bị trùng"],
  [/unknown village "([^"]+)"/, "không có thôn “$1” trong danh sách"],
  // The criteria catalogue's own problems (shared/criteria resolveCatalogue), as the file says them.
  [/^criteria\.exclude\.\d+: "([^"]+)" is not a default criterion of .*$/, "bộ tiêu chí: “$1” không có trong bộ tiêu chí chung nên không bỏ được"],
  [/^criteria\.include\.\d+: "([^"]+)" is not an optional criterion of .*$/, "bộ tiêu chí: “$1” không có trong danh sách tiêu chí thêm của tỉnh"],
  [/^criteria\.relabel\.([^:]+): .*$/, "bộ tiêu chí: “$1” không có trong bộ đang chọn nên không đổi tên được"],
  [/^criteria: criterion id "([^"]+)" appears twice$/, "bộ tiêu chí: mã “$1” bị dùng hai lần"],
  [/^criteria: the commune's list is empty$/, "bộ tiêu chí không được để trống"],
  [/^criterion ([a-z0-9-]+) (label|help): unknown or empty placeholder (\{\{[^}]*\}\}).*$/, "bộ tiêu chí: tiêu chí “$1” có chỗ $3 không điền được"],
  [/^criteria\.catalogue: unknown catalogue "([^"]+)".*$/, "bộ tiêu chí “$1” không có"],
];

/** A ConfigError's lines in plain Vietnamese (the file's own messages are English, for the log). */
export function vietnameseProblems(problems: readonly string[]): string[] {
  return problems.map((p) => {
    let out = p;
    for (const [re, vi] of FIELD) out = out.replace(re, vi);
    return out;
  });
}

/**
 * Every text of a document with its invisible characters (zero-width, bidi overrides that turn words
 * around) dropped: names, places, links and hours reach residents, whether typed in the console or
 * brought by a file.
 */
function visibleOnly(v: unknown): unknown {
  if (typeof v === "string") return stripInvisible(v);
  if (Array.isArray(v)) return v.map(visibleOnly);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visibleOnly(x)]));
  return v;
}

/** Validates a whole document with the file's schema and cross-references; Vietnamese ApiError when wrong. */
export function validateDoc(raw: unknown): CommuneConfig {
  try {
    const doc = parseCommuneConfig(visibleOnly(raw), "dữ liệu xã");
    // The criteria must resolve too (ids the catalogue has, placeholders it can fill): a document whose
    // set does not resolve would be kept but never used, and would stop the next start.
    try {
      communeCatalogue(doc);
    } catch (e) {
      if (e instanceof CatalogueError) throw new ConfigError("dữ liệu xã", e.problems);
      throw e;
    }
    return doc;
  } catch (err) {
    if (err instanceof ConfigError) {
      const problems = vietnameseProblems(err.problems);
      throw new ApiError("unprocessable", `Dữ liệu chưa hợp lệ nên chưa lưu gì: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "…" : ""}`, { problems });
    }
    throw err;
  }
}

export interface CommuneStoreDeps {
  repo: CommuneVersionsRepo;
  audit: AuditLog;
  clock: Clock;
  logger: FastifyBaseLogger;
}

/**
 * The commune's document in the database: one validated version per save, the latest is live. The
 * commune file seeds the first version only; afterwards the database wins (a differing file is logged).
 * Every save is checked against the version the editor started from (409 when someone saved first),
 * validated with the file's schema, audited with before/after, and announced to `onChange` listeners.
 */
export class CommuneStore {
  private doc: CommuneConfig;
  private ver: number;
  private readonly listeners = new Set<(doc: CommuneConfig, version: number) => void>();
  private sessions: TeamSessionsPort | undefined;
  private readonly parts = new Map<CommuneFilePartKey, CommuneFilePart>();
  private readonly checks: ((doc: CommuneConfig) => string[])[] = [];
  /** The team sessions of the file this process started with (the calendar seeds itself from them). */
  readonly seedSessions: readonly TeamSessionEntry[];
  /** True when this start created the first version from the file. */
  readonly seeded: boolean;

  constructor(
    private readonly d: CommuneStoreDeps,
    seed: CommuneConfig,
  ) {
    this.seedSessions = seed.mobileTeam?.sessions ?? [];
    const latest = d.repo.latest();
    if (!latest) {
      const doc = ensureKeys(withoutSessions(seed));
      const now = d.clock.now();
      const id = d.repo.append(undefined, { at: now, actor: "seed", section: "seed", summary: describeChanges(undefined, doc)[0]!, doc: JSON.stringify(doc) }, now);
      if (id === "conflict") throw new Error("commune: another process seeded the commune document at the same time; start again");
      d.audit.record({ actor: "seed", action: "commune.seed", target: "commune", after: { version: id } });
      this.doc = doc;
      this.ver = id;
      this.seeded = true;
      d.logger.info({ version: id }, "commune: document seeded from the commune file");
    } else {
      this.doc = this.parseStored(latest);
      this.ver = latest.id;
      this.seeded = false;
      this.followFileSettings(seed);
      if (!sameDoc(withoutKeys(withoutSessions(seed)), withoutKeys(this.doc))) {
        d.logger.warn(
          { version: this.ver },
          "commune: the commune file differs from the database; the database wins for villages and people (edited in the console). To load the file instead: console → Xuất / nhập dữ liệu xã → Nhập tệp, or npm run commune -- import <file> --apply (then restart)",
        );
      }
    }
    if (this.seeded) this.rememberFile(seed);
  }

  /**
   * The settings not edited in the console yet (criteria, schedules, hotlines...) still come from the
   * file: when the file's settings changed since the last start, they are applied as a new version.
   * An unchanged file never overrides the database (an import, say).
   */
  private followFileSettings(seed: CommuneConfig): void {
    const last = this.d.audit.list({ action: "commune.file", limit: 1 })[0]?.note as { hash?: string } | undefined;
    const hash = fileSettingsHash(seed);
    if (last?.hash === hash) return;
    const next = { ...this.doc, ...settingsOf(seed) } as CommuneConfig;
    // Criteria the admin chose in the console are the database's from then on (bot/criteria).
    if (this.d.audit.list({ action: "commune.criteria", limit: 1 }).length > 0) next.criteria = this.doc.criteria;
    // So are the general information fields the admin edited in the console (bot/commune/settings.ts).
    keepSettings(next, this.doc, this.consoleEditedFields());
    if (!sameDoc(next, this.doc)) {
      this.update("file", next, { actor: "tệp cấu hình", baseVersion: this.ver, summary: "Cài đặt chung cập nhật từ tệp cấu hình của xã khi khởi động" });
      this.d.logger.info({ version: this.ver }, "commune: settings updated from the commune file (changed since the last start)");
    }
    this.rememberFile(seed);
  }

  /**
   * Every general-information field the console ever edited: the running set is written with each
   * settings edit (one audit entry to read, however many edits came since); databases from before it
   * was kept read the settings edits themselves.
   */
  private consoleEditedFields(): SettingsField[] {
    const kept = this.d.audit.list({ action: CONSOLE_FIELDS, limit: 1 })[0]?.note as { fields?: unknown[] } | undefined;
    if (kept?.fields) return kept.fields.filter((f): f is SettingsField => (SETTINGS_FIELDS as readonly unknown[]).includes(f));
    return [...new Set(this.d.audit.list({ action: "commune.settings", limit: 1000 }).flatMap((e) => fieldsOfAudit(e.before, e.after)))];
  }

  private rememberFile(seed: CommuneConfig): void {
    this.d.audit.record({ actor: "tệp cấu hình", action: "commune.file", target: "commune", note: { hash: fileSettingsHash(seed) } });
  }

  private parseStored(row: VersionRow): CommuneConfig {
    return parseCommuneConfig(JSON.parse(row.doc), `commune_versions #${row.id}`);
  }

  /** The team calendar, connected once the chat module exists. */
  connectSessions(port: TeamSessionsPort): void {
    this.sessions = port;
  }

  /**
   * Another capability's check of a whole document before it is saved (the guides must still render
   * with the new names and links): the problems, in the capability's words, or [].
   */
  addCheck(check: (doc: CommuneConfig) => string[]): void {
    this.checks.push(check);
  }

  /** Refuses (Vietnamese 422, nothing saved) a document another capability cannot work with. */
  private checkWithOthers(doc: CommuneConfig): void {
    const problems = this.checks.flatMap((c) => c(doc));
    if (problems.length === 0) return;
    throw new ApiError(
      "unprocessable",
      `Với thông tin mới, có hướng dẫn gửi bà con không hiển thị được nên chưa lưu gì: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "…" : ""}. Bác kiểm tra lại đường link, tên hoặc số điện thoại vừa sửa.`,
      { problems },
    );
  }

  /** A part of the file another capability keeps (exported from it, replaced in it on import). */
  connectPart(key: CommuneFilePartKey, part: CommuneFilePart): void {
    this.parts.set(key, part);
  }

  current(): CommuneConfig {
    return this.doc;
  }

  version(): number {
    return this.ver;
  }

  /** Called after every save with the new document; returns the way to stop listening. */
  onChange(fn: (doc: CommuneConfig, version: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Saves `next` (the whole document) if the latest version is still `baseVersion`. Validated first:
   * an invalid document or a stale base changes nothing.
   */
  update(section: CommuneSection, next: unknown, opts: { actor: string; baseVersion: number; summary?: string }): { version: number; changes: string[] } {
    if (opts.baseVersion !== this.ver) throw this.conflict();
    const doc = ensureKeys(withoutSessions(validateDoc(next)));
    const changes = describeChanges(this.doc, doc);
    if (changes.length === 0) return { version: this.ver, changes };
    this.checkWithOthers(doc);
    const now = this.d.clock.now();
    const summary = opts.summary ?? changes.join("; ");
    const before = this.doc;
    // The version and its audit entry are one write: a refused audit row leaves no version behind.
    const id = this.d.repo.sqlite
      .transaction(() => {
        const id = this.d.repo.append(opts.baseVersion, { at: now, actor: opts.actor, section, summary, doc: JSON.stringify(doc) }, now);
        if (id !== "conflict") {
          this.d.audit.record({ actor: opts.actor, action: `commune.${section}`, target: "commune", before: sectionOf(before, section), after: sectionOf(doc, section), note: { version: id, summary } });
          if (section === "settings") {
            const fields = [...new Set([...this.consoleEditedFields(), ...fieldsOfAudit(sectionOf(before, section), sectionOf(doc, section))])].sort();
            this.d.audit.record({ actor: opts.actor, action: CONSOLE_FIELDS, target: "commune", note: { fields } });
          }
        }
        return id;
      })
      .immediate();
    if (id === "conflict") throw this.conflict();
    this.doc = doc;
    this.ver = id;
    this.notify();
    return { version: id, changes };
  }

  private notify(): void {
    for (const fn of this.listeners) {
      try {
        fn(this.doc, this.ver);
      } catch (err) {
        this.d.logger.error({ err }, "commune: a change listener failed");
      }
    }
  }

  private conflict(): ApiError {
    return new ApiError("conflict", "Có người khác vừa lưu thay đổi trước bác. Trang đã được tải lại với dữ liệu mới nhất; bác xem lại rồi sửa lại lần nữa.", { version: this.ver });
  }

  /** Newest first: who, when, what (in words, from the version before it). */
  history(opts: { before?: number; limit?: number } = {}): CommuneVersionView[] {
    const rows = this.d.repo.page(opts.before ?? Number.MAX_SAFE_INTEGER, Math.min(Math.max(opts.limit ?? 50, 1), 200));
    return rows.map((r) => {
      const prev = this.d.repo.previous(r.id);
      const after = this.parseStored(r);
      const changes = r.section === "seed" || !prev ? describeChanges(undefined, after) : describeChanges(this.parseStored(prev), after);
      return { version: r.id, at: r.at, actor: r.actor, section: r.section, summary: r.summary, changes };
    });
  }

  /** The commune file (JSON text): the document with the team calendar's sessions; imports back as is. */
  export(): string {
    const doc: CommuneConfig = structuredClone(this.doc);
    if (doc.mobileTeam) {
      // Without the calendar connected (scripts), the sessions of the file the store started from.
      doc.mobileTeam.sessions = this.sessions ? this.sessions.exportSessions() : [...this.seedSessions];
    }
    for (const [key, part] of this.parts) {
      const value = part.export();
      if (doc[key] !== undefined || (Array.isArray(value) && value.length > 0)) (doc as Record<string, unknown>)[key] = value;
    }
    return `${JSON.stringify(doc, null, 2)}\n`;
  }

  /** What importing this file would change, without changing anything (invalid: ApiError 422). */
  previewImport(raw: unknown): { changes: string[]; sessions: number } {
    const doc = validateDoc(raw);
    this.checkWithOthers(doc);
    const changes = [...describeChanges(this.doc, ensureKeys(withoutSessions(doc))), ...this.partChanges(doc)];
    return { changes, sessions: doc.mobileTeam?.sessions.length ?? 0 };
  }

  /** Replaces the document (and the team calendar's sessions) with an imported file. */
  /**
   * Replaces the document (and the team calendar's sessions, and the parts kept elsewhere) with an
   * imported file, all or nothing: a part the file gets wrong (a session ending before it starts)
   * leaves the database and the live document as they were.
   */
  import(raw: unknown, opts: { actor: string; baseVersion: number }): { version: number; changes: string[]; sessions: number } {
    const doc = validateDoc(raw);
    if (opts.baseVersion !== this.ver) throw this.conflict();
    // As the console's edits do: the commune is never left without someone who can administer it.
    if (!doc.officers.some((o) => o.role === "admin")) {
      throw new ApiError("conflict", "Tệp này không có quản trị viên nào (cán bộ có vai trò “admin”): nhập vào thì xã không còn ai quản trị được. Bác sửa tệp, ghi vai trò “admin” cho ít nhất một cán bộ, rồi nhập lại.");
    }
    const partChanges = this.partChanges(doc);
    return this.atomically(() => {
      const r0 = this.update("import", doc, { actor: opts.actor, baseVersion: opts.baseVersion, summary: undefined });
      const r = { ...r0, changes: [...r0.changes, ...partChanges] };
      const sessions = doc.mobileTeam?.sessions ?? [];
      if (this.sessions) this.sessions.replaceSessions(sessions, opts.actor);
      // Parts kept elsewhere follow the file only when it has them (a file without segments keeps the commune's).
      for (const [key, part] of this.parts) if (doc[key] !== undefined) part.replace(doc[key], opts.actor);
      this.d.audit.record({ actor: opts.actor, action: "commune.import", target: "commune", note: { version: r.version, changes: r.changes.length, sessions: sessions.length } });
      return { ...r, sessions: sessions.length };
    });
  }

  /** What the file's parts kept elsewhere (guides, legal tips…) would change, in words. */
  private partChanges(doc: CommuneConfig): string[] {
    const out: string[] = [];
    for (const [key, part] of this.parts) if (doc[key] !== undefined && part.preview) out.push(...part.preview(doc[key]));
    return out;
  }

  /**
   * Runs `fn` (saves of the document and other writes of the same change) as one transaction. When it
   * fails, the database rolls back and the live document goes back too (listeners see the old one again).
   */
  atomically<R>(fn: () => R): R {
    const before = { doc: this.doc, ver: this.ver };
    try {
      return this.d.repo.sqlite.transaction(fn).immediate();
    } catch (err) {
      if (this.ver !== before.ver) {
        this.doc = before.doc;
        this.ver = before.ver;
        this.notify();
      }
      throw err;
    }
  }
}

/** The audit entry holding every general-information field the console ever edited (a restart keeps them). */
const CONSOLE_FIELDS = "commune.settings_fields";

/** Edited in the console (the database wins); everything else follows the file until it is. */
const DB_OWNED = ["villages", "officers", "volunteers"] as const;

function settingsOf(doc: CommuneConfig): Partial<CommuneConfig> {
  const rest: Record<string, unknown> = { ...withoutSessions(doc) };
  for (const k of DB_OWNED) delete rest[k];
  return rest as Partial<CommuneConfig>;
}

function fileSettingsHash(doc: CommuneConfig): string {
  return createHash("sha256").update(JSON.stringify(settingsOf(doc))).digest("hex");
}

function sectionOf(doc: CommuneConfig, section: CommuneSection): unknown {
  switch (section) {
    case "villages":
      return doc.villages;
    case "officers":
      return doc.officers;
    case "volunteers":
      return doc.volunteers;
    case "criteria":
      return doc.criteria ?? null;
    case "settings":
      return settingsSection(doc);
    default:
      return { villages: doc.villages, officers: doc.officers, volunteers: doc.volunteers };
  }
}
