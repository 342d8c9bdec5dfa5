import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalTones,
  cleanText,
  contentTokens,
  foldKey,
  matchTerms,
  normalizeText,
  removeDiacritics,
  tokens,
} from "../../shared/text/index";

describe("normalizeText", () => {
  it("lower-cases Vietnamese, strips punctuation and emoji, collapses spaces", () => {
    expect(normalizeText("  Làm sao KÍCH HOẠT   VNeID?? 😀 ")).toBe("làm sao kích hoạt vneid");
    expect(normalizeText("ĐĂNG KÝ Ở ĐÂU!!!")).toBe("đăng ký ở đâu");
    expect(normalizeText("i-HaTinh, dichvucong.gov.vn")).toBe("i hatinh dichvucong gov vn");
  });

  it("removes zero-width characters, BOM, word joiner and soft hyphen", () => {
    expect(normalizeText("định\u200B danh\u200C điện\u200D tử\uFEFF mức\u2060 2")).toBe("định danh điện tử mức 2");
    expect(normalizeText("kích\u00ADhoạt")).toBe("kíchhoạt");
  });

  it("composes NFD input to NFC, even with a zero-width character between letter and mark", () => {
    const nfd = "định danh điện tử".normalize("NFD");
    expect(nfd.length).toBeGreaterThan("định danh điện tử".length);
    expect(normalizeText(nfd)).toBe("định danh điện tử");
    // "a" ZWSP COMBINING ACUTE: the ZWSP must go before NFC, or "á" never composes
    expect(normalizeText("ca\u200B\u0301c")).toBe("các");
  });

  it("treats NBSP and other Unicode spaces as spaces", () => {
    expect(normalizeText("vneid\u00A0mức\u20022\u3000ạ")).toBe("vneid mức 2 ạ");
  });

  it("drops combining marks that have no letter to sit on", () => {
    expect(normalizeText("\u0301 vneid \u0300")).toBe("vneid");
  });

  it("cleanText keeps case and punctuation but normalises the rest", () => {
    expect(cleanText("  Xin chào\u200B,   Bác!  ".normalize("NFD"))).toBe("Xin chào, Bác!");
  });
});

describe("folding (foldKey)", () => {
  it("maps đ/Đ to d (NFD does not decompose đ)", () => {
    expect("đ".normalize("NFD")).toHaveLength(1);
    expect(foldKey("định danh điện tử")).toBe("dinh danh dien tu");
    expect(foldKey("ĐỊNH DANH ĐIỆN TỬ")).toBe("dinh danh dien tu");
    expect(foldKey("Đăng nhập")).toBe("dang nhap");
    expect(removeDiacritics("Đà Nẵng")).toBe("Da Nang");
  });

  it("maps look-alikes of đ (ð, Ð, ɖ, Ɖ) to d", () => {
    expect(foldKey("ðinh danh")).toBe("dinh danh");
    expect(foldKey("ÐĂNG KÝ")).toBe("dang ki");
    expect(foldKey("ɖịnh Ɖanh")).toBe("dinh danh");
  });

  it("gives the same key for NFC, NFD and marks typed separately", () => {
    const nfc = "Kích hoạt định danh mức 2";
    const separately = "Ki\u0301ch hoa\u0323t đi\u0323nh danh mư\u0301c 2"; // base letter + combining mark
    expect(foldKey(nfc.normalize("NFD"))).toBe(foldKey(nfc));
    expect(foldKey(separately)).toBe(foldKey(nfc));
    expect(normalizeText(separately)).toBe(normalizeText(nfc));
    // marks typed in the "wrong" order (circumflex before dot below) are reordered by NFC
    expect(normalizeText("bie\u0302\u0323n")).toBe("biện");
    expect(foldKey("bie\u0302\u0323n")).toBe("bien");
  });

  it("gives the same key for old and new tone placement", () => {
    expect(foldKey("hoà")).toBe(foldKey("hòa"));
    expect(foldKey("thuý")).toBe(foldKey("thúy"));
    expect(foldKey("khoẻ")).toBe(foldKey("khỏe"));
    expect(foldKey("uỷ ban")).toBe(foldKey("ủy ban"));
    expect(foldKey("Hoá đơn")).toBe("hoa don");
  });

  it("gives the same key for i/y spelling variants", () => {
    expect(foldKey("đăng ký")).toBe(foldKey("đăng kí"));
    expect(foldKey("kỹ năng")).toBe(foldKey("kĩ năng"));
    expect(foldKey("lý do")).toBe(foldKey("lí do"));
    expect(foldKey("dang ky")).toBe("dang ki");
    // only after a consonant: "tay", "quay", "uy" keep their y
    expect(foldKey("tay quay uy")).toBe("tay quay uy");
  });

  it("collapses letters repeated for emphasis", () => {
    expect(foldKey("đượcccc ơiiii")).toBe("duoc oi");
  });

  it("keeps digits", () => {
    expect(foldKey("mức 2 năm 2026")).toBe("muc 2 nam 2026");
  });
});

