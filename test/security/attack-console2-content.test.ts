/**
 * Attacks on what officers write and residents or groups read (team calendar places, broadcast titles,
 * legal tips), and on who may read or edit the team calendar, through the real app over a real
 * SQLite file: invisible-only texts, bidi overrides that turn a place name around, markup kept as
 * text, a village head on another village, a resident anywhere.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { createGdsApp, DEMO, type GdsTestApp } from "../households/support";

/* eslint-disable @typescript-eslint/no-explicit-any */

const vn = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h - 7, mi);
const MONDAY = vn(2026, 11, 23, 9);
const RESIDENT = "8717000000000000001";
const INVISIBLE = "\u200b\u200c\u200d\u2060\u200f\u202e\ufeff";

let g: GdsTestApp | undefined;
afterEach(async () => {
  await g?.close();
  g = undefined;
});
const boot = async () => (g = await createGdsApp({ clock: new ManualClock(MONDAY) }));
const session = (over: Record<string, unknown> = {}) => ({ villageId: "thon-ha-tien", date: "2026-11-27", start: "08:00", end: "10:00", place: "Nhà văn hoá thôn Hạ Tiến", procedures: [], papers: [], note: null, ...over });
const auditCount = () => (g!.services.database.sqlite.prepare("SELECT count(*) AS n FROM audit_log").get() as { n: number }).n;

describe("attack: who reads and edits the team calendar", () => {
  it("a village head reads only their village; nobody but officers creates, edits or cancels; a resident sees nothing", async () => {
    const a = await boot();
    const made = await a.call(DEMO.officer, "POST", "/api/officer/team-sessions", session());
    expect(made.status).toBe(201);
    const id = (made.body as any).session.id as number;
    expect((await a.call(DEMO.headHaTien, "GET", "/api/villages/thon-ha-tien/team-sessions")).status).toBe(200);
    expect((await a.call(DEMO.headDongXuan, "GET", "/api/villages/thon-ha-tien/team-sessions")).status).toBe(403);
    expect((await a.call(RESIDENT, "GET", "/api/villages/thon-ha-tien/team-sessions")).status).toBe(403);
    expect((await a.call(null, "GET", "/api/villages/thon-ha-tien/team-sessions")).status).toBe(401);
    // The officers' calendar filtered to another village does not open to a head.
    expect((await a.call(DEMO.headDongXuan, "GET", "/api/officer/team-sessions?villageId=thon-ha-tien")).status).toBe(403);
    for (const who of [DEMO.headHaTien, DEMO.headDongXuan, RESIDENT]) {
      expect((await a.call(who, "POST", "/api/officer/team-sessions", session({ date: "2026-11-28" }))).status).toBe(403);
      expect((await a.call(who, "PATCH", `/api/officer/team-sessions/${id}`, { place: "Nhà tôi" })).status).toBe(403);
      expect((await a.call(who, "POST", `/api/officer/team-sessions/${id}/cancel`, { reason: "x" })).status).toBe(403);
    }
    const after = (await a.call(DEMO.officer, "GET", "/api/officer/team-sessions")).body as any;
    expect(after.items.find((x: any) => x.id === id)).toMatchObject({ place: "Nhà văn hoá thôn Hạ Tiến", status: "scheduled" });
  });
});

