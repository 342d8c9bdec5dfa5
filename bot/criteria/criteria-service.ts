import type { FastifyBaseLogger } from "fastify";
import type { CriteriaAdminView, CriteriaAdoptRequest, CriteriaAdoptResponse, CriteriaChoiceInput, CriteriaPreview } from "../../shared/contracts/criteria";
import { CATALOGUES, CatalogueError, type CatalogueChoice, type EffectiveCatalogue } from "../../shared/criteria";
import { ApiError } from "../auth/api-error";
import { isDatabaseFault } from "../db/faults";
import type { Clock } from "../clock";
import type { CommuneStore } from "../commune";
import type { CommuneConfig } from "../config/commune";
import { catalogueView, communeCatalogue, criterionView } from "../households/catalogue";
import type { HouseholdsRepo } from "../households/households-repo";
import type { LiveCatalogue } from "../households/live-catalogue";
import type { RecountOutput } from "./recount-worker";

/** Runs the households' recount for `commune`'s catalogue (a worker thread in the bot; see recount.ts). */
export type RecountRunner = (job: { commune: CommuneConfig; key: string; at: number }, progress: (m: Extract<RecountOutput, { type: "progress" }>) => void) => Promise<{ households: number; changed: number; longestLockMs: number }>;

export interface CriteriaServiceDeps {
  store: CommuneStore;
  live: LiveCatalogue;
  households: HouseholdsRepo;
  clock: Clock;
  logger: FastifyBaseLogger;
  recount: RecountRunner;
  /** How long a refusing database is waited out (default: 8 attempts, 2 s doubling to 60 s: about 4 minutes). */
  retry?: { attempts: number; firstMs: number; maxMs: number };
}

const iso = (ms: number) => new Date(ms).toISOString();
const quote = (s: string) => `“${s}”`;

/**
 * The admin officer's choice of criteria (issue 15): what the commune uses of the catalogue, the
 * province's wording, the commune's own criteria. Adopting a set saves it in the commune document
 * (versioned, audited, 409 on a stale base); the households' counts then move to it in a worker
 * thread while household writes wait (LiveCatalogue's gate), and every service reads the new set the
 * moment the counts are built for it. An import of the commune file that changes the criteria takes
 * the same road (the store's change listener).
 */
export class CriteriaService {
  private progress: { phase: "read" | "write"; done: number } | undefined;
  /** Waiting for the database to take writes again before the next attempt. */
  private waiting = false;
  private running: Promise<void> | undefined;
  private last: ReturnType<CriteriaService["lastRecount"]>;
  /**
   * The set whose recount last failed: not tried again by itself (a failure that is not the database
   * refusing for a while fails again, and every try shuts household writes out), only when the admin
   * adopts again or the document moves to another set.
   */
  private failedKey: string | undefined;
  /** The document whose catalogue the counts are built for (to put them back if a recount fails). */
  private built: CommuneConfig;
  private readonly retry: { attempts: number; firstMs: number; maxMs: number };

  constructor(private readonly d: CriteriaServiceDeps) {
    this.built = d.store.current();
    this.retry = d.retry ?? { attempts: 8, firstMs: 2_000, maxMs: 60_000 };
  }

  /** Follows the commune document: call once at start (catches up a recount left undone) and on every change. */
  follow(doc: CommuneConfig): void {
    if (this.running) return; // the running recount reads the document again when it ends
    let next: EffectiveCatalogue;
    try {
      next = communeCatalogue(doc);
    } catch (err) {
      this.d.logger.error({ err }, "criteria: the commune document's criteria do not resolve; the catalogue in use stays");
      return;
    }
    const live = this.d.live;
    if (next.key === this.failedKey) return;
    if (next.key === live.current().key) {
      // Wording that does not move the counts (an explanation): everyone reads it at once.
      if (JSON.stringify(next.criteria) !== JSON.stringify(live.current().criteria)) live.swap(next, doc.criteria);
      this.built = doc;
      return;
    }
    this.running = this.recountTo(next, doc).finally(() => {
      this.running = undefined;
      this.follow(this.d.store.current());
    });
  }

  /** The last recount that moved the counts: households, changed, longest write-lock step, attempts, duration. */
  lastRecount(): { households: number; changed: number; longestLockMs: number; attempts: number; ms: number } | undefined {
    return this.last;
  }

