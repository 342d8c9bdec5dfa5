/**
 * The commune's own guides and legal tips in the commune file (issue 15): `guides` and `legalTips`,
 * two parts of the file the commune store exports and imports (bot/commune/store.ts `connectPart`).
 *
 * Only what the commune changed travels: a guide whose current content is not the shipped one, a
 * legal tip the commune added, edited or retired. The shipped content stays out of the file, so the
 * file stays small and a newer shipped guide still reaches a commune that never edited it.
 *
 * Import: each guide of the file is checked as the console's editor checks a save (the guide schema,
 * the limits, the residents' reserved words, rendering with the commune's values, names taken by
 * another guide) and becomes a new commune version (audited, earlier versions kept, rollback still
 * possible); a guide the file does not name stays as it is. Anything wrong refuses the whole part
 * (in Vietnamese), and inside the commune file's import the whole file. The chat's library is rebuilt
 * only once the database has committed (it is read again from the database then), so a refused
 * file never reaches the matcher.
 */
import { z } from "zod";
import type { FastifyBaseLogger } from "fastify";
import type { Guide } from "../../shared/guides";
import { LegalTipRequest } from "../../shared/contracts/guides";
import { ApiError } from "../auth/api-error";
import { AuditLog } from "../audit/audit-log";
import { LEGAL_TIPS, type LegalTip } from "../broadcasts/legal-tips";
import type { Clock } from "../clock";
import type { CommuneConfig } from "../config/commune";
import type { Db } from "../db/connection";
import { contentHash } from "./canonical";
import { changesBetween, type GuideService } from "./guide-service";
import type { GuidesRepo, LegalTipRow } from "./guides-repo";
import { SHIPPED_ACTOR } from "./shipped-sync";

/** At most this many guides, or legal tips, in one file (the shipped content has 14 guides and 6 tips). */
export const FILE_PART_MAX = 200;
/** Who a first start's file changes are from (as the commune store says it). */
const FILE_ACTOR = "tệp cấu hình";
const IMPORT_NOTE = "Nhập từ tệp dữ liệu xã";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const refused = (what: string, problems: string[], details: unknown) =>
  new ApiError("unprocessable", `Tệp có ${what} chưa đúng nên chưa nhập gì: ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? "…" : ""}`, details);

const ROLLBACK = Symbol("dry run");
/** Runs `fn` in a transaction that is always rolled back (its checks throw as they would for real). */
function dryRun(repo: GuidesRepo, fn: () => unknown): void {
  try {
    repo.transaction(() => {
      fn();
      throw ROLLBACK;
    });
  } catch (err) {
    if (err !== ROLLBACK) throw err;
  }
}

/** Runs `fn` once the caller's transaction has committed or rolled back (at once when there is none). */
function afterCommit(repo: GuidesRepo, fn: () => void): void {
  // better-sqlite3 transactions are synchronous: a microtask runs after the outermost one has ended.
  if (repo.inTransaction()) queueMicrotask(fn);
  else fn();
}

export interface GuidesFilePartDeps {
  repo: GuidesRepo;
  service: GuideService;
  audit: AuditLog;
  clock: Clock;
  /** The chat's library read again from the database (never throws: the guides module's `rebuild`). */
  rebuild: () => unknown;
}

/** The `guides` part: the commune's edited guides, whole documents as the guide schema has them. */
export class GuidesFilePart {
  constructor(private readonly d: GuidesFilePartDeps) {}

  /** The guides whose current content is not the shipped one, in the library's order. */
  export(): Guide[] {
    const heads = new Map(this.d.repo.heads().map((h) => [h.id, h]));
    return this.d.repo
      .currentDocs()
      .filter((c) => {
        const head = heads.get(c.guideId);
        return head !== undefined && this.d.repo.version(c.guideId, c.version)?.hash !== head.shippedHash;
      })
      .map((c) => c.doc);
  }

  /** The file's guides become the current versions (those the file does not name stay); returns the ids changed. */
  replace(value: unknown, actor: string): string[] {
    const changed = this.write(this.validate(value), actor);
    if (changed.length > 0) afterCommit(this.d.repo, () => void this.d.rebuild());
    return changed;
  }

  /**
   * What importing the part would change, in words, changing nothing: checked as `replace` checks it
   * (written, then rolled back), so a file the import would refuse is refused here the same way.
   */
  preview(value: unknown): string[] {
    const guides = this.validate(value);
    const out: string[] = [];
    for (const g of guides) {
      const head = this.d.repo.head(g.id);
      if (!head) {
        out.push(`Thêm hướng dẫn “${g.title}”`);
        continue;
      }
      const current = this.d.repo.version(g.id, head.currentVersion)!;
      if (current.hash === contentHash(g)) continue;
      const fields = [...new Set(changesBetween(JSON.parse(current.doc) as Guide, g).map((c) => c.field))];
      out.push(`Hướng dẫn “${g.title}”: sửa ${fields.length > 0 ? fields.join(", ") : "theo tệp"}`);
    }
    dryRun(this.d.repo, () => this.write(guides, "xem trước"));
    return out;
  }

