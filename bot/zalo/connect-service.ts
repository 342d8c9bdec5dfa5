import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import { createPkcePair, type ZaloOAuthClient } from "./oauth-client";
import type { TokenRepo } from "./token-repo";
import type { TokenStore } from "./token-store";

const STATE_MAX_AGE_MS = 10 * 60_000; // Zalo's authorization code lives 10 minutes too.

export type CallbackOutcome = { ok: true } | { ok: false; message: string };

/** The officer's "connect the OA" flow: OAuth v4 with PKCE, ending with the pair in the token store. */
export class ConnectService {
  constructor(
    private readonly oauth: ZaloOAuthClient,
    private readonly repo: TokenRepo,
    private readonly tokens: TokenStore,
    private readonly clock: Clock,
    private readonly oaId: string,
  ) {}

  /** A fresh state and verifier, stored; returns Zalo's consent URL. */
  begin(redirectUri: string): string {
    const { verifier, challenge } = createPkcePair();
    const state = randomBytes(16).toString("base64url");
    this.repo.savePkceState(state, verifier, redirectUri, this.clock.now());
    return this.oauth.permissionUrl(redirectUri, challenge, state);
  }

  async complete(q: { code: string; state: string; oaId: string | undefined }): Promise<CallbackOutcome> {
    const pending = this.repo.consumePkceState(q.state, this.clock.now(), STATE_MAX_AGE_MS);
    if (!pending) return { ok: false, message: "Liên kết đã hết hạn hoặc đã dùng. Vui lòng bấm “Kết nối” lại." };
    if (q.oaId !== undefined && q.oaId !== this.oaId) {
      return { ok: false, message: `Tài khoản OA vừa cấp quyền (${q.oaId}) không phải OA của xã (${this.oaId}).` };
    }
    const result = await this.oauth.exchangeCode(q.code, pending.codeVerifier);
    if (!result.ok) return { ok: false, message: `Zalo từ chối cấp quyền: ${result.reason}` };
    this.tokens.storeGrant(result.grant, "authorization_code");
    return { ok: true };
  }
}
