import { describe, expect, it } from "vitest";
import { GUIDES, GUIDE_IDS } from "../../shared/guides/content/index";
import {
  GuideRenderError,
  MAX_STEP_CHARS,
  PLACEHOLDER_KEYS,
  PlaceholderError,
  fillPlaceholders,
  placeholdersInText,
  renderGuide,
  type GuideContext,
} from "../../shared/guides/placeholders";
import { GuideValidationError, placeholdersIn, validateGuides, type Guide } from "../../shared/guides/schema";
import { foldKey } from "../../shared/text/index";
import { SAMPLE_CONTEXT } from "./fixtures";

function sampleGuide(overrides: Partial<Guide> = {}): Guide {
  return {
    id: "thu-nghiem",
    title: "Hướng dẫn thử",
    summary: "Một hướng dẫn để thử bộ kiểm tra.",
    phrasings: ["một", "hai câu", "ba câu", "bốn câu", "năm câu", "sáu câu"],
    steps: [{ text: "Bước một ở {{commune.kind}} {{commune.name}}." }, { text: "Bước hai." }],
    confirmed: true,
    sources: ["https://example.gov.vn/a"],
    ...overrides,
  };
}

function validationIssues(guides: unknown[], context?: GuideContext): string[] {
  try {
    validateGuides(guides, context ? { context } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(GuideValidationError);
    return [...(e as GuideValidationError).issues];
  }
  return [];
}

describe("validateGuides", () => {
  it("accepts a good guide", () => {
    expect(validateGuides([sampleGuide()])).toHaveLength(1);
  });

  it("rejects a bad guide with a clear message naming the guide and the field", () => {
    const bad = { ...sampleGuide({ id: "Bad Id" }), phrasings: ["chỉ một"], steps: [] };
    const issues = validationIssues([bad]);
    expect(issues.some((i) => i.startsWith('guide "Bad Id": id: id must be kebab-case'))).toBe(true);
    expect(issues.some((i) => i.includes("phrasings: a guide needs at least 6 phrasings"))).toBe(true);
    expect(issues.some((i) => i.includes("steps:"))).toBe(true);
  });

  it("rejects something that is not a guide at all", () => {
    expect(validationIssues([42])[0]).toMatch(/^guide #0: \(root\): /);
    expect(validationIssues([{ ...sampleGuide(), extra: 1 }]).join("\n")).toMatch(/extra/);
  });

  it("rejects an over-long step", () => {
    const long = sampleGuide({ steps: [{ text: "a".repeat(MAX_STEP_CHARS + 1) }] });
    expect(validationIssues([long]).join("\n")).toMatch(/steps\.0\.text: step text is over 2000 characters/);
  });

  it("rejects a step that becomes over-long once placeholders are filled", () => {
    const nearly = sampleGuide({ steps: [{ text: "a".repeat(MAX_STEP_CHARS - 30) + " {{volunteers.contact}}" }] });
    expect(validationIssues([nearly])).toEqual([]);
    expect(validationIssues([nearly], SAMPLE_CONTEXT).join("\n")).toMatch(/step 1: \d+ characters after filling \(max 2000\)/);
  });

  it("rejects an unknown placeholder, wherever it is", () => {
    const unknown = sampleGuide({ steps: [{ text: "Gọi {{police.fax}}." }] });
    expect(validationIssues([unknown]).join("\n")).toMatch(/steps\.0\.text: unknown placeholder \{\{police\.fax\}\}/);
    const inPhrasing = sampleGuide({ phrasings: [...sampleGuide().phrasings, "hỏi {{village.name}}"] });
    expect(validationIssues([inPhrasing]).join("\n")).toMatch(/phrasings\.6: unknown placeholder \{\{village\.name\}\}/);
  });

  it("rejects malformed placeholders", () => {
    const broken = sampleGuide({ steps: [{ text: "Xã {{commune.name} ơi" }] });
    expect(validationIssues([broken]).join("\n")).toMatch(/malformed placeholder/);
  });

  it("rejects duplicate ids", () => {
    expect(validationIssues([sampleGuide(), sampleGuide()]).join("\n")).toMatch(/duplicate id/);
  });

  it("requires a note on unconfirmed facts", () => {
    expect(validationIssues([sampleGuide({ confirmed: false })]).join("\n")).toMatch(/verify: an unconfirmed guide needs/);
    const step = sampleGuide({ steps: [{ text: "Bấm nút X.", confirmed: false }] });
    expect(validationIssues([step]).join("\n")).toMatch(/steps\.0\.note: an unconfirmed step needs/);
  });

  it("checks link and image URLs", () => {
    const ok = sampleGuide({ steps: [{ text: "Mở trang.", link: { title: "Cổng", url: "{{publicServicePortal.url}}" } }] });
    expect(validationIssues([ok])).toEqual([]);
    const bad = sampleGuide({ steps: [{ text: "Xem ảnh.", image: { url: "not a url", alt: "ảnh" } }] });
    expect(validationIssues([bad]).join("\n")).toMatch(/image\.url: must be an http\(s\) URL/);
  });
});

describe("renderGuide and placeholders", () => {
  it("fills every placeholder of every guide for a sample commune", () => {
    for (const g of GUIDES) {
      const r = renderGuide(g, SAMPLE_CONTEXT);
      const texts = [
        r.title,
        r.summary,
        r.verify ?? "",
        ...r.phrasings,
        ...(r.keywords ?? []),
        ...r.steps.flatMap((s) => [s.text, s.note ?? "", s.link?.title ?? "", s.link?.url ?? "", s.image?.url ?? "", s.image?.alt ?? ""]),
      ];
      for (const t of texts) expect(t, g.id).not.toMatch(/\{\{|\}\}/);
      for (const s of r.steps) expect(s.text.length).toBeLessThanOrEqual(MAX_STEP_CHARS);
    }
    const app = renderGuide(GUIDES.find((g) => g.id === "ung-dung-tinh")!, SAMPLE_CONTEXT);
    expect(app.title).toBe("Cài ứng dụng i-Hà Tĩnh và gửi phản ánh hiện trường");
    expect(app.steps[0]!.text).toContain(SAMPLE_CONTEXT.provinceApp.androidUrl);
    const dvc = renderGuide(GUIDES.find((g) => g.id === "dich-vu-cong")!, SAMPLE_CONTEXT);
    expect(dvc.steps[0]!.link?.url).toBe("https://dichvucong.gov.vn");
  });

  it("the sample context covers every known key", () => {
    for (const k of PLACEHOLDER_KEYS) expect(fillPlaceholders(`{{${k}}}`, SAMPLE_CONTEXT)).not.toBe("");
  });

  it("throws on a missing or blank key instead of leaving it in the text", () => {
    const ctx = { ...SAMPLE_CONTEXT, police: { name: "Công an xã Sơn Tây", phone: "  " } };
    const g = GUIDES.find((x) => x.id === "lua-dao-truc-tuyen")!;
    expect(() => renderGuide(g, ctx)).toThrow(PlaceholderError);
    expect(() => renderGuide(g, ctx)).toThrow(/\{\{police\.phone\}\} has no value/);
    const noHotline = { ...SAMPLE_CONTEXT } as Partial<GuideContext>;
    delete noHotline.hotline;
    expect(() => renderGuide(GUIDES.find((x) => x.id === "tong-dai-phan-anh")!, noHotline as GuideContext)).toThrow(
      /guide "tong-dai-phan-anh", [a-z ]+\d*: placeholder \{\{hotline\.province\}\} has no value in the commune context/,
    );
  });

  it("throws on an unknown key", () => {
    expect(() => fillPlaceholders("gọi {{police.fax}}", SAMPLE_CONTEXT, "here")).toThrow(
      /here: unknown placeholder \{\{police\.fax\}\}/,
    );
  });

  it("throws when a filled URL is not a URL", () => {
    const ctx = { ...SAMPLE_CONTEXT, publicServicePortal: { url: "dichvucong" } };
    expect(() => renderGuide(GUIDES.find((g) => g.id === "dich-vu-cong")!, ctx)).toThrow(GuideRenderError);
  });

  it("accepts spaces inside the braces", () => {
    expect(fillPlaceholders("Xã {{ commune.name }}", SAMPLE_CONTEXT)).toBe("Xã Sơn Tây");
    expect(placeholdersInText("{{a}} {{ b.c }} {{a}}")).toEqual(["a", "b.c"]);
  });

  it("placeholdersIn lists what a guide needs from the commune", () => {
    expect(placeholdersIn(GUIDES.find((g) => g.id === "tong-dai-phan-anh")!)).toContain("hotline.province");
  });
});

describe("guide content", () => {
  it("has the guides the campaigns need, ids matching GUIDE_IDS", () => {
    expect(GUIDES.map((g) => g.id)).toEqual([...GUIDE_IDS]);
  });

  it.each(GUIDES.map((g) => [g.id, g] as const))("%s: 4–9 short steps, ≥6 phrasings, sources or a note", (_id, g) => {
    expect(g.steps.length).toBeGreaterThanOrEqual(4);
    expect(g.steps.length).toBeLessThanOrEqual(9);
    expect(g.phrasings.length).toBeGreaterThanOrEqual(6);
    // phone screens: steps stay short
    for (const s of g.steps) expect(s.text.length).toBeLessThanOrEqual(400);
    // accented and unaccented phrasings both present
    expect(g.phrasings.some((p) => foldKey(p) !== p.toLowerCase())).toBe(true);
    expect(g.phrasings.some((p) => /^[\x20-\x7e]+$/.test(p.replace(/\{\{[^}]*\}\}/g, "")))).toBe(true);
    if (g.confirmed) expect(g.sources.length).toBeGreaterThan(0);
    else expect(g.verify).toBeTruthy();
  });

  it("uses no phone number or web address outside the sourced ones and placeholders", () => {
    const allowedNumbers = ["1900 9068", "8079", "1022", "0235.1022", "123456"];
    const allowedHosts = ["vneid.gov.vn", "dichvucong.gov.vn", "gov.vn"];
    for (const g of GUIDES) {
      const text = [g.title, g.summary, ...g.steps.flatMap((s) => [s.text, s.link?.url ?? "", s.image?.url ?? ""])].join("\n");
      for (const m of text.matchAll(/\d[\d .]{2,}\d/g)) {
        expect(allowedNumbers.some((a) => m[0].includes(a) || a.includes(m[0])), `${g.id}: ${m[0]}`).toBe(true);
      }
      for (const m of text.matchAll(/https?:\/\/([^/\s]+)|\b([a-z0-9-]+\.(?:gov\.vn|vn|com))\b/g)) {
        const host = m[1] ?? m[2] ?? "";
        expect(allowedHosts.some((h) => host.endsWith(h)), `${g.id}: ${host}`).toBe(true);
      }
    }
  });
});
