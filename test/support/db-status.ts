import Database from "better-sqlite3";

/** Rows per status in the outbox or the inbox of a bot's database file, read through a read-only connection. */
export function statusCounts(path: string, table: "outbox" | "inbox_events"): Record<string, number> {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare(`SELECT status, count(*) AS n FROM ${table} GROUP BY status`).all() as { status: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  } finally {
    db.close();
  }
}
