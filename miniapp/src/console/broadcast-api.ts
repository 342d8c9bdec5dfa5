/**
 * The officers' broadcast calls (bot/broadcasts/officer-routes.ts), typed as the bot answers; used by
 * the PC console and by the phone's composer (both load it with the officers' code, never on the
 * household's first download).
 */
import type { ApiClient } from "../api/client";
import { id } from "../api/endpoints";

import type { Audience, AudienceKind, Channel, DraftPlan } from "../../../shared/contracts/broadcasts";

export type { Audience, AudienceKind, Channel, DraftPlan };
export const CHANNEL_ORDER: Channel[] = ["group", "cs", "promotion", "relay", "none"];

export interface Broadcast {
  id: number;
  title: string;
  text: string;
  audience: string;
  status: "draft" | "scheduled" | "queued";
  sendAt: number | null;
  createdBy: string;
  createdAt: number;
  queuedAt: number | null;
  scheduleId: number | null;
}

export interface Delivery {
  targetKind: "group" | "resident" | "village_head" | "volunteer" | "officer";
  targetId: string;
  villageId: string | null;
  channel: Channel;
  reason: string;
  outboxId: number | null;
  status: string | null;
  receivedAt: number | null;
  seenAt: number | null;
  /** Why it did not arrive, in Vietnamese; null when it did (or is on its way). */
  failure: string | null;
  canResend: boolean;
}

export interface Report {
  broadcast: Broadcast;
  summary: { total: number; done: number; percent: number; sent: number; received: number; seen: number; refused: number; pending: number; relayed: number; unreachable: number };
  deliveries: Delivery[];
}

export interface Schedule {
  id: number;
  kind: string;
  name: string;
  cron: string;
  enabled: boolean;
  template: string | null;
  audience: string | null;
  updatedBy: string;
  updatedAt: number;
  words: string;
  weekly: { time: string; weekdays: number[] } | null;
  textEditable: boolean;
  sample: string | null;
  firings: { slot: number; outcome: string; broadcastId: number | null }[];
}

export interface Compose {
  title: string;
  text: string;
  audience: Audience;
}
export type When = { kind: "now" } | { kind: "at"; sendAt: number } | { kind: "weekly"; time: string; weekdays: number[] };

export function broadcastApi(api: ApiClient) {
  return {
    list: () => api.call<Broadcast[]>("GET", "/api/officer/broadcasts"),
    plan: (b: Partial<Compose> & { audience: Audience; sendAt?: number; repeat?: { time: string; weekdays: number[] } }) => api.call<DraftPlan>("POST", "/api/officer/broadcasts/plan", b),
    /** "draft" keeps it; "now" and "at" act after the officer confirmed. */
    compose: (b: Compose, action: "draft" | "now" | "at", extra: { sendAt?: number; draftId?: number } = {}) =>
      api.call<Broadcast & { counts?: Record<Channel, number> }>("POST", "/api/officer/broadcasts", { ...b, action, ...extra }),
    cancel: (bid: number) => api.call<Broadcast>("POST", `/api/officer/broadcasts/${id(bid)}/cancel`),
    remove: (bid: number) => api.call<{ ok: true }>("DELETE", `/api/officer/broadcasts/${id(bid)}`),
    report: (bid: number) => api.call<Report>("GET", `/api/officer/broadcasts/${id(bid)}/report`),
    resend: (bid: number, outboxIds?: number[]) => api.call<{ resent: number }>("POST", `/api/officer/broadcasts/${id(bid)}/resend`, outboxIds ? { outboxIds } : {}),
    schedules: () => api.call<Schedule[]>("GET", "/api/officer/broadcast-schedules"),
    updateSchedule: (sid: number, b: { enabled?: boolean; time?: string; weekdays?: number[]; template?: string | null }) => api.call<Schedule>("PATCH", `/api/officer/broadcast-schedules/${id(sid)}`, b),
    createSchedule: (b: Compose & { time: string; weekdays: number[] }) =>
      api.call<Schedule>("POST", "/api/officer/broadcast-schedules", { name: b.title, text: b.text, audience: b.audience, time: b.time, weekdays: b.weekdays }),
  };
}

/** "2026-12-04T14:00" typed in a date-time field, read as Vietnam's time (UTC+7, no daylight saving) whatever the PC's zone. */
export function vnLocalToEpoch(v: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  return Date.UTC(y, mo - 1, d, h - 7, mi);
}

/** The reverse: epoch ms as the value of a date-time field in Vietnam's time. */
export function epochToVnLocal(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 16);
}

export const WEEKDAYS: { d: number; label: string; short: string }[] = [
  { d: 1, label: "Thứ Hai", short: "T2" },
  { d: 2, label: "Thứ Ba", short: "T3" },
  { d: 3, label: "Thứ Tư", short: "T4" },
  { d: 4, label: "Thứ Năm", short: "T5" },
  { d: 5, label: "Thứ Sáu", short: "T6" },
  { d: 6, label: "Thứ Bảy", short: "T7" },
  { d: 0, label: "Chủ nhật", short: "CN" },
];
