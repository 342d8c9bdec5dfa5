import { randomInt } from "node:crypto";
import type Database from "better-sqlite3";
import type { Db } from "../db/connection";

export const LINK_CODE_TTL_MS = 15 * 60_000;
export const LINK_MAX_FAILURES = 5;
export const LINK_FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * 6-digit codes for the chat fallback: the mini app shows one to a household member, who types it in
 * the OA chat; the bot then knows the OA-scoped id of that member. Single use, 15 minutes, and at most
 * five wrong codes per OA user per 15 minutes (a million codes must not be guessable by trying).
 */
export class LinkCodesRepo {
  private readonly sqlite: Database.Database;
  constructor(db: Db) {
    this.sqlite = db.$client;
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

  /** Whether this OA user typed too many wrong codes lately. */
  locked(oaUserId: string, now: number): boolean {
    const r = this.sqlite.prepare<[string], { window_start: number; failures: number }>("SELECT window_start, failures FROM oa_link_failures WHERE oa_user_id = ?").get(oaUserId);
    return !!r && now - r.window_start < LINK_FAILURE_WINDOW_MS && r.failures >= LINK_MAX_FAILURES;
  }

  recordFailure(oaUserId: string, now: number): void {
    this.sqlite
      .prepare(
        `INSERT INTO oa_link_failures (oa_user_id, window_start, failures) VALUES (@id, @now, 1)
         ON CONFLICT (oa_user_id) DO UPDATE SET
           failures = CASE WHEN @now - window_start >= @win THEN 1 ELSE failures + 1 END,
           window_start = CASE WHEN @now - window_start >= @win THEN @now ELSE window_start END`,
      )
      .run({ id: oaUserId, now, win: LINK_FAILURE_WINDOW_MS });
  }

  clearFailures(oaUserId: string): void {
    this.sqlite.prepare("DELETE FROM oa_link_failures WHERE oa_user_id = ?").run(oaUserId);
  }

  /** Marks a live code used and returns whose it was. */
  consume(code: string, now: number): { appUserId: string } | { expired: true } | undefined {
    const r = this.sqlite.prepare<[string], { app_user_id: string; expires_at: number; used_at: number | null }>("SELECT * FROM oa_link_codes WHERE code = ?").get(code);
    if (!r || r.used_at !== null) return undefined;
    if (now >= r.expires_at) return { expired: true };
    this.sqlite.prepare("UPDATE oa_link_codes SET used_at = ? WHERE code = ?").run(now, code);
    return { appUserId: r.app_user_id };
  }
}
