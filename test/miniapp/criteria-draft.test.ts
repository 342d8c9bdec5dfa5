/**
 * The console's "Bộ tiêu chí" draft (miniapp/src/console/criteria-draft.ts) over the shipped catalogue's
 * real library: leaving out, adding, the province's wording, the commune's own criterion, the request
 * sent, the rows marked against the saved choice, the contract's own messages by field.
 */
import { describe, expect, it } from "vitest";
import { CATALOGUES } from "../../shared/criteria";
import {
  addExtra,
  changeCount,
  checkChoice,
  emptyExtraForm,
  fieldIssues,
  readExtra,
  removeExtra,
  request,
  rows,
  sameChoice,
  setExcluded,
  setIncluded,
  setWording,
  suggestId,
  type Choice,
  type LibraryItem,
} from "../../miniapp/src/console/criteria-draft";

const base = CATALOGUES["gia-dinh-so"]!;
const library: LibraryItem[] = [
  ...base.criteria.map((c, i) => ({ ...c, order: i + 1, origin: "catalogue" as const })),
  ...base.optional.map((c, i) => ({ ...c, order: base.criteria.length + i + 1, origin: "optional" as const })),
];
const empty: Choice = { exclude: [], include: [], relabel: {}, extra: [] };
const first = library[0]!;
const optional = library.find((l) => l.origin === "optional")!;

