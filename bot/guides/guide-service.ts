import { GuideSchema, PLACEHOLDER_KEYS, fillPlaceholders, renderGuide, type Guide, type GuideContext } from "../../shared/guides";
import { contextValue, isPlaceholderKey, PLACEHOLDER_RE } from "../../shared/guides/placeholders";
import type { ChatMessageView, FieldIssue, GuideChange, GuideDetail, GuideListItem, GuidePreview, GuideVersionView } from "../../shared/contracts/guides";
import { ApiError } from "../auth/api-error";
import type { AuditLog } from "../audit/audit-log";
import type { GuideLibrary, RebuildReport } from "../chat/guide-library";
import { stepMessages } from "../chat/guide-messages";
import { Reply } from "../chat/reply";
import type { Clock } from "../clock";
import type { OutgoingMessage } from "../zalo/messages";
import { guideForMiniApp } from "../ops/miniapp-static";
import { foldKey, stripInvisible } from "../../shared/text";
import { contentHash } from "./canonical";
import type { GuidesRepo } from "./guides-repo";
import { issueVi, renderIssueVi } from "./issues";
import { limitIssues } from "./limits";
import { reservedIssues } from "./reserved";

export interface GuideServiceDeps {
  repo: GuidesRepo;
  audit: AuditLog;
  /** The library the chat and the mini app read: rebuilt after every change. */
  library: () => GuideLibrary;
  context: () => GuideContext;
  clock: Clock;
  /** Told how long each rebuild took (logs). */
  onRebuilt?: (id: string, report: RebuildReport) => void;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const blank = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");

/**
 * What a form sends, tidied before validation: empty optional fields dropped (a short title, the
 * "to verify" note, a step's note, a button or picture left empty), list items trimmed and blank lines
 * dropped. Everything else is left for the schema to judge.
 */
export function tidyDraft(raw: Record<string, unknown>): Record<string, unknown> {
  const d: Record<string, unknown> = { ...raw };
  // Invisible characters (zero-width, bidi overrides that turn words around) never reach a resident: a text of them alone is empty.
  const vis = (v: unknown) => (typeof v === "string" ? stripInvisible(v) : v);
  for (const k of ["title", "shortTitle", "summary", "verify"]) if (k in d) d[k] = vis(d[k]);
  for (const k of ["shortTitle", "verify"]) if (blank(d[k])) delete d[k];
  for (const k of ["phrasings", "keywords", "sources"]) {
    if (Array.isArray(d[k])) d[k] = (d[k] as unknown[]).map((x) => (typeof x === "string" ? stripInvisible(x).trim() : x)).filter((x) => !blank(x));
  }
  if (Array.isArray(d.keywords) && d.keywords.length === 0) delete d.keywords;
  if (Array.isArray(d.steps)) {
    d.steps = (d.steps as unknown[]).map((s) => {
      if (!isObj(s)) return s;
      const step: Record<string, unknown> = { ...s };
      for (const k of ["text", "note"]) if (k in step) step[k] = vis(step[k]);
      for (const k of ["link", "image"] as const) {
        const v = step[k];
        if (isObj(v)) step[k] = { ...v, ...(k === "link" ? { title: vis(v.title) } : { alt: vis(v.alt) }) };
      }
      if (blank(step.note)) delete step.note;
      if (step.confirmed === undefined || step.confirmed === null) delete step.confirmed;
      for (const k of ["link", "image"] as const) {
        const v = step[k];
        if (v === null || (isObj(v) && Object.values(v).every(blank))) delete step[k];
      }
      return step;
    });
  }
  return d;
}

/** Field-by-field differences between two versions of a guide, in words. */
export function changesBetween(a: Guide | undefined, b: Guide): GuideChange[] {
  if (!a) return [];
  const out: GuideChange[] = [];
  const text = (v: unknown) => (v === undefined || v === null ? null : typeof v === "string" ? v : JSON.stringify(v));
  const cmp = (field: string, x: unknown, y: unknown) => {
    const [tx, ty] = [text(x), text(y)];
    if (tx !== ty) out.push({ field, before: tx, after: ty });
  };
  cmp("Tiêu đề", a.title, b.title);
  cmp("Tiêu đề ngắn", a.shortTitle, b.shortTitle);
  cmp("Giới thiệu", a.summary, b.summary);
  const steps = Math.max(a.steps.length, b.steps.length);
  for (let i = 0; i < steps; i++) {
    const [x, y] = [a.steps[i], b.steps[i]];
    cmp(`Bước ${i + 1}`, x?.text, y?.text);
    cmp(`Bước ${i + 1}: nút`, x?.link ? `${x.link.title} → ${x.link.url}` : undefined, y?.link ? `${y.link.title} → ${y.link.url}` : undefined);
    cmp(`Bước ${i + 1}: ghi chú cần kiểm tra`, x?.note, y?.note);
  }
  const list = (field: string, x: readonly string[] | undefined, y: readonly string[] | undefined) => {
    const [sx, sy] = [new Set(x ?? []), new Set(y ?? [])];
    const gone = [...sx].filter((v) => !sy.has(v));
    const added = [...sy].filter((v) => !sx.has(v));
    if (gone.length || added.length) out.push({ field, before: gone.length ? gone.join("\n") : null, after: added.length ? added.join("\n") : null });
  };
  list("Câu hỏi mẫu", a.phrasings, b.phrasings);
  list("Từ khoá", a.keywords, b.keywords);
  list("Nguồn", a.sources, b.sources);
  cmp("Đã xác nhận", a.confirmed ? "có" : "chưa", b.confirmed ? "có" : "chưa");
  cmp("Điều cần kiểm tra", a.verify, b.verify);
  return out;
}

/**
 * Guides as the commune edits them: each save a new version (validated by the guide schema and
 * rendered with the commune's values first; anything wrong changes nothing), rollback to any earlier
 * version (a new version equal to it), shipped updates to review, every change audited with the
 * guide before and after, and the library the chat and the mini app read rebuilt at once.
 */
export class GuideService {
  constructor(private readonly d: GuideServiceDeps) {}

