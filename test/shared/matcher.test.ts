import { describe, expect, it } from "vitest";
import { GUIDES } from "../../shared/guides/content/index";
import { createGuideMatcher, DEFAULT_MATCHER_OPTIONS } from "../../shared/guides/matcher";
import { renderGuide } from "../../shared/guides/placeholders";
import { foldKey } from "../../shared/text/index";
import { SAMPLE_CONTEXT } from "./fixtures";
import { HELDOUT_NONE, HELDOUT_TABLE } from "./phrasings.heldout";
import { NONE_TABLE, PHRASING_TABLE } from "./phrasings.table";

const rendered = GUIDES.map((g) => renderGuide(g, SAMPLE_CONTEXT));
const matcher = createGuideMatcher(rendered);

describe("the phrasing table", () => {
  it("has ≥60 resident phrasings and ≥15 none lines, none copied from the guides", () => {
    expect(PHRASING_TABLE.length).toBeGreaterThanOrEqual(60);
    expect(NONE_TABLE.length).toBeGreaterThanOrEqual(15);
    const own = new Set(rendered.flatMap((g) => g.phrasings.map(foldKey)));
    for (const row of [...PHRASING_TABLE, ...HELDOUT_TABLE]) expect(own.has(foldKey(row.text)), row.text).toBe(false);
    const ids = new Set(GUIDES.map((g) => g.id));
    for (const row of PHRASING_TABLE) expect(ids.has(row.guide)).toBe(true);
    // every guide is asked for at least 5 times
    for (const id of ids) expect(PHRASING_TABLE.filter((r) => r.guide === id).length, id).toBeGreaterThanOrEqual(5);
  });

  it.each(PHRASING_TABLE.map((r) => [r.text, r.guide] as const))("%s → %s (never wrong, never none)", (text, guide) => {
    const r = matcher.match(text);
    if (r.kind === "clear") expect(r.guideId).toBe(guide);
    else if (r.kind === "ambiguous") expect(r.candidates.map((c) => c.guideId)).toContain(guide);
    else expect.unreachable(`no match for ${text}`);
  });

  it("gets ≥95% of the table as a clear, correct match", () => {
    const correct = PHRASING_TABLE.filter((r) => {
      const m = matcher.match(r.text);
      return m.kind === "clear" && m.guideId === r.guide;
    }).length;
    expect(correct / PHRASING_TABLE.length).toBeGreaterThanOrEqual(0.95);
  });

  it.each(NONE_TABLE)("%s → none", (text) => {
    expect(matcher.match(text)).toEqual({ kind: "none" });
  });

  it("the required example", () => {
    expect(matcher.match("lam sao kich hoat dinh danh muc 2")).toMatchObject({ kind: "clear", guideId: "vneid-muc-2" });
  });
});

describe("held-out table (regression guard; measured once, see phrasings.heldout.ts)", () => {
  it("stays at ≥90% clear-correct with at most 1 wrong guide and at most 2 false matches", () => {
    let correct = 0;
    let wrong = 0;
    for (const row of HELDOUT_TABLE) {
      const m = matcher.match(row.text);
      if (m.kind === "clear" && m.guideId === row.guide) correct++;
      else if (m.kind === "clear") wrong++;
    }
    const falseMatches = HELDOUT_NONE.filter((t) => matcher.match(t).kind !== "none").length;
    expect(correct / HELDOUT_TABLE.length).toBeGreaterThanOrEqual(0.9);
    expect(wrong).toBeLessThanOrEqual(1);
    expect(falseMatches).toBeLessThanOrEqual(2);
  });
});

