/**
 * The dashboards' calls (GET /api/reports/dash/:view and its Excel), the guides and actions a ticket's
 * question may be mapped to, and the mapping itself (the chat's officer route, which teaches the matcher).
 */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";
import type { DashTable, DashView } from "../../../shared/contracts/reports";
import { saveDownload } from "./download";

export type { DashTable, DashView };

export interface DashQuery {
  village?: string;
  weeks?: number;
  sort?: { key: string; desc: boolean };
}

export interface GuideChoice {
  id: string;
  title: string;
}

const qs = (q: DashQuery) => {
  const p = new URLSearchParams();
  if (q.village) p.set("village", q.village);
  if (q.weeks) p.set("weeks", String(q.weeks));
  if (q.sort) {
    p.set("sort", q.sort.key);
    p.set("desc", q.sort.desc ? "1" : "0");
  }
  const s = p.toString();
  return s ? `?${s}` : "";
};

/** The key a dashboard is cached under (the screen sorts it itself: the order is not part of it). */
export const dashKey = (view: DashView, q: DashQuery) => `dash:${view}:${q.village ?? ""}:${q.weeks ?? ""}`;

export function dashEndpoints(api: ApiClient) {
  return {
    table: (view: DashView, q: DashQuery = {}) => api.call<DashTable>("GET", `/api/reports/dash/${id(view)}${qs({ ...q, sort: undefined })}`),
    /** The table as shown (its order included), as an .xlsx the browser saves. */
    excel: (view: DashView, q: DashQuery): Promise<string> => saveDownload(api, `/api/reports/dash/${id(view)}/excel${qs(q)}`, `gia-dinh-so-${view}.xlsx`),
    guides: () => api.call<{ id: string; title: string; steps: number }[]>("GET", "/api/officer/chat/guides"),
    intents: () => api.call<{ id: string; intent: string; label: string }[]>("GET", "/api/officer/chat/intents"),
    /** Maps the question to a guide (its id) or an action ("@intent"): the bot answers it so from now on. */
    mapQuestion: (questionId: number, to: string) =>
      api.call<{ ok: true }>("POST", `/api/officer/chat/unmatched/${id(questionId)}/map`, to.startsWith("@") ? { intent: to.slice(1) } : { guideId: to }),
  };
}
