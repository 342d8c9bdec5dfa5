/**
 * What the console's QR code for a staff link code says, and what the mini app's scanner accepts.
 * "GDS-CAN-BO:123456": QR's alphanumeric mode (upper case, digits, "-" and ":"), so a small, easily
 * read code, like the console login's "GDS-MAY-TINH:". A bare 6-digit code is accepted too (a QR code
 * someone made of the digits alone). No DOM: unit tests run it in Node.
 */
export const STAFF_QR_PREFIX = "GDS-CAN-BO:";

/** The QR code's text for a 6-digit code. */
export const staffQrText = (code: string): string => `${STAFF_QR_PREFIX}${code}`;

/** The 6-digit code in a scanned (or pasted) text, or null when the text is not a staff link code. */
export function parseStaffCode(text: string): string | null {
  const t = text.trim();
  const m = /^GDS-CAN-BO:\s*(\d{6})$/i.exec(t) ?? /^(\d{3})[\s.-]?(\d{3})$/.exec(t);
  return m ? m.slice(1).join("") : null;
}

/** What the code field keeps of what was typed or pasted: digits only, six at most (a pasted QR text gives its code). */
export const typedCode = (raw: string): string => parseStaffCode(raw) ?? raw.replace(/\D/g, "").slice(0, 6);
