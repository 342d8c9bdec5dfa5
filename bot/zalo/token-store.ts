import { randomUUID } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import { ZaloDisconnectedError } from "./errors";
import type { AccessTokenProvider } from "./oa-client";
import type { GrantResult, TokenGrant, ZaloOAuthClient } from "./oauth-client";
import type { TokenRepo, TokenRow } from "./token-repo";

export interface TokenStoreOptions {
  repo: TokenRepo;
  oauth: ZaloOAuthClient;
  clock: Clock;
  logger: FastifyBaseLogger;
  /** Refresh this long before the access token expires. */
  refreshMarginMs: number;
  /** After a refresh that got no answer: wait this long before one more try. */
  transientCooldownMs?: number;
  /** Longer than the HTTP timeout, so a slow refresh never loses its lease to another process. */
  leaseTtlMs?: number;
  /** The app and OA this process runs as: pairs are stored with them, and a pair of another app or OA is not used. */
  owner?: { appId: string; oaId: string };
}

export type ConnectionStatus =
  | { state: "connected"; accessExpiresAt: number; refreshExpiresAt: number }
  /**
   * A refresh got no answer (token endpoint down, 502) but the access token is still valid: messages
   * still go out, the refresh is tried again at `retryAt`. Ready, with a warning.
   */
  | { state: "degraded"; accessExpiresAt: number; refreshExpiresAt: number; retryAt: number; reason: string; notice: string }
  /** `reason` for the engineer (English); `notice` for officers (plain Vietnamese: what happened, what to do). */
  | { state: "never" | "disconnected"; reason: string; notice: string };

/** Reasons this store writes, recognised again when telling officers what happened. */
const STILL_REFUSED = "Zalo still refuses the access token it just issued";
const REFRESH_EXPIRED = "the refresh token has expired (3 months)";
const FOREIGN = "the stored token belongs to another Zalo app or OA";

const KEPT = "Các tin chưa gửi vẫn được giữ lại, không mất, và sẽ tự gửi khi kết nối lại.";
const RECONNECT = "Quản trị viên của xã cần mở trang /zalo/connect trên máy tính và bấm “Kết nối” lại với tài khoản Zalo của xã.";

/** What officers read about a connection that does not work (the English reason stays for the engineer). */
export function connectionNotice(state: "never" | "disconnected" | "degraded", reason: string): string {
  if (state === "degraded") return "Zalo chưa trả lời khi hệ thống gia hạn kết nối. Tin vẫn gửi được; hệ thống sẽ tự thử lại.";
  if (state === "never") {
    if (reason.startsWith(FOREIGN)) return `Kết nối Zalo đang lưu là của một tài khoản Zalo khác, không phải của xã. ${RECONNECT} ${KEPT}`;
    return `Hệ thống chưa được kết nối với tài khoản Zalo của xã nên chưa gửi được tin. ${RECONNECT}`;
  }
  if (reason.startsWith(STILL_REFUSED)) return `Mất kết nối với tài khoản Zalo của xã: Zalo không nhận quyền gửi tin của hệ thống nữa. ${RECONNECT} ${KEPT}`;
  if (reason.startsWith(REFRESH_EXPIRED)) return `Kết nối với tài khoản Zalo của xã đã hết hạn (quá 3 tháng). ${RECONNECT} ${KEPT}`;
  return `Mất kết nối với tài khoản Zalo của xã. ${RECONNECT} ${KEPT}`;
}

const REFRESH_TOKEN_LIFETIME_MS = 90 * 24 * 3600 * 1000;

/**
 * Holds the OA token pair. Zalo's refresh token is single use, so: one refresh at a time across every
 * caller in this process (one shared promise) and across processes (a lease row in SQLite); the new
 * pair is committed before it is returned to anyone; older pairs stay in the table. A refused refresh
 * marks the OA disconnected and is not retried until an officer reconnects; a refresh that got no
 * answer is tried again only after a cool-down, never in a loop.
 */
export class TokenStore implements AccessTokenProvider {
  private inflight: Promise<TokenRow> | undefined;
  private readonly owner = randomUUID();

