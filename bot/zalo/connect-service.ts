import { createHash, randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import { createPkcePair, type ZaloOAuthClient } from "./oauth-client";
import type { TokenRepo } from "./token-repo";
import type { TokenStore } from "./token-store";

export const STATE_MAX_AGE_MS = 10 * 60_000; // Zalo's authorization code lives 10 minutes too.

export type CallbackOutcome = { ok: true } | { ok: false; message: string };

/** What begin() hands back: Zalo's consent URL, and the nonce the officer's browser keeps in a cookie. */
export interface ConnectStart {
  consentUrl: string;
  browserNonce: string;
}

/**
 * The officer's "connect the OA" flow: OAuth v4 with PKCE, ending with the pair in the token store.
 * The state is bound to the browser that started it: the stored key is a hash of the state (sent to
 * Zalo) and a nonce (kept by that browser in an HttpOnly cookie), so a callback opened anywhere else,
 * or with a state stolen from a URL, finds nothing. Expired and used states are purged as new ones
 * are made.
 */
export class ConnectService {
  constructor(
    private readonly oauth: ZaloOAuthClient,
    private readonly repo: TokenRepo,
    private readonly tokens: TokenStore,
    private readonly clock: Clock,
    private readonly oaId: string,
  ) {}

  /** A fresh state, verifier and browser nonce, stored; returns Zalo's consent URL and the nonce. */
  begin(redirectUri: string): ConnectStart {
    const now = this.clock.now();
    this.repo.purgePkceStates(now - STATE_MAX_AGE_MS);
    const { verifier, challenge } = createPkcePair();
    const state = randomBytes(16).toString("base64url");
    const browserNonce = randomBytes(32).toString("base64url");
    this.repo.savePkceState(stateKey(state, browserNonce), verifier, redirectUri, now);
    return { consentUrl: this.oauth.permissionUrl(redirectUri, challenge, state), browserNonce };
  }

  async complete(q: { code: string; state: string; oaId: string | undefined; browserNonce: string | undefined }): Promise<CallbackOutcome> {
    const now = this.clock.now();
    if (!q.browserNonce) {
      return { ok: false, message: "Trình duyệt này không phải trình duyệt đã bấm “Kết nối”. Hãy mở lại trang kết nối và làm lại trên cùng một trình duyệt." };
    }
    const pending = this.repo.consumePkceState(stateKey(q.state, q.browserNonce), now, STATE_MAX_AGE_MS);
    this.repo.purgePkceStates(now - STATE_MAX_AGE_MS);
    if (!pending) {
      return { ok: false, message: "Liên kết đã hết hạn, đã dùng, hoặc được mở trên trình duyệt khác. Vui lòng mở lại trang kết nối và bấm “Kết nối” lại." };
    }
    if (q.oaId === undefined || q.oaId === "") {
      return { ok: false, message: "Zalo không gửi kèm mã OA (oa_id), nên không biết OA nào vừa cấp quyền. Vui lòng làm lại." };
    }
    if (q.oaId !== this.oaId) {
      return { ok: false, message: `Tài khoản OA vừa cấp quyền (${q.oaId}) không phải OA của xã (${this.oaId}).` };
    }
    const result = await this.oauth.exchangeCode(q.code, pending.codeVerifier);
    if (!result.ok) return { ok: false, message: `Zalo từ chối cấp quyền: ${result.reason}` };
    this.tokens.storeGrant(result.grant, "authorization_code");
    return { ok: true };
  }
}

/** The stored key of a state: neither half alone finds it. */
function stateKey(state: string, browserNonce: string): string {
  return createHash("sha256").update(`${state}\u0000${browserNonce}`).digest("base64url");
}
