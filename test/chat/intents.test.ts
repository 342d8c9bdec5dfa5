import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { BroadcastRepo } from "../../bot/broadcasts/broadcast-repo";
import { PAYLOAD } from "../../bot/chat/commands";
import { askVillage, didYouMean } from "../../bot/chat/guide-messages";
import { Reply } from "../../bot/chat/reply";
import { TEMPLATES } from "../../bot/chat/templates";
import type { Village } from "../../bot/config/commune";
import { GUIDES } from "../../shared/guides";
import { createGdsApp } from "../households/support";
import { Resident } from "../support/resident";
import { startStack, type Stack } from "../support/stack";
import { demoCommune } from "../support/env";

/** Issue 12: actions in the resident's own words, through the simulator and the real app. */
describe("actions in free phrasing", () => {
  let s: Stack;
  let n = 0;
  // A first message gets the welcome and the mini app link before the answer: [, , answer].
  const resident = () => new Resident(s, `8730000000000000${String(++n).padStart(3, "0")}`);
  const auth = { authorization: "Bearer test-officer-token" };
  beforeAll(async () => {
    s = await startStack({ clock: new ManualClock(Date.UTC(2026, 10, 23, 2, 0)), env: { ADMIN_TOKEN: "test-officer-token" } });
  });
  afterAll(async () => s.close());

  it("a free-text opt-out is recorded (and a free-text opt-in removes it)", async () => {
    const repo = new BroadcastRepo(s.services.database.db);
    const r = resident();
    const out = await r.say("thôi đừng gửi mấy cái tin nhắc nhở cho tui nữa");
    expect(out.at(-1)!.text).toBe(TEMPLATES.optedOut);
    expect(repo.isOptedOut(r.userId)).toBe(true);
    const back = await r.say("cho tui nhận lại tin nhắc như trước");
    expect(back.at(-1)!.text).toBe(TEMPLATES.optedIn);
    expect(repo.isOptedOut(r.userId)).toBe(false);
  });

  it("a scam victim gets the police and the bank first, then a person (village asked with buttons, saying why)", async () => {
    const r = resident();
    const replies = await r.say("tui bị lừa chuyển khoản mất 10 triệu rồi giờ sao");
    const texts = replies.map((m) => m.text);
    const victim = texts.findIndex((t) => t.startsWith("⚠️"));
    expect(victim).toBeGreaterThanOrEqual(0);
    expect(texts[victim]).toContain("0239 000 0001"); // the commune police's number from the commune file
    expect(texts[victim]).toContain("ngân hàng");
    const ask = replies[victim + 1]!;
    expect(ask.text).toBe(TEMPLATES.askVillageHandoff);
    expect(ask.buttons.map((b) => b.payload)).toEqual(demoCommune().villages.map((v) => PAYLOAD.village(v.id)));
    const done = await r.tap(1);
    expect(done[0]!.text).toContain("Cháu đã báo");
    const handoffs = (await s.app.inject({ method: "GET", url: "/api/officer/chat/handoffs", headers: auth })).json() as { question: string | null }[];
    expect(handoffs.some((h) => h.question?.startsWith("[Bị lừa đảo]"))).toBe(true);
  });

  it("a procedure without a guide: said plainly, the one-stop desk with its hours, the national portal, a person", async () => {
    const [, , answer] = await resident().say("cho hỏi thủ tục đăng ký kết hôn cần giấy tờ gì");
    expect(answer!.text).toContain("chưa có hướng dẫn");
    expect(answer!.text).toContain("Bộ phận Một cửa, UBND xã Hòa Sơn (demo)");
    expect(answer!.text).toContain("7:30–11:30");
    expect(answer!.text).toContain("dichvucong.gov.vn");
    expect(answer!.buttons.map((b) => b.payload ?? b.title)).toContain(PAYLOAD.handoff);
  });

  it("off-topic chat gets what the OA helps with, and thanks are not misses", async () => {
    const r = resident();
    const [, , off] = await r.say("hôm nay trời nắng đẹp ghê, đi thả diều được");
    expect(off!.text).toContain("chỉ giúp được việc của xã");
    const [thanks] = await r.say("cảm ơn cháu nhiều nhé");
    expect(thanks!.text).toBe(TEMPLATES.thanks);
    // Neither counted as a miss: the next unclear message is a first miss, not a hand-off.
    const [miss] = await r.say("qwrt zxcv");
    expect(miss!.text).toBe(TEMPLATES.notUnderstoodShort);
  });

  it("the mobile team asked with the village's name answers that village directly", async () => {
    const [, , answer] = await resident().say("tháng này tổ lưu động có về thôn Tân Phúc không");
    expect(answer!.text).toContain("Thôn Tân Phúc");
    expect(answer!.text).toContain("Nhà văn hóa thôn Tân Phúc");
  });

  it("'Gia đình số' for a chat not linked to a household: the criteria in short", async () => {
    const [, , answer] = await resident().say("gia đình số là cái gì vậy");
    expect(answer!.text).toContain("Chính quyền số");
    expect(answer!.text).toContain("Kinh tế số");
    expect(answer!.text).toContain("Xã hội số");
    // The demo commune has its mini app link configured: the button opens it.
    expect(answer!.buttons.map((b) => (b.payload as { url?: string }).url)).toContain(demoCommune().miniApp.url);
  });

  it("officers map an unmatched question to an action: the next resident asking it gets the action", async () => {
    const text = "ông bà ơi có ai rảnh ghé nhà tui một bữa không";
    const first = await resident().say(text);
    expect(first.map((m) => m.text).join("\n")).not.toContain(TEMPLATES.askVillageHandoff);
    const list = (await s.app.inject({ method: "GET", url: "/api/officer/chat/unmatched", headers: auth })).json() as { id: number; text: string }[];
    const q = list.find((x) => x.text === text)!;
    const intents = (await s.app.inject({ method: "GET", url: "/api/officer/chat/intents", headers: auth })).json() as { id: string }[];
    expect(intents.map((i) => i.id)).toContain("@handoff");
    const bad = await s.app.inject({ method: "POST", url: `/api/officer/chat/unmatched/${q.id}/map`, headers: auth, payload: { intent: "nope" } });
    expect(bad.statusCode).toBe(400);
    const mapped = await s.app.inject({ method: "POST", url: `/api/officer/chat/unmatched/${q.id}/map`, headers: auth, payload: { intent: "handoff" } });
    expect(mapped.statusCode).toBe(200);
    const again = await resident().say(text);
    expect(again.at(-1)!.text).toBe(TEMPLATES.askVillageHandoff);
  });
});