  constructor(private readonly opts: TokenStoreOptions) {}

  status(): ConnectionStatus {
    const conn = this.opts.repo.connection();
    const cur = this.opts.repo.current();
    const foreign = cur && this.foreignReason(cur);
    if (foreign) return { state: "never", reason: foreign, notice: connectionNotice("never", foreign) };
    if (conn.status === "connected" && cur) {
      return { state: "connected", accessExpiresAt: cur.accessExpiresAt, refreshExpiresAt: cur.refreshExpiresAt };
    }
    const now = this.opts.clock.now();
    if (conn.status === "disconnected" && cur && conn.retryAt !== null && cur.accessExpiresAt > now && cur.refreshExpiresAt > now) {
      const reason = conn.reason ?? "unknown";
      return { state: "degraded", accessExpiresAt: cur.accessExpiresAt, refreshExpiresAt: cur.refreshExpiresAt, retryAt: conn.retryAt, reason, notice: connectionNotice("degraded", reason) };
    }
    if (conn.status === "disconnected") {
      const reason = conn.reason ?? "unknown";
      return { state: "disconnected", reason, notice: connectionNotice("disconnected", reason) };
    }
    const reason = "the OA has not been connected yet: open /zalo/connect";
    return { state: "never", reason, notice: connectionNotice("never", reason) };
  }

  async getAccessToken(): Promise<string> {
    const cur = this.usableCurrent();
    if (cur.accessExpiresAt - this.opts.refreshMarginMs > this.opts.clock.now()) return cur.accessToken;
    try {
      return (await this.refresh(cur.accessToken)).accessToken;
    } catch (err) {
      // Still valid for a while: keep working with it; the failure is already visible in readiness,
      // and further refresh attempts stop at the stored state without calling Zalo.
      if (cur.accessExpiresAt > this.opts.clock.now()) return cur.accessToken;
      throw err;
    }
  }

  async refreshAfterRejection(rejected: string): Promise<string> {
    const cur = this.usableCurrent();
    if (cur.accessToken !== rejected) return cur.accessToken;
    return (await this.refresh(rejected)).accessToken;
  }

  /**
   * A token error that persists after one refresh: no further refresh (refreshOnce stops at the stored
   * `disconnected` state without calling Zalo, in this process and after a restart) until an officer
   * reconnects the OA; readiness says so, in Vietnamese for officers. Sends still try the stored token
   * (one call each, never a refresh): if Zalo's refusal was a passing fault they go through again,
   * otherwise the outbox keeps its rows (not counted as attempts) until the reconnect.
   */
  rejectedAfterRefresh(token: string, reason: string): void {
    const cur = this.opts.repo.current();
    if (!cur || cur.accessToken !== token) return; // a newer pair arrived meanwhile
    if (this.opts.repo.connection().reason?.startsWith(STILL_REFUSED)) return; // already marked (and logged) by another caller
    const why = `${STILL_REFUSED} (${reason}): an officer must reconnect the OA at /zalo/connect`;
    this.opts.repo.markDisconnected(why, this.opts.clock.now(), null);
    this.opts.logger.error(`Zalo disconnected: ${why}`);
  }

  /** Stores a pair obtained from the consent flow. */
  storeGrant(grant: TokenGrant, source: TokenRow["source"]): TokenRow {
    const now = this.opts.clock.now();
    return this.opts.repo.storePair({
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      accessExpiresAt: now + grant.expiresInSec * 1000,
      refreshExpiresAt: now + REFRESH_TOKEN_LIFETIME_MS,
      source,
      obtainedAt: now,
      appId: this.opts.owner?.appId ?? null,
      oaId: this.opts.owner?.oaId ?? null,
    });
  }

  /**
   * Why the stored pair cannot be used by this process: it was issued for another Zalo app or OA
   * (e.g. a sandbox database started with live credentials). Pairs stored before the app and OA were
   * recorded (null) are accepted.
   */
  private foreignReason(row: TokenRow): string | undefined {
    const owner = this.opts.owner;
    if (!owner || row.appId === null || row.appId === undefined) return undefined;
    if (row.appId === owner.appId && row.oaId === owner.oaId) return undefined;
    return `${FOREIGN} (app ${row.appId}, OA ${row.oaId}; this server runs as app ${owner.appId}, OA ${owner.oaId}): connect this OA at /zalo/connect`;
  }

