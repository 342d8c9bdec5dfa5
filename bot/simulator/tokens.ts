import type { SimContext } from "./context";
import { opaqueToken } from "./ids";
import { pkceChallenge } from "./signing";
import type { TokenPair } from "./types";
import { OAUTH, oauthError, Z } from "./zalo-errors";
import type { OAuthErrorBody } from "./zalo-errors";

/** OAuth v4 for an OA, and the OA / mini-app tokens (shared/zalo/oa-api.md §2, §7). */

export const AUTH_CODE_TTL_MS = 10 * 60_000;
export const MINIAPP_TOKEN_TTL_SEC = 3600;
export const PHONE_CODE_TTL_MS = 10 * 60_000;

export function issueTokenPair(ctx: SimContext): TokenPair {
  const now = ctx.clock.now();
  const access = opaqueToken(96);
  const refresh = opaqueToken(96);
  ctx.state.accessTokens.set(access, { token: access, issued_at: now, expires_at: now + ctx.opts.accessTokenTtlSec * 1000 });
  ctx.state.refreshTokens.set(refresh, {
    token: refresh,
    issued_at: now,
    expires_at: now + ctx.opts.refreshTokenTtlSec * 1000,
    used_at: null,
  });
  ctx.state.stats.tokensIssued += 1;
  return { access_token: access, refresh_token: refresh, expires_in: String(ctx.opts.accessTokenTtlSec) };
}

/** 0 when the OA access token is usable, else -216 (unknown/missing) or -220 (expired). */
export function checkAccessToken(ctx: SimContext, token: string | undefined): number {
  if (!token) return Z.TOKEN_INVALID;
  const rec = ctx.state.accessTokens.get(token);
  if (!rec) return Z.TOKEN_INVALID;
  if (ctx.clock.now() >= rec.expires_at) return Z.TOKEN_EXPIRED;
  return 0;
}

/** Every current access token expires now. Returns how many were live. */
export function expireAccessTokens(ctx: SimContext): number {
  const now = ctx.clock.now();
  let n = 0;
  for (const rec of ctx.state.accessTokens.values()) {
    if (rec.expires_at > now) {
      rec.expires_at = now;
      n += 1;
    }
  }
  return n;
}

export interface PermissionQuery {
  app_id?: string;
  redirect_uri?: string;
  code_challenge?: string;
  state?: string;
}

export type PermissionOutcome =
  | { kind: "redirect"; location: string }
  | { kind: "consent"; requestId: string; redirect_uri: string }
  | { kind: "error"; body: OAuthErrorBody };

