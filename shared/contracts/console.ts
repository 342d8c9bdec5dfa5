import { z } from "zod";
import { IsoTime } from "./common";

/** Secrets are base64url, 32 characters (24 random bytes). */
const Secret = z.string().regex(/^[A-Za-z0-9_-]{32}$/, "Mã đăng nhập không đúng.");

/** What the PC's login page shows as a QR code: the mini app recognises it when it scans. */
export const CONSOLE_QR_PREFIX = "GDS-MAY-TINH:";

export const ConsoleQrRequestResponse = z
  .object({
    requestId: Secret,
    /** Kept by the PC's page only: sent when polling, so a photo of the QR code is not enough. */
    pollSecret: Secret,
    /** The text of the QR code (`GDS-MAY-TINH:<requestId>`). */
    qrText: z.string(),
    expiresAt: IsoTime,
  })
  .meta({ id: "ConsoleQrRequestResponse" });

export const ConsoleQrPollRequest = z.object({ requestId: Secret, pollSecret: Secret }).meta({ id: "ConsoleQrPollRequest" });

/** The mini app sends the scanned text as it is (or just the id). */
export const ConsoleQrApproveRequest = z
  .object({
    code: z
      .string()
      .trim()
      .transform((s) => (s.startsWith(CONSOLE_QR_PREFIX) ? s.slice(CONSOLE_QR_PREFIX.length) : s))
      .pipe(Secret),
  })
  .meta({ id: "ConsoleQrApproveRequest" });

export const ConsoleSession = z
  .object({
    /** Send as `Authorization: Bearer <session>`; renew before `expiresAt` with /api/console/session/refresh. */
    session: z.string(),
    expiresAt: IsoTime,
  })
  .meta({ id: "ConsoleSession" });

export const ConsoleQrPollResponse = z
  .discriminatedUnion("status", [
    z.object({ status: z.literal("waiting"), expiresAt: IsoTime }),
    z.object({ status: z.literal("expired") }),
    z.object({ status: z.literal("used") }),
    z.object({ status: z.literal("approved"), session: z.string(), expiresAt: IsoTime }),
  ])
  .meta({ id: "ConsoleQrPollResponse" });

export const ConsoleLinkLoginRequest = z.object({ token: Secret }).meta({ id: "ConsoleLinkLoginRequest" });

export const ConsoleSessionView = z.object({
  sid: z.string(),
  appUserId: z.string(),
  name: z.string().nullable(),
  via: z.enum(["qr", "link"]),
  device: z.string().nullable(),
  createdAt: IsoTime,
  endsAt: IsoTime,
  lastSeenAt: IsoTime,
});
export const ConsoleSessionList = z.object({ items: z.array(ConsoleSessionView) }).meta({ id: "ConsoleSessionList" });
export const ConsoleSessionParam = z.object({ sid: Secret });

/** What the phone shows before approving a PC's QR code: which browser asked, and when. */
export const ConsoleQrInspectResponse = z
  .object({ device: z.string(), requestedAt: IsoTime, expiresAt: IsoTime })
  .meta({ id: "ConsoleQrInspectResponse" });

/** A browser's name in words from its user agent ("Chrome trên Windows"): enough to tell the office PC from another. */
export function deviceInWords(ua: string | null | undefined): string {
  if (!ua) return "Không rõ";
  const browser = /Edg\//.test(ua) ? "Edge" : /coc_coc/i.test(ua) ? "Cốc Cốc" : /Chrome\//.test(ua) ? "Chrome" : /Firefox\//.test(ua) ? "Firefox" : /Safari\//.test(ua) ? "Safari" : "Trình duyệt khác";
  const os = /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iPhone/iPad" : /Linux/.test(ua) ? "Linux" : "";
  return os ? `${browser} trên ${os}` : browser;
}
