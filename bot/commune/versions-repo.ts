import { randomBytes, createHash, timingSafeEqual } from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "../db/connection";

export interface VersionRow {
  id: number;
  at: number;
  actor: string;
  section: string;
  summary: string;
  doc: string;
}

/** Versions kept: the last KEEP_VERSIONS, none older than KEEP_MS (the latest always). */
export const KEEP_VERSIONS = 200;
export const KEEP_MS = 365 * 24 * 3600_000;

/** SQL for commune_versions: the only place that reads or writes it. */
export class CommuneVersionsRepo {
  readonly sqlite: Database.Database;
  private readonly s;
  constructor(db: Db) {
    this.sqlite = db.$client;
    this.s = {
      latest: this.sqlite.prepare<[], VersionRow>("SELECT * FROM commune_versions ORDER BY id DESC LIMIT 1"),
      latestId: this.sqlite.prepare<[], { id: number }>("SELECT id FROM commune_versions ORDER BY id DESC LIMIT 1"),
      insert: this.sqlite.prepare<[number, string, string, string, string]>("INSERT INTO commune_versions (at, actor, section, summary, doc) VALUES (?, ?, ?, ?, ?)"),
      page: this.sqlite.prepare<[number, number], VersionRow>("SELECT * FROM commune_versions WHERE id < ? ORDER BY id DESC LIMIT ?"),
      get: this.sqlite.prepare<[number], VersionRow>("SELECT * FROM commune_versions WHERE id = ?"),
      prune: this.sqlite.prepare<[number, number, number]>(
        "DELETE FROM commune_versions WHERE id < ? AND (id <= (SELECT id FROM commune_versions ORDER BY id DESC LIMIT 1 OFFSET ?) OR at < ?)",
      ),
      before: this.sqlite.prepare<[number], VersionRow>("SELECT * FROM commune_versions WHERE id < ? ORDER BY id DESC LIMIT 1"),
    };
  }

  latest(): VersionRow | undefined {
    return this.s.latest.get();
  }

  latestId(): number | undefined {
    return this.s.latestId.get()?.id;
  }

  /** Appends a version if the latest is still `expected` (undefined: the table must be empty). */
  append(expected: number | undefined, v: Omit<VersionRow, "id">, now: number): number | "conflict" {
    return this.sqlite
      .transaction(() => {
        if (this.latestId() !== expected) return "conflict" as const;
        const id = Number(this.s.insert.run(v.at, v.actor, v.section, v.summary, v.doc).lastInsertRowid);
        this.s.prune.run(id, KEEP_VERSIONS, now - KEEP_MS);
        return id;
      })
      .immediate();
  }

  /** Newest first, below `beforeId`. */
  page(beforeId: number, limit: number): VersionRow[] {
    return this.s.page.all(beforeId, limit);
  }

  get(id: number): VersionRow | undefined {
    return this.s.get.get(id);
  }

  previous(id: number): VersionRow | undefined {
    return this.s.before.get(id);
  }

  /** Every version but the latest, for the erasure scrub (a few hundred rows at most). */
  olderVersions(): VersionRow[] {
    return this.sqlite.prepare<[], VersionRow>("SELECT * FROM commune_versions WHERE id < (SELECT max(id) FROM commune_versions)").all();
  }

  rewrite(id: number, actor: string, summary: string, doc: string): void {
    this.sqlite.prepare("UPDATE commune_versions SET actor = ?, summary = ?, doc = ? WHERE id = ?").run(actor, summary, doc, id);
  }
}

export const STAFF_CODE_TTL_MS = 48 * 3600_000;

export interface StaffCodeLimits {
  perSubject: number;
  global: number;
  windowMs: number;
}
/** Like the households' link codes: five wrong per account, thirty commune-wide, per 15 minutes. */
export const STAFF_CODE_LIMITS: StaffCodeLimits = { perSubject: 5, global: 30, windowMs: 15 * 60_000 };
const GLOBAL = "*";