describe("'Gia đình số' for a chat linked to a household", () => {
  it("answers from the household's own answers, with buttons to the guides for what is missing", async () => {
    const t = await createGdsApp();
    try {
      const h = (await t.call("7101", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "Hộ bà Thử Thị Hai" })).body;
      await t.call("7101", "POST", `/api/households/${h.id}/answers`, { changes: [{ criterionId: "vneid-muc-2", value: "dat", idempotencyKey: "gds-chat-1" }] });
      expect(t.services.gds.households.linkOaUser("7101", "oa-7101")).toMatchObject({ linked: true });
      t.services.chat.service.handleText("oa-7101", "nhà mình đạt gia đình số chưa vậy", "gds-chat-event-1");
      const rows = t.services.outboxRepo.listByStatus("pending", 100).filter((r) => r.dedupeKey.startsWith("chat:gds-chat-event-1:"));
      const messages = rows.map((r) => JSON.parse(r.payload) as { text: string; buttons?: { payload?: string }[] });
      const answer = messages.find((m) => m.text.includes("Hộ bà Thử Thị Hai"))!;
      const missing = t.services.gds.households.householdForOaUser("oa-7101")!.missing;
      expect(answer.text).toContain(`còn ${missing.length} tiêu chí`);
      expect(answer.text).not.toContain("định danh điện tử VNeID mức độ 2"); // answered "đạt"
      expect(answer.buttons!.map((b) => b.payload)).toContain(PAYLOAD.guide("dich-vu-cong"));
    } finally {
      await t.close();
    }
  });
});

describe("replies that fit", () => {
  const village = (i: number): Village => ({ ...demoCommune().villages[0]!, id: `v-${i}`, name: `Thôn Số ${i}` });

  it("villages as buttons: all when five or fewer, else four and 'Thôn khác'", () => {
    const few = new Reply();
    askVillage(few, TEMPLATES.askVillageSchedule, [1, 2, 3].map(village));
    expect(few.messages[0]).toMatchObject({ kind: "buttons", text: TEMPLATES.askVillageSchedule });
    const many = new Reply();
    askVillage(many, TEMPLATES.askVillageSchedule, [1, 2, 3, 4, 5, 6, 7].map(village));
    const buttons = (many.messages[0] as { buttons: { title: string; payload?: string }[] }).buttons;
    expect(buttons).toHaveLength(5);
    expect(buttons.at(-1)).toMatchObject({ title: "Thôn khác", payload: PAYLOAD.villageOther });
  });

  it("'Ý bác là…?' buttons carry each guide's short title, and actions their label", () => {
    for (const g of GUIDES) expect(g.shortTitle, g.id).toBeTruthy();
    const r = new Reply();
    didYouMean(r, [GUIDES.find((g) => g.id === "vneid-muc-2")!, "handoff"]);
    const buttons = (r.messages[0] as { buttons: { title: string; payload?: string }[] }).buttons;
    expect(buttons.slice(0, 2)).toEqual([
      expect.objectContaining({ title: "Định danh mức 2", payload: PAYLOAD.guide("vneid-muc-2") }),
      expect.objectContaining({ title: "Gặp cán bộ", payload: PAYLOAD.intent("handoff") }),
    ]);
  });
});
