import type { Guide } from "../../shared/guides";
import type { AuditLog } from "../audit/audit-log";
import { contentHash } from "./canonical";
import type { GuidesRepo } from "./guides-repo";

/** Who shipped content is from, in the versions list. */
export const SHIPPED_ACTOR = "nhà phát triển";

export interface ShippedSyncReport {
  /** Guides seen for the first time (first start, or a new shipped guide). */
  added: string[];
  /** Unedited guides moved to the new shipped content. */
  updated: string[];
  /** Edited guides whose shipped update waits for the officers ("có bản cập nhật từ nhà phát triển"). */
  pending: string[];
}

/**
 * The data migration of shipped guides, run at every start: a guide never seen is added (version 1);
 * a shipped guide whose content changed since the last shipped version recorded is added as a new
 * version, made current only when the commune had not edited the guide (its current content is the
 * last shipped one); otherwise the commune's version stays and the update waits for review. One
 * transaction; never overwrites a commune's edit.
 */
export function syncShippedGuides(repo: GuidesRepo, shipped: readonly Guide[], at: number, audit?: AuditLog): ShippedSyncReport {
  const report: ShippedSyncReport = { added: [], updated: [], pending: [] };
  repo.transaction(() => {
    for (const g of shipped) {
      const hash = contentHash(g);
      const head = repo.head(g.id);
      if (!head) {
        const version = repo.addVersion({ guideId: g.id, doc: g, hash, source: "shipped", actor: SHIPPED_ACTOR, at, note: "Bản đi kèm phần mềm" });
        repo.insertHead({ id: g.id, currentVersion: version, shippedHash: hash, pendingVersion: null, updatedAt: at });
        report.added.push(g.id);
        continue;
      }
      if (head.shippedHash === hash) continue;
      const current = repo.version(g.id, head.currentVersion)!;
      const unedited = current.hash === head.shippedHash;
      const version = repo.addVersion({ guideId: g.id, doc: g, hash, source: "shipped", actor: SHIPPED_ACTOR, at, note: "Bản cập nhật từ nhà phát triển" });
      if (unedited) {
        repo.updateHead(g.id, { currentVersion: version, shippedHash: hash, pendingVersion: null, updatedAt: at });
        audit?.record({ actor: SHIPPED_ACTOR, action: "guide.shipped_update", target: `guide:${g.id}`, before: JSON.parse(current.doc), after: g, note: { version, applied: true } });
        report.updated.push(g.id);
      } else {
        repo.updateHead(g.id, { shippedHash: hash, pendingVersion: version, updatedAt: at });
        audit?.record({ actor: SHIPPED_ACTOR, action: "guide.shipped_update", target: `guide:${g.id}`, note: { version, applied: false, reason: "edited by the commune" } });
        report.pending.push(g.id);
      }
    }
  });
  return report;
}
