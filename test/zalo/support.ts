import { createHash } from "node:crypto";
import { TEST_CREDENTIALS } from "../support/env";

/**
 * Signs a raw body exactly as Zalo does (shared/zalo/oa-api.md §1: sha256(appId + raw body + timestamp +
 * OA secret key), `mac=<hex>`), with the app id given explicitly: Zalo signs with the app's own id, which
 * is also the one the body carries when it carries one. Computed here, independently of bot/zalo/signature.ts.
 */
export function macFor(raw: string, appId: string = TEST_CREDENTIALS.appId, timestamp?: string): string {
  const ts = timestamp ?? String((JSON.parse(raw) as { timestamp: unknown }).timestamp);
  return `mac=${createHash("sha256").update(appId + raw + ts + TEST_CREDENTIALS.oaSecretKey).digest("hex")}`;
}

/** A webhook request for a body given as its exact raw text (the MAC covers the bytes). */
export function rawRequest(raw: string, signature = macFor(raw)) {
  return {
    method: "POST" as const,
    url: "/webhooks/zalo",
    payload: raw,
    headers: { "content-type": "application/json", "x-zevent-signature": signature },
  };
}

/** Fills a documented example with the test OA's ids (the documented values are illustrative). */
export function withIds(example: string, ids: Record<string, string>): string {
  let out = example;
  for (const [from, to] of Object.entries(ids)) out = out.split(from).join(to);
  return out;
}
