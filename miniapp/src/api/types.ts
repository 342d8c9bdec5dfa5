/**
 * Types of the API the mini app calls: the bot's contracts (shared/contracts, types only: zod stays
 * out of the bundle) plus the mini app's own routes served by bot/ops/miniapp-static.ts.
 */
export type { LoginResponse, Me } from "../../../shared/contracts/auth";
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
}
