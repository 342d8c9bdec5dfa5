import { createHash, randomBytes } from "node:crypto";
import axios, { type AxiosInstance } from "axios";
import { z } from "zod";
import { trimBase, type ZaloEndpoints } from "./endpoints";

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSec: number;
}

export type GrantResult =
  | { ok: true; grant: TokenGrant }
  /** `rejected`: Zalo answered and refused (dead refresh token, bad code); `transient`: no usable answer. */
  | { ok: false; kind: "rejected" | "transient"; reason: string };

// expires_in is a string of seconds ("90000"); some tables spell it expire_in.
const grantSchema = z
  .looseObject({
    access_token: z.string().min(1),
    refresh_token: z.string().min(1),
    expires_in: z.coerce.number().positive().optional(),
    expire_in: z.coerce.number().positive().optional(),
  })
  .transform((g) => ({ accessToken: g.access_token, refreshToken: g.refresh_token, expiresInSec: g.expires_in ?? g.expire_in ?? 90_000 }));

/** PKCE: a 43-character verifier and its base64url (no padding) SHA-256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier, "ascii").digest("base64url") };
}

/** Zalo's OAuth v4 for an OA: the consent URL and the token endpoint (oa-api.md §2). */
export class ZaloOAuthClient {
  private readonly http: AxiosInstance;

  constructor(
    private readonly endpoints: ZaloEndpoints,
    private readonly appId: string,
    private readonly appSecret: string,
    timeoutMs = 10_000,
  ) {
    this.http = axios.create({ timeout: timeoutMs, validateStatus: () => true });
  }

  permissionUrl(redirectUri: string, codeChallenge: string, state: string): string {
    const url = new URL(`${trimBase(this.endpoints.oauth)}/v4/oa/permission`);
    url.searchParams.set("app_id", this.appId);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("code_challenge", codeChallenge);
    url.searchParams.set("state", state);
    return url.toString();
  }

  exchangeCode(code: string, codeVerifier: string): Promise<GrantResult> {
    return this.token({ code, app_id: this.appId, grant_type: "authorization_code", code_verifier: codeVerifier });
  }

  refresh(refreshToken: string): Promise<GrantResult> {
    return this.token({ refresh_token: refreshToken, app_id: this.appId, grant_type: "refresh_token" });
  }

  private async token(form: Record<string, string>): Promise<GrantResult> {
    let res;
    try {
      res = await this.http.post(`${trimBase(this.endpoints.oauth)}/v4/oa/access_token`, new URLSearchParams(form).toString(), {
        headers: { "Content-Type": "application/x-www-form-urlencoded", secret_key: this.appSecret },
      });
    } catch (err) {
      return { ok: false, kind: "transient", reason: `network: ${(err as { code?: string }).code ?? (err as Error).message}` };
    }
    // Failures come as {error, error_name, error_reason, error_description}, sometimes with HTTP 200:
    // only a body with both tokens is a success.
    const parsed = grantSchema.safeParse(res.data);
    if (parsed.success) return { ok: true, grant: parsed.data };
    if (res.status >= 500) return { ok: false, kind: "transient", reason: `HTTP ${res.status}` };
    const b = (typeof res.data === "object" && res.data !== null ? res.data : {}) as Record<string, unknown>;
    const reason = [b.error, b.error_name, b.error_reason ?? b.error_description ?? b.message].filter((x) => x !== undefined).join(" ");
    return { ok: false, kind: "rejected", reason: reason || `HTTP ${res.status} without tokens` };
  }
}
