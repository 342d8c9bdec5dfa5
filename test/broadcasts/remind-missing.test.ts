/**
 * Issue 14: "Nhắc các thôn chưa nộp báo cáo" is one action on the Friday reports page: the heads of the
 * villages that have not sent this week's report get one reminder; the others get nothing.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { DEMO } from "../households/support";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});
const TOKEN = "remind-officer-token";
const report = { smartphoneUsers: 120, installed: 80, activated: 60, regularUsers: 40 };

describe("remind the villages that have not reported", () => {
  it("reaches only the heads of villages without this week's report, says the week and the deadline in words, and refuses when all have reported", async () => {
    s = await startStack({ clock: new ManualClock(Date.UTC(2026, 10, 27, 3, 0)), env: { ADMIN_TOKEN: TOKEN } }); // Friday 27 Nov, 10:00
    const heads = { dongXuan: "7000000000000000101", haTien: "7000000000000000102", tanPhuc: "7000000000000000103" };
    for (const h of Object.values(heads)) await new Resident(s, h).say("chào"); // heads wrote this week: Zalo lets the OA answer
    const session = s.services.gds.auth.issue(DEMO.headDongXuan).session;
    const put = await fetch(`${s.appUrl}/api/villages/thon-dong-xuan/reports/current`, { method: "PUT", headers: { authorization: `Bearer ${session}`, "content-type": "application/json" }, body: JSON.stringify(report) });
    expect(put.status).toBe(200);

    const res = await fetch(`${s.appUrl}/api/officer/reports/remind-missing`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { villageIds: string[] };
    expect(body.villageIds).not.toContain("thon-dong-xuan");
    expect(body.villageIds).toEqual(expect.arrayContaining(["thon-ha-tien", "thon-tan-phuc"]));
    await settle(s);
    const inbox = async (u: string) => ((await (await fetch(`${s!.sim.url}/simulator/api/users/${u}/inbox`)).json()) as { text: string }[]).map((m) => m.text).filter((t) => t.includes("chưa gửi báo cáo"));
    expect(await inbox(heads.dongXuan)).toEqual([]);
    const got = await inbox(heads.haTien);
    expect(got).toHaveLength(1);
    expect(got[0]).toContain("tuần 23/11–29/11/2026");
    expect(got[0]).toContain("16:00 Thứ Sáu 27/11/2026");
    expect(got[0]).not.toMatch(/\bW\d\d\b|\bOA\b|mini app/);

    // Everyone reports: the action says so and sends nothing.
    for (const [v, id] of [["thon-ha-tien", DEMO.headHaTien]] as const) {
      const ses = s.services.gds.auth.issue(id).session;
      expect((await fetch(`${s.appUrl}/api/villages/${v}/reports/current`, { method: "PUT", headers: { authorization: `Bearer ${ses}`, "content-type": "application/json" }, body: JSON.stringify(report) })).status).toBe(200);
    }
    const officer = s.services.gds.auth.issue(DEMO.officer).session; // an officer enters the others' reports
    for (const v of s.services.config.commune.villages.filter((x) => !["thon-dong-xuan", "thon-ha-tien"].includes(x.id))) {
      const r = await fetch(`${s.appUrl}/api/villages/${v.id}/reports/current`, { method: "PUT", headers: { authorization: `Bearer ${officer}`, "content-type": "application/json" }, body: JSON.stringify(report) });
      expect(r.status).toBe(200);
    }
    const again = await fetch(`${s.appUrl}/api/officer/reports/remind-missing`, { method: "POST", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(again.status).toBe(409);
    expect(((await again.json()) as any).error.message).toContain("đều đã gửi");
  });
});
