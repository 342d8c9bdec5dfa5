import { randomInt } from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "../db/connection";

export const LINK_CODE_TTL_MS = 15 * 60_000;

export interface FailureLimits {
  /** Wrong codes one account may type per window. */
  perSubject: number;
  /** Wrong codes the whole commune may type per window (new accounts do not get new tries). */
  global: number;
  windowMs: number;
}

/**
 * Six digits are a million codes: at most five wrong ones per OA account and thirty commune-wide per
 * 15 minutes. With a few dozen live codes, a guess succeeds about once in 30,000 tries.
 */
export const LINK_LIMITS: FailureLimits = { perSubject: 5, global: 30, windowMs: 15 * 60_000 };
/** Invite codes are 8 characters of 32 (10^12): ten wrong per user, a hundred commune-wide per 15 minutes. */
export const INVITE_LIMITS: FailureLimits = { perSubject: 10, global: 100, windowMs: 15 * 60_000 };

export type FailureLock = "subject" | "global";

/**
 * Counts wrong codes in fixed windows, per account (OA id for link codes, mini-app id for invites)
 * and commune-wide (`code_failure_budget`). A spent budget refuses every code of that kind, right or
 * wrong, until its window passes.
 */
export class CodeFailures {
  private readonly s;
  constructor(
    private readonly sqlite: Database.Database,
    private readonly kind: "link" | "invite",
    table: "oa_link_failures" | "invite_failures",
    column: "oa_user_id" | "app_user_id",
    readonly limits: FailureLimits,
  ) {
    const bump = (target: string, key: string) =>
      `INSERT INTO ${target} VALUES (@key, @now, 1)
       ON CONFLICT (${key}) DO UPDATE SET
         failures = CASE WHEN @now - window_start >= @win THEN 1 ELSE failures + 1 END,
         window_start = CASE WHEN @now - window_start >= @win THEN @now ELSE window_start END`;
    this.s = {
      subject: sqlite.prepare<[string], { window_start: number; failures: number }>(`SELECT window_start, failures FROM ${table} WHERE ${column} = ?`),
      global: sqlite.prepare<[string], { window_start: number; failures: number }>("SELECT window_start, failures FROM code_failure_budget WHERE kind = ?"),
      bumpSubject: sqlite.prepare(bump(`${table} (${column}, window_start, failures)`, column)),
      bumpGlobal: sqlite.prepare(bump("code_failure_budget (kind, window_start, failures)", "kind")),
      clear: sqlite.prepare<[string]>(`DELETE FROM ${table} WHERE ${column} = ?`),
    };
  }

  /** Why codes are refused to this account now (and until when), if they are. */
  locked(subject: string, now: number): { scope: FailureLock; until: number } | undefined {
    const until = (r: { window_start: number; failures: number } | undefined, max: number) =>
      r && now - r.window_start < this.limits.windowMs && r.failures >= max ? r.window_start + this.limits.windowMs : undefined;
    const g = until(this.s.global.get(this.kind), this.limits.global);
    if (g !== undefined) return { scope: "global", until: g };
    const u = until(this.s.subject.get(subject), this.limits.perSubject);
    return u === undefined ? undefined : { scope: "subject", until: u };
  }

  record(subject: string, now: number): void {
    const win = this.limits.windowMs;
    this.sqlite.transaction(() => {
      this.s.bumpSubject.run({ key: subject, now, win });
      this.s.bumpGlobal.run({ key: this.kind, now, win });
    })();
  }

  /** A right code clears the account's count (not the commune's). */
  clear(subject: string): void {
    this.s.clear.run(subject);
  }
}

/**
 * 6-digit codes for the chat fallback: the mini app shows one to a household member, who types it in
 * the OA chat; the bot then knows the OA-scoped id of that member. Single use, 15 minutes, and a
 * failure budget per OA account and commune-wide (a million codes must not be guessable by trying).
 */
export class LinkCodesRepo {
  private readonly sqlite: Database.Database;
  readonly failures: CodeFailures;
  constructor(db: Db, limits: FailureLimits = LINK_LIMITS) {
    this.sqlite = db.$client;
    this.failures = new CodeFailures(this.sqlite, "link", "oa_link_failures", "oa_user_id", limits);
  }

  /** A fresh code for this user; their earlier unused codes stop working. */
  create(appUserId: string, now: number): { code: string; expiresAt: number } {
    return this.sqlite
      .transaction(() => {
        this.sqlite.prepare("DELETE FROM oa_link_codes WHERE app_user_id = ? OR expires_at <= ? OR used_at IS NOT NULL").run(appUserId, now);
        for (let i = 0; i < 20; i++) {
          const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
          const r = this.sqlite
            .prepare("INSERT OR IGNORE INTO oa_link_codes (code, app_user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
            .run(code, appUserId, now, now + LINK_CODE_TTL_MS);
          if (r.changes === 1) return { code, expiresAt: now + LINK_CODE_TTL_MS };
        }
        throw new Error("no free link code after 20 tries");
      })
      .immediate();
  }

  /** Whose live code this is, without using it. */
  peek(code: string, now: number): { appUserId: string } | { expired: true } | undefined {
    const r = this.sqlite.prepare<[string], { app_user_id: string; expires_at: number; used_at: number | null }>("SELECT * FROM oa_link_codes WHERE code = ?").get(code);
    if (!r || r.used_at !== null) return undefined;
    if (now >= r.expires_at) return { expired: true };
    return { appUserId: r.app_user_id };
  }

  /** Marks a live code used. */
  use(code: string, now: number): void {
    this.sqlite.prepare("UPDATE oa_link_codes SET used_at = ? WHERE code = ?").run(now, code);
  }
}