  /** Resolves when no recount is running (tests, shutdown). */
  async settled(): Promise<void> {
    // A change saved a moment ago reaches follow() on the next turn (the store's listener waits for its transaction to end).
    await new Promise((r) => setImmediate(r));
    while (this.running) await this.running;
  }

  /**
   * Moves the counts to `next`. The database refusing writes for a while (another process's lock, a
   * full disk) is waited out: tried again with growing pauses, household writes still waiting. Any
   * other failure, or a refusal that lasts, puts the counts back on the catalogue in use (a recount
   * stopped half-way left some households' progress under the new set) and says so in the console.
   * A crash at any point is repaired at the next start (the counts' marker still names the old set).
   */
  private async recountTo(next: EffectiveCatalogue, doc: CommuneConfig): Promise<void> {
    const live = this.d.live;
    const at = this.d.clock.now();
    const previous = { catalogue: live.current(), doc: this.built };
    live.begin(next.key, at);
    this.progress = undefined;
    const started = performance.now();
    const onProgress = (m: { phase: "read" | "write"; done: number }) => (this.progress = { phase: m.phase, done: m.done });
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          const r = await this.d.recount({ commune: doc, key: next.key, at }, onProgress);
          this.built = doc;
          this.last = { ...r, attempts: attempt, ms: Math.round(performance.now() - started) };
          live.swap(next, doc.criteria);
          this.d.logger.info({ catalogue: next.key, ...r, attempts: attempt, ms: Math.round(performance.now() - started) }, "criteria: counts moved to the new catalogue");
          return;
        } catch (err) {
          if (!isDatabaseFault(err) || attempt >= this.retry.attempts) throw err;
          const wait = Math.min(this.retry.firstMs * 2 ** (attempt - 1), this.retry.maxMs);
          this.progress = undefined;
          this.waiting = true;
          this.d.logger.warn({ err, catalogue: next.key, attempt, waitMs: wait }, "criteria: the database refused the recount's writes; trying again");
          await new Promise((r) => setTimeout(r, wait));
          this.waiting = false;
        }
      }
    } catch (err) {
      this.d.logger.error({ err, catalogue: next.key }, "criteria: recount failed; putting the counts back on the catalogue in use");
      try {
        await this.d.recount({ commune: previous.doc, key: previous.catalogue.key, at }, () => {});
      } catch (again) {
        this.d.logger.error({ err: again }, "criteria: the counts could not be put back either; the next start rebuilds them");
      }
      this.failedKey = next.key;
      live.failed(next.key, this.d.clock.now(), "Chưa tính lại được tiến độ theo bộ tiêu chí mới, nên bộ tiêu chí cũ vẫn đang dùng. Hãy bấm “Áp dụng” lại sau ít phút; nếu vẫn lỗi, báo người quản lý máy chủ.");
    } finally {
      this.progress = undefined;
      this.waiting = false;
    }
  }

  view(): CriteriaAdminView {
    const doc = this.d.store.current();
    const live = this.d.live.current();
    const base = CATALOGUES[live.id]!;
    const library = communeCatalogue({ ...doc, criteria: { catalogue: live.id, exclude: [], include: base.optional.map((c) => c.id), extra: [] } });
    return {
      version: this.d.store.version(),
      choice: choiceOf(doc),
      catalogue: { id: live.id, version: live.version, title: live.title, source: live.source },
      library: library.criteria.filter((c) => c.origin !== "commune").map((c) => ({ ...criterionView(c), origin: c.origin === "optional" ? ("optional" as const) : ("catalogue" as const) })),
      active: { key: live.key, criteria: catalogueView(live, doc.target.percent).criteria },
      recount: this.recountView(),
      history: this.d.households.catalogueHistory().map((h) => ({ key: h.key, firstActiveAt: iso(h.firstActiveAt), criteria: h.criteria })),
    };
  }

  preview(choice: CriteriaChoiceInput): CriteriaPreview {
    const doc = this.d.store.current();
    const next = this.resolve(doc, choice);
    const cur = this.d.live.current();
    const changes = diff(cur, next);
    return {
      key: next.key,
      sameCounts: next.key === cur.key,
      criteria: catalogueView(next, doc.target.percent).criteria,
      changes,
      summary: summaryOf(changes),
      households: this.d.households.countActive(),
    };
  }

  adopt(actor: string, req: CriteriaAdoptRequest): CriteriaAdoptResponse {
    if (this.d.live.running()) {
      throw new ApiError("conflict", "Tiến độ các hộ đang được tính lại theo bộ tiêu chí vừa áp dụng. Đợi xong (thường dưới một phút) rồi sửa tiếp.");
    }
    const doc = this.d.store.current();
    const next = this.resolve(doc, req.choice);
    const changes = diff(this.d.live.current(), next);
    const summary = summaryOf(changes);
    const criteria = storedChoice(this.d.live.current().id, req.choice);
    const r = this.d.store.update("criteria", { ...doc, criteria }, { actor, baseVersion: req.baseVersion, summary: summary.length > 0 ? `Bộ tiêu chí: ${summary.join(" ")}` : "Bộ tiêu chí: áp dụng lại" });
    // The recount starts now (or the wording swaps); adopting the same set again after a failed recount starts it once more.
    this.failedKey = undefined;
    this.follow(this.d.store.current());
    return { version: r.version, key: next.key, summary, recount: this.recountView() };
  }

  private recountView(): CriteriaAdminView["recount"] {
    const s = this.d.live.state();
    return {
      state: s.state,
      ...(s.key ? { key: s.key } : {}),
      ...(s.since !== undefined ? { since: iso(s.since) } : {}),
      ...(s.message
        ? { message: s.message }
        : this.waiting
          ? { message: "Máy chủ đang bận ghi dữ liệu khác, sẽ tự thử lại trong ít phút…" }
          : s.state === "running" && this.progress
            ? { message: progressText(this.progress) }
            : {}),
    };
  }

  /** The set the choice gives, or a 400 whose every line an officer can act on. */
  private resolve(doc: CommuneConfig, choice: CriteriaChoiceInput): EffectiveCatalogue {
    const family = this.d.live.current().id;
    const issues = choiceProblems(family, choice);
    if (issues.length > 0) throw new ApiError("bad_request", issues.map((i) => i.message).join(" "), { issues });
    try {
      return communeCatalogue({ ...doc, criteria: storedChoice(family, choice) });
    } catch (err) {
      if (!(err instanceof CatalogueError)) throw err;
      throw new ApiError("bad_request", "Bộ tiêu chí này chưa dùng được: " + [...new Set(placeholderIssues(err.problems, choice).map((i) => i.message))].join(" "), {
        issues: placeholderIssues(err.problems, choice),
      });
    }
  }
}

