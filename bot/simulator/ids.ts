import { createHash, randomBytes, randomInt } from "node:crypto";

/**
 * Unique numeric-string ids (message ids, msg_ids, group ids). Zalo ids are
 * 64-bit numbers carried as strings; these are 19 digits, seeded from the
 * process start so they stay unique across simulator resets (a bot that
 * deduplicates on msg_id must never see an old id again).
 */
export class NumericIdGen {
  private seq: bigint;
  constructor() {
    this.seq = BigInt(Date.now()) * 1_000_000n + BigInt(randomInt(0, 500_000));
  }
  next(): string {
    this.seq += 1n;
    return this.seq.toString();
  }
}

/** An opaque token string (access/refresh tokens, codes). */
export function opaqueToken(bytes = 48): string {
  return randomBytes(bytes).toString("base64url");
}

/**
 * The app-scoped id of a user: deterministic from (app, OA-scoped id), numeric
 * like Zalo's, and different from the OA-scoped id.
 */
export function appScopedUserId(appId: string, userId: string): string {
  const hex = createHash("sha256").update(`app:${appId}:user:${userId}`).digest("hex").slice(0, 15);
  const id = (BigInt(`0x${hex}`) + 1_000_000_000_000_000_000n).toString();
  return id === userId ? `${id}1` : id;
}