  /** First connection from a refresh token handed out by Zalo's API explorer (or the sandbox). */
  async connectWithRefreshToken(refreshToken: string): Promise<void> {
    const result = await this.opts.oauth.refresh(refreshToken);
    if (!result.ok) {
      this.fail(result, "initial refresh token");
      throw new ZaloDisconnectedError(result.reason);
    }
    this.storeGrant(result.grant, "initial_refresh_token");
    this.opts.logger.info("zalo: connected with the initial refresh token");
  }

  private usableCurrent(): TokenRow {
    const conn = this.opts.repo.connection();
    const cur = this.opts.repo.current();
    if (!cur || conn.status === "never") throw new ZaloDisconnectedError("the OA has not been connected yet");
    const foreign = this.foreignReason(cur);
    if (foreign) throw new ZaloDisconnectedError(foreign);
    if (conn.status === "disconnected") {
      const retryAt = conn.retryAt;
      const canRetry = retryAt !== null && retryAt <= this.opts.clock.now();
      if (!canRetry && cur.accessExpiresAt <= this.opts.clock.now()) throw new ZaloDisconnectedError(conn.reason ?? "disconnected");
    }
    return cur;
  }

  private refresh(stale: string): Promise<TokenRow> {
    this.inflight ??= this.refreshOnce(stale).finally(() => {
      this.inflight = undefined;
    });
    return this.inflight;
  }

  private async refreshOnce(stale: string): Promise<TokenRow> {
    const { repo, clock, logger } = this.opts;
    const ttl = this.opts.leaseTtlMs ?? 30_000;
    const waitUntil = clock.now() + ttl;
    while (!repo.tryLease(this.owner, clock.now(), ttl)) {
      // Another process is refreshing: wait for its pair rather than spend the refresh token twice.
      const cur = repo.current();
      if (cur && cur.accessToken !== stale) return cur;
      if (clock.now() > waitUntil) throw new ZaloDisconnectedError("another process holds the refresh lease");
      await new Promise((r) => setTimeout(r, 50));
    }
    try {
      const cur = repo.current();
      if (!cur) throw new ZaloDisconnectedError("no token to refresh");
      if (cur.accessToken !== stale) return cur;
      const conn = repo.connection();
      if (conn.status === "disconnected" && (conn.retryAt === null || conn.retryAt > clock.now())) {
        throw new ZaloDisconnectedError(conn.reason ?? "disconnected");
      }
      if (cur.refreshExpiresAt <= clock.now()) {
        const reason = `${REFRESH_EXPIRED}: an officer must reconnect the OA at /zalo/connect`;
        repo.markDisconnected(reason, clock.now(), null);
        logger.error(reason);
        throw new ZaloDisconnectedError(reason);
      }
      const result = await this.opts.oauth.refresh(cur.refreshToken);
      if (!result.ok) {
        this.fail(result, "refresh");
        throw new ZaloDisconnectedError(result.reason);
      }
      const row = this.storeGrant(result.grant, "refresh");
      logger.info({ accessExpiresAt: new Date(row.accessExpiresAt).toISOString() }, "zalo: access token refreshed");
      return row;
    } finally {
      repo.releaseLease(this.owner);
    }
  }

  private fail(result: Extract<GrantResult, { ok: false }>, what: string): void {
    const now = this.opts.clock.now();
    const retryAt = result.kind === "transient" ? now + (this.opts.transientCooldownMs ?? 5 * 60_000) : null;
    const reason =
      result.kind === "rejected"
        ? `Zalo refused the ${what} (${result.reason}): an officer must reconnect the OA at /zalo/connect`
        : `the ${what} got no answer from Zalo (${result.reason}); next try after ${new Date(retryAt!).toISOString()}`;
    this.opts.repo.markDisconnected(reason, now, retryAt);
    this.opts.logger.error({ kind: result.kind }, `Zalo disconnected: ${reason}`);
  }
}
