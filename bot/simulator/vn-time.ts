/**
 * Vietnam time helpers. Asia/Ho_Chi_Minh is UTC+7 all year (no DST), so fixed
 * arithmetic is exact and does not depend on the host's ICU data.
 */
const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 86_400_000;

/** Days since the epoch in Vietnam's calendar (a key for "one per day" rules). */
export function vnDayNumber(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/** Hour of day 0..23 in Vietnam. */
export function vnHour(ms: number): number {
  const inDay = (((ms + VN_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return Math.floor(inDay / 3600_000);
}

function vnParts(ms: number): { y: number; m: number; d: number } {
  const dt = new Date(ms + VN_OFFSET_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

/** "dd/MM/yyyy" in Vietnam time, the format of user_last_interaction_date. */
export function formatVnDate(ms: number): string {
  const { y, m, d } = vnParts(ms);
  return `${String(d).padStart(2, "0")}/${String(m).padStart(2, "0")}/${y}`;
}

/** Month key (yyyy*12+month) in Vietnam time. */
export function vnMonthKey(ms: number): number {
  const { y, m } = vnParts(ms);
  return y * 12 + m;
}

/** Epoch ms of 00:00 Vietnam time on the given y-m-d. */
export function vnMidnight(y: number, m: number, d: number): number {
  return Date.UTC(y, m - 1, d) - VN_OFFSET_MS;
}

/** Epoch ms of a Vietnam wall-clock time (for tests and the control API). */
export function vnTime(y: number, m: number, d: number, hh = 0, mm = 0): number {
  return vnMidnight(y, m, d) + hh * 3600_000 + mm * 60_000;
}
