import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { Guide } from "../../shared/guides";
import type { Db } from "../db/connection";
import { guideVersions, guides, legalTips } from "../db/schema";

export type GuideRow = typeof guides.$inferSelect;
export type GuideVersionRow = typeof guideVersions.$inferSelect;
export type LegalTipRow = typeof legalTips.$inferSelect;

export interface NewVersion {
  guideId: string;
  doc: Guide;
  hash: string;
  source: "shipped" | "commune";
  actor: string;
  at: number;
  note: string | null;
}

/** SQL for guides, their versions and the legal tips. Callers wrap several calls in `transaction`. */
export class GuidesRepo {
  constructor(private readonly db: Db) {}

  transaction<T>(fn: () => T): T {
    return this.db.transaction(() => fn());
  }

  /** True inside a transaction (this one's or a caller's, e.g. the commune file's import): not committed yet. */
  inTransaction(): boolean {
    return this.db.$client.inTransaction;
  }

  heads(): GuideRow[] {
    return this.db.select().from(guides).orderBy(asc(guides.id)).all();
  }

  head(id: string): GuideRow | undefined {
    return this.db.select().from(guides).where(eq(guides.id, id)).get();
  }

  /** The current version of every guide, in the order the guides were first added. */
  currentDocs(): { guideId: string; version: number; doc: Guide }[] {
    const rows = this.db
      .select({ guideId: guideVersions.guideId, version: guideVersions.version, doc: guideVersions.doc, id: guideVersions.id })
      .from(guides)
      .innerJoin(guideVersions, and(eq(guideVersions.guideId, guides.id), eq(guideVersions.version, guides.currentVersion)))
      .all();
    const firstSeen = new Map(
      this.db
        .select({ guideId: guideVersions.guideId, id: guideVersions.id })
        .from(guideVersions)
        .where(eq(guideVersions.version, 1))
        .all()
        .map((r) => [r.guideId, r.id]),
    );
    return rows
      .sort((a, b) => (firstSeen.get(a.guideId) ?? a.id) - (firstSeen.get(b.guideId) ?? b.id))
      .map((r) => ({ guideId: r.guideId, version: r.version, doc: JSON.parse(r.doc) as Guide }));
  }

  version(id: string, version: number): GuideVersionRow | undefined {
    return this.db
      .select()
      .from(guideVersions)
      .where(and(eq(guideVersions.guideId, id), eq(guideVersions.version, version)))
      .get();
  }

  /** Every version of a guide, newest first. */
  versions(id: string): GuideVersionRow[] {
    return this.db.select().from(guideVersions).where(eq(guideVersions.guideId, id)).orderBy(desc(guideVersions.version)).all();
  }

  /** Adds a version (the next number) and returns its number. */
  addVersion(v: NewVersion): number {
    const last = this.db.select({ version: guideVersions.version }).from(guideVersions).where(eq(guideVersions.guideId, v.guideId)).orderBy(desc(guideVersions.version)).limit(1).get();
    const version = (last?.version ?? 0) + 1;
    this.db
      .insert(guideVersions)
      .values({ guideId: v.guideId, version, doc: JSON.stringify(v.doc), hash: v.hash, source: v.source, actor: v.actor, at: v.at, note: v.note })
      .run();
    return version;
  }

  insertHead(row: GuideRow): void {
    this.db.insert(guides).values(row).run();
  }

  updateHead(id: string, set: Partial<Omit<GuideRow, "id">>): void {
    this.db.update(guides).set(set).where(eq(guides.id, id)).run();
  }

  // ---- legal tips

  legalTips(includeRetired: boolean): LegalTipRow[] {
    return this.db
      .select()
      .from(legalTips)
      .where(includeRetired ? undefined : isNull(legalTips.retiredAt))
      .orderBy(asc(legalTips.position), asc(legalTips.id))
      .all();
  }

  legalTip(id: number): LegalTipRow | undefined {
    return this.db.select().from(legalTips).where(eq(legalTips.id, id)).get();
  }

  countLegalTips(): number {
    return this.db.$client.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM legal_tips").get()!.n;
  }

  addLegalTip(t: { title: string; text: string; at: number; by: string }): LegalTipRow {
    const last = this.db.$client.prepare<[], { p: number | null }>("SELECT MAX(position) AS p FROM legal_tips").get()!.p;
    return this.db
      .insert(legalTips)
      .values({ title: t.title, text: t.text, position: (last ?? 0) + 1, retiredAt: null, createdAt: t.at, createdBy: t.by, updatedAt: t.at, updatedBy: t.by })
      .returning()
      .get();
  }

  updateLegalTip(id: number, set: Partial<Pick<LegalTipRow, "title" | "text" | "retiredAt" | "updatedAt" | "updatedBy">>): LegalTipRow | undefined {
    return this.db.update(legalTips).set(set).where(eq(legalTips.id, id)).returning().get();
  }
}
