/**
 * A 5-field cron expression ("m h dom mon dow", numbers, `*`, lists, ranges, steps) evaluated in a
 * time zone. node-cron drives the real-time minute tick; this decides which schedules are due at a
 * given minute, so the same code answers "is it due now" and "which firing was missed while down".
 */
export interface CronSpec {
  minutes: Set<number>;
  hours: Set<number>;
  days: Set<number>;
  months: Set<number>;
  weekdays: Set<number>;
  daysRestricted: boolean;
  weekdaysRestricted: boolean;
}

const FIELDS: [min: number, max: number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
];

export function parseCron(expr: string): CronSpec {
  const parts = expr.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`cron "${expr}": expected 5 fields (minute hour day month weekday)`);
  const sets = parts.map((p, i) => parseField(p, FIELDS[i]![0], FIELDS[i]![1], expr));
  const weekdays = new Set([...sets[4]!].map((d) => (d === 7 ? 0 : d)));
  return {
    minutes: sets[0]!,
    hours: sets[1]!,
    days: sets[2]!,
    months: sets[3]!,
    weekdays,
    daysRestricted: parts[2] !== "*",
    weekdaysRestricted: parts[4] !== "*",
  };
}

function parseField(field: string, min: number, max: number, expr: string): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(",")) {
    const m = part.match(/^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/);
    if (!m) throw new Error(`cron "${expr}": cannot read "${part}"`);
    const start = m[1] === "*" ? min : Number(m[1]);
    const end = m[2] !== undefined ? Number(m[2]) : m[1] === "*" || m[3] !== undefined ? max : start;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (start < min || end > max || start > end || step < 1) throw new Error(`cron "${expr}": "${part}" is out of range ${min}-${max}`);
    for (let v = start; v <= end; v += step) out.add(v);
  }
  return out;
}

export interface LocalTime {
  minute: number;
  hour: number;
  day: number;
  month: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function localTime(ms: number, timeZone: string): LocalTime {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hour12: false, minute: "numeric", hour: "numeric", day: "numeric", month: "numeric", weekday: "short" });
    formatters.set(timeZone, f);
  }
  const parts = Object.fromEntries(f.formatToParts(ms).map((p) => [p.type, p.value]));
  const weekday = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].indexOf(parts.weekday!);
  return { minute: Number(parts.minute), hour: Number(parts.hour) % 24, day: Number(parts.day), month: Number(parts.month), weekday };
}

export function cronMatches(spec: CronSpec, t: LocalTime): boolean {
  if (!spec.minutes.has(t.minute) || !spec.hours.has(t.hour) || !spec.months.has(t.month)) return false;
  // Classic cron: when both day fields are restricted, either may match.
  if (spec.daysRestricted && spec.weekdaysRestricted) return spec.days.has(t.day) || spec.weekdays.has(t.weekday);
  return spec.days.has(t.day) && spec.weekdays.has(t.weekday);
}

/** The latest minute at or before `now` (searching back `withinMs`) when the spec was due, in epoch ms. */
export function lastDueAt(spec: CronSpec, now: number, withinMs: number, timeZone: string): number | undefined {
  const start = Math.floor(now / 60_000) * 60_000;
  for (let t = start; t >= now - withinMs; t -= 60_000) {
    if (cronMatches(spec, localTime(t, timeZone))) return t;
  }
  return undefined;
}
