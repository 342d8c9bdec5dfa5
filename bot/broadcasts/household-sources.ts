import type { CommuneConfig } from "../config/commune";
import type { HouseholdServices } from "../households/module";
import { weekAt } from "../reports/iso-week";
import type { HouseholdGapSource } from "./audience";
import type { ReportSignals } from "./schedule-content";

/**
 * Household data for broadcasts: who still misses what (nudges, "households missing X" audiences),
 * whose Friday report is missing, and the village ranking.
 */
export function householdSources(gds: HouseholdServices, commune: CommuneConfig): { gaps: HouseholdGapSource; reports: ReportSignals } {
  const gaps: HouseholdGapSource = {
    missing(criterionId, villageIds) {
      const villages = commune.villages.filter((v) => !villageIds || villageIds.includes(v.id));
      const out: ReturnType<HouseholdGapSource["missing"]> = [];
      for (const v of villages) {
        for (const h of gds.householdsRepo.villageHouseholds(v.id)) {
          if (h.status !== "active") continue;
          const userIds = gds.householdsRepo.members(h.id).flatMap((m) => (m.oaUserId ? [m.oaUserId] : []));
          if (userIds.length === 0) continue;
          const state = gds.households.householdForOaUser(userIds[0]!);
          const criterion = criterionId ? state?.missing.find((c) => c.id === criterionId) : state?.missing[0];
          if (!criterion) continue;
          out.push({ householdId: `household:${h.id}`, villageId: v.id, userIds, criterion: { id: criterion.id, label: criterion.label, guideId: criterion.guideId } });
        }
      }
      return out;
    },
  };
  const reports: ReportSignals = {
    villagesWithoutReport(now) {
      return gds.villageReports
        .overview(weekAt(now, commune.commune.timezone))
        .items.filter((i) => i.state === "missing")
        .map((i) => i.villageId);
    },
    ranking() {
      // The same ranking residents see (totals only).
      return gds.reports.villageStandings().items.map((v) => ({ villageId: v.villageId, name: v.name, percent: v.fullyMetPercent ?? 0, needed: v.needed }));
    },
  };
  return { gaps, reports };
}
