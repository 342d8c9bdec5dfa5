import { createHash, randomBytes } from "node:crypto";
import { deviceInWords } from "../../shared/contracts/console";
import { ApiError, forbidden } from "../auth/api-error";
import type { AuthService, LoginResult, SessionRegistry } from "../auth/auth-service";
import type { Principal, RoleResolver } from "../auth/roles";
import { SESSION_MAX_LIFETIME_MS } from "../auth/session";
import type { Clock } from "../clock";
import type { ConsoleRepo, ConsoleSessionRow } from "./console-repo";

/** A QR code on the PC lives 3 minutes (a new one is asked for when it runs out). */
export const QR_TTL_MS = 3 * 60_000;
/** A link sent in the chat lives 10 minutes and works once. */
export const LINK_TTL_MS = 10 * 60_000;
/** Ended logins and sessions are kept 30 days (the admin's record of who logged in where), then deleted. */
export const CONSOLE_RETENTION_MS = 30 * 24 * 3600_000;
/** `last_seen_at` is written at most once a minute per session (not on every request). */
const SEEN_EVERY_MS = 60_000;

const secret = () => randomBytes(24).toString("base64url");
const hash = (s: string) => createHash("sha256").update(s).digest("base64url");

export type QrPoll = { status: "waiting"; expiresAt: number } | { status: "expired" } | { status: "used" } | ({ status: "approved" } & LoginResult);

export interface ConsoleDeps {
  repo: ConsoleRepo;
  auth: AuthService;
  roles: RoleResolver;
  clock: Clock;
  /** Where the console is served (…/console/); undefined when the commune has no public address yet. */
  consoleUrl: () => string | undefined;
}

const NOT_FOUND = "Mã đăng nhập không đúng hoặc đã hết hạn. Hãy tải lại trang trên máy tính để lấy mã mới.";

/**
 * Officers log in to the console on a PC without a password (issue 14):
 * - **QR**: the PC asks for a login request and shows its id as a QR code; the officer scans it with
 *   the mini app on their phone (already logged in with Zalo), which approves it; the PC, polling with
 *   the secret only it holds, takes the session once.
 * - **Link**: an officer types "đăng nhập máy tính" in the OA chat and gets a one-time link (10 min).
 * The PC session is the same signed session as the mini app's, with a `sid` the admin can end;
 * roles are looked up on every request as always, and it never outlives 12 hours after the approval.
 */
export class ConsoleService implements SessionRegistry {
  private readonly seenAt = new Map<string, number>();

  constructor(private readonly d: ConsoleDeps) {}

  /** A QR login request for a PC: the id goes in the QR code, the poll secret stays in the PC's page. */
  createQr(device?: string): { requestId: string; pollSecret: string; expiresAt: number } {
    const now = this.d.clock.now();
    this.d.repo.purge(now - CONSOLE_RETENTION_MS, now);
    const requestId = secret();
    const pollSecret = secret();
    this.d.repo.insertLogin({ idHash: hash(requestId), kind: "qr", pollHash: hash(pollSecret), device: device?.slice(0, 120) ?? null, createdAt: now, expiresAt: now + QR_TTL_MS });
    return { requestId, pollSecret, expiresAt: now + QR_TTL_MS };
  }

  /**
   * Before approving, the phone shows which PC asked and when (a QR code photographed from someone
   * else's screen and sent to an officer would otherwise log that stranger in).
   */
  inspect(p: Principal, requestId: string): { device: string; requestedAt: number; expiresAt: number } {
    if (!p.officer) throw forbidden("Chỉ cán bộ xã mới đăng nhập được trang quản lý trên máy tính.");
    const row = this.d.repo.login(hash(requestId));
    const now = this.d.clock.now();
    if (!row || row.kind !== "qr" || row.expiresAt <= now) throw new ApiError("not_found", NOT_FOUND);
    if (row.approvedAt !== null) throw new ApiError("conflict", "Mã này đã được dùng. Hãy tải lại trang trên máy tính để lấy mã mới.");
    return { device: deviceInWords(row.device), requestedAt: row.createdAt, expiresAt: row.expiresAt };
  }