  /** The guides written as new versions, then checked against each other; the ids changed. */
  private write(guides: Guide[], actor: string): string[] {
    const at = this.d.clock.now();
    return this.d.repo.transaction(() => {
      const out: string[] = [];
      for (const g of guides) {
        const hash = contentHash(g);
        const head = this.d.repo.head(g.id);
        if (!head) {
          // A guide this install does not ship (a file from a newer version): kept as the commune's own.
          const version = this.d.repo.addVersion({ guideId: g.id, doc: g, hash, source: "commune", actor, at, note: IMPORT_NOTE });
          this.d.repo.insertHead({ id: g.id, currentVersion: version, shippedHash: "", pendingVersion: null, updatedAt: at });
          this.d.audit.record({ actor, action: "guide.import", target: `guide:${g.id}`, after: g, note: { version, text: IMPORT_NOTE } });
          out.push(g.id);
          continue;
        }
        const current = this.d.repo.version(g.id, head.currentVersion)!;
        if (current.hash === hash) continue;
        const shipped = hash === head.shippedHash;
        const version = this.d.repo.addVersion({ guideId: g.id, doc: g, hash, source: shipped ? "shipped" : "commune", actor, at, note: IMPORT_NOTE });
        // Back to the shipped content: no shipped update waits any more (as a rollback to it does).
        this.d.repo.updateHead(g.id, { currentVersion: version, pendingVersion: shipped ? null : head.pendingVersion, updatedAt: at });
        this.d.audit.record({ actor, action: "guide.import", target: `guide:${g.id}`, before: JSON.parse(current.doc), after: g, note: { version, text: IMPORT_NOTE } });
        out.push(g.id);
      }
      // Names are checked against the guides as the file leaves them (a phrasing may move between two guides).
      const problems: string[] = [];
      const issues: { guide: string; path: string; message: string }[] = [];
      for (const g of guides) {
        const r = this.d.service.check(g as unknown as Record<string, unknown>, g.id);
        for (const i of r.issues) issues.push({ guide: g.id, ...i });
        if (r.issues.length > 0) problems.push(`hướng dẫn “${g.title}”: ${r.issues.map((i) => i.message).join(" ")}`);
      }
      if (problems.length > 0) throw refused("hướng dẫn", problems, { issues });
      return out;
    });
  }

  /** Each guide of the file as the editor checks a save; every problem at once, in Vietnamese. */
  private validate(value: unknown): Guide[] {
    if (!Array.isArray(value)) throw refused("hướng dẫn", ["phần “guides” phải là một danh sách hướng dẫn"], { issues: [] });
    if (value.length > FILE_PART_MAX) throw refused("hướng dẫn", [`nhiều nhất ${FILE_PART_MAX} hướng dẫn (tệp có ${value.length})`], { issues: [] });
    const problems: string[] = [];
    const issues: { guide: string; path: string; message: string }[] = [];
    const seen = new Set<string>();
    const out: Guide[] = [];
    value.forEach((raw, i) => {
      const id = isObj(raw) && typeof raw.id === "string" ? raw.id : undefined;
      const name = isObj(raw) && typeof raw.title === "string" ? raw.title : (id ?? `thứ ${i + 1}`);
      if (!isObj(raw) || id === undefined) {
        problems.push(`hướng dẫn thứ ${i + 1} không có mã (“id”)`);
        issues.push({ guide: `#${i + 1}`, path: "id", message: "Hướng dẫn không có mã." });
        return;
      }
      if (seen.has(id)) {
        problems.push(`hướng dẫn “${name}” có hai lần trong tệp`);
        issues.push({ guide: id, path: "id", message: "Hướng dẫn có hai lần trong tệp." });
        return;
      }
      seen.add(id);
      const r = this.d.service.check(raw);
      if (!r.guide) {
        for (const x of r.issues) issues.push({ guide: id, ...x });
        problems.push(`hướng dẫn “${name}”: ${r.issues.map((x) => x.message).join(" ")}`);
        return;
      }
      out.push(r.guide);
    });
    if (problems.length > 0) throw refused("hướng dẫn", problems, { issues });
    return out;
  }
}

/**
 * A legal tip in the file: `shipped: k` for the k-th tip of the shipped list (seeded at position k)
 * that the commune edited or retired; without it, a tip the commune added itself, known by its title.
 */
export const LegalTipFileEntry = z.strictObject({
  shipped: z.number().int().min(1).max(1000).optional(),
  title: LegalTipRequest.shape.title,
  text: LegalTipRequest.shape.text,
  retired: z.boolean().optional(),
});
export type LegalTipFileEntry = z.infer<typeof LegalTipFileEntry>;

