import { useEffect, useRef } from "react";
import QRCode from "qrcode";
import { staffQrText } from "../screens/staff-link/payload";

/**
 * The staff link code as a QR code (payload "GDS-CAN-BO:123456", ../screens/staff-link/payload.ts):
 * the person scans it in the mini app ("Tôi là trưởng thôn / cán bộ, có mã liên kết" → "Quét mã QR").
 */
export function LinkCodeQr({ code, name }: { code: string; name: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const text = staffQrText(code);
  useEffect(() => {
    // 200 px: the code is always QR version 1 (21 modules) with 2 of margin, 8 px each (sharp edges).
    if (canvas.current) void QRCode.toCanvas(canvas.current, text, { width: 200, margin: 2, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } });
  }, [text]);
  // The words first, then the code they speak of (one under the other on a phone, side by side on a PC).
  return (
    <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 16, margin: "8px 0" }}>
      <p style={{ flex: "1 1 14em", margin: 0 }}>
        Hoặc trong ứng dụng <b>Gia đình số</b> trên Zalo: bấm “Tôi là trưởng thôn / cán bộ, có mã liên kết”, rồi “Quét mã QR” và quét mã này (hoặc nhập 6 chữ số ở trên).
      </p>
      <canvas
        ref={canvas}
        width={200}
        height={200}
        role="img"
        aria-label={`Mã QR liên kết cho ${name}`}
        data-testid="link-code-qr"
        data-qr={text}
        style={{ flex: "none", background: "#fff", borderRadius: 8 }}
      />
    </div>
  );
}