const hash = (salt: string, code: string) => createHash("sha256").update(`${salt}:${code}`).digest("hex");

/** SQL for staff_link_codes and staff_code_failures: codes kept only as salted hashes. */
export class StaffCodesRepo {
  private readonly sqlite: Database.Database;
  constructor(
    db: Db,
    readonly limits: StaffCodeLimits = STAFF_CODE_LIMITS,
  ) {
    this.sqlite = db.$client;
  }

  /** A fresh code for this person; their earlier codes stop working. */
  create(personKey: string, createdBy: string, code: string, now: number): number {
    const salt = randomBytes(16).toString("hex");
    return this.sqlite
      .transaction(() => {
        this.sqlite.prepare("DELETE FROM staff_link_codes WHERE person_key = ? OR expires_at <= ? OR used_at IS NOT NULL").run(personKey, now);
        this.sqlite
          .prepare("INSERT INTO staff_link_codes (person_key, salt, code_hash, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)")
          .run(personKey, salt, hash(salt, code), createdBy, now, now + STAFF_CODE_TTL_MS);
        return now + STAFF_CODE_TTL_MS;
      })
      .immediate();
  }

  /** The code's row if it matches one not yet used (expired ones too: the caller says so). */
  find(code: string): { id: number; personKey: string; expiresAt: number } | undefined {
    const rows = this.sqlite.prepare<[], { id: number; person_key: string; salt: string; code_hash: string; expires_at: number }>("SELECT * FROM staff_link_codes WHERE used_at IS NULL").all();
    for (const r of rows) {
      const a = Buffer.from(hash(r.salt, code), "hex");
      const b = Buffer.from(r.code_hash, "hex");
      if (a.length === b.length && timingSafeEqual(a, b)) return { id: r.id, personKey: r.person_key, expiresAt: r.expires_at };
    }
    return undefined;
  }

  /** Marks a code used; false when someone used it first. */
  use(id: number, now: number): boolean {
    return this.sqlite.prepare("UPDATE staff_link_codes SET used_at = ? WHERE id = ? AND used_at IS NULL").run(now, id).changes === 1;
  }

  locked(subject: string, now: number): { scope: "subject" | "global"; until: number } | undefined {
    const get = this.sqlite.prepare<[string], { window_start: number; failures: number }>("SELECT window_start, failures FROM staff_code_failures WHERE subject = ?");
    const until = (r: { window_start: number; failures: number } | undefined, max: number) =>
      r && now - r.window_start < this.limits.windowMs && r.failures >= max ? r.window_start + this.limits.windowMs : undefined;
    const g = until(get.get(GLOBAL), this.limits.global);
    if (g !== undefined) return { scope: "global", until: g };
    const u = until(get.get(subject), this.limits.perSubject);
    return u === undefined ? undefined : { scope: "subject", until: u };
  }

  recordFailure(subject: string, now: number): void {
    const bump = this.sqlite.prepare(
      `INSERT INTO staff_code_failures (subject, window_start, failures) VALUES (@key, @now, 1)
       ON CONFLICT (subject) DO UPDATE SET
         failures = CASE WHEN @now - window_start >= @win THEN 1 ELSE failures + 1 END,
         window_start = CASE WHEN @now - window_start >= @win THEN @now ELSE window_start END`,
    );
    this.sqlite.transaction(() => {
      bump.run({ key: subject, now, win: this.limits.windowMs });
      bump.run({ key: GLOBAL, now, win: this.limits.windowMs });
    })();
  }

  clearFailures(subject: string): void {
    this.sqlite.prepare("DELETE FROM staff_code_failures WHERE subject = ?").run(subject);
  }

  /** A person left the document: their codes go. */
  dropFor(personKey: string): void {
    this.sqlite.prepare("DELETE FROM staff_link_codes WHERE person_key = ?").run(personKey);
  }
}
