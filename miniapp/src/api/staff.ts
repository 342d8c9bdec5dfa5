/** The API calls of village heads' and officers' screens (loaded with those screens only). */
import type { ApiClient } from "./client";
import { ApiError } from "./client";
import { id } from "./endpoints";
import type {
  BroadcastAudience,
  BroadcastChannel,
  BroadcastReport,
  BroadcastRow,
  CommuneDashboard,
  FunnelRow,
  HouseholdView,
  TrendResponse,
  UnmatchedQuestion,
  VillageHouseholdsResponse,
  VillageReportRequest,
  VillageReportView,
  VillageReportsOverview,
  WeekReport,
} from "./types";

export function staffEndpoints(api: ApiClient) {
  return {
    verify: (hid: number, b: { criterionId: string; verified: boolean; idempotencyKey: string }) =>
      api.call<{ outcome: string; household: HouseholdView }>("POST", `/api/households/${hid}/verifications`, b),

    villageHouseholds: (vid: string, q: { missing?: string; incomplete?: boolean; after?: number; limit?: number } = {}) => {
      const p = new URLSearchParams();
      if (q.missing) p.set("missing", q.missing);
      if (q.incomplete !== undefined) p.set("incomplete", String(q.incomplete));
      if (q.after) p.set("after", String(q.after));
      p.set("limit", String(q.limit ?? 200));
      return api.call<VillageHouseholdsResponse>("GET", `/api/villages/${id(vid)}/households?${p}`);
    },
    report: async (vid: string): Promise<VillageReportView | null> => {
      try {
        return await api.call<VillageReportView>("GET", `/api/villages/${id(vid)}/reports/current`);
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
    submitReport: (vid: string, b: VillageReportRequest) => api.call<VillageReportView>("PUT", `/api/villages/${id(vid)}/reports/current`, b),
    reportsOverview: () => api.call<VillageReportsOverview>("GET", "/api/reports/village-reports"),

    commune: () => api.call<CommuneDashboard>("GET", "/api/commune/dashboard"),
    week: (week = "current") => api.call<WeekReport>("GET", `/api/reports/weeks/${id(week)}`),
    trend: (weeks = 12) => api.call<TrendResponse>("GET", `/api/reports/trend?weeks=${weeks}`),
    exportXlsx: async (week = "current") => {
      const res = await api.send("GET", `/api/exports/${id(week)}.xlsx`, undefined, api.session() ?? (await api.login()).session);
      const m = (res.headers.get("content-disposition") ?? "").match(/filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i);
      return { data: await res.arrayBuffer(), type: res.headers.get("content-type") ?? "application/octet-stream", filename: m ? decodeURIComponent(m[1] ?? m[2] ?? "") : undefined };
    },

    broadcasts: () => api.call<BroadcastRow[]>("GET", "/api/officer/broadcasts"),
    createBroadcast: (b: { title: string; text: string; audience: BroadcastAudience }) =>
      api.call<BroadcastRow & { preview: Record<BroadcastChannel, number> }>("POST", "/api/officer/broadcasts", b),
    sendBroadcast: (bid: number) => api.call<{ queued: boolean; counts: Record<BroadcastChannel, number> }>("POST", `/api/officer/broadcasts/${bid}/send`),
    broadcastReport: (bid: number) => api.call<BroadcastReport>("GET", `/api/officer/broadcasts/${bid}/report`),

    /** Whether sending is paused, why, and the recent pauses (GET); "Gửi tiếp" with `"resume"` (POST). */
    sendingPause: <T>(action?: "resume") => api.call<T>(action ? "POST" : "GET", `/api/officer/outbox/${action ?? "pause"}`),

    /** Each village's Zalo groups: state and members against the limit (GET /api/officer/groups). */
    villageGroups: <T>() => api.call<T>("GET", "/api/officer/groups"),

    funnel: (days = 30) => api.call<FunnelRow[]>("GET", `/api/officer/chat/funnel?days=${days}`),
    unmatched: () => api.call<UnmatchedQuestion[]>("GET", "/api/officer/chat/unmatched"),
    mapUnmatched: (qid: number, guideId: string | null) => api.call<{ ok: true }>("POST", `/api/officer/chat/unmatched/${qid}/map`, { guideId }),

    /** The officer's phone lets a PC in: the text of the QR code the PC's login page shows (/console/). */
    inspectConsoleLogin: (code: string) => api.call<{ device: string; requestedAt: string; expiresAt: string }>("POST", "/api/console/login-requests/inspect", { code }),
    approveConsoleLogin: (code: string) => api.call<{ ok: true }>("POST", "/api/console/login-requests/approve", { code }),
  };
}

export type StaffEndpoints = ReturnType<typeof staffEndpoints>;

const made = new WeakMap<ApiClient, StaffEndpoints>();
/** One set per client. */
export function staffFor(api: ApiClient): StaffEndpoints {
  let e = made.get(api);
  if (!e) made.set(api, (e = staffEndpoints(api)));
  return e;
}
