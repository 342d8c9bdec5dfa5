/** The part of the `qrcode` package (1.5, no types of its own) the console's login page uses. */
declare module "qrcode" {
  interface QRCodeRenderOptions {
    width?: number;
    margin?: number;
    errorCorrectionLevel?: "L" | "M" | "Q" | "H";
    color?: { dark?: string; light?: string };
  }
  const QRCode: {
    toCanvas(canvas: HTMLCanvasElement, text: string, options?: QRCodeRenderOptions): Promise<void>;
  };
  export default QRCode;
}
