import { describe, expect, it } from "vitest";
import { GuideLibrary } from "../../bot/chat/guide-library";
import { guideContextFrom } from "../../bot/chat/guide-context";
import { menuMessages, stepMessages } from "../../bot/chat/guide-messages";
import { Reply } from "../../bot/chat/reply";
import { TEMPLATES } from "../../bot/chat/templates";
import { outgoingMessageSchema } from "../../bot/zalo/messages";
import { demoCommune } from "../support/env";

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

describe("every message the bot can send", () => {
  const library = new GuideLibrary(guideContextFrom(demoCommune(), "https://zalo.me/s/demo"), []);

  it("every step of every guide is one valid Zalo message: ≤ 2,000 characters, ≤ 5 buttons, Vietnamese, no placeholder left", () => {
    let checked = 0;
    for (const guide of library.all()) {
      for (let step = 1; step <= guide.steps.length; step++) {
        const reply = stepMessages(new Reply(), guide, step);
        for (const m of reply.messages) {
          expect(() => outgoingMessageSchema.parse(m), `${guide.id} step ${step}`).not.toThrow();
          if (m.text) {
            expect(m.text.length).toBeLessThanOrEqual(2000);
            expect(m.text).not.toMatch(/\{\{|\}\}/);
            expect(m.text, `${guide.id} step ${step}`).toMatch(VIETNAMESE);
          }
          if (m.kind === "buttons") expect(m.buttons.length).toBeLessThanOrEqual(5);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(library.all().length).toBeGreaterThanOrEqual(13);
  });

  it("the menu and every template are valid Vietnamese messages", () => {
    for (const m of menuMessages(new Reply(), library.all()).messages) expect(() => outgoingMessageSchema.parse(m)).not.toThrow();
    for (const [key, text] of Object.entries(TEMPLATES)) {
      expect(text.length, key).toBeLessThanOrEqual(2000);
      expect(text, key).toMatch(VIETNAMESE);
      if (key.startsWith("button")) expect(text.length, key).toBeLessThanOrEqual(100);
    }
  });

  it("a commune in another province gets its own app name in the guides", () => {
    const cfg = demoCommune();
    cfg.provinceApp.name = "Gia Lai Số";
    const gl = new GuideLibrary(guideContextFrom(cfg, "https://zalo.me/s/demo"), []);
    expect(gl.get("ung-dung-tinh")!.title).toContain("Gia Lai Số");
    expect(gl.understand("cai app gia lai so the nao")).toMatchObject({ kind: "guide", guideId: "ung-dung-tinh" });
  });
});
