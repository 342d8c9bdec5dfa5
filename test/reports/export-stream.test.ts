import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportStream } from "../../bot/reports/background";
import { EXCEL_MAX_ROWS } from "../../bot/reports/xlsx-writer";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";
import { parseCsv } from "./csv";

let t: GdsTestApp;

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

beforeAll(async () => {
  t = await createGdsApp();
  // 12 households in Đông Xuân, each missing most criteria: a few hundred "missing" lines.
  for (let i = 0; i < 12; i++) {
    const h = (await t.call(DEMO.headDongXuan, "POST", "/api/households", { villageId: "thon-dong-xuan", label: `Hộ số ${i + 1} - xóm ${(i % 3) + 1}`, joinAsMember: false })).body;
    await t.call(DEMO.headDongXuan, "POST", `/api/households/${h.id}/answers`, {
      changes: [{ criterionId: "vneid-muc-2", value: i % 2 ? "dat" : "chua_dat", note: i % 2 ? undefined : "Chờ công an xã", idempotencyKey: key() }],
    });
  }
}, 60_000);
afterAll(async () => t.close());

describe("exports at province scale: streamed by a worker thread", () => {
  it("a village whose list passes the sheet's row limit continues on more sheets, nothing lost", async () => {
    const p = t.services.gds.auth.issue(DEMO.officer).principal;
    const report = t.services.gds.reports.weekReport(p, undefined);
    const rows = 60; // stands for Excel's 1,048,576
    expect(EXCEL_MAX_ROWS).toBe(1_048_576);
    const xlsx = await collect(exportStream("xlsx", t.dbPath, { ...t.services.gds.exports.exportJob(report), maxRows: rows }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.buffer.slice(xlsx.byteOffset, xlsx.byteOffset + xlsx.byteLength) as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    const parts = names.filter((n) => n.startsWith("Thôn Đông Xuân"));
    expect(parts.length).toBeGreaterThan(3);
    expect(parts).toEqual(["Thôn Đông Xuân", ...parts.slice(1).map((_, i) => `Thôn Đông Xuân (${i + 2})`)]);
    for (const n of parts) expect(wb.getWorksheet(n)!.rowCount).toBeLessThanOrEqual(rows);
    // Every missing line once, in order, numbered 1..n across the parts.
    const listed: string[] = [];
    for (const n of parts) {
      const ws = wb.getWorksheet(n)!;
      let inList = false;
      ws.eachRow((r) => {
        const v = r.values as unknown[];
        if (v[1] === "STT" && v[3] === "Hộ") return void (inList = true);
        if (inList) listed.push(`${v[1]}|${v[2]}|${v[3]}|${v[4]}`);
      });
    }
    const csv = await t.app.inject({ method: "GET", url: "/api/exports/current.csv?table=missing&village=thon-dong-xuan", headers: t.as(DEMO.officer) });
    expect(csv.statusCode).toBe(200);
    const lines = parseCsv(csv.body.replace(/^\uFEFF/, "")).slice(1);
    expect(listed.length).toBe(lines.length);
    expect(listed.map((l) => Number(l.split("|")[0]))).toEqual(lines.map((_, i) => i + 1));
    expect(listed.map((l) => l.split("|").slice(1).join("|"))).toEqual(
      lines.map((c) => `${c[3]}|${c[5]}|${c[6]}`),
    );
    expect(lines.some((c) => c[7] === "Chờ công an xã")).toBe(true);
    // The other villages have no household: one sheet each.
    expect(names).toContain("Thôn Hạ Tiến");
    expect(names).not.toContain("Thôn Hạ Tiến (2)");
  });

  it("the HTTP answer streams (no content-length, chunked) and a client that goes away stops the worker", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/exports/current.xlsx", headers: t.as(DEMO.officer) });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-length"]).toBeUndefined();
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    const p = t.services.gds.auth.issue(DEMO.officer).principal;
    const stream = exportStream("xlsx", t.dbPath, t.services.gds.exports.exportJob(t.services.gds.reports.weekReport(p, undefined)));
    const first = await new Promise<Buffer>((resolve) => stream.once("data", resolve));
    expect(first.subarray(0, 2).toString()).toBe("PK"); // a zip
    stream.destroy();
    await new Promise((r) => stream.once("close", r));
    expect(stream.destroyed).toBe(true);
  });
});
