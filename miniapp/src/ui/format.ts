/** Numbers and times as the screens write them (Vietnamese). */

/** "lúc 14:05, 17/7" in the commune's time. */
export function when(iso: string | number): string {
  const d = new Date(iso);
  return d.toLocaleString("vi-VN", { hour: "2-digit", minute: "2-digit", day: "numeric", month: "numeric", timeZone: "Asia/Ho_Chi_Minh" });
}

/** Vietnamese writes a decimal comma: 12,5 (never 12.5). */
export function decimal(v: number): string {
  return (Number.isInteger(v) ? String(v) : v.toFixed(1)).replace(".", ",");
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? "–" : `${decimal(v)}%`;
}
