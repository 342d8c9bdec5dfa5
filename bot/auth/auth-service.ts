import type { FastifyBaseLogger } from "fastify";
import { ApiError } from "./api-error";
import type { Principal, RoleResolver } from "./roles";
import type { SessionClaims, SessionSigner } from "./session";
import type { ZaloGraphClient } from "./zalo-graph";

export interface LoginResult {
  session: string;
  expiresAt: number;
  principal: Principal;
}

/** PC sessions (officers' console) the admin can end: checked on every request that carries a `sid`. */
export interface SessionRegistry {
  /** Whether the PC session is still valid now (not ended by the admin, not past its end); notes it was seen. */
  active(sid: string, appUserId: string): boolean;
}

/**
 * The mini app sends its Zalo user access token once; the server asks Zalo's Graph API who owns it
 * (with appsecret_proof) and answers with its own short-lived signed session.
 */
export class AuthService {
  private registry: SessionRegistry | undefined;

  constructor(
    private readonly graph: ZaloGraphClient,
    private readonly signer: SessionSigner,
    private readonly roles: RoleResolver,
    private readonly logger: FastifyBaseLogger,
  ) {}

  async loginWithZalo(accessToken: string): Promise<LoginResult> {
    const who = await this.graph.me(accessToken);
    if (!who.ok) {
      if (who.kind === "invalid") throw new ApiError("unauthenticated", "Zalo không xác nhận được tài khoản. Hãy đóng ứng dụng rồi mở lại để đăng nhập lại.");
      this.logger.error({ kind: who.kind, reason: who.reason }, "auth: Zalo Graph /v2.0/me failed");
      if (who.kind === "misconfigured") throw new ApiError("misconfigured", "Máy chủ của xã chưa được cấu hình đúng khóa ứng dụng Zalo. Hãy báo cán bộ phụ trách.");
      throw new ApiError("upstream_unavailable", "Chưa kết nối được với Zalo. Vui lòng thử lại sau ít phút.");
    }
    return this.issue(who.appUserId, who.name);
  }

  /** The officers' console registers its PC sessions here (a token with a `sid` is refused without it). */
  useSessionRegistry(registry: SessionRegistry): void {
    this.registry = registry;
  }

  /** A session bound to a PC session row (`sid`); `authTime` is when the officer proved who they are. */
  issuePcSession(appUserId: string, sid: string, authTime: number, name?: string): LoginResult {
    const { token, expiresAt } = this.signer.issue(appUserId, name, authTime, sid);
    return { session: token, expiresAt, principal: this.roles.resolve(appUserId, name) };
  }

  /** The verified claims of a bearer session (or a 401), for re-issuing a PC session. */
  claims(authorization: string | undefined): SessionClaims {
    const m = authorization?.match(/^Bearer\s+(\S+)$/i);
    if (!m) throw new ApiError("unauthenticated", "Bác cần đăng nhập bằng Zalo để dùng chức năng này.");
    const check = this.signer.verify(m[1]!);
    if (!check.ok) throw new ApiError("unauthenticated", SESSION_REFUSED[check.reason]);
    if (check.claims.sid !== undefined && !this.registry?.active(check.claims.sid, check.claims.sub)) throw new ApiError("unauthenticated", SESSION_REFUSED.revoked);
    return check.claims;
  }

  /** A session for a mini-app user id already verified (tests, tools). */
  issue(appUserId: string, name?: string): LoginResult {
    const { token, expiresAt } = this.signer.issue(appUserId, name);
    return { session: token, expiresAt, principal: this.roles.resolve(appUserId, name) };
  }

  /** The principal behind an `Authorization: Bearer …` header, or a 401 in Vietnamese. */
  authenticate(authorization: string | undefined): Principal {
    const c = this.claims(authorization);
    return this.roles.resolve(c.sub, c.name);
  }

  /** Ends every session of this mini-app user issued until now (after an erasure of their data). */
  revokeSessions(appUserId: string): void {
    this.signer.revokeAll(appUserId);
  }
}

const SESSION_REFUSED: Record<"malformed" | "bad_signature" | "expired" | "revoked", string> = {
  malformed: "Phiên đăng nhập không hợp lệ. Hãy mở lại ứng dụng để đăng nhập lại.",
  bad_signature: "Phiên đăng nhập không hợp lệ. Hãy mở lại ứng dụng để đăng nhập lại.",
  expired: "Phiên đăng nhập đã hết hạn. Hãy mở lại ứng dụng để đăng nhập lại.",
  revoked: "Phiên đăng nhập này đã kết thúc. Hãy mở lại ứng dụng để đăng nhập lại.",
};