describe("criteria draft", () => {
  it("leaves out, adds and rewords; the rows say what will change", () => {
    let c = setExcluded(empty, first.id, true);
    c = setIncluded(c, optional.id, true);
    const other = library[1]!;
    c = setWording(c, other, other.id, { label: "Tên theo cách ghi của tỉnh", help: other.help });
    expect(c.relabel).toEqual({ [other.id]: { label: "Tên theo cách ghi của tỉnh" } }); // the help unchanged is not kept
    const r = rows(library, c, empty);
    const all = Object.values(r).flat();
    expect(all.find((x) => x.id === first.id)).toMatchObject({ inUse: false, change: "gone" });
    expect(all.find((x) => x.id === optional.id)).toMatchObject({ inUse: true, change: "new" });
    expect(all.find((x) => x.id === other.id)).toMatchObject({ inUse: true, change: "words", label: "Tên theo cách ghi của tỉnh", reworded: true, original: { label: other.label } });
    expect(changeCount(r)).toBe(3);
    // Back to the original words: nothing kept.
    expect(setWording(c, other, other.id, { label: other.label, help: other.help }).relabel).toEqual({});
  });

  it("sends the province's wording only for criteria the set keeps; the draft remembers it", () => {
    let c = setWording(empty, first, first.id, { label: "Cách ghi khác của tỉnh" });
    c = setExcluded(c, first.id, true);
    expect(request(library, c).relabel).toEqual({});
    expect(c.relabel[first.id]).toEqual({ label: "Cách ghi khác của tỉnh" });
    expect(request(library, setExcluded(c, first.id, false)).relabel).toEqual({ [first.id]: { label: "Cách ghi khác của tỉnh" } });
  });

  it("compares choices whatever the lists' order", () => {
    const a = setExcluded(setExcluded(empty, "a-1", true), "b-2", true);
    const b = setExcluded(setExcluded(empty, "b-2", true), "a-1", true);
    expect(sameChoice(a, b)).toBe(true);
    expect(sameChoice(a, empty)).toBe(false);
  });

  it("reads the commune's own criterion with the contract's messages, by field; a taken code is refused", () => {
    const taken = new Set(library.map((l) => l.id));
    const bad = readExtra({ ...emptyExtraForm(), id: "Học Kỹ Năng", label: "abc", mayDecline: true }, taken);
    expect(bad.ok).toBe(false);
    const paths = !bad.ok ? bad.issues.map((i) => i.path) : [];
    expect(paths).toEqual(expect.arrayContaining(["id", "pillar", "label", "help", "relevance.declineHint"]));
    if (!bad.ok) {
      expect(bad.issues.find((i) => i.path === "label")!.message).toBe("Tên tiêu chí cần ít nhất 5 ký tự.");
      for (const i of bad.issues) expect(i.message).toMatch(/^[A-ZĐÀ-Ỹ“]/u);
    }
    const dup = readExtra({ ...emptyExtraForm(), id: first.id, pillar: "xa-hoi-so", label: "Một tiêu chí của xã", help: "Giải thích đủ dài" }, taken);
    expect(!dup.ok && dup.issues.map((i) => i.path)).toEqual(["id"]);
    const good = readExtra(
      { ...emptyExtraForm(), id: "hoc-ky-nang-so", pillar: "xa-hoi-so", label: "Có người dự lớp kỹ năng số", help: "Ít nhất một người trong hộ dự lớp.", onlyFor: { business: true, producer: false }, mayDecline: true, declineHint: "hộ không có ai dưới 60 tuổi" },
      taken,
    );
    expect(good).toEqual({
      ok: true,
      value: { id: "hoc-ky-nang-so", pillar: "xa-hoi-so", label: "Có người dự lớp kỹ năng số", help: "Ít nhất một người trong hộ dự lớp.", relevance: { flags: ["business"], mayDecline: true, declineHint: "hộ không có ai dưới 60 tuổi" } },
    });
    if (!good.ok) return;
    const c = addExtra(empty, good.value);
    expect(Object.values(rows(library, c, empty)).flat().find((r) => r.id === "hoc-ky-nang-so")).toMatchObject({ origin: "commune", inUse: true, change: "new", pillar: "xa-hoi-so" });
    expect(removeExtra(c, "hoc-ky-nang-so").extra).toEqual([]);
    // Removing a saved one shows it as going, with its words.
    expect(Object.values(rows(library, empty, c)).flat().find((r) => r.id === "hoc-ky-nang-so")).toMatchObject({ inUse: false, change: "gone" });
  });

  it("checks the whole choice as the bot does, and reads the bot's issues by field", () => {
    const c = setWording(empty, first, first.id, { label: "abc" });
    expect(checkChoice(c)).toEqual([{ path: `relabel.${first.id}.label`, message: "Tên tiêu chí cần ít nhất 5 ký tự." }]);
    expect(checkChoice(empty)).toEqual([]);
    expect(fieldIssues([{ path: ["choice", "extra", 0, "id"], message: "Mã “x” đã có tiêu chí khác dùng. Hãy đặt mã khác." }])).toEqual([{ path: "extra.0.id", message: "Mã “x” đã có tiêu chí khác dùng. Hãy đặt mã khác." }]);
    expect(fieldIssues([{ path: ["extra", 0, "help"], message: "còn thiếu" }])).toEqual([{ path: "extra.0.help", message: "Phần giải thích còn thiếu." }]);
  });

  it("says where a {{…}} the bot cannot fill is, and lets the known ones through", () => {
    const c = addExtra(setWording(empty, first, first.id, { label: "Có tài khoản ở {{ xa }}", help: "Đăng ký tại {{commune.name}}, tỉnh {{province.name}}." }), {
      id: "rieng",
      pillar: "xa-hoi-so",
      label: "Một tiêu chí của xã",
      help: "Gọi {{hotline.tinh}} khi cần.",
      relevance: { mayDecline: false },
    });
    expect(checkChoice(c).map((i) => i.path)).toEqual([`relabel.${first.id}.label`, "extra.0.help"]);
    expect(checkChoice(c)[0]!.message).toMatch(/^Chỗ “\{\{ xa \}\}” không dùng được\. Chỉ dùng \{\{commune\.name\}\}, /);
    const form = readExtra({ ...emptyExtraForm(), id: "rieng-2", pillar: "kinh-te-so", label: "Bán hàng trên {{san}}", help: "Có gian hàng trên sàn thương mại điện tử." }, new Set());
    expect(!form.ok && form.issues.map((i) => i.path)).toEqual(["label"]);
  });

  it("suggests a code from a Vietnamese name", () => {
    expect(suggestId("Có người dự lớp “Bình dân học vụ số” của xã")).toBe("co-nguoi-du-lop-binh-dan-hoc-vu-so-cua-xa");
    expect(suggestId("Đường điện, đèn đường")).toBe("duong-dien-den-duong");
    expect(suggestId("x".repeat(59) + " yz")).toBe("x".repeat(59));
    expect(suggestId("  ")).toBe("");
  });
});
