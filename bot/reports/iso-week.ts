/**
 * ISO 8601 weeks (Monday to Sunday; week 1 holds the year's first Thursday, so some years have a
 * week 53) in the commune's timezone, and the weekly cut-off (Friday 16:00 by default).
 */

export interface WeekId {
  isoYear: number;
  isoWeek: number;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Wall-clock date and time at `ms` in `timeZone`. */
export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** The instant when the wall clock in `timeZone` shows this local time (first match across a DST change). */
export function zonedTime(local: LocalParts, timeZone: string): number {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  let guess = asUtc;
  for (let i = 0; i < 3; i++) {
    const p = localParts(guess, timeZone);
    const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - guess;
    const next = asUtc - offset;
    if (next === guess) break;
    guess = next;
  }
  return guess;
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The ISO week of a calendar date. */
export function isoWeekOf(year: number, month: number, day: number): WeekId {
  const date = Date.UTC(year, month - 1, day);
  // The Thursday of this week decides the year.
  const thursday = date + (4 - isoWeekday(year, month, day)) * 86_400_000;
  const isoYear = new Date(thursday).getUTCFullYear();
  const jan1 = Date.UTC(isoYear, 0, 1);
  return { isoYear, isoWeek: Math.floor((thursday - jan1) / 86_400_000 / 7) + 1 };
}

/** 52 or 53. */
export function weeksInIsoYear(isoYear: number): number {
  return isoWeekOf(isoYear, 12, 28).isoWeek;
}

export function weekKey(w: WeekId): string {
  return `${w.isoYear}-W${String(w.isoWeek).padStart(2, "0")}`;
}

export function parseWeekKey(key: string): WeekId | undefined {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return undefined;
  const w = { isoYear: Number(m[1]), isoWeek: Number(m[2]) };
  return w.isoWeek >= 1 && w.isoWeek <= weeksInIsoYear(w.isoYear) ? w : undefined;
}

/** Calendar date of weekday `isoDay` (1-7) in ISO week `w`. */
export function dateInWeek(w: WeekId, isoDay: number): { year: number; month: number; day: number } {
  const jan4 = Date.UTC(w.isoYear, 0, 4);
  const mondayWeek1 = jan4 - (isoWeekday(w.isoYear, 1, 4) - 1) * 86_400_000;
  const d = new Date(mondayWeek1 + ((w.isoWeek - 1) * 7 + (isoDay - 1)) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * A week as officers say it: "tuần 13/7–19/7/2026" (Monday to Sunday; both years when it spans two).
 * ISO week numbers ("2026-W29") stay in file names and the API, never in the sheets.
 */
export function weekLabel(key: string): string {
  const w = parseWeekKey(key);
  if (!w) return `tuần ${key}`;
  const a = dateInWeek(w, 1);
  const b = dateInWeek(w, 7);
  return a.year === b.year ? `tuần ${a.day}/${a.month}–${b.day}/${b.month}/${b.year}` : `tuần ${a.day}/${a.month}/${a.year}–${b.day}/${b.month}/${b.year}`;
}

export function previousWeek(w: WeekId): WeekId {
  return w.isoWeek > 1 ? { isoYear: w.isoYear, isoWeek: w.isoWeek - 1 } : { isoYear: w.isoYear - 1, isoWeek: weeksInIsoYear(w.isoYear - 1) };
}

export function nextWeek(w: WeekId): WeekId {
  return w.isoWeek < weeksInIsoYear(w.isoYear) ? { isoYear: w.isoYear, isoWeek: w.isoWeek + 1 } : { isoYear: w.isoYear + 1, isoWeek: 1 };
}

export interface Cutoff {
  /** ISO weekday 1-7 (5 = Friday). */
  weekday: number;
  /** "16:00" */
  time: string;
  timeZone: string;
}

/** The instant of the cut-off in week `w`. */
export function cutoffAt(w: WeekId, c: Cutoff): number {
  const [hour, minute] = c.time.split(":").map(Number) as [number, number];
  return zonedTime({ ...dateInWeek(w, c.weekday), hour, minute, second: 0 }, c.timeZone);
}

/** The ISO week the instant `ms` falls in, in `timeZone`. */
export function weekAt(ms: number, timeZone: string): WeekId {
  const p = localParts(ms, timeZone);
  return isoWeekOf(p.year, p.month, p.day);
}

/** The most recent week whose cut-off is at or before `ms`. */
export function lastClosedWeek(ms: number, c: Cutoff): WeekId {
  const w = weekAt(ms, c.timeZone);
  return ms >= cutoffAt(w, c) ? w : previousWeek(w);
}

/** node-cron expression (minute hour * * weekday) for the cut-off; node-cron counts Sunday as 0. */
export function cutoffCron(c: Cutoff): string {
  const [hour, minute] = c.time.split(":").map(Number) as [number, number];
  return `${minute} ${hour} * * ${c.weekday % 7}`;
}
