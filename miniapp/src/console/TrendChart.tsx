import type { TrendResponse } from "../api/types";
import { pct } from "../ui/format";

const W = 880;
const H = 280;
const PAD = { left: 56, right: 24, top: 20, bottom: 56 };

/** "28/11": the Friday a week's figures were frozen, in the commune's time. */
const day = (iso: string) => new Date(iso).toLocaleDateString("vi-VN", { day: "2-digit", month: "2-digit", timeZone: "Asia/Ho_Chi_Minh" });

/**
 * The commune's share of households "đạt" per frozen week and this week's live figure, against the
 * target (dashed): labelled axes, 14 px text, each point's value written, and the same figures in a
 * table for screen readers.
 */
export function TrendChart({ trend, now, target, basis }: { trend: TrendResponse | undefined; now: number | null; target: number; basis: "self_declared" | "verified" }) {
  const points = [
    ...(trend?.weeks ?? []).map((w) => ({ label: day(w.cutoffAt), value: basis === "verified" ? w.totals.fullyMetVerifiedPercent : w.totals.fullyMetPercent })),
    { label: "Tuần này", value: now },
  ];
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? iw / 2 : (i * iw) / (points.length - 1));
  const y = (v: number) => PAD.top + ih - (Math.max(0, Math.min(100, v)) * ih) / 100;
  const line = points
    .map((p, i) => (p.value === null ? null : `${x(i)},${y(p.value)}`))
    .filter(Boolean)
    .join(" ");
  const summary = `Tỉ lệ hộ đạt qua các tuần: ${points.map((p) => `${p.label} ${pct(p.value)}`).join(", ")}. Mục tiêu ${target}%.`;
  return (
    <figure className="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} data-testid="trend-chart">
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 8} y={y(v) + 5} textAnchor="end" className="axis">{`${v}%`}</text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} className="target-line" />
        <text x={W - PAD.right} y={y(target) - 8} textAnchor="end" className="target-text">{`Mục tiêu ${target}%`}</text>
        {line && <polyline points={line} className="series" />}
        {points.map((p, i) =>
          p.value === null ? null : (
            <g key={i}>
              <circle cx={x(i)} cy={y(p.value)} r={5} className="dot" />
              <text x={x(i)} y={y(p.value) - 12} textAnchor="middle" className="value">
                {pct(p.value)}
              </text>
            </g>
          ),
        )}
        {points.map((p, i) => (
          <text key={i} x={x(i)} y={H - PAD.bottom + 24} textAnchor="middle" className="axis">
            {p.label}
          </text>
        ))}
        <text x={PAD.left + iw / 2} y={H - 8} textAnchor="middle" className="axis-title">
          Tuần (ngày chốt số liệu, thứ Sáu)
        </text>
      </svg>
      {points.length === 1 && <figcaption className="muted">Chưa có tuần nào được chốt số liệu: biểu đồ có thêm một điểm mỗi thứ Sáu.</figcaption>}
    </figure>
  );
}
