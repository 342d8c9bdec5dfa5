import { parseCron } from "./cron-match";

/** Monday first, as a Vietnamese calendar reads; index = cron weekday (0 = Sunday). */
const DAY_NAMES = ["Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"];
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

const pad = (n: number) => String(n).padStart(2, "0");

/** "Thứ Hai, Thứ Tư và Thứ Sáu"; consecutive runs of three or more read "Thứ Hai đến Thứ Sáu". */
function dayList(days: Set<number>): string {
  const ordered = WEEK_ORDER.filter((d) => days.has(d));
  const runs: number[][] = [];
  for (const d of ordered) {
    const last = runs.at(-1);
    const prev = last?.at(-1);
    if (last && prev !== undefined && WEEK_ORDER.indexOf(d) === WEEK_ORDER.indexOf(prev) + 1) last.push(d);
    else runs.push([d]);
  }
  const parts = runs.flatMap((r) => (r.length >= 3 ? [`${DAY_NAMES[r[0]!]} đến ${DAY_NAMES[r.at(-1)!]}`] : r.map((d) => DAY_NAMES[d]!)));
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} và ${parts.at(-1)}`;
}

/** "14:00", "7:00 và 17:30", "mỗi giờ, phút 15". */
function timeList(hours: Set<number>, minutes: Set<number>): string {
  if (hours.size === 24 && minutes.size === 1) return `đầu mỗi giờ${[...minutes][0] ? ` (phút ${[...minutes][0]})` : ""}`;
  if (hours.size === 24 && minutes.size === 60) return "mỗi phút";
  const times = [...hours].sort((a, b) => a - b).flatMap((h) => [...minutes].sort((a, b) => a - b).map((m) => `${pad(h)}:${pad(m)}`));
  if (times.length > 6) return `${times.slice(0, 5).join(", ")}… (${times.length} lần)`;
  return times.length === 1 ? times[0]! : `${times.slice(0, -1).join(", ")} và ${times.at(-1)}`;
}

/**
 * A 5-field schedule in the words an officer uses: "Thứ Sáu hằng tuần, 14:00", "Hằng ngày, 07:00",
 * "Thứ Hai đến Thứ Sáu, 16:30", "Ngày 1 hằng tháng, 08:00". Throws on a schedule parseCron refuses.
 */
export function cronWords(expr: string): string {
  const spec = parseCron(expr);
  const time = timeList(spec.hours, spec.minutes);
  const months = spec.months.size === 12 ? "" : ` tháng ${[...spec.months].sort((a, b) => a - b).join(", ")}`;
  const dayOfMonth = `Ngày ${[...spec.days].sort((a, b) => a - b).join(", ")}${months || " hằng tháng"}`;
  let when: string;
  if (spec.daysRestricted && spec.weekdaysRestricted) when = `${dayOfMonth} hoặc ${dayList(spec.weekdays)}`;
  else if (spec.daysRestricted) when = dayOfMonth;
  else if (!spec.weekdaysRestricted || spec.weekdays.size === 7) when = months ? `Hằng ngày trong${months}` : "Hằng ngày";
  else if (spec.weekdays.size === 1) when = `${dayList(spec.weekdays)} hằng tuần${months ? ` trong${months}` : ""}`;
  else when = `${dayList(spec.weekdays)}${months ? ` trong${months}` : ""}`;
  return `${when}, ${time}`;
}

/** A schedule an officer can edit with a time and weekdays (one time a day, any month, any day of month); undefined otherwise. */
export function weeklyParts(expr: string): { time: string; weekdays: number[] } | undefined {
  const spec = parseCron(expr);
  if (spec.daysRestricted || spec.months.size !== 12 || spec.hours.size !== 1 || spec.minutes.size !== 1) return undefined;
  const weekdays = spec.weekdaysRestricted ? WEEK_ORDER.filter((d) => spec.weekdays.has(d)) : [...WEEK_ORDER];
  return { time: `${pad([...spec.hours][0]!)}:${pad([...spec.minutes][0]!)}`, weekdays };
}

/** The schedule for "at HH:MM on these weekdays" (all seven: every day). */
export function weeklyCron(time: string, weekdays: readonly number[]): string {
  const [h, m] = time.split(":").map(Number) as [number, number];
  const days = [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b);
  return `${m} ${h} * * ${days.length === 7 ? "*" : days.join(",")}`;
}
