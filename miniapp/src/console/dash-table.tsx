import { useState, type ReactNode } from "react";
import { ApiError } from "../api/client";
import { useServices } from "../app/hooks";
import { pct } from "../ui/format";
import { useToast } from "../ui/parts";
import { sortDashRows, type DashCell, type DashColumn } from "../../../shared/contracts/reports";
import { dashEndpoints, type DashQuery, type DashTable, type DashView } from "./dash-api";

const STATE_CLASS: Record<string, string> = { "Đúng hạn": "ok", "Nộp muộn": "warn", "Chưa nộp": "bad" };

/** A cell as the screen writes it; the Excel file writes the same value with the matching format. */
export function cellText(kind: DashColumn["kind"], v: DashCell): string {
  if (v === null || v === "") return "–";
  if (typeof v === "string") return v;
  switch (kind) {
    case "percent":
      return pct(v);
    case "needed":
      return v === 0 ? "Đã đạt" : `${v.toLocaleString("vi-VN")} hộ`;
    default:
      return v.toLocaleString("vi-VN");
  }
}

/** "Tải Excel": the table as shown (same order) saved as .xlsx. */
export function ExcelButton({ view, query, label = "Tải Excel", testId }: { view: DashView; query: DashQuery; label?: string; testId?: string }) {
  const s = useServices();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  return (
    <button
      className="c-btn secondary small"
      type="button"
      disabled={busy}
      data-testid={testId ?? `excel-${view}`}
      onClick={async () => {
        setBusy(true);
        try {
          toast(`Đã tải ${await dashEndpoints(s.api).excel(view, query)}`);
        } catch (err) {
          toast(err instanceof ApiError ? err.message : "Chưa tải được tệp Excel. Bác thử lại nhé.");
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? "Đang tải…" : label}
    </button>
  );
}

/**
 * A dashboard's table as the bot sends it: its columns and headers, rows sortable by a click on a
 * column (the same sort as the export's), the commune's line last, "Tải Excel" with the order shown.
 */
export function DashTableView({
  table,
  view,
  query,
  testId,
  caption,
  rowHead = 0,
  link,
  actions,
}: {
  table: DashTable;
  view: DashView;
  query: Omit<DashQuery, "sort">;
  testId: string;
  caption: string;
  /** The column that names the row (a row header). */
  rowHead?: number;
  /** A link for the row's name (a village's own page). */
  link?: (rowId: string) => string | undefined;
  actions?: ReactNode;
}) {
  const [sort, setSort] = useState<{ key: string; desc: boolean } | null>(null);
  const shown = sort ?? table.sort;
  const rows = sort ? sortDashRows(table, table.rows, sort.key, sort.desc) : table.rows;
  const columns = table.columns.map((c, i) => ({ c, i })).filter((x) => !x.c.under);
  const under = (key: string) => table.columns.map((c, i) => ({ c, i })).filter((x) => x.c.under === key);
  const cell = (cells: readonly DashCell[], c: DashColumn, i: number, head: boolean, rowId?: string) => {
    const text = cellText(c.kind, cells[i] ?? null);
    const href = head && rowId && link ? link(rowId) : undefined;
    const extra = under(c.key).map((u) => (cells[u.i] ? <div key={u.c.key} className="muted small">{`${u.c.header}: ${cells[u.i]}`}</div> : null));
    const content = (
      <>
        {href ? <a href={href}>{text}</a> : text}
        {extra}
      </>
    );
    const cls = c.kind === "state" ? `cell ${STATE_CLASS[text] ?? ""}` : c.kind === "text" ? undefined : "num";
    return head ? (
      <th key={c.key} scope="row" className={cls}>
        {content}
      </th>
    ) : (
      <td key={c.key} className={cls}>
        {content}
      </td>
    );
  };
  return (
    <>
      <div className="dash-tools">
        {actions}
        <ExcelButton view={view} query={sort ? { ...query, sort } : query} />
      </div>
      <div className="c-table-wrap" tabIndex={0} role="region" aria-label={caption}>
        <table className={`c-table dash ${view}`} data-testid={testId}>
          <caption className="sr-only">{`${caption}${columns.some((x) => x.c.sortable) ? ", bấm tên cột để sắp xếp" : ""}`}</caption>
          <thead>
            <tr>
              {columns.map(({ c }) => (
                <th key={c.key} scope="col" className={c.kind === "text" || c.kind === "state" ? undefined : "num"} aria-sort={c.sortable ? (shown.key === c.key ? (shown.desc ? "descending" : "ascending") : "none") : undefined}>
                  {c.sortable ? (
                    <button type="button" className="sort" onClick={() => setSort({ key: c.key, desc: shown.key === c.key ? !shown.desc : c.kind !== "text" })}>
                      {c.header}
                      <span aria-hidden="true">{shown.key === c.key ? (shown.desc ? " ▼" : " ▲") : ""}</span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-row={r.id}>
                {columns.map(({ c, i }) => cell(r.cells, c, i, i === rowHead, r.id))}
              </tr>
            ))}
          </tbody>
          {table.total && (
            <tfoot>
              <tr>{columns.map(({ c, i }) => cell(table.total!, c, i, i === rowHead))}</tr>
            </tfoot>
          )}
        </table>
      </div>
      <p className="muted">{table.note}</p>
    </>
  );
}