function validRedirect(uri: string | undefined): uri is string {
  if (!uri) return false;
  try {
    const u = new URL(uri);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}

function redirectWithCode(ctx: SimContext, redirectUri: string, challenge: string | undefined, state: string | undefined): string {
  const now = ctx.clock.now();
  const code = opaqueToken(48);
  ctx.state.authCodes.set(code, {
    code,
    redirect_uri: redirectUri,
    issued_at: now,
    expires_at: now + AUTH_CODE_TTL_MS,
    used_at: null,
    ...(challenge ? { code_challenge: challenge } : {}),
    ...(state !== undefined ? { state } : {}),
  });
  const url = new URL(redirectUri);
  url.searchParams.set("code", code);
  url.searchParams.set("oa_id", ctx.opts.oaId);
  if (state !== undefined) url.searchParams.set("state", state);
  return url.toString();
}

/** GET /v4/oa/permission: the admin grants the app access to the OA. */
export function requestPermission(ctx: SimContext, q: PermissionQuery): PermissionOutcome {
  if (q.app_id !== ctx.opts.appId) return { kind: "error", body: oauthError(OAUTH.INVALID_APP, "app_id is invalid") };
  if (!validRedirect(q.redirect_uri)) {
    return { kind: "error", body: oauthError(OAUTH.INVALID_PARAM, "Invalid redirect_uri / invalid parameter") };
  }
  const challenge = q.code_challenge || undefined;
  if (ctx.opts.autoApproveOAuth) {
    return { kind: "redirect", location: redirectWithCode(ctx, q.redirect_uri, challenge, q.state) };
  }
  const requestId = opaqueToken(18);
  ctx.state.pendingConsents.set(requestId, {
    redirect_uri: q.redirect_uri,
    ...(challenge ? { code_challenge: challenge } : {}),
    ...(q.state !== undefined ? { state: q.state } : {}),
  });
  return { kind: "consent", requestId, redirect_uri: q.redirect_uri };
}

/** The admin clicked "allow" or "deny" on the consent page. */
export function decideConsent(ctx: SimContext, requestId: string, allow: boolean): string | undefined {
  const p = ctx.state.pendingConsents.get(requestId);
  if (!p) return undefined;
  ctx.state.pendingConsents.delete(requestId);
  if (allow) return redirectWithCode(ctx, p.redirect_uri, p.code_challenge, p.state);
  const url = new URL(p.redirect_uri);
  url.searchParams.set("error", "access_denied");
  if (p.state !== undefined) url.searchParams.set("state", p.state);
  return url.toString();
}

export interface TokenForm {
  app_id?: string;
  grant_type?: string;
  code?: string;
  code_verifier?: string;
  refresh_token?: string;
}

/** POST /v4/oa/access_token. Codes and refresh tokens are single use. */
export function exchangeToken(ctx: SimContext, form: TokenForm, secretKey: string | undefined): TokenPair | OAuthErrorBody {
  const stats = ctx.state.stats;
  stats.tokenCalls += 1;
  if (form.grant_type === "authorization_code") stats.codeExchanges += 1;
  if (form.grant_type === "refresh_token") stats.refreshCalls += 1;

  if (secretKey !== ctx.opts.appSecret) return oauthError(OAUTH.INVALID_SECRET, "secret_key is invalid");
  if (form.app_id !== ctx.opts.appId) return oauthError(OAUTH.INVALID_APP, "app_id is invalid");
  const now = ctx.clock.now();

  if (form.grant_type === "authorization_code") {
    const rec = form.code ? ctx.state.authCodes.get(form.code) : undefined;
    if (!rec) return oauthError(OAUTH.INVALID_CODE, "Invalid authorization code");
    if (rec.used_at !== null) return oauthError(OAUTH.INVALID_CODE, "Authorization code has been used");
    if (now >= rec.expires_at) return oauthError(OAUTH.INVALID_CODE, "Authorization code is expired");
    if (rec.code_challenge !== undefined) {
      if (!form.code_verifier || pkceChallenge(form.code_verifier) !== rec.code_challenge) {
        // The code is not consumed by a failed verifier check.
        return oauthError(OAUTH.INVALID_VERIFIER, "code_verifier does not match code_challenge");
      }
    }
    rec.used_at = now;
    return issueTokenPair(ctx);
  }

  if (form.grant_type === "refresh_token") {
    const rec = form.refresh_token ? ctx.state.refreshTokens.get(form.refresh_token) : undefined;
    if (!rec) return oauthError(OAUTH.INVALID_REFRESH, "Invalid refresh token");
    if (rec.used_at !== null) return oauthError(OAUTH.INVALID_REFRESH, "Refresh token has been used");
    if (now >= rec.expires_at) return oauthError(OAUTH.INVALID_REFRESH, "Refresh token is expired");
    rec.used_at = now;
    return issueTokenPair(ctx);
  }

  return oauthError(OAUTH.INVALID_PARAM, "grant_type is invalid");
}

/** A mini-app user access token (zmp-sdk getAccessToken), for Graph /v2.0/me. */
export function mintMiniAppToken(ctx: SimContext, userId: string): { access_token: string; expires_in: number } {
  const now = ctx.clock.now();
  const token = opaqueToken(64);
  ctx.state.miniAppTokens.set(token, {
    token,
    user_id: userId,
    issued_at: now,
    expires_at: now + MINIAPP_TOKEN_TTL_SEC * 1000,
  });
  return { access_token: token, expires_in: MINIAPP_TOKEN_TTL_SEC };
}

/** The user id a live mini-app token belongs to, or undefined. */
export function miniAppTokenUser(ctx: SimContext, token: string | undefined): string | undefined {
  if (!token) return undefined;
  const rec = ctx.state.miniAppTokens.get(token);
  if (!rec || ctx.clock.now() >= rec.expires_at) return undefined;
  return rec.user_id;
}

/** A phone-number token (zmp-sdk getPhoneNumber), redeemable once at Graph /v2.0/me/info. */
export function mintPhoneCode(ctx: SimContext, userId: string, phone: string): { code: string; expires_in: number } {
  const code = opaqueToken(32);
  ctx.state.phoneCodes.set(code, {
    code,
    user_id: userId,
    phone,
    expires_at: ctx.clock.now() + PHONE_CODE_TTL_MS,
    used_at: null,
  });
  return { code, expires_in: PHONE_CODE_TTL_MS / 1000 };
}
