/**
 * Types of the API the mini app calls: the bot's contracts (shared/contracts, types only: zod stays
 * out of the bundle) plus the mini app's own routes served by bot/ops/miniapp-static.ts.
 */
export type { LoginResponse, Me } from "../../../shared/contracts/auth";
import type { Channel } from "../../../shared/contracts/broadcasts";
import type { HouseholdFlag } from "../../../shared/criteria/schema";
export type { AnswerValue } from "../../../shared/criteria/schema";
export type HouseholdFlags = Record<HouseholdFlag, boolean>;
export type {
  AnswersResponse,
  CatalogueView,
  HouseholdView,
  InviteResponse,
  VillageHouseholdsResponse,
} from "../../../shared/contracts/households";
export type {
  CommuneDashboard,
  TrendResponse,
  VillageDashboard,
  VillageReportRequest,
  VillageReportView,
  VillageReportsOverview,
  VillageStandings,
  WeekReport,
} from "../../../shared/contracts/reports";

export interface VillageItem {
  id: string;
  name: string;
  kind: string;
  officialHouseholds: number | null;
}

/** GET /miniapp/config.json (bot/ops/miniapp-static.ts miniAppConfig). */
export interface MiniAppConfig {
  commune: { name: string; kind: string; province: string };
  oa: { id: string; name: string };
  provinceApp: { name: string };
  miniApp: { url: string | null };
  /** Optional: an older bot does not send it. */
  privacy?: { retentionDays: number };
  guides: { id: string; title: string }[];
  sandbox: { people: { label: string; zaloUserId: string }[] } | null;
}

/** GET /miniapp/guides/:id.json (bot/ops/miniapp-static.ts guideForMiniApp). */
export interface GuideView {
  id: string;
  title: string;
  summary: string;
  steps: { text: string; image?: { url: string; alt: string }; link?: { title: string; url: string } }[];
}

/** The chat officers' routes (bot/chat/officer-routes.ts, bot/chat/conversation-repo.ts). */
export interface FunnelRow {
  guideId: string;
  title: string;
  started: number;
  finished: number;
  left: number;
  open: number;
  /** reached[k] = sessions that reached step k+1 */
  reached: number[];
}
export interface UnmatchedQuestion {
  id: number;
  text: string;
  createdAt: number;
  /** The sender's village, when the chat or their household knows it (optional: an older bot does not send it). */
  villageId?: string | null;
  /** What the bot replied, and when. */
  reply?: { text: string; at: number } | null;
}

/** Officers' broadcasts (bot/broadcasts/officer-routes.ts). */
export type BroadcastChannel = Channel;
export type BroadcastAudience =
  | { kind: "village_groups" | "village_heads" | "residents"; villageIds?: string[] }
  | { kind: "households_missing"; criterionId: string; villageIds?: string[] };
export interface BroadcastRow {
  id: number;
  title: string;
  text: string;
  audience: string;
  status: "draft" | "scheduled" | "queued";
  sendAt: number | null;
  createdBy: string;
  createdAt: number;
  queuedAt: number | null;
}
export interface BroadcastDeliveryRow {
  targetKind: string;
  targetId: string;
  villageId: string | null;
  channel: BroadcastChannel;
  reason: string;
  status: string | null;
  errorCode: number | string | null;
  errorMessage: string | null;
  receivedAt: number | null;
  seenAt: number | null;
}
export interface BroadcastReport {
  broadcast: BroadcastRow;
  summary: { total: number; sent: number; received: number; seen: number; refused: number; pending: number; relayed: number; unreachable: number; byChannel: Record<string, number> };
  deliveries: BroadcastDeliveryRow[];
}
