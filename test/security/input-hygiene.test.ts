/**
 * Smaller holes of issue 9 (hole 8): ID and phone numbers slipping into household labels, member names
 * and answer notes (double spaces, full-width digits), and `{placeholder}` renderers resolving names a
 * plain object inherits (`{constructor}`).
 */
import { afterEach, describe, expect, it } from "vitest";
import { fill } from "../../bot/chat/templates";
import { fillPlaceholders, type GuideContext } from "../../shared/guides/placeholders";
import { createGdsApp, DEMO, key, type GdsTestApp } from "../households/support";

let t: GdsTestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const LABEL_REFUSED = "Tên hộ không được chứa số căn cước, chứng minh nhân dân hay số điện thoại. Hãy ghi như “Hộ ông Nguyễn Văn A, xóm 2”.";
const NOTE_REFUSED = "Ghi chú không được chứa số điện thoại, số căn cước hay chứng minh nhân dân. Hãy ghi ngắn gọn, ví dụ “đã cài, chưa kích hoạt”.";

describe("ID and phone numbers stay out of labels, member names and notes", () => {
  it("refuses them however they are spaced or written, and changes nothing", async () => {
    t = await createGdsApp();
    const sqlite = t.services.database.sqlite;
    for (const label of [
      "Hộ ông Tư 0912  345 678", // two spaces
      "Hộ ông Tư ０９１２３４５６７８", // full-width digits
      "Hộ ông Tư 0912\t345\u00a0678", // tab and no-break space
      "Hộ ông Tư CCCD 001.089-012 345",
      "Hộ ông Tư +84 (912) 345 678",
    ]) {
      const r = await t.call("6900001", "POST", "/api/households", { villageId: "thon-dong-xuan", label });
      expect(r.status, label).toBe(400);
      expect(r.body.error.message).toContain(LABEL_REFUSED);
    }
    expect(sqlite.prepare("SELECT count(*) AS n FROM households").get()).toEqual({ n: 0 });

    // Ordinary labels with small numbers pass, stored with the spaces tidied and full-width letters folded.
    const ok = await t.call("6900001", "POST", "/api/households", { villageId: "thon-dong-xuan", label: "  Hộ   ông Tư,  xóm ２, số nhà 15  " });
    expect(ok.status).toBe(201);
    expect(ok.body.label).toBe("Hộ ông Tư, xóm 2, số nhà 15");
    const patched = await t.call("6900001", "PATCH", `/api/households/${ok.body.id}`, { label: "Hộ ông Tư ０９１２ ３４５ ６７８" });
    expect(patched.status).toBe(400);
    expect(patched.body.error.message).toContain(LABEL_REFUSED);

    // Member names.
    const inv = (await t.call("6900001", "POST", `/api/households/${ok.body.id}/invites`)).body.code as string;
    const named = await t.call("6900002", "POST", "/api/households/join", { code: inv, memberName: "Chị Hoa ０９８７６５４３２１" });
    expect(named.status).toBe(400);
    expect(named.body.error.message).toContain("Tên gọi không được chứa số căn cước hay số điện thoại");

    // Answer notes: refused, nothing saved, no history.
    for (const note of ["con trai gọi 0912 345 678", "số ĐT ０９１２３４５６７８", "CCCD 001089012345"]) {
      const r = await t.call("6900001", "POST", `/api/households/${ok.body.id}/answers`, {
        changes: [{ criterionId: "vneid-muc-2", value: "chua_dat", note, idempotencyKey: key() }],
      });
      expect(r.status, note).toBe(400);
      expect(r.body.error.message).toContain(NOTE_REFUSED);
    }
    expect(sqlite.prepare("SELECT count(*) AS n FROM household_answers").get()).toEqual({ n: 0 });
    expect(sqlite.prepare("SELECT count(*) AS n FROM answer_history").get()).toEqual({ n: 0 });
    const fine = await t.call("6900001", "POST", `/api/households/${ok.body.id}/answers`, {
      changes: [{ criterionId: "vneid-muc-2", value: "chua_dat", note: "đã  cài,   chưa kích hoạt", idempotencyKey: key() }],
    });
    expect(fine.status).toBe(200);
    expect(fine.body.household.criteria.find((c: { id: string }) => c.id === "vneid-muc-2").answer.note).toBe("đã cài, chưa kích hoạt");
  });
});

describe("placeholders resolve only the values given, never inherited names", () => {
  it("an officer's broadcast template keeps {constructor} and {toString} visible", async () => {
    t = await createGdsApp();
    const r = await t.app.inject({
      method: "POST",
      url: "/api/officer/broadcast-templates/preview",
      headers: t.as(DEMO.officer),
      payload: { template: "Kính gửi {name}: {constructor} {toString} {__proto__} {hasOwnProperty}", values: { name: "bà con thôn Đông Xuân" } },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json().text).toBe("Kính gửi bà con thôn Đông Xuân: {constructor} {toString} {__proto__} {hasOwnProperty}");
  });

  it("the chat's templates and the guides' placeholders refuse values that are only inherited", () => {
    const inherited = Object.create({ title: "Cài VNeID", step: 1, total: 3 }) as Record<string, string | number>;
    expect(() => fill("stepHeader", inherited)).toThrow("template stepHeader: no value for {title}");
    expect(fill("stepHeader", { title: "Cài VNeID", step: 1, total: 3 })).toBe("Cài VNeID\nBước 1/3");

    const commune = Object.create({ name: "Sơn Tây" }) as { name: string; kind: "xã" };
    commune.kind = "xã";
    const ctx = { commune } as unknown as GuideContext;
    expect(() => fillPlaceholders("Xin chào {{commune.name}}", ctx)).toThrow("placeholder {{commune.name}} has no value");
    expect(fillPlaceholders("Bà con {{commune.kind}}", ctx)).toBe("Bà con xã");
  });
});
