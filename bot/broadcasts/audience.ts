/** Who a broadcast is for: the schema is the officers' API contract (shared/contracts/broadcasts.ts). */
export { audienceSchema, type Audience } from "../../shared/contracts/broadcasts";

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
