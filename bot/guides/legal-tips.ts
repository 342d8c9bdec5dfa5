import type { LegalTipList, LegalTipView } from "../../shared/contracts/guides";
import { ApiError } from "../auth/api-error";
import type { AuditLog } from "../audit/audit-log";
import { LEGAL_TIPS, legalTipOfWeek, type LegalTip, type LegalTipSource } from "../broadcasts/legal-tips";
import type { Clock } from "../clock";
import type { GuidesRepo, LegalTipRow } from "./guides-repo";

const iso = (ms: number) => new Date(ms).toISOString();
const view = (r: LegalTipRow): LegalTipView => ({ id: r.id, title: r.title, text: r.text, position: r.position, retired: r.retiredAt !== null, updatedAt: iso(r.updatedAt), updatedBy: r.updatedBy });
const content = (r: LegalTipRow) => ({ title: r.title, text: r.text, retired: r.retiredAt !== null });

/**
 * The weekly legal tips in the database: seeded from bot/broadcasts/legal-tips.ts on first start,
 * then listed, added, edited and retired by officers (audited with before/after). The weekly schedule
 * reads `active()` when it sends, so a change applies to the next send without a restart.
 */
export class LegalTipService implements LegalTipSource {
  constructor(
    private readonly repo: GuidesRepo,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** First start: the shipped list becomes the commune's (never again: retired tips stay retired). */
  seed(seed: readonly LegalTip[] = LEGAL_TIPS): number {
    return this.repo.transaction(() => {
      if (this.repo.countLegalTips() > 0) return 0;
      const at = this.clock.now();
      for (const t of seed) this.repo.addLegalTip({ title: t.title, text: t.text, at, by: "nhà phát triển" });
      return seed.length;
    });
  }

  active(): LegalTip[] {
    return this.repo.legalTips(false).map((r) => ({ title: r.title, text: r.text }));
  }

  list(): LegalTipList {
    const rows = this.repo.legalTips(true);
    const next = legalTipOfWeek(this, this.clock.now());
    const active = rows.filter((r) => r.retiredAt === null);
    const nextRow = next ? active.find((r) => r.title === next.title && r.text === next.text) : undefined;
    return { items: rows.map(view), nextId: nextRow?.id ?? null };
  }

  add(t: { title: string; text: string }, actor: string): LegalTipView {
    return this.repo.transaction(() => {
      const row = this.repo.addLegalTip({ ...t, at: this.clock.now(), by: actor });
      this.audit.record({ actor, action: "legal_tip.add", target: `legal_tip:${row.id}`, after: content(row) });
      return view(row);
    });
  }

  edit(id: number, t: { title: string; text: string }, actor: string): LegalTipView {
    return this.change(id, actor, "legal_tip.edit", { title: t.title, text: t.text });
  }

  retire(id: number, actor: string): LegalTipView {
    const row = this.repo.legalTip(id);
    if (row && row.retiredAt === null && this.repo.legalTips(false).length === 1) {
      throw new ApiError("conflict", "Đây là mục cuối cùng đang dùng: thêm một mục khác trước khi thôi dùng mục này.");
    }
    return this.change(id, actor, "legal_tip.retire", { retiredAt: this.clock.now() });
  }

  restore(id: number, actor: string): LegalTipView {
    return this.change(id, actor, "legal_tip.restore", { retiredAt: null });
  }

  private change(id: number, actor: string, action: string, set: { title?: string; text?: string; retiredAt?: number | null }): LegalTipView {
    return this.repo.transaction(() => {
      const before = this.repo.legalTip(id);
      if (!before) throw new ApiError("not_found", "Không có mục pháp luật này.");
      const after = this.repo.updateLegalTip(id, { ...set, updatedAt: this.clock.now(), updatedBy: actor })!;
      this.audit.record({ actor, action, target: `legal_tip:${id}`, before: content(before), after: content(after) });
      return view(after);
    });
  }
}
