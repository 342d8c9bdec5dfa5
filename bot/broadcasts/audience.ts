import { z } from "zod";

const villageIds = z.array(z.string().min(1)).min(1).optional();

/** Who a broadcast is for; parsed with zod wherever it comes in (officers' API, schedules). */
export const audienceSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("village_groups"), villageIds }),
  z.strictObject({ kind: z.literal("village_heads"), villageIds }),
  z.strictObject({ kind: z.literal("volunteers"), villageIds }),
  z.strictObject({ kind: z.literal("officers") }),
  z.strictObject({ kind: z.literal("residents"), villageIds }),
  /** Residents who wrote to the OA within Zalo's 7-day window (a consultation message reaches each). */
  z.strictObject({ kind: z.literal("recent_residents"), villageIds }),
  z.strictObject({ kind: z.literal("households_missing"), criterionId: z.string().min(1), villageIds }),
]);

export type Audience = z.infer<typeof audienceSchema>;

/** Households that have not met a criterion, with the OA users linked to each (the households module provides it). */
export interface HouseholdGapSource {
  /** Per household: its village, its members' OA user ids, and the first criterion it still misses (or the one asked). */
  missing(criterionId: string | undefined, villageIds: readonly string[] | undefined): {
    householdId: string;
    villageId: string;
    userIds: string[];
    criterion: { id: string; label: string; guideId: string | undefined };
  }[];
}

/** Residents the chat knows the village of. */
export interface ResidentDirectory {
  residents(villageIds?: readonly string[]): { userId: string; villageId: string }[];
}

/** The Zalo group registry as the channel planner sees it (the groups module provides it). */
export interface GroupStateSource {
  /** Why a group cannot be posted into now (deleted, disabled, not the OA's), in Vietnamese; undefined if it can. */
  unusable(groupId: string): string | undefined;
}
