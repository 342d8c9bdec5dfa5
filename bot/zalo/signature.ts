import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Zalo's webhook MAC: lowercase hex of plain SHA-256 (not HMAC) over
 * app_id + raw body + timestamp + OA secret key, sent as `X-ZEvent-Signature: mac=<hex>`.
 * The raw body is hashed byte for byte: re-serialised JSON would not match.
 */
export function computeEventMac(appId: string, rawBody: Buffer | string, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256").update(appId).update(rawBody).update(timestamp).update(oaSecretKey).digest("hex");
}

/** Constant-time check of a `mac=<hex>` header against the expected MAC. */
export function verifyEventSignature(
  header: string,
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  oaSecretKey: string,
): boolean {
  const trimmed = header.trim();
  if (!trimmed.startsWith("mac=")) return false;
  const given = Buffer.from(trimmed.slice(4).toLowerCase(), "utf8");
  const expected = Buffer.from(computeEventMac(appId, rawBody, timestamp, oaSecretKey), "utf8");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
