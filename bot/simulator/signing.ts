import { createHash, createHmac } from "node:crypto";

/**
 * Zalo's webhook MAC: plain SHA-256 (not HMAC) over
 * app_id + raw body + body.timestamp + OA secret key, lowercase hex.
 * Implemented here on purpose, independently of bot/zalo: the simulator is
 * the other party and must not share the bot's code.
 */
export function webhookMac(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return createHash("sha256").update(appId + rawBody + timestamp + oaSecretKey, "utf8").digest("hex");
}

/** Header value of X-ZEvent-Signature. */
export function webhookSignatureHeader(appId: string, rawBody: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${webhookMac(appId, rawBody, timestamp, oaSecretKey)}`;
}

/** Graph API appsecret_proof: HMAC-SHA256(key = app secret, message = access token), lowercase hex. */
export function appSecretProof(appSecret: string, accessToken: string): string {
  return createHmac("sha256", appSecret).update(accessToken, "utf8").digest("hex");
}

/** PKCE S256: base64url without padding of SHA-256(verifier). */
export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier, "ascii").digest("base64url");
}