describe("attack: texts residents and groups read", () => {
  it("markup in a place stays text, exactly as written, in JSON", async () => {
    const a = await boot();
    const place = `<b onmouseover="alert(1)">Nhà văn hoá</b> {{commune.name}}`;
    const r = await a.call(DEMO.officer, "POST", "/api/officer/team-sessions", session({ place }));
    expect(r.status).toBe(201);
    expect((r.body as any).session.place).toBe(place);
  });

  it("a place, a procedure or a cancel reason made only of invisible characters is refused and changes nothing", async () => {
    const a = await boot();
    const before = auditCount();
    for (const over of [{ place: INVISIBLE }, { procedures: [INVISIBLE] }, { papers: ["Căn cước", INVISIBLE] }]) {
      const r = await a.call(DEMO.officer, "POST", "/api/officer/team-sessions", session(over));
      expect(r.status, JSON.stringify(over)).toBe(400);
    }
    expect(auditCount()).toBe(before);
  });

  it("a right-to-left override in a place does not reach the chat (it would turn the words around)", async () => {
    const a = await boot();
    const r = await a.call(DEMO.officer, "POST", "/api/officer/team-sessions", session({ place: "Nhà văn hoá \u202eneiT aH\u202c thôn" }));
    expect(r.status).toBe(201);
    expect((r.body as any).session.place).toBe("Nhà văn hoá neiT aH thôn");
  });

  it("a broadcast whose title or text is invisible characters only is refused; nothing is created", async () => {
    const a = await boot();
    const count = () => a.services.broadcasts.repo.listBroadcasts(10_000).length;
    const before = count();
    for (const body of [
      { title: INVISIBLE, text: "Họp thôn tối nay.", audience: { kind: "village_groups" }, action: "draft" },
      { title: "Họp", text: INVISIBLE, audience: { kind: "village_groups" }, action: "draft" },
    ]) {
      expect((await a.call(DEMO.officer, "POST", "/api/officer/broadcasts", body)).status).toBe(400);
    }
    expect((await a.call(DEMO.officer, "POST", "/api/officer/broadcast-schedules", { name: INVISIBLE, text: "Nội dung.", audience: { kind: "village_groups" }, time: "08:00", weekdays: [1] })).status).toBe(400);
    expect(count()).toBe(before);
  });

  it("a legal tip whose title or text is padded with invisible characters to pass the length checks is refused", async () => {
    const a = await boot();
    const list = async () => ((await a.call(DEMO.officer, "GET", "/api/officer/legal-tips")).body as any[]).length;
    const before = await list();
    for (const body of [
      { title: INVISIBLE, text: "Người dân cần biết về luật đất đai mới năm nay." },
      { title: "Luật đất đai", text: `Đất${INVISIBLE.repeat(4)}` },
    ]) {
      expect((await a.call(DEMO.officer, "POST", "/api/officer/legal-tips", body)).status, JSON.stringify(body)).toBe(400);
    }
    expect(await list()).toBe(before);
  });
});

describe("attack: 100 KB texts and template tricks", () => {
  it("100 KB in a place, a broadcast, a legal tip or a schedule is refused (400 or 413) and creates nothing", async () => {
    const a = await boot();
    const big = "Nội dung rất dài. ".repeat(6000); // ~100 KB
    const before = { audit: auditCount(), broadcasts: a.services.broadcasts.repo.listBroadcasts(10_000).length };
    const tries: [string, string, unknown][] = [
      ["POST", "/api/officer/team-sessions", session({ place: big })],
      ["POST", "/api/officer/broadcasts", { title: "Họp", text: big, audience: { kind: "village_groups" }, action: "now" }],
      ["POST", "/api/officer/broadcasts", { title: big, text: "Họp thôn.", audience: { kind: "village_groups" }, action: "draft" }],
      ["POST", "/api/officer/legal-tips", { title: "Luật đất đai", text: big }],
      ["POST", "/api/officer/broadcast-schedules", { name: "Lịch", text: big, audience: { kind: "village_groups" }, time: "08:00", weekdays: [1] }],
    ];
    for (const [method, url, body] of tries) {
      const r = await a.call(DEMO.officer, method as "POST", url, body);
      expect([400, 413], url).toContain(r.status);
    }
    expect(auditCount()).toBe(before.audit);
    expect(a.services.broadcasts.repo.listBroadcasts(10_000).length).toBe(before.broadcasts);
  });

  it("a schedule template naming inherited properties renders them as written, never as code or other data", async () => {
    const a = await boot();
    const template = "{constructor} {__proto__} {toString} {hasOwnProperty} {commune}";
    const r = await a.call(DEMO.officer, "POST", "/api/officer/broadcast-templates/preview", { template, values: { commune: "xã Hòa Sơn" } });
    expect(r.status).toBe(200);
    expect((r.body as any).text).toBe("{constructor} {__proto__} {toString} {hasOwnProperty} xã Hòa Sơn");
  });
});