const TIP_FIELD: Record<string, string> = { shipped: "số thứ tự mục có sẵn (“shipped”)", title: "tiêu đề", text: "nội dung", retired: "thôi dùng (“retired”)" };

function tipIssueVi(i: z.core.$ZodIssue): string {
  const field = TIP_FIELD[String(i.path[0])] ?? "mục";
  if (i.code === "unrecognized_keys") return `có trường lạ ${i.keys.map((k) => `“${k}”`).join(", ")}`;
  if (i.code === "invalid_type") return `${field} còn thiếu hoặc không đúng kiểu`;
  if (i.path[0] === "shipped") return `${field} phải là số nguyên từ 1`;
  // The request schema's own messages are Vietnamese already.
  return i.message;
}

export interface LegalTipsFilePartDeps {
  repo: GuidesRepo;
  audit: AuditLog;
  clock: Clock;
  /** The shipped list the tips were seeded from (a tip equal to its shipped one is not exported). */
  shipped?: readonly LegalTip[];
}

const tipContent = (r: Pick<LegalTipRow, "title" | "text" | "retiredAt">) => ({ title: r.title, text: r.text, retired: r.retiredAt !== null });
/** The seed wrote the shipped list at positions 1, 2, 3… by the developer's name. */
const isSeeded = (r: LegalTipRow) => r.createdBy === SHIPPED_ACTOR;

/** The `legalTips` part: the tips the commune added, edited or retired, in the weekly rotation's order. */
export class LegalTipsFilePart {
  constructor(private readonly d: LegalTipsFilePartDeps) {}

  export(): LegalTipFileEntry[] {
    const shipped = this.d.shipped ?? LEGAL_TIPS;
    return this.d.repo
      .legalTips(true)
      .filter((r) => {
        const s = isSeeded(r) ? shipped[r.position - 1] : undefined;
        return !isSeeded(r) || !s || s.title !== r.title || s.text !== r.text || r.retiredAt !== null;
      })
      .map((r) => ({ ...(isSeeded(r) ? { shipped: r.position } : {}), title: r.title, text: r.text, ...(r.retiredAt !== null ? { retired: true } : {}) }));
  }

  /**
   * The file's tips replace the commune's: a shipped tip by its number, the commune's own by its title
   * (one not there yet is added at the end of the rotation); tips the file does not name stay. Returns
   * the titles changed.
   */
  replace(value: unknown, actor: string): string[] {
    return this.write(this.validate(value), actor);
  }

  /** What importing the part would change, in words, changing nothing (refused as `replace` would refuse it). */
  preview(value: unknown): string[] {
    const entries = this.validate(value);
    const out: string[] = [];
    for (const { e, row } of this.match(entries)) {
      const retire = e.retired === true;
      if (!row) {
        out.push(`Thêm mục pháp luật “${e.title}”${retire ? " (thôi dùng)" : ""}`);
        continue;
      }
      const status = retire === (row.retiredAt !== null) ? "" : retire ? "thôi dùng" : "dùng lại";
      if (row.title !== e.title || row.text !== e.text) out.push(`Sửa mục pháp luật “${e.title}”${status ? ` (${status})` : ""}`);
      else if (status) out.push(`${status === "thôi dùng" ? "Thôi dùng" : "Dùng lại"} mục pháp luật “${e.title}”`);
    }
    dryRun(this.d.repo, () => this.write(entries, "xem trước"));
    return out;
  }

  /**
   * Each entry with the tip it replaces (a shipped one by its number, the commune's own by its title), if
   * any. A shipped number this install has no tip for (a newer file, a made-up number) is known by its
   * title like the commune's own: importing it twice adds it once, and never a second tip with a title
   * the commune has (its export would then not import back). Two entries landing on one tip are refused.
   */
  private match(entries: LegalTipFileEntry[]): { e: LegalTipFileEntry; row: LegalTipRow | undefined }[] {
    const rows = this.d.repo.legalTips(true);
    const own = (title: string) => rows.find((r) => !isSeeded(r) && r.title === title);
    const out = entries.map((e) => ({ e, row: (e.shipped !== undefined ? rows.find((r) => isSeeded(r) && r.position === e.shipped) : undefined) ?? own(e.title) }));
    const seen = new Set<string>();
    const twice: string[] = [];
    for (const { e, row } of out) {
      const key = row ? `#${row.id}` : `+${e.title}`;
      if (seen.has(key)) twice.push(`mục “${e.title}” có hai lần trong tệp`);
      seen.add(key);
    }
    if (twice.length > 0) throw refused("mục pháp luật", twice, { problems: twice });
    return out;
  }