/** The document's choice as the console edits it. */
function choiceOf(doc: CommuneConfig): CriteriaChoiceInput {
  const c = doc.criteria;
  return {
    exclude: [...(c?.exclude ?? [])],
    include: [...(c?.include ?? [])],
    relabel: { ...(c?.relabel ?? {}) },
    extra: (c?.extra ?? []).map((x) => ({ ...x, relevance: { ...x.relevance } })),
  };
}

/** The console's choice as the commune document keeps it (no empty relabel: an unchanged file stays the same document). */
function storedChoice(family: string, choice: CriteriaChoiceInput): CatalogueChoice {
  const relabel = Object.fromEntries(Object.entries(choice.relabel).filter(([, r]) => r.label !== undefined || r.help !== undefined));
  return { catalogue: family, exclude: [...new Set(choice.exclude)], include: [...new Set(choice.include)], extra: choice.extra, ...(Object.keys(relabel).length > 0 ? { relabel } : {}) };
}

/** What is wrong with a choice, in words an officer reads, before the catalogue resolves it. */
function choiceProblems(family: string, choice: CriteriaChoiceInput): { path: (string | number)[]; message: string }[] {
  const base = CATALOGUES[family]!;
  const defaults = new Set(base.criteria.map((c) => c.id));
  const optional = new Set(base.optional.map((c) => c.id));
  const out: { path: (string | number)[]; message: string }[] = [];
  choice.exclude.forEach((id, i) => {
    if (!defaults.has(id)) out.push({ path: ["choice", "exclude", i], message: `Tiêu chí ${quote(id)} không có trong bộ tiêu chí chung nên không bỏ được.` });
  });
  choice.include.forEach((id, i) => {
    if (!optional.has(id)) out.push({ path: ["choice", "include", i], message: `Tiêu chí ${quote(id)} không có trong danh sách tiêu chí thêm của tỉnh.` });
  });
  const inSet = new Set([...[...defaults].filter((id) => !choice.exclude.includes(id)), ...choice.include.filter((id) => optional.has(id))]);
  const own = new Set<string>();
  choice.extra.forEach((c, i) => {
    if (defaults.has(c.id) || optional.has(c.id) || own.has(c.id)) out.push({ path: ["choice", "extra", i, "id"], message: `Mã ${quote(c.id)} đã có tiêu chí khác dùng. Hãy đặt mã khác.` });
    own.add(c.id);
    inSet.add(c.id);
  });
  for (const id of Object.keys(choice.relabel)) {
    if (!inSet.has(id)) out.push({ path: ["choice", "relabel", id], message: `Tiêu chí ${quote(id)} không có trong bộ đang chọn nên không đổi tên được.` });
  }
  if (inSet.size === 0) out.push({ path: ["choice"], message: "Bộ tiêu chí không được để trống: hãy giữ ít nhất một tiêu chí." });
  return out;
}

