/**
 * Officers' broadcasts (bot/broadcasts/officer-routes.ts): who a broadcast is for, the channels Zalo
 * offers, and the plan shown before anything is created. Shared by the bot and the console; the mini
 * app imports types only (zod stays out of its bundle).
 */
import { z } from "zod";

/** Group post, consultation message (7-day window), promotion, relay through the village head, nobody. */
export type Channel = "group" | "cs" | "promotion" | "relay" | "none";

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
export type AudienceKind = Audience["kind"];

/** What an officer sees before anything is created: who gets what, the exact texts, and the sentence to confirm. */
export interface DraftPlan {
  counts: Record<Channel, number>;
  total: number;
  /** Village heads asked to pass the message on, the recipients they reach, and the relayed recipients whose head Zalo cannot reach either. */
  relay: { heads: number; recipients: number; stuck: number };
  /** Why nobody would get it, in Vietnamese; null when someone does. */
  empty: string | null;
  /** The exact text each channel carries (only the channels this audience uses). */
  texts: { group?: string; cs?: string; promotion?: string; relay?: { villageName: string; text: string } };
  /** "Gửi tới 12 nhóm Zalo thôn, 3 trưởng thôn chuyển tiếp, lúc 14:00 thứ Sáu 4/12". */
  confirmation: string;
}
