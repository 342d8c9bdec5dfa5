import { pct } from "../ui/format";
import type { DashTable } from "./dash-api";

/**
 * A dashboard's percentages as horizontal bars against the target: one bar per row, its name beside it
 * (wrapping, never cut), its value written after it, the dashed target across every bar, the axis
 * labelled 0–100% under them. Plain HTML: text is the page's size (15 px and up) at any width.
 */
export function DashBars({ table, labelKey, valueKey, target, axis, testId }: { table: DashTable; labelKey: string; valueKey: string; target: number | null; axis: string; testId: string }) {
  const li = table.columns.findIndex((c) => c.key === labelKey);
  const vi = table.columns.findIndex((c) => c.key === valueKey);
  const bars = table.rows.map((r) => ({ id: r.id, label: String(r.cells[li] ?? ""), value: (r.cells[vi] ?? null) as number | null }));
  const summary = `${axis}: ${bars.map((b) => `${b.label} ${pct(b.value)}`).join("; ")}.${target !== null ? ` Mục tiêu ${target}%.` : ""}`;
  const ticks = [0, 25, 50, 75, 100];
  return (
    <figure className="dbars" data-testid={testId}>
      <div role="img" aria-label={summary}>
        <div className="dbars-row dbars-head" aria-hidden="true">
          <span className="dbars-axis-title">{table.columns[li]?.header}</span>
          <span className="dbars-axis-title">{axis}</span>
          <span />
        </div>
        <ul aria-hidden="true">
          {bars.map((b) => (
            <li key={b.id} className="dbars-row">
              <span className="dbars-label">{b.label}</span>
              <span className="dbars-track">
                <span className={`dbars-fill${target !== null && b.value !== null && b.value >= target ? " met" : ""}`} style={{ width: `${Math.max(0, Math.min(100, b.value ?? 0))}%` }} />
                {target !== null && <i className="dbars-target" style={{ left: `${target}%` }} />}
              </span>
              <span className="dbars-value">{pct(b.value)}</span>
            </li>
          ))}
        </ul>
        <div className="dbars-row dbars-scale" aria-hidden="true">
          <span />
          <span className="dbars-ticks">
            {ticks.map((t) => (
              <span key={t} style={{ left: `${t}%` }}>{`${t}%`}</span>
            ))}
          </span>
          <span />
        </div>
      </div>
      {target !== null && (
        <figcaption className="dbars-legend">
          <i className="dbars-target-key" aria-hidden="true" />
          {`Vạch đứt: mục tiêu ${target}%. Thanh màu xanh lá: đã đạt mục tiêu.`}
        </figcaption>
      )}
    </figure>
  );
}
