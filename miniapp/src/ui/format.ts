/** Numbers and times as the screens write them (Vietnamese). */

/** "lúc 14:05, 17/7" in the commune's time. */
export function when(iso: string | number): string {
  const d = new Date(iso);
  return d.toLocaleString("vi-VN", { hour: "2-digit", minute: "2-digit", day: "numeric", month: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? "–" : `${Number.isInteger(v) ? v : v.toFixed(1)}%`;
}
