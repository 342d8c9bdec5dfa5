/** Calendar arithmetic on local dates "YYYY-MM-DD" (no time zone involved: they are the commune's dates). */

export const WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

export function parts(date: string): [number, number, number] {
  return date.split("-").map(Number) as [number, number, number];
}

export function iso(y: number, m: number, d: number): string {
  const t = new Date(Date.UTC(y, m - 1, d));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = parts(date);
  return iso(y, m, d + n);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(date: string): number {
  const [y, m, d] = parts(date);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

/** "Thứ Hai" … "Chủ nhật". */
export function weekdayName(date: string): string {
  return WEEKDAYS[weekdayIndex(date)]!;
}

/** "28/11". */
export function ddmm(date: string): string {
  const [, m, d] = parts(date);
  return `${pad(d)}/${pad(m)}`;
}

/** "2026-11" → "Tháng 11/2026". */
export function monthTitle(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return `Tháng ${m}/${y}`;
}

export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return iso(y, m + n, 1).slice(0, 7);
}

/** The weeks (Monday to Sunday) that show the month: 4 to 6 rows of 7 dates. */
export function monthWeeks(month: string): string[][] {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = iso(y, m, 1);
  const last = iso(y, m + 1, 0);
  let day = addDays(first, -weekdayIndex(first));
  const weeks: string[][] = [];
  while (day <= last) {
    const week: string[] = [];
    for (let i = 0; i < 7; i++) {
      week.push(day);
      day = addDays(day, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** "2026-12-05" → "05/12/2026". */
export function ddmmyyyy(date: string): string {
  const [y, m, d] = parts(date);
  return `${pad(d)}/${pad(m)}/${y}`;
}

/** What an officer types for a date: "5/12/2026", "05-12-2026", "5.12" (this year, or next when already past). Null when it is no date. */
export function parseDate(text: string, today: string): string | null {
  const m = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?\s*$/.exec(text);
  if (!m) return null;
  const d = Number(m[1]);
  const mo = Number(m[2]);
  const [ty] = parts(today);
  const make = (y: number) => {
    const s = iso(y, mo, d);
    return parts(s)[1] === mo && parts(s)[2] === d ? s : null;
  };
  if (mo < 1 || mo > 12 || d < 1) return null;
  if (m[3]) return make(Number(m[3]));
  const thisYear = make(ty);
  return thisYear && thisYear < today ? make(ty + 1) : thisYear;
}

/** What an officer types for a time: "8", "8:00", "08:00", "8h", "8h30", "830", "14.30" → "HH:MM"; null when it is no time. */
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,2})(?:[:.h]?(\d{2}))?h?$/.exec(t) ?? /^(\d{1,2})(\d{2})$/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = m[2] === undefined ? 0 : Number(m[2]);
  return h <= 23 && mi <= 59 ? `${pad(h)}:${pad(mi)}` : null;
}
