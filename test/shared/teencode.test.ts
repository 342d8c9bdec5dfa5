import { describe, expect, it } from "vitest";
import {
  ACCENTED_TEENCODE,
  CONTEXTUAL_TEENCODE,
  TEENCODE,
  collapseRepeats,
  foldIY,
  foldKey,
  removeDiacritics,
} from "../../shared/text/index";

/** The folded form of an expansion, computed independently of the expansion code. */
function folded(expansion: string): string {
  return removeDiacritics(expansion)
    .toLowerCase()
    .split(" ")
    .filter((w) => w !== "")
    .map(foldIY)
    .join(" ");
}

describe("teencode map", () => {
  const plain = Object.entries(TEENCODE);

  it("has at least 60 entries in all", () => {
    const total = plain.length + Object.keys(ACCENTED_TEENCODE).length + Object.keys(CONTEXTUAL_TEENCODE).length;
    expect(total).toBeGreaterThanOrEqual(60);
  });

  it("keys are already folded (lower case, no diacritics), single-spaced", () => {
    for (const key of [...Object.keys(TEENCODE), ...Object.keys(CONTEXTUAL_TEENCODE)]) {
      expect(removeDiacritics(key).toLowerCase(), key).toBe(key);
      expect(key, key).toMatch(/^[a-z0-9]+( [a-z0-9]+)*$/);
    }
  });

  it("no key is shadowed by another table", () => {
    for (const key of Object.keys(CONTEXTUAL_TEENCODE)) expect(Object.keys(TEENCODE), key).not.toContain(key);
  });

  describe.each(plain)("%s", (key, expansion) => {
    it(`expands alone to "${expansion}"`, () => {
      expect(foldKey(key)).toBe(folded(expansion));
    });
    it("expands inside a sentence, whole token only", () => {
      expect(foldKey(`xin ${key} nha`)).toBe(`xin ${folded(expansion)} nha`.replace(/ +/g, " "));
      // inside a longer word nothing is expanded (the word only loses letters repeated 3+ times)
      if (!key.includes(" ")) expect(foldKey(`x${key}x`)).toBe(collapseRepeats(`x${key}x`));
    });
  });

  describe.each(Object.entries(ACCENTED_TEENCODE))("accented %s", (key, expansion) => {
    it(`expands to "${expansion}" only with its accent`, () => {
      expect(foldKey(key)).toBe(folded(expansion));
      const bare = removeDiacritics(key);
      if (!(bare in TEENCODE)) expect(foldKey(bare)).toBe(bare);
    });
  });

  it("accented keys keep the real word they would collide with", () => {
    expect(foldKey("điện thoại bị hỏng")).toBe("dien thoai bi hong");
    expect(foldKey("hông biết")).toBe("khong biet");
  });

  it("accented input of a plain key is the same entry (đc = dc, đk, sđt)", () => {
    expect(foldKey("đc")).toBe("duoc");
    expect(foldKey("sđt")).toBe("so dien thoai");
    expect(foldKey("đt")).toBe("dien thoai");
    expect(foldKey("tmđt")).toBe("thuong mai dien tu");
    expect(foldKey("đđđt")).toBe("dinh danh dien tu");
    expect(foldKey("khong")).toBe(foldKey("không"));
    expect(foldKey("duoc")).toBe(foldKey("được"));
  });

  it("multi-token keys (vn eid, zalo pay)", () => {
    expect(foldKey("VN-eID mức 2")).toBe("vneid muc 2");
    expect(foldKey("vn id")).toBe("vneid");
    expect(foldKey("Zalo Pay")).toBe("zalopay");
  });

  it("letters repeated for emphasis collapse, but not inside a key (cccd, đđđt)", () => {
    expect(foldKey("CCCD")).toBe("can cuoc cong dan");
    expect(foldKey("khôngggg đượccc")).toBe("khong duoc");
  });

  it("laughter is dropped", () => {
    expect(foldKey("hihi ok haha")).toBe("ok");
  });
});

describe("contextual teencode: every rule, default and alternatives", () => {
  const cases: Record<keyof typeof CONTEXTUAL_TEENCODE, [string, string][]> = {
    mk: [
      ["mk muốn cài vneid", "minh muon cai vneid"],
      ["quên mk vneid", "quen mat khau vneid"],
      ["đổi mk", "doi mat khau"],
      ["mk vneid bị sai", "mat khau vneid bi sai"],
      ["mk quên mk vneid", "minh quen mat khau vneid"],
    ],
    dk: [
      ["đk vneid ở đâu", "dang ki vneid o dau"],
      ["làm mãi ko đk", "lam mai khong duoc"],
      ["có đk ko", "co duoc khong"],
    ],
    dd: [
      ["dd điện tử", "dinh danh dien tu"],
      ["đđ mức 2", "dinh danh muc 2"],
      ["mang dd giấy tờ", "mang dd giay to"],
    ],
    bn: [
      ["bn ơi", "ban oi"],
      ["phí hết bn", "phi het bao nhieu"],
      ["cho bn hỏi", "cho ban hoi"],
    ],
    bh: [
      ["bh phải làm sao", "bay gio phai lam sao"],
      ["thẻ bh y tế", "the bao hiem y te"],
    ],
    hd: [
      ["hd cài vneid", "huong dan cai vneid"],
      ["hd điện tháng này", "hoa don dien thang nay"],
    ],
    tt: [
      ["tt cá nhân", "thong tin ca nhan"],
      ["tt tiền điện", "thanh toan tien dien"],
    ],
    tn: [
      ["gửi tn cho xã", "gui tin nhan cho xa"],
      ["làm tn", "lam the nao"],
    ],
    ck: [
      ["ck tiền cho con", "chuyen khoan tien cho con"],
      ["vk ck nhà mình", "vk chong nha minh"],
    ],
    kh: [
      ["kh biết", "khong biet"],
      ["mã kh tiền điện", "ma khach hang tien dien"],
    ],
    hs: [
      ["nộp hs online", "nop ho so truc tuyen"],
      ["hs lớp 9", "hoc sinh lop 9"],
    ],
  };

  it("covers every contextual key", () => {
    expect(Object.keys(cases).sort()).toEqual(Object.keys(CONTEXTUAL_TEENCODE).sort());
  });

  for (const [key, rows] of Object.entries(cases)) {
    it.each(rows)(`${key}: %s → %s`, (input, want) => {
      expect(foldKey(input)).toBe(want);
    });
  }

  it("every rule documents its decision", () => {
    for (const [key, rule] of Object.entries(CONTEXTUAL_TEENCODE)) {
      expect(rule.note.length, key).toBeGreaterThan(20);
      expect(rule.alternatives.length, key).toBeGreaterThan(0);
    }
  });
});
