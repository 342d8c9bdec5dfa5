import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/**
 * Issue 15, done when: a fresh install with the demo file, changes made through the API, then export;
 * the file imports into another fresh install and gives the same export, chat answers and dashboards.
 */

const T0 = Date.parse("2026-07-15T03:00:00Z");
const stacks: Stack[] = [];
afterEach(async () => {
  for (const s of stacks.splice(0)) await s.close();
});

async function install(): Promise<Stack> {
  const s = await startStack({ clock: new ManualClock(T0) });
  stacks.push(s);
  return s;
}

function client(s: Stack) {
  const headers = (id: string) => ({ authorization: `Bearer ${s.services.gds.auth.issue(id).session}` });
  return async (id: string, method: "GET" | "POST", url: string, payload?: unknown) => {
    const r = await s.app.inject({ method, url, headers: headers(id), ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, text: r.body, json: () => r.json(), headers: r.headers };
  };
}

async function edit(s: Stack, e: Record<string, unknown>) {
  const call = client(s);
  const version = (await call(DEMO.admin, "GET", "/api/admin/commune")).json().version as number;
  const r = await call(DEMO.admin, "POST", "/api/admin/commune/edits", { ...e, baseVersion: version });
  expect(r.status, r.text).toBe(200);
}

async function chatAnswers(s: Stack): Promise<string[]> {
  const r = new Resident(s, "8600000000000000777");
  const out: string[] = [];
  for (const text of ["lịch lưu động", "Suối Đá", "gặp cán bộ"]) out.push(...(await r.say(text)).map((m) => `${m.text} | ${m.buttons.map((b) => b.title).join(" / ")}`));
  return out;
}

describe("export → import on a fresh install → the same commune", () => {
  it("gives the same file byte for byte, the same chat answers and the same dashboard", async () => {
    const a = await install();
    await edit(a, { op: "village.add", village: { name: "Thôn Suối Đá", kind: "thôn", households: 64, head: { name: "Lò Văn Sáng", phone: "0912 000 321" } } });
    await edit(a, { op: "village.head", villageId: "thon-ha-tien", head: { name: "Vũ Thị Thu" } });
    await edit(a, { op: "village.update", villageId: "thon-tan-phuc", households: 320, kind: "làng", name: "Làng Tân Phúc" });
    await edit(a, { op: "village.groups", villageId: "thon-suoi-da", groups: [{ groupId: "g-suoi-da", name: "Tổ CNS Suối Đá", managedByOa: true }] });
    await edit(a, { op: "volunteer.add", volunteer: { name: "Hà Thị Mai", phone: "0912 000 654", villageIds: ["thon-suoi-da", "thon-ha-tien"] } });
    await edit(a, { op: "officer.add", officer: { name: "Đỗ Văn Hùng", role: "officer", title: "Công chức Văn hóa - Xã hội" } });
    const callA = client(a);
    // A household segment kept by bot/segments travels in the same file.
    const seg = await callA(DEMO.admin, "POST", "/api/admin/segments", { name: "Gia đình hội viên Hội Nông dân", targetPercent: 70 });
    expect(seg.status, seg.text).toBeLessThan(300);
    const exp = await callA(DEMO.admin, "GET", "/api/admin/commune/export");
    expect(exp.status).toBe(200);
    expect(String(exp.headers["content-disposition"])).toMatch(/attachment; filename="xa-hoa-son-demo-\d{4}-\d{2}-\d{2}\.json"/);
    const fileA = exp.text;
    const doc = JSON.parse(fileA);
    expect(doc.villages.map((v: { name: string }) => v.name)).toContain("Thôn Suối Đá");
    expect(doc.mobileTeam.sessions.length).toBeGreaterThan(0);
    expect(doc.segments.map((x: { name: string }) => x.name)).toContain("Gia đình hội viên Hội Nông dân");

    const b = await install();
    const callB = client(b);
    const before = (await callB(DEMO.admin, "GET", "/api/admin/commune")).json().version;
    const preview = await callB(DEMO.admin, "POST", "/api/admin/commune/import", { doc });
    expect(preview.status, preview.text).toBe(200);
    expect(preview.json()).toMatchObject({ applied: false });
    expect(preview.json().changes).toEqual(
      expect.arrayContaining(["Thêm Thôn Suối Đá (trưởng thôn: Lò Văn Sáng, 64 hộ)", "Thôn Hạ Tiến: trưởng thôn Trần Thị Hoa → Vũ Thị Thu", "Thêm tình nguyện viên Hà Thị Mai", "Thêm cán bộ Đỗ Văn Hùng"]),
    );
    // The preview changed nothing.
    expect((await callB(DEMO.admin, "GET", "/api/admin/commune")).json().version).toBe(before);
    // A broken file is refused in Vietnamese and changes nothing.
    const broken = await callB(DEMO.admin, "POST", "/api/admin/commune/import", { doc: { ...doc, villages: [] }, apply: true, baseVersion: before });
    expect(broken.status).toBe(422);
    expect(broken.json().error.message).toContain("chưa hợp lệ");
    // A file whose villages are right but one team session ends before it starts: refused as a whole
    // (the villages it adds are not kept without the calendar), the live document unchanged.
    const exportBefore = (await callB(DEMO.admin, "GET", "/api/admin/commune/export")).text;
    const badSession = structuredClone(doc);
    badSession.mobileTeam.sessions[0] = { ...badSession.mobileTeam.sessions[0], start: "15:00", end: "08:00" };
    const half = await callB(DEMO.admin, "POST", "/api/admin/commune/import", { doc: badSession, apply: true, baseVersion: before });
    expect(half.status).toBeGreaterThanOrEqual(400);
    expect(half.json().error.message).toContain("giờ kết thúc phải sau giờ bắt đầu");
    expect((await callB(DEMO.admin, "GET", "/api/admin/commune")).json().version).toBe(before);
    expect((await callB(DEMO.admin, "GET", "/api/admin/commune/export")).text).toBe(exportBefore);
    expect((await callB(DEMO.officer, "GET", "/api/villages")).text).not.toContain("thon-suoi-da");
    const applied = await callB(DEMO.admin, "POST", "/api/admin/commune/import", { doc, apply: true, baseVersion: before });
    expect(applied.status, applied.text).toBe(200);

    const fileB = (await callB(DEMO.admin, "GET", "/api/admin/commune/export")).text;
    expect(fileB).toBe(fileA);
    const answersA = await chatAnswers(a);
    expect(answersA.join("\n")).toContain("Thôn Suối Đá");
    expect(await chatAnswers(b)).toEqual(answersA);
    const dash = async (call: ReturnType<typeof client>) => (await call(DEMO.officer, "GET", "/api/commune/dashboard")).text;
    const dashA = await dash(callA);
    expect(dashA).toContain("thon-suoi-da");
    expect(await dash(callB)).toBe(dashA);
    const segNames = async (call: ReturnType<typeof client>) => (await call(DEMO.admin, "GET", "/api/segments")).json();
    expect(await segNames(callB)).toEqual(await segNames(callA));
    const villagesB = (await callB(DEMO.officer, "GET", "/api/villages")).json();
    expect(villagesB).toEqual((await callA(DEMO.officer, "GET", "/api/villages")).json());
  });
});
