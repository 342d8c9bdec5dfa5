import type { SegmentSource } from "../reports/snapshots";
import type { SegmentsRepo } from "./segments-repo";
import { segmentFigures } from "./segments-service";

/**
 * What the reports read of the segments (the weekly workbook, the freeze, the Friday ranking), given
 * to them at composition (bot/services.ts): the active segments, their kept counts (agg_segment_village,
 * a few rows per segment and village) and the segments' own rule for figures against a target.
 */
export function segmentReportSource(repo: SegmentsRepo): SegmentSource {
  return {
    definitions: () =>
      repo
        .all()
        .filter((s) => s.status === "active")
        .map((s) => ({ id: s.id, name: s.name, targetPercent: s.targetPercent, position: s.position })),
    counts: () => repo.counts(),
    figures: segmentFigures,
  };
}
