import type { CommuneConfig } from "../config/commune";
import type { HouseholdServices } from "../households/module";
import { weekAt, weekLabel } from "../reports/iso-week";
import type { HouseholdGapSource } from "./audience";
import type { ReportSignals } from "./schedule-content";

/**
 * Household data for broadcasts: who still misses what (nudges, "households missing X" audiences),
 * whose Friday report is missing, and the village ranking.
 */
export function householdSources(gds: HouseholdServices, commune: CommuneConfig): { gaps: HouseholdGapSource; reports: ReportSignals } {
  const gaps: HouseholdGapSource = {
    // Set-based: one query per village over all its households (not one per household).
    missing(criterionId, villageIds) {
      const villages = commune.villages.filter((v) => !villageIds || villageIds.includes(v.id));
      return gds.reports.householdGaps(
        villages.map((v) => v.id),
        criterionId,
      ).flatMap((g) => {
        const c = gds.catalogue.byId.get(g.criterionId);
        return c ? [{ householdId: `household:${g.householdId}`, villageId: g.villageId, userIds: g.userIds, criterion: { id: c.id, label: c.label, guideId: c.guideId } }] : [];
      });
    },
  };
  const reports: ReportSignals = {
    thisWeek(now) {
      const o = gds.villageReports.overview(weekAt(now, commune.commune.timezone));
      return { label: weekLabel(o.week), dueAt: Date.parse(o.dueAt), notReported: o.items.filter((i) => i.state === "missing" || i.state === "pending").map((i) => i.villageId) };
    },
    villagesWithoutReport(now) {
      return gds.villageReports
        .overview(weekAt(now, commune.commune.timezone))
        .items.filter((i) => i.state === "missing")
        .map((i) => i.villageId);
    },
    ranking() {
      // The same ranking residents see (totals only), on the commune's basis (self-declared or verified).
      const standings = gds.reports.villageStandings();
      return standings.items.map((v) => ({
        villageId: v.villageId,
        name: v.name,
        rank: v.rank,
        verified: standings.basis === "verified",
        percent: (standings.basis === "verified" ? v.fullyMetVerifiedPercent : v.fullyMetPercent) ?? 0,
        needed: v.needed,
      }));
    },
    segments() {
      // Each segment commune-wide against its target, on the commune's basis (none when the commune defines none).
      return gds.reports.segmentStandings();
    },
  };
  return { gaps, reports };
}
