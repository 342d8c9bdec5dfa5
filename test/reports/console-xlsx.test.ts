/**
 * Issue 14: "every figure exports to Excel as it is shown". Each console dashboard's "Tải Excel"
 * (GET /api/reports/dash/:view/excel) is read back with exceljs's reader and compared with the JSON the
 * screen draws (GET /api/reports/dash/:view, same query): same headers, rows, order, values. A commune
 * of 500 villages streams (chunked, written by the worker thread), and the writer itself streams a
 * sheet of many rows as it goes (the first bytes leave before the rows are all made).
 */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASH_HEADER_ROW, writeDashSheet } from "../../bot/reports/dash-xlsx";
import type { DashCell, DashTable } from "../../shared/contracts/reports";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

async function sheetOf(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0]!;
}

/** A row's values from column 1 (exceljs's row.values starts at index 1); empty cells as null. */
function values(ws: ExcelJS.Worksheet, n: number, width: number): unknown[] {
  const r = ws.getRow(n);
  return Array.from({ length: width }, (_, i) => {
    const v = r.getCell(i + 1).value;
    return v === undefined || v === "" ? null : v;
  });
}

/** What the sheet should hold for a table's cells: percentages as fractions, empty as null. */
const expected = (t: DashTable, cells: readonly DashCell[]) => t.columns.map((c, i) => (c.kind === "percent" && typeof cells[i] === "number" ? Math.round((cells[i] as number) * 10) / 1000 : (cells[i] ?? null) === "" ? null : (cells[i] ?? null)));