  /**
   * The officer's phone approves the PC's QR code. Only a phone's session (Zalo proved the person): a PC
   * session cannot approve another PC, or PCs could renew each other forever without Zalo. The new PC
   * session ends 12 hours after the approver's own login, never later than the approver's session could.
   */
  approve(p: Principal, claims: { sid?: string; auth: number }, requestId: string): void {
    if (!p.officer) throw forbidden("Chỉ cán bộ xã mới đăng nhập được trang quản lý trên máy tính.");
    if (claims.sid !== undefined) throw forbidden("Hãy quét mã bằng ứng dụng Gia đình số trên điện thoại (không duyệt được từ một máy tính khác).");
    const now = this.d.clock.now();
    const row = this.d.repo.login(hash(requestId));
    if (!row || row.kind !== "qr" || row.expiresAt <= now) throw new ApiError("not_found", NOT_FOUND);
    if (row.approvedAt !== null) throw new ApiError("conflict", "Mã này đã được dùng. Hãy tải lại trang trên máy tính để lấy mã mới.");
    if (!this.d.repo.approve(row.idHash, p.appUserId, p.name ?? null, now, Math.min(claims.auth, now))) throw new ApiError("conflict", "Mã này đã được dùng. Hãy tải lại trang trên máy tính để lấy mã mới.");
  }

  /** The PC asks whether its QR code was approved; an unknown id and a wrong secret get the same answer. */
  poll(requestId: string, pollSecret: string, device: string | undefined): QrPoll {
    const now = this.d.clock.now();
    const row = this.d.repo.login(hash(requestId));
    if (!row || row.kind !== "qr" || row.pollHash !== hash(pollSecret)) throw new ApiError("not_found", NOT_FOUND);
    if (row.consumedAt !== null) return { status: "used" };
    if (row.expiresAt <= now) return { status: "expired" };
    if (row.approvedAt === null || row.appUserId === null) return { status: "waiting", expiresAt: row.expiresAt };
    const r = this.startSession(row.idHash, row.appUserId, row.name, "qr", row.authAt ?? row.approvedAt, device);
    if (!r) return { status: "used" };
    return { status: "approved", ...r };
  }

  /**
   * A one-time login link for the officer behind an OA chat account; `undefined` when the account is
   * not an officer's (the chat then answers as for anyone). `reason` when it is staff but no officer
   * identity of the mini app is known for it.
   */
  linkForOaUser(oaUserId: string): { url: string; expiresAt: number } | { refused: "no_app_identity" | "no_console_url" } | undefined {
    const staff = this.d.roles.staffOaAccount(oaUserId);
    if (!staff) return undefined;
    const officer = [...staff.sameAs].map((id) => this.d.roles.resolve(id)).find((p) => p.officer);
    if (!officer) return staff.sameAs.size === 0 ? { refused: "no_app_identity" } : undefined;
    const base = this.d.consoleUrl();
    if (!base) return { refused: "no_console_url" };
    const now = this.d.clock.now();
    this.d.repo.purge(now - CONSOLE_RETENTION_MS, now);
    const token = secret();
    // Zalo proved who writes (a signed chat event) now: the PC's session ends 12 hours from now at most.
    this.d.repo.insertLogin({ idHash: hash(token), kind: "link", appUserId: officer.appUserId, name: officer.name ?? null, createdAt: now, expiresAt: now + LINK_TTL_MS, approvedAt: now, authAt: now });
    // In the fragment: never sent to the server in a request line, so never in an access log or a Referer.
    return { url: `${base}#ma=${token}`, expiresAt: now + LINK_TTL_MS };
  }

