import { useLayoutEffect, useRef, useState } from "react";
import { pct } from "../ui/format";
import type { DashTable } from "./dash-api";

const H = 300;
const PAD = { left: 56, right: 24, top: 40, bottom: 60 };
/** About how wide a week's label is at 15 px ("30/11–6/12"), to leave out labels that would touch. */
const LABEL_PX = 92;

/**
 * The share of households "đạt" per frozen week and this week's live figure (the trend dashboard's
 * rows: weeks as dates), against the target (dashed): labelled axes, 15 px text at any width (the
 * drawing is as wide as its box, never scaled down), each point's value written where there is room,
 * and the same figures in words for screen readers.
 */
export function TrendChart({ table, target }: { table: DashTable | undefined; target: number }) {
  const box = useRef<HTMLDivElement>(null);
  const [W, setW] = useState(880);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setW(Math.max(280, Math.round(el.clientWidth)));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const li = table?.columns.findIndex((c) => c.key === "week") ?? 0;
  const vi = table?.columns.findIndex((c) => c.key === "percent") ?? 3;
  const points = (table?.rows ?? []).map((r) => ({ label: String(r.cells[li] ?? ""), value: (r.cells[vi] ?? null) as number | null }));
  if (points.length === 0) points.push({ label: "Tuần này", value: null });
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  // The first and last points kept clear of the axis and the edge (their values are written above them).
  const INSET = 28;
  const x = (i: number) => PAD.left + (points.length === 1 ? iw / 2 : INSET + (i * (iw - 2 * INSET)) / (points.length - 1));
  const y = (v: number) => PAD.top + ih - (Math.max(0, Math.min(100, v)) * ih) / 100;
  // Every `step`-th label, counted from this week's (the last), so that none touches another.
  const step = Math.max(1, Math.ceil((LABEL_PX * points.length) / Math.max(iw, 1)));
  const shown = (i: number) => (points.length - 1 - i) % step === 0;
  const line = points
    .map((p, i) => (p.value === null ? null : `${x(i)},${y(p.value)}`))
    .filter(Boolean)
    .join(" ");
  // The target's words sit above its line, or below it when this week's value is written there.
  const last = points[points.length - 1]!.value;
  const targetTextY = last !== null && last > target - 12 && last < target + 14 ? y(target) + 22 : y(target) - 8;
  const summary = `Tỉ lệ hộ đạt qua các tuần: ${points.map((p) => `${p.label} ${pct(p.value)}`).join(", ")}. Mục tiêu ${target}%.`;
  // The edge labels stay inside the drawing: anchored at their edge when a centred one would spill over.
  const anchor = (i: number) => (points.length > 1 && i === 0 && x(i) - LABEL_PX / 2 < 0 ? "start" : i === points.length - 1 && x(i) + LABEL_PX / 2 > W ? "end" : "middle");
  return (
    <figure className="trend" ref={box}>
      <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} data-testid="trend-chart">
        <text x={8} y={18} className="axis-title">
          Tỉ lệ hộ đạt (%)
        </text>
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.left - 8} y={y(v) + 5} textAnchor="end" className="axis">{`${v}%`}</text>
          </g>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={y(target)} y2={y(target)} className="target-line" />
        <text x={W - PAD.right} y={targetTextY} textAnchor="end" className="target-text">{`Mục tiêu ${target}%`}</text>
        {line && <polyline points={line} className="series" />}
        {points.map((p, i) =>
          p.value === null ? null : (
            <g key={i}>
              <circle cx={x(i)} cy={y(p.value)} r={5} className="dot" />
              {shown(i) && (
                <text x={x(i)} y={y(p.value) - 12} textAnchor={anchor(i)} className="value">
                  {pct(p.value)}
                </text>
              )}
            </g>
          ),
        )}
        {points.map((p, i) =>
          shown(i) ? (
            <text key={i} x={x(i)} y={H - PAD.bottom + 24} textAnchor={anchor(i)} className="axis">
              {p.label}
            </text>
          ) : null,
        )}
        <text x={PAD.left + iw / 2} y={H - 10} textAnchor="middle" className="axis-title">
          Tuần (số liệu chốt thứ Sáu)
        </text>
      </svg>
      {points.length === 1 && <figcaption className="muted">Chưa có tuần nào được chốt số liệu: biểu đồ có thêm một điểm mỗi thứ Sáu.</figcaption>}
    </figure>
  );
}