  list(): GuideListItem[] {
    const heads = new Map(this.d.repo.heads().map((h) => [h.id, h]));
    return this.d.repo.currentDocs().map((c) => {
      const head = heads.get(c.guideId)!;
      const row = this.d.repo.version(c.guideId, head.currentVersion)!;
      return {
        id: c.guideId,
        // As residents read it (the commune's values filled in).
        title: this.d.library().get(c.guideId)?.title ?? c.doc.title,
        shortTitle: c.doc.shortTitle ?? null,
        steps: c.doc.steps.length,
        version: c.version,
        shipped: row.hash === head.shippedHash,
        updatePending: head.pendingVersion !== null,
        updatedAt: iso(row.at),
        updatedBy: row.actor,
      };
    });
  }

  detail(id: string): GuideDetail {
    const head = this.d.repo.head(id);
    if (!head) throw new ApiError("not_found", "Không có hướng dẫn này.");
    const rows = this.d.repo.versions(id);
    const docs = new Map(rows.map((r) => [r.version, JSON.parse(r.doc) as Guide]));
    const current = docs.get(head.currentVersion)!;
    const currentRow = rows.find((r) => r.version === head.currentVersion)!;
    const pending = head.pendingVersion !== null ? rows.find((r) => r.version === head.pendingVersion) : undefined;
    const ctx = this.d.context();
    const versions: GuideVersionView[] = rows.map((r) => ({
      version: r.version,
      source: r.source,
      actor: r.actor,
      at: iso(r.at),
      note: r.note,
      current: r.version === head.currentVersion,
      changes: changesBetween(docs.get(r.version - 1), docs.get(r.version)!),
    }));
    return {
      id,
      title: this.d.library().get(id)?.title ?? current.title,
      version: head.currentVersion,
      doc: current as unknown as Record<string, unknown>,
      shipped: currentRow.hash === head.shippedHash,
      pendingUpdate: pending ? { version: pending.version, at: iso(pending.at), changes: changesBetween(current, docs.get(pending.version)!) } : null,
      versions,
      placeholders: PLACEHOLDER_KEYS.map((key) => ({ key, value: contextValue(ctx, key) ?? null })),
    };
  }

  /** The draft checked as a save would check it: the schema's problems, then rendering with the commune's values. */
  check(raw: Record<string, unknown>, id?: string): { guide?: Guide; issues: FieldIssue[] } {
    const r = GuideSchema.safeParse(tidyDraft(raw));
    if (!r.success) return { issues: r.error.issues.map(issueVi) };
    if (id !== undefined && r.data.id !== id) return { issues: [{ path: "id", message: "Không đổi được mã của hướng dẫn." }] };
    const taken = [...limitIssues(r.data), ...reservedIssues(r.data), ...(id !== undefined ? this.namesTaken(id, r.data) : [])];
    if (taken.length > 0) return { issues: taken };
    try {
      renderGuide(r.data, this.d.context());
    } catch (e) {
      return { issues: [renderIssueVi(e as Error)] };
    }
    return { guide: r.data, issues: [] };
  }

