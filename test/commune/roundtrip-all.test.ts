import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

/**
 * Issue 15, done when: "A fresh install with the demo file, then every change above made through the
 * console, then export: the exported file imports into another fresh install and produces the same
 * chat answers, schedules and dashboards." Every weekly change goes through the API on install A
 * (village head, a team session moved, a guide step and a phrasing, a legal tip, a segment, the
 * criteria adopted); A's file imported into a fresh install B gives the same file, chat answers,
 * catalogue, dashboard, segments and legal tips.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */

const T0 = Date.parse("2026-11-20T03:00:00Z");
const GUIDE = "tien-dien";
const NEW_STEP = "Tìm mã khách hàng (13 ký tự, bắt đầu bằng chữ PE) trên hóa đơn giấy hoặc tin nhắn Zalo của Điện lực Hoà Sơn gửi hằng tháng.";
/** A resident's way of asking nobody had taught the bot before the commune added it. */
const NEW_PHRASING = "công tơ nhà cháu quay nhanh quá phải làm sao";
const TIP_TEXT = "Từ năm 2026, trẻ em dưới 14 tuổi được cấp căn cước khi cha mẹ đề nghị; bà con hỏi Công an xã về giấy tờ cần mang theo.";
const NEW_TIP = { title: "Giữ gìn nhà văn hoá thôn", text: "Nhà văn hoá là tài sản chung của thôn: bà con giữ gìn, báo trưởng thôn khi thấy hư hỏng để xã kịp sửa." };
const CHOICE = { exclude: ["ung-dung-nong-nghiep"], include: ["phong-chong-lua-dao", "binh-dan-hoc-vu-so"], relabel: { "vneid-muc-2": { label: "Người lớn trong hộ có tài khoản định danh điện tử mức 2 đã kích hoạt" } }, extra: [] };

const stacks: Stack[] = [];
afterEach(async () => {
  for (const s of stacks.splice(0)) await s.close();
});

async function install(): Promise<Stack> {
  const s = await startStack({ clock: new ManualClock(T0) });
  stacks.push(s);
  return s;
}