type Change = CriteriaPreview["changes"][number];

function diff(cur: EffectiveCatalogue, next: EffectiveCatalogue): Change[] {
  const out: Change[] = [];
  for (const c of next.criteria) {
    const o = cur.byId.get(c.id);
    if (!o) out.push({ kind: "added", id: c.id, label: c.label });
    else if (o.label !== c.label) out.push({ kind: "relabelled", id: c.id, label: c.label, before: o.label, after: c.label });
    else if (o.help !== c.help || o.pillar !== c.pillar || JSON.stringify(o.relevance) !== JSON.stringify(c.relevance)) out.push({ kind: "changed", id: c.id, label: c.label, before: o.help, after: c.help });
  }
  for (const o of cur.criteria) if (!next.byId.has(o.id)) out.push({ kind: "removed", id: o.id, label: o.label });
  return out;
}

function summaryOf(changes: readonly Change[]): string[] {
  return changes.map((c) => {
    switch (c.kind) {
      case "added":
        return `Thêm tiêu chí ${quote(c.label)}.`;
      case "removed":
        return `Bỏ tiêu chí ${quote(c.label)}.`;
      case "relabelled":
        return `Đổi tên ${quote(c.before!)} thành ${quote(c.after!)}.`;
      case "changed":
        return `Sửa phần giải thích hoặc đối tượng áp dụng của ${quote(c.label)}.`;
    }
  });
}

function progressText(p: { phase: "read" | "write"; done: number }): string {
  const n = p.done.toLocaleString("vi-VN");
  return p.phase === "read" ? `Đang đọc câu trả lời của các hộ (${n} hộ thay đổi)…` : `Đang ghi tiến độ mới (${n} hộ)…`;
}

const PLACEHOLDER_HELP =
  "chỗ trong ngoặc nhọn {{…}} chỉ được là {{commune.name}} (tên xã), {{commune.kind}} (xã/phường), {{province.name}} (tên tỉnh), {{provinceApp.name}} (ứng dụng của tỉnh), {{oa.name}} (trang Zalo của xã) hoặc {{hotline.province}} (đường dây nóng); hoặc bỏ dấu ngoặc nhọn.";

/** The catalogue's own problems (English, "criterion <id> label: …"), as the fields an officer fixes. */
function placeholderIssues(problems: readonly string[], choice: CriteriaChoiceInput): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  for (const p of problems) {
    const m = /^criterion ([a-z0-9-]+) (label|help):/.exec(p);
    if (!m) {
      out.push({ path: ["choice"], message: "Hãy kiểm tra lại các tiêu chí đã chọn." });
      continue;
    }
    const [, id, field] = m as unknown as [string, string, "label" | "help"];
    const i = choice.extra.findIndex((c) => c.id === id);
    const path = i >= 0 ? ["choice", "extra", i, field] : ["choice", "relabel", id, field];
    out.push({ path, message: `${field === "label" ? "Tên" : "Phần giải thích"} của tiêu chí ${quote(id)}: ${PLACEHOLDER_HELP}` });
  }
  return out;
}