  /** A title, short title or phrasing another guide already has (a resident asking with those words opens one guide only). */
  private namesTaken(id: string, g: Guide): FieldIssue[] {
    const out: FieldIssue[] = [];
    const others = this.d.repo.currentDocs().filter((o) => o.guideId !== id);
    for (const [path, name] of [["title", g.title], ["shortTitle", g.shortTitle]] as const) {
      if (!name) continue;
      const o = others.find((x) => [x.doc.title, x.doc.shortTitle].some((n) => n !== undefined && foldKey(n) === foldKey(name)));
      if (o) out.push({ path, message: `Hướng dẫn “${o.doc.title}” đã dùng tên “${name}”: người dân hỏi tên đó chỉ mở được một hướng dẫn. Bác đặt tên khác.` });
    }
    // A phrasing learnt for this guide takes the same words from the other guide (the exact match is the newest).
    const theirs = new Map<string, string>();
    for (const o of others) for (const t of [o.doc.title, o.doc.shortTitle, ...o.doc.phrasings]) if (t) theirs.set(foldKey(t), o.doc.title);
    g.phrasings.forEach((p, i) => {
      const title = theirs.get(foldKey(p));
      if (title) out.push({ path: `phrasings.${i}`, message: `Câu “${p}” là câu hỏi mẫu của hướng dẫn “${title}”: người dân hỏi câu đó sẽ mở hướng dẫn này thay vì hướng dẫn kia. Bác bỏ câu này hoặc sửa ở hướng dẫn kia trước.` });
    });
    return out;
  }

  /**
   * What the resident would see, as the officer types: each step as the chat sends it (the bot's own
   * message builder) and the mini app's guide, with the commune's values filled in. A draft with
   * problems is still shown as far as it goes (a placeholder that cannot be filled stays as written).
   */
  preview(raw: Record<string, unknown>): GuidePreview {
    const { issues } = this.check(raw);
    const d = tidyDraft(raw);
    const ctx = this.d.context();
    const fill = (v: unknown): string => {
      const s = typeof v === "string" ? v : "";
      try {
        return fillPlaceholders(s, ctx);
      } catch {
        return s.replace(PLACEHOLDER_RE, (m, k: string) => (isPlaceholderKey(k) ? (contextValue(ctx, k) ?? m) : m));
      }
    };
    const steps = (Array.isArray(d.steps) ? d.steps : []).filter(isObj).map((s) => {
      const link = isObj(s.link) ? { title: fill(s.link.title), url: fill(s.link.url) } : undefined;
      const image = isObj(s.image) ? { url: fill(s.image.url), alt: fill(s.image.alt) } : undefined;
      return { text: fill(s.text), ...(link ? { link } : {}), ...(image ? { image } : {}) };
    });
    const loose = { id: typeof d.id === "string" ? d.id : "", title: fill(d.title), summary: fill(d.summary), phrasings: [], steps, confirmed: true, sources: [] } as Guide;
    const chat = steps.map((_, i) => ({ step: i + 1, messages: stepMessages(new Reply(), loose, i + 1).messages.map(messageView) }));
    return { ok: issues.length === 0, issues, chat, miniapp: guideForMiniApp(loose) };
  }

  save(id: string, raw: Record<string, unknown>, baseVersion: number, actor: string, note?: string): GuideDetail {
    const head = this.d.repo.head(id);
    if (!head) throw new ApiError("not_found", "Không có hướng dẫn này.");
    const { guide, issues } = this.check(raw, id);
    if (!guide) throw new ApiError("unprocessable", `Hướng dẫn chưa lưu được: ${issues.map((i) => i.message).join(" ")}`, { issues });
    if (head.currentVersion !== baseVersion) {
      throw new ApiError("conflict", `Hướng dẫn này vừa được sửa (bản ${head.currentVersion}) sau khi bác mở ra. Bác tải lại trang để xem bản mới rồi sửa tiếp.`);
    }
    return this.makeCurrent(id, guide, { source: "commune", actor, note: note ?? null, action: "guide.edit" });
  }