describe("matching behaviour", () => {
  it("accented, unaccented, teencode and NFD spellings meet", () => {
    const variants = [
      "làm sao kích hoạt định danh mức 2",
      "lam sao kich hoat dinh danh muc 2",
      "lsao kích hoạt đđ mức 2",
      "làm sao kích hoạt định danh mức 2".normalize("NFD"),
      "LÀM SAO KÍCH HOẠT ĐỊNH\u200B DANH MỨC 2 ạ",
    ];
    for (const v of variants) expect(matcher.match(v), v).toMatchObject({ kind: "clear", guideId: "vneid-muc-2" });
  });

  it("stop words alone never match, and do not change the answer", () => {
    for (const t of ["làm sao", "cho tôi hỏi với ạ", "ơi", "bác ơi làm thế nào vậy", "hướng dẫn cho mình với"]) {
      expect(matcher.match(t), t).toEqual({ kind: "none" });
    }
    const plain = matcher.match("tiền điện");
    const padded = matcher.match("cho tôi hỏi với ạ làm sao để tiền điện ạ");
    expect(plain).toMatchObject({ kind: "clear", guideId: "tien-dien" });
    expect(padded).toMatchObject({ kind: "clear", guideId: "tien-dien" });
  });

  it("folded look-alikes typed with accents are not taken for guide words", () => {
    // giá/giả, lúa/lừa: "lừa đảo" must not answer a question about rice prices
    expect(matcher.match("giá lúa hôm nay bao nhiêu")).toEqual({ kind: "none" });
    expect(matcher.match("lừa đảo")).toMatchObject({ kind: "clear", guideId: "lua-dao-truc-tuyen" });
  });

  it("reports two candidates when two guides fit nearly equally", () => {
    const r = matcher.match("dùng zalopay trả tiền ở chợ");
    expect(r.kind).toBe("ambiguous");
    if (r.kind === "ambiguous") {
      expect(r.candidates.map((c) => c.guideId).sort()).toEqual(["ngan-hang-vi-qr", "tien-dien"]);
      expect(r.candidates[1].score).toBeGreaterThanOrEqual(DEFAULT_MATCHER_OPTIONS.ambiguityRatio * r.candidates[0].score);
    }
  });

  it("addPhrasing teaches a new way of asking", () => {
    const m = createGuideMatcher(rendered);
    expect(m.match("nuôi heo nái")).toEqual({ kind: "none" });
    m.addPhrasing("ban-hang-online", "bán heo nái qua mạng");
    expect(m.match("nuôi heo nái")).toMatchObject({ kind: "clear", guideId: "ban-hang-online" });
    expect(() => m.addPhrasing("khong-co", "x")).toThrow(/unknown guide id "khong-co"/);
  });

  it("extra phrasings can be given at creation", () => {
    const m = createGuideMatcher(rendered, [{ guideId: "tien-dien", text: "EVN báo cúp điện bao giờ có lại" }]);
    expect(m.match("cúp điện bao giờ có lại")).toMatchObject({ kind: "clear", guideId: "tien-dien" });
    expect(() => createGuideMatcher(rendered, [{ guideId: "x", text: "y" }])).toThrow(/unknown guide id/);
  });

  it("works on unrendered guides too (placeholders are ignored)", () => {
    const raw = createGuideMatcher(GUIDES);
    expect(raw.match("lam sao kich hoat dinh danh muc 2")).toMatchObject({ kind: "clear", guideId: "vneid-muc-2" });
    expect(raw.match("cài app tỉnh")).toMatchObject({ kind: "clear", guideId: "ung-dung-tinh" });
  });

  it("the province app's own name is searchable once rendered", () => {
    expect(matcher.match("ihatinh")).toMatchObject({ kind: "clear", guideId: "ung-dung-tinh" });
    expect(matcher.match("i-Hà Tĩnh")).toMatchObject({ kind: "clear", guideId: "ung-dung-tinh" });
  });

  it("every guide's own phrasings find their guide", () => {
    for (const g of rendered) {
      for (const p of g.phrasings) {
        const r = matcher.match(p);
        const ids = r.kind === "clear" ? [r.guideId] : r.kind === "ambiguous" ? r.candidates.map((c) => c.guideId) : [];
        expect(ids, `${g.id}: ${p}`).toContain(g.id);
      }
    }
  });
});