type Call = (id: string, method: "GET" | "POST" | "PUT" | "PATCH", url: string, payload?: unknown) => Promise<{ status: number; text: string; json: () => any }>;
function client(s: Stack): Call {
  return async (id, method, url, payload) => {
    const r = await s.app.inject({ method, url, headers: { authorization: `Bearer ${s.services.gds.auth.issue(id).session}` }, ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, text: r.body, json: () => r.json() };
  };
}

async function ok(p: Promise<{ status: number; text: string; json: () => any }>): Promise<any> {
  const r = await p;
  expect(r.status, r.text).toBeLessThan(300);
  return r.json();
}

let n = 0;
/** A new resident each time (the answer does not depend on an earlier question) says `texts` in turn; the answers to the last one. */
async function ask(s: Stack, ...texts: string[]): Promise<string> {
  const r = new Resident(s, `86100000000000${String(++n).padStart(5, "0")}`);
  let said: Awaited<ReturnType<Resident["say"]>> = [];
  for (const t of texts) said = await r.say(t);
  return said.map((m) => `${m.text} | ${m.buttons.map((b) => b.title).join(" / ")}`).join("\n");
}

async function chatAnswers(s: Stack, guideTitle: string): Promise<string[]> {
  return [await ask(s, NEW_PHRASING), await ask(s, "lịch lưu động", "Đông Xuân"), await ask(s, `Hướng dẫn: ${guideTitle}`), await ask(s, "gặp cán bộ")];
}

const tips = async (call: Call) => (await ok(call(DEMO.officer, "GET", "/api/officer/legal-tips"))).items.map((t: any) => ({ position: t.position, title: t.title, text: t.text, retired: t.retired }));

describe("every weekly change travels: export → import on a fresh install → the same commune", () => {
  // Once in two full runs on a loaded two-core machine the resident's outbox did not settle within 30 s
  // (never alone, nor with the files it ran beside); a second try with fresh installs, and the outbox's
  // state in the message if it happens again (test/support/resident.ts settle).
  it("village head, team session, guide step and phrasing, legal tip, segment and criteria all round-trip", { timeout: 120_000, retry: 1 }, async () => {
    const a = await install();
    const callA = client(a);
    const guideTitle = (await ok(callA(DEMO.officer, "GET", `/api/officer/guides/${GUIDE}`))).doc.title as string;
    const unknownBefore = await ask(a, NEW_PHRASING);
    expect(unknownBefore).not.toContain(guideTitle);

    // 1. A village head replaced.
    const version = (await ok(callA(DEMO.admin, "GET", "/api/admin/commune"))).version;
    await ok(callA(DEMO.admin, "POST", "/api/admin/commune/edits", { op: "village.head", villageId: "thon-ha-tien", head: { name: "Vũ Thị Thu", phone: "0912 000 111" }, baseVersion: version }));

    // 2. A team session moved in the calendar.
    const cal = await ok(callA(DEMO.officer, "GET", "/api/officer/team-sessions?from=2026-12-01&to=2026-12-31"));
    const session = cal.items.find((x: any) => x.villageId === "thon-dong-xuan" && x.date === "2026-12-12");
    expect(session).toBeDefined();
    await ok(callA(DEMO.officer, "PATCH", `/api/officer/team-sessions/${session.id}`, { date: "2026-12-05", start: "07:30", end: "10:30", place: "Sân trường tiểu học Đông Xuân" }));

    // 3. A guide step edited and a resident's phrasing added, in the guide editor.
    const g = await ok(callA(DEMO.officer, "GET", `/api/officer/guides/${GUIDE}`));
    const doc = { ...g.doc, steps: g.doc.steps.map((st: any, i: number) => (i === 0 ? { ...st, text: NEW_STEP } : st)), phrasings: [...g.doc.phrasings, NEW_PHRASING] };
    expect((await ok(callA(DEMO.officer, "PUT", `/api/officer/guides/${GUIDE}`, { doc, baseVersion: g.version }))).version).toBe(g.version + 1);

    // 4. A legal tip edited, one added, one retired.
    const list = (await ok(callA(DEMO.officer, "GET", "/api/officer/legal-tips"))).items;
    await ok(callA(DEMO.officer, "PUT", `/api/officer/legal-tips/${list[1].id}`, { title: "Căn cước cho trẻ em", text: TIP_TEXT }));
    await ok(callA(DEMO.officer, "POST", "/api/officer/legal-tips", NEW_TIP));
    await ok(callA(DEMO.officer, "POST", `/api/officer/legal-tips/${list[2].id}/retire`, {}));

    // 5. A household segment added.
    await ok(callA(DEMO.admin, "POST", "/api/admin/segments", { name: "Gia đình hội viên Hội Cựu chiến binh", targetPercent: 90 }));

    // 6. The province's variant of the criteria adopted.
    const crit = await ok(callA(DEMO.admin, "GET", "/api/admin/criteria"));
    const adopted = await callA(DEMO.admin, "POST", "/api/admin/criteria", { baseVersion: crit.version, choice: CHOICE });
    expect([200, 202], adopted.text).toContain(adopted.status);
    await a.services.criteria.service.settled();

    const fileA = (await callA(DEMO.admin, "GET", "/api/admin/commune/export")).text;
    const file = JSON.parse(fileA);
    // Only what the commune changed: the one edited guide, the three tips touched.
    expect(file.guides.map((x: any) => x.id)).toEqual([GUIDE]);
    expect(file.guides[0].steps[0].text).toBe(NEW_STEP);
    expect(file.legalTips).toEqual([
      { shipped: 2, title: "Căn cước cho trẻ em", text: TIP_TEXT },
      { shipped: 3, title: expect.any(String), text: expect.any(String), retired: true },
      NEW_TIP,
    ]);
    expect(file.criteria.exclude).toEqual(CHOICE.exclude);
    expect(file.mobileTeam.sessions).toContainEqual(expect.objectContaining({ villageId: "thon-dong-xuan", date: "2026-12-05", start: "07:30", place: "Sân trường tiểu học Đông Xuân" }));

    const b = await install();
    const callB = client(b);
    expect(await ask(b, NEW_PHRASING)).toBe(unknownBefore);
    const base = (await ok(callB(DEMO.admin, "GET", "/api/admin/commune"))).version;
    await ok(callB(DEMO.admin, "POST", "/api/admin/commune/import", { doc: file, apply: true, baseVersion: base }));
    await b.services.criteria.service.settled();

    // The same file, byte for byte.
    expect((await callB(DEMO.admin, "GET", "/api/admin/commune/export")).text).toBe(fileA);
    // The same chat answers: the new phrasing opens the edited guide, the moved session, the new step.
    const answersA = await chatAnswers(a, guideTitle);
    expect(answersA[0]).toContain(guideTitle);
    expect(answersA[1]).toContain("Sân trường tiểu học Đông Xuân");
    expect(answersA[2]).toContain(NEW_STEP);
    // A moved session travels with where it was first planned: B says "đã dời từ …" too.
    expect(answersA[1]).toContain("(đã dời từ 08:00 Thứ Bảy 12/12)");
    expect(await chatAnswers(b, guideTitle)).toEqual(answersA);
    // The guide in B is a commune version with the shipped one kept before it (rollback possible).
    const gb = await ok(callB(DEMO.officer, "GET", `/api/officer/guides/${GUIDE}`));
    expect(gb.shipped).toBe(false);
    expect(gb.versions.map((v: any) => v.source)).toEqual(["commune", "shipped"]);
    // The same catalogue, dashboard, segments, legal tips and team calendar.
    const same = async (id: string, url: string) => expect((await callB(id, "GET", url)).text, url).toBe((await callA(id, "GET", url)).text);
    await same("7001", "/api/catalogue");
    await same(DEMO.officer, "/api/commune/dashboard");
    await same(DEMO.admin, "/api/segments");
    await same(DEMO.officer, "/api/villages");
    expect(await tips(callB)).toEqual(await tips(callA));
    const calendar = async (call: Call) => (await ok(call(DEMO.officer, "GET", "/api/officer/team-sessions?from=2026-11-01&to=2026-12-31"))).items.map(({ id: _id, ...rest }: any) => rest);
    expect(await calendar(callB)).toEqual(await calendar(callA));
    expect(b.services.gds.catalogue.key).toBe(a.services.gds.catalogue.key);
  });
});
