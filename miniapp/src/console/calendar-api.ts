/** The team calendar's calls (bot/chat/team-routes.ts), typed by shared/contracts/team.ts. */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";
import type { TeamCalendar, TeamSessionChangeResult, TeamSessionView } from "../../../shared/contracts/team";

export type { TeamCalendar, TeamSessionChangeResult, TeamSessionView };

/** What the form sends (the contract's TeamSessionCreate / TeamSessionUpdate input). */
export interface SessionFields {
  villageId: string;
  date: string;
  start: string;
  end: string;
  place: string;
  procedures: string[];
  papers: string[];
  note: string | null;
  allowOverlap?: boolean;
}

export function calendarEndpoints(api: ApiClient) {
  return {
    calendar: (from: string, to: string) => api.call<TeamCalendar>("GET", `/api/officer/team-sessions?from=${from}&to=${to}`),
    create: (f: SessionFields) => api.call<TeamSessionChangeResult>("POST", "/api/officer/team-sessions", f),
    update: (sid: number, f: Omit<SessionFields, "villageId">) => api.call<TeamSessionChangeResult>("PATCH", `/api/officer/team-sessions/${id(sid)}`, f),
    cancel: (sid: number, reason: string) => api.call<TeamSessionChangeResult>("POST", `/api/officer/team-sessions/${id(sid)}/cancel`, reason ? { reason } : {}),
  };
}
