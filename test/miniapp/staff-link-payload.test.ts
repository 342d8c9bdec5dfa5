import QRCode from "qrcode";
import { describe, expect, it } from "vitest";
import { STAFF_QR_PREFIX, parseStaffCode, staffQrText, typedCode } from "../../miniapp/src/screens/staff-link/payload";

describe("the staff link code's QR payload (issue 15: a code typed or scanned in the mini app)", () => {
  it("the console's QR text gives back its code", () => {
    for (const code of ["000000", "123456", "987001"]) expect(parseStaffCode(staffQrText(code))).toBe(code);
    expect(staffQrText("123456")).toBe(`${STAFF_QR_PREFIX}123456`);
  });

  it("accepts a bare 6-digit code, spaces around, lower case, a space or dot in the middle", () => {
    expect(parseStaffCode("654321")).toBe("654321");
    expect(parseStaffCode("  654321\n")).toBe("654321");
    expect(parseStaffCode("gds-can-bo:654321")).toBe("654321");
    expect(parseStaffCode("GDS-CAN-BO: 654321")).toBe("654321");
    expect(parseStaffCode("654 321")).toBe("654321");
    expect(parseStaffCode("654.321")).toBe("654321");
  });

  it("refuses anything else: the console's login code, a link, 5 or 7 digits, a household invite", () => {
    for (const text of ["GDS-MAY-TINH:abcdefghijklmnopqrstuvwxyz012345", "https://zalo.me/s/123456", "12345", "1234567", "GDS-CAN-BO:12345", "GDS-CAN-BO:1234567", "K7Q2M9XA", "", "GDS-CAN-BO:", "12 34 56"])
      expect(parseStaffCode(text), text).toBeNull();
  });

  it("the code field keeps digits only, six at most, and takes a pasted QR text as its code", () => {
    expect(typedCode("12a3-4")).toBe("1234");
    expect(typedCode("12345678")).toBe("123456");
    expect(typedCode("GDS-CAN-BO:246810")).toBe("246810");
    expect(typedCode("")).toBe("");
  });

  it("the payload fits QR's alphanumeric mode (a small code that cheap phone cameras read)", () => {
    const qr = QRCode.create(staffQrText("123456"), { errorCorrectionLevel: "M" });
    expect(qr.segments.map((s: { mode: { id: string } }) => s.mode.id)).toEqual(["Alphanumeric"]);
    expect(qr.version).toBe(1);
  });
});