  /** A new version equal to an earlier one (the admin). */
  rollback(id: string, version: number, actor: string, note?: string): GuideDetail {
    const head = this.d.repo.head(id);
    if (!head) throw new ApiError("not_found", "Không có hướng dẫn này.");
    const row = this.d.repo.version(id, version);
    if (!row) throw new ApiError("not_found", `Hướng dẫn này không có bản ${version}.`);
    if (version === head.currentVersion) throw new ApiError("conflict", `Bản ${version} đang được dùng rồi.`);
    const { guide, issues } = this.check(JSON.parse(row.doc) as Record<string, unknown>, id);
    // An old version can stop rendering when the commune's values changed (a link removed): said, nothing changed.
    if (!guide) throw new ApiError("unprocessable", `Không quay lại được bản ${version}: ${issues.map((i) => i.message).join(" ")}`, { issues });
    return this.makeCurrent(id, guide, { source: row.source === "shipped" && row.hash === head.shippedHash ? "shipped" : "commune", actor, note: note ?? `Quay lại bản ${version}`, action: "guide.rollback", from: version });
  }

  /** The shipped update kept aside for review becomes the current version. */
  adoptUpdate(id: string, actor: string): GuideDetail {
    const head = this.d.repo.head(id);
    if (!head) throw new ApiError("not_found", "Không có hướng dẫn này.");
    if (head.pendingVersion === null) throw new ApiError("conflict", "Hướng dẫn này không có bản cập nhật nào đang chờ.");
    const row = this.d.repo.version(id, head.pendingVersion)!;
    const { guide, issues } = this.check(JSON.parse(row.doc) as Record<string, unknown>, id);
    if (!guide) throw new ApiError("unprocessable", `Bản cập nhật chưa dùng được: ${issues.map((i) => i.message).join(" ")}`, { issues });
    return this.makeCurrent(id, guide, { source: "shipped", actor, note: `Dùng bản cập nhật từ nhà phát triển (bản ${row.version})`, action: "guide.adopt_update", from: row.version });
  }

  /** The officer keeps the commune's version: the shipped update is no longer flagged (it stays in the versions). */
  dismissUpdate(id: string, actor: string): GuideDetail {
    const head = this.d.repo.head(id);
    if (!head) throw new ApiError("not_found", "Không có hướng dẫn này.");
    if (head.pendingVersion === null) throw new ApiError("conflict", "Hướng dẫn này không có bản cập nhật nào đang chờ.");
    this.d.repo.transaction(() => {
      this.d.repo.updateHead(id, { pendingVersion: null, updatedAt: this.d.clock.now() });
      this.d.audit.record({ actor, action: "guide.dismiss_update", target: `guide:${id}`, note: { version: head.pendingVersion } });
    });
    return this.detail(id);
  }

  private makeCurrent(id: string, guide: Guide, o: { source: "shipped" | "commune"; actor: string; note: string | null; action: string; from?: number }): GuideDetail {
    const at = this.d.clock.now();
    const hash = contentHash(guide);
    this.d.repo.transaction(() => {
      const head = this.d.repo.head(id)!;
      const before = JSON.parse(this.d.repo.version(id, head.currentVersion)!.doc) as Guide;
      const version = this.d.repo.addVersion({ guideId: id, doc: guide, hash, source: o.source, actor: o.actor, at, note: o.note });
      // Back to the shipped content: the next shipped update applies by itself again, none waits.
      const pendingVersion = hash === head.shippedHash ? null : head.pendingVersion;
      this.d.repo.updateHead(id, { currentVersion: version, pendingVersion, updatedAt: at });
      this.d.audit.record({ actor: o.actor, action: o.action, target: `guide:${id}`, before, after: guide, note: { version, ...(o.from !== undefined ? { from: o.from } : {}), ...(o.note ? { text: o.note } : {}) } });
    });
    this.rebuild(id);
    return this.detail(id);
  }

  /** The library rebuilt from the database (after a change here; the commune's names through `rebuild` of the module). */
  rebuild(id = "*"): RebuildReport {
    const report = this.d.library().rebuild();
    this.d.onRebuilt?.(id, report);
    return report;
  }
}

function messageView(m: OutgoingMessage): ChatMessageView {
  if (m.kind === "image") return { kind: "image", ...(m.url ? { url: m.url } : {}), ...(m.text ? { text: m.text } : {}) };
  if (m.kind === "text") return { kind: "text", text: m.text };
  return {
    kind: "buttons",
    text: m.text,
    buttons: m.buttons.map((b) => (b.type === "url" ? { title: b.title, kind: "url" as const, url: b.url } : b.type === "phone" ? { title: b.title, kind: "phone" as const } : { title: b.title, kind: "query" as const })),
  };
}
