/** The calls only the PC console makes (tickets, reporting completeness, PC sessions), typed as the bot answers. */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";
import type { ReportingCompleteness } from "../../../shared/contracts/reports";
import type { AssigneeRole, TicketDetail, TicketList, TicketStatus, TicketView } from "../../../shared/contracts/tickets";
import type { BroadcastReport, BroadcastRow, CommuneDashboard, TrendResponse, VillageItem, VillageReportsOverview } from "../api/types";

export type { ReportingCompleteness };

export type { AssigneeRole, TicketDetail, TicketList, TicketStatus };
/** A ticket as listed (shared/contracts/tickets.ts). */
export type Ticket = TicketView;

export interface RemindResult {
  broadcastId: number;
  villageIds: string[];
  counts: Record<string, number>;
}

export interface ConsoleSessionRow {
  sid: string;
  appUserId: string;
  name: string | null;
  via: string;
  device: string | null;
  createdAt: string;
  endsAt: string;
  lastSeenAt: string;
}

/**
 * Also the few officers' calls of api/staff.ts and api/more.ts the console needs, repeated here: importing
 * those modules would move them into chunks of their own, which the household's first download names.
 */
export function consoleEndpoints(api: ApiClient) {
  return {
    villages: () => api.call<{ items: VillageItem[] }>("GET", "/api/villages"),
    commune: () => api.call<CommuneDashboard>("GET", "/api/commune/dashboard"),
    trend: (weeks = 12) => api.call<TrendResponse>("GET", `/api/reports/trend?weeks=${weeks}`),
    reportsOverview: () => api.call<VillageReportsOverview>("GET", "/api/reports/village-reports"),
    broadcasts: () => api.call<BroadcastRow[]>("GET", "/api/officer/broadcasts"),
    broadcastReport: (bid: number) => api.call<BroadcastReport>("GET", `/api/officer/broadcasts/${id(bid)}/report`),
    villageGroups: <T>() => api.call<T>("GET", "/api/officer/groups"),

    tickets: (q: { status?: TicketStatus[]; village?: string; limit?: number }) => {
      const p = new URLSearchParams();
      if (q.status?.length) p.set("status", q.status.join(","));
      if (q.village) p.set("village", q.village);
      p.set("limit", String(q.limit ?? 100));
      return api.call<TicketList>("GET", `/api/officer/tickets?${p}`);
    },
    ticket: (tid: number) => api.call<TicketDetail>("GET", `/api/officer/tickets/${id(tid)}`),
    answer: (tid: number, text: string, idempotencyKey: string) => api.call<Ticket>("POST", `/api/officer/tickets/${id(tid)}/answer`, { text, idempotencyKey }),
    assign: (tid: number, role: AssigneeRole, name: string) => api.call<Ticket>("POST", `/api/officer/tickets/${id(tid)}/assign`, { role, name }),
    setStatus: (tid: number, status: TicketStatus) => api.call<Ticket>("POST", `/api/officer/tickets/${id(tid)}/status`, { status }),

    completeness: (weeks = 8) => api.call<ReportingCompleteness>("GET", `/api/reports/completeness?weeks=${weeks}`),
    remindMissing: () => api.call<RemindResult>("POST", "/api/officer/reports/remind-missing"),

    sessions: () => api.call<{ items: ConsoleSessionRow[] }>("GET", "/api/admin/console-sessions"),
    endSession: (sid: string) => api.call<{ ok: true }>("DELETE", `/api/admin/console-sessions/${id(sid)}`),
  };
}

export type ConsoleEndpoints = ReturnType<typeof consoleEndpoints>;