describe("canonicalTones (accent-keeping)", () => {
  it("moves the tone of open oa/oe/uy to the first vowel", () => {
    expect(canonicalTones("hoà thuý uỷ khoẻ Thuỷ HOÀ")).toBe("hòa thúy ủy khỏe Thủy HÒA");
    expect(canonicalTones("hòa")).toBe("hòa");
  });
  it("leaves closed syllables and qu alone", () => {
    expect(canonicalTones("hoàn thuyền quý quá")).toBe("hoàn thuyền quý quá");
  });
});

describe("tokens and matchTerms", () => {
  it("tokens are folded and teencode-expanded", () => {
    expect(tokens("Đăng kí tk")).toEqual(["dang", "ki", "tai", "khoan"]);
    expect(tokens("")).toEqual([]);
    expect(tokens("😀😀 ???")).toEqual([]);
  });

  it("matchTerms drop stop words and add bigrams of content words", () => {
    expect(matchTerms("làm sao kích hoạt định danh mức 2 ạ")).toEqual([
      "kich", "hoat", "dinh", "danh", "muc", "2",
      "kichhoat", "hoatdinh", "dinhdanh", "danhmuc", "muc2",
    ]);
    expect(matchTerms("cho tôi hỏi với ạ, làm thế nào")).toEqual([]);
  });

  it("accent-aware stop words: mấy/bạn are stop words, máy/bán are not", () => {
    expect(contentTokens("mấy giờ rồi").map((t) => t.folded)).toEqual([]);
    expect(contentTokens("tải vneid về máy").map((t) => t.folded)).toEqual(["tai", "vneid", "may"]);
    expect(contentTokens("bạn ơi bán hàng").map((t) => t.folded)).toEqual(["ban", "hang"]);
    expect(contentTokens("chỉ đường").map((t) => t.folded)).toEqual(["chi", "duong"]);
  });

  it("keeps the accented spelling next to the folded key", () => {
    expect(contentTokens("hoà mạng đăng ký")).toEqual([
      { folded: "hoa", accented: "hòa" },
      { folded: "mang", accented: "mạng" },
      { folded: "dang", accented: "đăng" },
      { folded: "ki", accented: "kí" },
    ]);
    expect(contentTokens("dc vneid")).toEqual([{ folded: "vneid", accented: "vneid" }]);
  });
});

describe("properties", () => {
  const vnAlphabet = [..."aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"];
  const pieces = [
    ...vnAlphabet, ...vnAlphabet.map((c) => c.toUpperCase()),
    "b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
    " ", "  ", ",", "?", "!", ".", "\u200B", "\u00AD", "\uFEFF", "\u00A0", "😀", "1", "2",
    "ko", "dc", "đk", "mk", "bn", "vn eid", "k", "j", "ntn",
  ];
  const vnText = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(""));

  it("foldKey is idempotent and its output is plain a-z, digits and single spaces", () => {
    fc.assert(
      fc.property(vnText, (s) => {
        const k = foldKey(s);
        expect(foldKey(k)).toBe(k);
        expect(k).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
    );
  });

  it("foldKey does not depend on the Unicode normalisation form of the input", () => {
    fc.assert(
      fc.property(vnText, (s) => {
        expect(foldKey(s.normalize("NFD"))).toBe(foldKey(s));
        expect(foldKey(s.normalize("NFKC"))).toBe(foldKey(s));
      }),
    );
  });

  it("normalizeText never throws, is idempotent, leaves no invisible characters", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (s) => {
        const n = normalizeText(s);
        expect(normalizeText(n)).toBe(n);
        expect(n).not.toMatch(/[\u200B-\u200D\u2060\uFEFF\u00AD]|\s\s|^\s|\s$/);
      }),
    );
  });
});
