/**
 * Issue 11, "a commune can rehearse a week": one week of Zalo as it really behaves, driven only through
 * the simulator's control API (what a commune's rehearsal uses) and read only through what officers
 * see (the officers' API, /readyz). Follows and chats, a hand-off answered from the console, an
 * anonymous chat, a village group deleted under us, an account-wide error (-321), the night block
 * (-234), a person's quota (-218). At the end nothing was lost and nothing went twice.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { settle } from "../support/resident";
import { startStack, waitFor, type Stack } from "../support/stack";

const TOKEN = "rehearsal-officer-token";
/** Vietnam local time (UTC+7) of the week of Monday 23 November 2026. */
const vn = (day: number, h: number, mi = 0) => Date.UTC(2026, 10, 23 + day, h - 7, mi);

let s: Stack | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

async function sim(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${s!.sim.url}/simulator/api${path}`, {
    method,
    ...(body !== undefined ? { headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(200);
  return JSON.parse(text);
}
async function officer(method: "GET" | "POST", path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${s!.appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = await res.json();
  expect(res.status, `${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
  return json;
}
const inbox = async (user: string) => ((await sim("GET", `/users/${user}/inbox`)) as { text: string }[]).map((m) => m.text);
async function say(user: string, text: string): Promise<string[]> {
  const before = (await inbox(user)).length;
  expect((await sim("POST", `/users/${user}/text`, { text })).delivered).toBe(true);
  await settle(s!);
  return (await inbox(user)).slice(before);
}
const readyz = async () => (await (await fetch(`${s!.appUrl}/readyz`)).json()) as any;

describe("a week rehearsed in the sandbox", () => {
  it("follows, chats, a hand-off, an anonymous chat, a deleted group, -321, night and quota: officers see each, nothing is lost", async () => {
    const clock = new ManualClock(vn(0, 8));
    s = await startStack({ clock, env: { ADMIN_TOKEN: TOKEN }, startWorkers: false });
    for (const v of s.services.config.commune.villages) {
      for (const g of v.zaloGroups) s.sim.sim.upsertGroup({ group_id: g.groupId, name: g.name, owned_by_oa: g.managedByOa });
    }
    await s.services.startWorkers();
    await waitFor(() => s!.services.groups.sync.syncedAt() !== undefined, 10_000, "the start-up group sync");

    // Monday 09:00: residents follow and ask; one asks for a person.
    s.setTime(vn(0, 9));
    const [an, binh] = ["8700000000000000101", "8700000000000000102"];
    await sim("POST", `/users/${an}/follow`);
    await settle(s);
    expect((await inbox(an)).join("\n")).toContain("Chào mừng");
    expect((await say(an, "cai vneid the nao")).join("\n")).toMatch(/VNeID/);
    await say(binh, "cho toi gap can bo");
    expect((await say(binh, "1")).join("\n")).toContain("Cháu đã báo");
    const tickets = await officer("GET", "/api/officer/tickets?status=new");
    expect(tickets.items).toHaveLength(1);
    expect(tickets.items[0]).toMatchObject({ villageName: "Thôn Đông Xuân", kind: "handoff" });
    s.setTime(vn(0, 9, 40));
    await officer("POST", `/api/officer/tickets/${tickets.items[0].id}/answer`, { text: "Chào bác Bình, chiều nay cháu qua nhà hướng dẫn bác nhé." });
    await settle(s);
    expect(await inbox(binh)).toContain("Chào bác Bình, chiều nay cháu qua nhà hướng dẫn bác nhé.");

    // Monday 10:00: someone chats without revealing who they are: answered, never linked.
    s.setTime(vn(0, 10));
    const anon = "3bb0dc467f179649cf08";
    await sim("POST", `/anonymous/${anon}/text`, { text: "xin chào" });
    await settle(s);
    const chat = await sim("GET", `/anonymous/${anon}`);
    expect(chat.messages.filter((m: any) => m.from_oa && m.via_api).length).toBeGreaterThanOrEqual(1);

    // Tuesday: a village's group is deleted in Zalo; officers see it.
    s.setTime(vn(1, 9));
    await sim("POST", "/groups/g-ha-tien/delete");
    await s.services.worker.drain();
    await s.services.groups.sync.idle();
    const groups = await officer("GET", "/api/officer/groups");
    const haTien = groups.villages.find((v: any) => v.villageId === "thon-ha-tien").groups[0];
    expect(haTien).toMatchObject({ status: "deleted", usedForPosts: false, lastEvent: "delete_group" });

    // Wednesday 19:00: the legal tip goes to the groups that exist; Hạ Tiến's head is asked to pass it on.
    // (The head wrote to the OA this week, so Zalo lets the OA write to him.)
    const head = "7000000000000000102";
    s.setTime(vn(2, 12));
    await say(head, "chào cán bộ");
    s.setTime(vn(2, 19, 0));
    await s.services.broadcasts.scheduler.tickAsync(s.services.config.clock.now());
    await settle(s);
    const tips = (g: string) => s!.sim.sim.groupMessages(g).filter((m) => m.text.includes("Pháp luật trong tuần"));
    expect(tips("g-ha-tien")).toEqual([]);
    expect(tips("g-dong-xuan-1")).toHaveLength(1);
    expect((await inbox(head)).join("\n")).toContain("Pháp luật trong tuần");

    // Thursday 10:00: the Zalo Cloud Account runs out of money (-321): everything waits, officers are told.
    s.setTime(vn(3, 10));
    await sim("POST", "/faults", { endpoint: "message", errors: Array.from({ length: 5 }, () => ({ code: -321 })) });
    await sim("POST", `/users/${an}/text`, { text: "menu" });
    await s.services.worker.drain();
    await waitFor(async () => (await readyz()).checks?.sending?.state === "paused" || JSON.stringify(await readyz()).includes("paused"), 10_000, "/readyz shows the pause");
    const pause = await officer("GET", "/api/officer/outbox/pause");
    expect(pause.paused).toBe(true);
    expect(pause.notice).toMatch(/[ăâđêôơư]/);
    await sim("POST", `/users/${an}/text`, { text: "lich luu dong" }); // queued meanwhile, not lost
    await s.services.worker.drain();
    await sim("DELETE", "/faults");
    await officer("POST", "/api/officer/outbox/resume");
    await settle(s);
    const afterPause = (await inbox(an)).join("\n");
    expect(afterPause).toContain("Các hướng dẫn");
    expect(afterPause).toMatch(/lưu động/);

    // Thursday 23:00: Zalo refuses at night (-234): the message waits for 06:00 and then goes.
    s.setTime(vn(3, 23));
    await sim("POST", "/faults", { endpoint: "message", errors: [{ code: -234 }] });
    const beforeNight = (await inbox(an)).length;
    await sim("POST", `/users/${an}/text`, { text: "cam on" });
    await s.services.worker.drain();
    await s.services.sender.idle();
    expect((await inbox(an)).length).toBe(beforeNight);
    s.setTime(vn(4, 6, 1));
    await settle(s);
    expect((await inbox(an)).length).toBeGreaterThan(beforeNight);

    // Friday 15:00: a person's quota is used up (-218): tried again after midnight.
    s.setTime(vn(4, 15));
    await sim("POST", "/faults", { endpoint: "message", errors: [{ code: -218 }] });
    const beforeQuota = (await inbox(binh)).length;
    await sim("POST", `/users/${binh}/text`, { text: "menu" });
    await s.services.worker.drain();
    await s.services.sender.idle();
    expect((await inbox(binh)).length).toBe(beforeQuota);
    s.setTime(vn(5, 0, 1));
    await settle(s);
    expect((await inbox(binh)).length).toBeGreaterThan(beforeQuota);

    // The end of the week: nothing lost, nothing sent twice, no event refused.
    const rows = s.services.database.sqlite.prepare("SELECT status, count(*) AS n FROM outbox GROUP BY status").all() as { status: string; n: number }[];
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    expect(byStatus.failed ?? 0).toBe(0);
    expect(byStatus.uncertain ?? 0).toBe(0);
    expect(byStatus.pending ?? 0).toBe(0);
    const dupes = s.services.database.sqlite.prepare("SELECT message_id, count(*) AS n FROM outbox WHERE message_id IS NOT NULL GROUP BY message_id HAVING n > 1").all();
    expect(dupes).toEqual([]);
    expect((await readyz()).checks?.webhookEvents?.rejected ?? 0).toBe(0);
  }, 120_000);
});
