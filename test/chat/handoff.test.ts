import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../../bot/clock";
import { Resident, settle } from "../support/resident";
import { startStack, type Stack } from "../support/stack";

describe("hand-off to a person", () => {
  let s: Stack;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.UTC(2026, 10, 23, 2, 0));
    s = await startStack({ clock });
  });
  afterEach(async () => s.close());
  const advance = (ms: number) => s.advance(ms);

  it("after 'gặp cán bộ', an officer's answer from the OA chat silences the bot; after the pause it answers again", async () => {
    const r = new Resident(s, "8700000000000000001");
    await r.say("lam sao kich hoat dinh danh muc 2");
    const [ask] = await r.say("gặp cán bộ");
    expect(ask!.text).toContain("thôn/làng nào");
    const [told] = await r.say("1");
    expect(told!.text).toContain("Cháu đã báo tình nguyện viên Đoàn Thanh niên Hồ Văn Nam");
    // The person named is the one who answers (not "a cán bộ", which made residents wait for someone else).
    expect(told!.text).toContain("Hồ Văn Nam sẽ nhắn lại cho bác");
    expect(told!.text).toContain("0912 000 301");
    expect(told!.buttons[0]).toMatchObject({ type: "oa.open.phone" });

    // An officer answers from oa.zalo.me: Zalo echoes oa_send_text with admin_id.
    await fetch(`${s.sim.url}/simulator/api/admin/reply`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id: r.userId, text: "Chào bác, cháu là Nam, bác cần giúp gì ạ?", admin_id: "9100000000000000001" }),
    });
    await settle(s);
    expect(s.services.chat.handoffs.recent(1)[0]).toMatchObject({ answeredBy: "9100000000000000001" });

    const silent = await r.say("tiếp");
    expect(silent).toEqual([]); // the bot keeps quiet while the officer talks
    advance(30 * 60_000);
    expect(await r.say("cảm ơn cháu")).toEqual([]);

    advance(2 * 3600_000); // past the 120-minute pause
    await settle(s);
    const prompt = (await r.inbox()).at(-1)!;
    expect(prompt.text).toContain("sự hỗ trợ của cán bộ vừa rồi");
    const [thanks] = await r.say("4");
    expect(thanks!.text).toContain("4/5");
    const [back] = await r.say("menu");
    expect(back!.text).toContain("Các hướng dẫn");
  });
});
