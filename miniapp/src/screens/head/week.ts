/**
 * An ISO week ("2026-W49") as the days it covers, the way residents and village heads say it:
 * "30/11–6/12" (Monday to Sunday). Anything else comes back unchanged.
 */
export function weekDays(week: string): string {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(week);
  if (!m) return week;
  const DAY = 86_400_000;
  const jan4 = Date.UTC(Number(m[1]), 0, 4); // always in ISO week 1
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY + (Number(m[2]) - 1) * 7 * DAY;
  const dm = (t: number) => `${new Date(t).getUTCDate()}/${new Date(t).getUTCMonth() + 1}`;
  return `${dm(monday)}–${dm(monday + 6 * DAY)}`;
}