  private write(entries: LegalTipFileEntry[], actor: string): string[] {
    const at = this.d.clock.now();
    return this.d.repo.transaction(() => {
      const out: string[] = [];
      for (const { e, row } of this.match(entries)) {
        const retiredAt = e.retired ? (row?.retiredAt ?? at) : null;
        if (!row) {
          const added = this.d.repo.addLegalTip({ title: e.title, text: e.text, at, by: actor });
          const after = retiredAt === null ? added : this.d.repo.updateLegalTip(added.id, { retiredAt })!;
          this.d.audit.record({ actor, action: "legal_tip.import", target: `legal_tip:${added.id}`, after: tipContent(after), note: { text: IMPORT_NOTE } });
          out.push(e.title);
          continue;
        }
        const before = tipContent(row);
        if (before.title === e.title && before.text === e.text && before.retired === (retiredAt !== null)) continue;
        const after = this.d.repo.updateLegalTip(row.id, { title: e.title, text: e.text, retiredAt, updatedAt: at, updatedBy: actor })!;
        this.d.audit.record({ actor, action: "legal_tip.import", target: `legal_tip:${row.id}`, before, after: tipContent(after), note: { text: IMPORT_NOTE } });
        out.push(e.title);
      }
      // As the console refuses to retire the last tip: the weekly message always has one to send.
      if (this.d.repo.legalTips(false).length === 0) {
        throw refused("mục pháp luật", ["sau khi nhập sẽ không còn mục pháp luật nào đang dùng (cần giữ ít nhất một mục chưa thôi dùng)"], { problems: [] });
      }
      return out;
    });
  }

  private validate(value: unknown): LegalTipFileEntry[] {
    const r = z.array(z.unknown()).max(FILE_PART_MAX).safeParse(value);
    if (!r.success) throw refused("mục pháp luật", [`phần “legalTips” phải là một danh sách, nhiều nhất ${FILE_PART_MAX} mục`], { problems: [] });
    const problems: string[] = [];
    const out: LegalTipFileEntry[] = [];
    const seen = new Set<string>();
    r.data.forEach((raw, i) => {
      const e = LegalTipFileEntry.safeParse(raw);
      if (!e.success) {
        problems.push(`mục pháp luật thứ ${i + 1}: ${[...new Set(e.error.issues.map(tipIssueVi))].join(", ")}`);
        return;
      }
      const key = e.data.shipped !== undefined ? `#${e.data.shipped}` : e.data.title;
      if (seen.has(key)) {
        problems.push(e.data.shipped !== undefined ? `mục có sẵn số ${e.data.shipped} có hai lần trong tệp` : `mục “${e.data.title}” có hai lần trong tệp`);
        return;
      }
      seen.add(key);
      out.push(e.data);
    });
    if (problems.length > 0) throw refused("mục pháp luật", problems, { problems });
    return out;
  }
}

/** What createGuideFileParts needs of the guides module (bot/guides/index.ts). */
export interface GuidesModuleLike {
  repo: GuidesRepo;
  service: GuideService;
  rebuild(): unknown;
}

/**
 * Both parts over the guides module, and the first start's seed: a commune file that carries
 * `guides` or `legalTips` (an exported file used to set up a new install) applies them once, when
 * the commune store seeded its first version from that file. A part the file gets wrong is not
 * applied (both stay as shipped) and the reason is logged: the start goes on, and the admin can
 * import the corrected file from the console.
 */
export function createGuideFileParts(m: GuidesModuleLike, d: { db: Db; clock: Clock; logger: FastifyBaseLogger }) {
  const audit = new AuditLog(d.db, () => d.clock.now());
  const guides = new GuidesFilePart({ repo: m.repo, service: m.service, audit, clock: d.clock, rebuild: () => m.rebuild() });
  const legalTips = new LegalTipsFilePart({ repo: m.repo, audit, clock: d.clock });
  return {
    guides,
    legalTips,
    seed(file: Pick<CommuneConfig, "guides" | "legalTips">): void {
      if (file.guides === undefined && file.legalTips === undefined) return;
      try {
        const r = m.repo.transaction(() => ({
          guides: file.guides !== undefined ? guides.replace(file.guides, FILE_ACTOR) : [],
          legalTips: file.legalTips !== undefined ? legalTips.replace(file.legalTips, FILE_ACTOR) : [],
        }));
        // Committed: the library reads them now (the services are built before any message is handled).
        if (r.guides.length > 0) m.rebuild();
        d.logger.info(r, "guides: the commune file's own guides and legal tips applied at first start");
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        d.logger.error(
          { reason: err.message, details: err.details },
          "guides: the commune file's guides and legal tips were NOT applied at first start (the shipped ones are used); correct the file and import it from the console (Xuất / nhập dữ liệu xã)",
        );
      }
    },
  };
}
