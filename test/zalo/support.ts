/** Signing and raw requests live with the other webhook helpers (independent of bot/zalo/signature.ts). */
export { macFor, rawRequest } from "../support/zalo-events";

/** Fills a documented example with the test OA's ids (the documented values are illustrative). */
export function withIds(example: string, ids: Record<string, string>): string {
  let out = example;
  for (const [from, to] of Object.entries(ids)) out = out.split(from).join(to);
  return out;
}