  /** The PC opened the link: one session, once, within 10 minutes, for an officer still. */
  redeemLink(token: string, device: string | undefined): LoginResult {
    const row = this.d.repo.login(hash(token));
    const now = this.d.clock.now();
    const gone = "Đường dẫn đăng nhập không đúng, đã dùng rồi hoặc đã hết hạn (10 phút). Hãy nhắn “đăng nhập máy tính” cho trang Zalo của xã để nhận đường dẫn mới.";
    if (!row || row.kind !== "link" || row.appUserId === null || row.consumedAt !== null || row.expiresAt <= now) throw new ApiError("not_found", gone);
    const r = this.startSession(row.idHash, row.appUserId, row.name, "link", row.authAt ?? row.approvedAt ?? row.createdAt, device);
    if (!r) throw new ApiError("not_found", gone);
    return r;
  }

  /** A fresh token for the same PC session (same `sid`, same login time: still ends 12 h after it). */
  refresh(authorization: string | undefined): LoginResult {
    const c = this.d.auth.claims(authorization);
    if (c.sid === undefined) throw new ApiError("bad_request", "Chỉ phiên đăng nhập trên máy tính mới gia hạn ở đây; trong Zalo, ứng dụng tự đăng nhập lại.");
    const row = this.d.repo.session(c.sid)!;
    if (this.d.clock.now() >= row.endsAt) throw new ApiError("unauthenticated", "Phiên đăng nhập trên máy tính đã hết 12 giờ. Hãy đăng nhập lại bằng mã QR.");
    return this.d.auth.issuePcSession(row.appUserId, row.sid, c.auth, row.name ?? undefined);
  }

  /** PC sessions not ended yet (admin). */
  sessions(): ConsoleSessionRow[] {
    return this.d.repo.activeSessions(this.d.clock.now());
  }

  /** The admin ends a PC session: its next request gets 401. */
  revoke(sid: string, by: string): void {
    this.seenAt.delete(sid);
    if (!this.d.repo.revoke(sid, by, this.d.clock.now())) throw new ApiError("not_found", "Không có máy tính nào đang đăng nhập với mã này (có thể đã đăng xuất).");
  }

  /** The officer logs their own PC out (a shared office PC). */
  logout(authorization: string | undefined): void {
    const c = this.d.auth.claims(authorization);
    if (c.sid === undefined) throw new ApiError("bad_request", "Đây không phải phiên đăng nhập trên máy tính.");
    this.seenAt.delete(c.sid);
    this.d.repo.revoke(c.sid, c.sub, this.d.clock.now());
  }

  /**
   * SessionRegistry: checked on every request carrying a `sid`. A person who is no longer an officer
   * loses every PC session for good (given the role back, they log in again).
   */
  active(sid: string, appUserId: string): boolean {
    const row = this.d.repo.session(sid);
    const now = this.d.clock.now();
    if (!row || row.appUserId !== appUserId || row.revokedAt !== null || row.endsAt <= now) return false;
    if (!this.d.roles.resolve(appUserId).officer) {
      this.d.repo.revokeAllOf(appUserId, "mất quyền cán bộ", now);
      return false;
    }
    if (now - (this.seenAt.get(sid) ?? 0) >= SEEN_EVERY_MS) {
      this.seenAt.set(sid, now);
      this.d.repo.seen(sid, now);
    }
    return true;
  }

  private startSession(idHash: string, appUserId: string, name: string | null, via: "qr" | "link", authTime: number, device: string | undefined): LoginResult | undefined {
    const now = this.d.clock.now();
    // Roles now, not at approval: a role taken away in between ends the login.
    if (!this.d.roles.resolve(appUserId).officer) throw forbidden("Tài khoản này không còn là cán bộ xã.");
    const sid = secret();
    const endsAt = Math.min(authTime, now) + SESSION_MAX_LIFETIME_MS;
    const ok = this.d.repo.consume(idHash, now, { sid, appUserId, name, via, device: device?.slice(0, 120) ?? null, createdAt: now, endsAt, lastSeenAt: now });
    if (!ok) return undefined;
    return this.d.auth.issuePcSession(appUserId, sid, Math.min(authTime, now), name ?? undefined);
  }
}
