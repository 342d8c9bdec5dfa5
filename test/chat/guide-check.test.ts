import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { guideContextFrom } from "../../bot/chat/guide-context";
import { GuideLibrary } from "../../bot/chat/guide-library";
import { loadCommuneConfig } from "../../bot/config/commune";
import { GUIDES } from "../../shared/guides";
import { PlaceholderError, renderGuide } from "../../shared/guides/placeholders";
import { demoCommune } from "../support/env";
import { createGdsApp } from "../households/support";

const COMMUNES = "bot/config/communes";

/** Everything a resident can read of a guide, once rendered. */
const texts = (lib: GuideLibrary) =>
  lib.all().flatMap((g) => [g.title, g.shortTitle ?? "", g.summary, g.verify ?? "", ...g.steps.flatMap((s) => [s.text, s.note ?? "", s.link?.title ?? "", s.image?.alt ?? ""])]);

describe("the guide check at start", () => {
  it("every shipped commune config fills every guide from its own values, with real links", () => {
    const files = readdirSync(COMMUNES).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const cfg = loadCommuneConfig(join(COMMUNES, f));
      const lib = new GuideLibrary(guideContextFrom(cfg), []);
      const all = texts(lib).join("\n");
      expect(all, f).not.toMatch(/\{\{|\}\}/);
      expect(all, f).not.toContain("(mini app của xã)");
      expect(all, f).toContain(cfg.miniApp.url!);
    }
  });

  it("a commune without its mini app link fails the check instead of printing a stand-in", () => {
    const cfg = demoCommune();
    const noLink = { ...cfg, miniApp: {} };
    expect(() => renderGuide(GUIDES.find((g) => g.id === "quan-tam-oa")!, guideContextFrom(noLink))).toThrow(PlaceholderError);
    expect(() => new GuideLibrary(guideContextFrom(noLink), [])).toThrow(/\{\{miniApp\.url\}\} has no value/);
    // A stand-in text where a link belongs is as bad as no value.
    expect(() => new GuideLibrary(guideContextFrom(cfg, "(mini app của xã)"), [])).toThrow(/\{\{miniApp\.url\}\} has no usable value.*not an http\(s\) URL/);
    expect(() => new GuideLibrary(guideContextFrom({ ...cfg, provinceApp: { ...cfg.provinceApp, iosUrl: "chưa có" } }), [])).toThrow(/\{\{provinceApp\.iosUrl\}\}/);
  });

  it("the bot does not start for a commune without its mini app link, and says which value is missing", async () => {
    await expect(createGdsApp({ commune: (c) => ({ ...c, miniApp: {} }) })).rejects.toThrow(/quan-tam-oa.*\{\{miniApp\.url\}\} has no value.*commune config/s);
  });
});
