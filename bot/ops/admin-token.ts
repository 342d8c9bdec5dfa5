import { createHash, timingSafeEqual } from "node:crypto";

/**
 * The machine token (ADMIN_TOKEN), compared in constant time: both sides are hashed to 32 bytes first,
 * so neither the content nor the length of the expected token shows in the time a comparison takes.
 * The token is read from the Authorization header or a POSTed form only, never from a query string
 * (URLs end up in logs, browser history and Referer headers).
 */
export function adminTokenMatcher(adminToken: string | undefined): (given: string | undefined) => boolean {
  const expected = adminToken ? digest(adminToken) : undefined;
  return (given) => expected !== undefined && given !== undefined && given !== "" && timingSafeEqual(digest(given), expected);
}

/** The credential of `Authorization: Bearer <credential>`, or undefined. */
export function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1] : undefined;
}

function digest(s: string): Buffer {
  return createHash("sha256").update(s, "utf8").digest();
}