async function compare(t: GdsTestApp, path: string): Promise<{ table: DashTable; ws: ExcelJS.Worksheet }> {
  const [base, query] = path.split("?");
  const json = await t.call<DashTable>(DEMO.officer, "GET", `/api/reports/dash/${path}`);
  expect(json.status, JSON.stringify(json.body)).toBe(200);
  const x = await t.app.inject({ method: "GET", url: `/api/reports/dash/${base}/excel${query ? `?${query}` : ""}`, headers: t.as(DEMO.officer) });
  expect(x.statusCode, x.body).toBe(200);
  expect(x.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(x.headers["content-disposition"]).toMatch(/^attachment; filename="gia-dinh-so-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.xlsx"$/);
  const table = json.body;
  const ws = await sheetOf(x.rawPayload);
  const w = table.columns.length;
  expect(String(ws.getCell(1, 1).value)).toContain(table.title);
  expect(ws.getCell(2, 1).value).toBe(table.note);
  if (table.target) expect(ws.getCell(3, 1).value).toBe(table.target.words);
  expect(values(ws, DASH_HEADER_ROW, w)).toEqual(table.columns.map((c) => c.header));
  table.rows.forEach((r, i) => expect(values(ws, DASH_HEADER_ROW + 1 + i, w), `${path} row ${i + 1}`).toEqual(expected(table, r.cells)));
  const last = DASH_HEADER_ROW + table.rows.length + (table.total ? 1 : 0);
  if (table.total) expect(values(ws, last, w)).toEqual(expected(table, table.total));
  expect(ws.rowCount).toBe(last);
  return { table, ws };
}

describe("every dashboard exports to Excel as shown", () => {
  let t: GdsTestApp;
  beforeAll(async () => {
    t = await createGdsApp();
    t.clock.set(Date.parse("2026-07-08T03:00:00Z"));
    const cat = t.services.gds.catalogue.criteria.filter((c) => !c.relevance.flags);
    const villages = [
      ["thon-dong-xuan", DEMO.headDongXuan],
      ["thon-ha-tien", DEMO.headHaTien],
    ] as const;
    for (let i = 0; i < 6; i++) {
      const [v, head] = villages[i % 2]!;
      const h = (await t.call(head, "POST", "/api/households", { villageId: v, label: `Hộ số ${i + 1}`, joinAsMember: false })).body;
      const changes = cat.slice(0, cat.length - i).map((c, j) => ({ criterionId: c.id, value: (i + j) % 4 === 0 ? "chua_dat" : "dat", idempotencyKey: key() }));
      await t.call(head, "POST", `/api/households/${h.id}/answers`, { changes });
    }
    await t.call(DEMO.headDongXuan, "PUT", "/api/villages/thon-dong-xuan/reports/current", { smartphoneUsers: 40, installed: 30, activated: 25, regularUsers: 10 });
    t.clock.set(Date.parse("2026-07-10T09:00:00Z"));
    t.services.gds.snapshotScheduler.runNow("cron");
    t.clock.set(Date.parse("2026-07-15T03:00:00Z"));
  }, 60_000);
  afterAll(async () => t?.close());

  it("the overview's villages table, in the order shown (by name, by households needed)", async () => {
    const { table, ws } = await compare(t, "villages");
    expect(table.total![0]).toBe("Toàn xã");
    // 0 households needed is written "Đã đạt" by the cell's format, as on screen; percentages as percentages.
    const needed = ws.getCell(DASH_HEADER_ROW + 1, table.columns.findIndex((c) => c.kind === "needed") + 1);
    expect(needed.numFmt).toBe('#,##0" hộ";-#,##0;"Đã đạt"');
    expect(ws.getCell(DASH_HEADER_ROW + 1, table.columns.findIndex((c) => c.kind === "percent") + 1).numFmt).toBe("0.0%");
    const byName = await compare(t, "villages?sort=name&desc=0");
    expect(byName.table.rows.map((r) => r.cells[0])).toEqual(["Làng Đắk Rơ", "Thôn Đông Xuân", "Thôn Hạ Tiến", "Thôn Tân Phúc"]);
    await compare(t, "villages?sort=needed&desc=1");
  });

  it("each criterion (commune, one village, sorted) and each pillar", async () => {
    await compare(t, "criteria");
    await compare(t, "criteria?village=thon-ha-tien&sort=coverage&desc=1");
    await compare(t, "pillars");
    await compare(t, "pillars?village=thon-dong-xuan");
  });

  it("completeness, silent households (2, 4, 8 weeks) and the trend", async () => {
    const c = await compare(t, "completeness?weeks=4");
    // The head's name is drawn under the village's on screen, in its own column in the file.
    expect(c.table.columns[1]).toMatchObject({ header: "Trưởng thôn", under: "name" });
    for (const w of [2, 4, 8]) await compare(t, `silent?weeks=${w}`);
    const tr = await compare(t, "trend");
    expect(tr.table.rows.at(-1)!.cells[0]).toBe("Tuần này");
    await compare(t, "trend?village=thon-dong-xuan");
  });

  it("refuses what it cannot export, in Vietnamese", async () => {
    const r = await t.call(DEMO.officer, "GET", "/api/reports/dash/criteria/excel?sort=khong-co");
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("không sắp xếp được");
    expect((await t.call("8600000000000000902", "GET", "/api/reports/dash/villages/excel")).status).toBe(403);
  });
});

describe("at scale: streamed, bounded memory", () => {
  it("a commune of 500 villages: the villages sheet streams from the worker, every village in the order shown", async () => {
    const t = await createGdsApp({
      commune: (c) => {
        const v0 = c.villages[0]!;
        return {
          ...c,
          villages: Array.from({ length: 500 }, (_, i) => ({ ...v0, id: `thon-so-${i + 1}`, name: `Thôn số ${i + 1}`, households: 100 + (i % 37), head: { ...v0.head, appUserId: undefined } })),
          volunteers: [],
        };
      },
    });
    try {
      const res = await t.app.inject({ method: "GET", url: "/api/reports/dash/villages/excel?sort=name&desc=1", headers: t.as(DEMO.officer) });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers["content-length"]).toBeUndefined();
      expect(res.headers["transfer-encoding"]).toBe("chunked");
      const { table, ws } = await compare(t, "villages?sort=name&desc=1");
      expect(table.rows).toHaveLength(500);
      expect(ws.getCell(DASH_HEADER_ROW + 1, 1).value).toBe(table.rows[0]!.cells[0]);
      expect(table.rows.map((r) => r.cells[0])).toEqual(table.rows.map((r) => r.cells[0]).sort((a, b) => String(b).localeCompare(String(a), "vi")));
    } finally {
      await t.close();
    }
  }, 120_000);

  it("the writer sends the sheet out while it is still reading rows: it never holds them all", async () => {
    const TOTAL = 120_000;
    let made = 0;
    let madeAtFirstByte = -1;
    function* rows(): Generator<DashCell[]> {
      for (let i = 0; i < TOTAL; i++) {
        made++;
        yield [`Thôn số ${i + 1}`, i, (i % 1000) / 10, i % 50 === 0 ? null : i % 40];
      }
    }
    const out = new PassThrough({ highWaterMark: 64 * 1024 });
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, { worksheets: "emit", sharedStrings: "ignore", styles: "ignore", hyperlinks: "ignore" });
    let bytes = 0;
    out.on("data", (c: Buffer) => {
      if (madeAtFirstByte < 0) madeAtFirstByte = made;
      bytes += c.length;
    });
    out.pause();
    const counted = (async () => {
      let n = 0;
      for await (const ws of reader) for await (const _row of ws as AsyncIterable<unknown>) n++;
      return n;
    })();
    const pace = () => new Promise<void>((resolve) => (out.writableNeedDrain ? out.once("drain", () => setImmediate(resolve)) : setImmediate(resolve)));
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const probe = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    await writeDashSheet(
      out,
      {
        head: {
          view: "villages",
          title: "Thử",
          note: "Nhiều dòng",
          target: null,
          columns: [
            { key: "name", header: "Thôn", kind: "text", sortable: true },
            { key: "n", header: "Số", kind: "int", sortable: true },
            { key: "p", header: "Tỉ lệ", kind: "percent", sortable: true },
            { key: "need", header: "Cần thêm", kind: "needed", sortable: true },
          ],
        },
        commune: { kind: "xã", name: "Thử", timezone: "Asia/Ho_Chi_Minh" },
        now: Date.now(),
      },
      rows(),
      ["Toàn xã", 1, 2, 3],
      pace,
    );
    clearInterval(probe);
    expect(await counted).toBe(DASH_HEADER_ROW - 1 + TOTAL + 1); // the blank line before the headers has no cell
    expect(madeAtFirstByte).toBeGreaterThan(0);
    expect(madeAtFirstByte).toBeLessThan(TOTAL / 2); // bytes left long before the last row was made
    expect(bytes).toBeGreaterThan(1_000_000);
    // The rows' XML alone is tens of megabytes: the heap stays far below (one page at a time).
    expect(peak - before).toBeLessThan(96 * 1024 * 1024);
  }, 120_000);
});
