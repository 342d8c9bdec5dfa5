/**
 * The PC's session (officers' console): from a QR code approved on the officer's phone or a one-time
 * link. Kept in memory and in sessionStorage (gone when the tab closes), renewed 5 minutes before it
 * ends (the bot never renews past 12 hours after the login), forgotten on a 401.
 */
import { ApiClient, ApiError } from "../api/client";
import type { KeyValueStore } from "../platform/types";

/** ApiClient keeps its session under `gds.session.<owner>`: the console is the owner "console". */
export const CONSOLE_OWNER = "console";
const KEY = `gds.session.${CONSOLE_OWNER}`;
const RENEW_BEFORE_MS = 5 * 60_000;

export interface ConsoleSessionValue {
  session: string;
  /** ms */
  expiresAt: number;
}

export const LOGGED_OUT_MESSAGE = "Phiên làm việc trên máy tính đã hết. Bác đăng nhập lại nhé.";

export class ConsoleAuth {
  private memory: ConsoleSessionValue | null;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Why the last session ended (shown on the login page), null when the officer logged out. */
  reason: string | null = null;
  readonly api: ApiClient;

  constructor(
    private readonly store: KeyValueStore,
    base = "",
  ) {
    this.memory = this.read();
    this.api = new ApiClient(
      {
        base,
        fetch: (i, init) => fetch(i, init),
        // No Zalo token on a PC: a session that ends sends the officer back to the login page.
        accessToken: async () => {
          this.end(LOGGED_OUT_MESSAGE);
          throw new ApiError("http", LOGGED_OUT_MESSAGE, 401);
        },
        store,
      },
      CONSOLE_OWNER,
    );
    this.schedule();
  }

  current(): ConsoleSessionValue | null {
    return this.memory && this.memory.expiresAt > Date.now() ? this.memory : null;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** A session from the bot ({session, expiresAt ISO}). */
  set(s: { session: string; expiresAt: string }): void {
    this.memory = { session: s.session, expiresAt: Date.parse(s.expiresAt) };
    this.store.setItem(KEY, JSON.stringify(this.memory));
    this.reason = null;
    this.schedule();
    this.emit();
  }

  end(reason: string | null): void {
    if (this.memory === null) return;
    this.memory = null;
    this.reason = reason;
    this.store.removeItem(KEY);
    clearTimeout(this.timer);
    this.emit();
  }

  /** "Đăng xuất": the bot ends this PC's session (DELETE /api/console/session), then the page forgets it. */
  async logout(): Promise<void> {
    const now = this.current();
    if (now) await this.api.send("DELETE", "/api/console/session", undefined, now.session).catch(() => undefined);
    this.end(null);
  }

  /** POST /api/console/session/refresh with the session now held; the PC goes back to login when refused. */
  async renew(): Promise<void> {
    const now = this.current();
    if (!now) return;
    try {
      const res = await this.api.send("POST", "/api/console/session/refresh", undefined, now.session);
      this.set((await res.json()) as { session: string; expiresAt: string });
    } catch (err) {
      if (err instanceof ApiError && (err.status === 401 || err.status === 403)) this.end(LOGGED_OUT_MESSAGE);
      else this.timer = setTimeout(() => void this.renew(), 30_000); // no network: try again soon
    }
  }

  /** A call without a session (the login page). */
  async publicPost<T>(path: string, body: unknown): Promise<T> {
    const res = await this.api.send("POST", path, body, undefined);
    return (await res.json()) as T;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const s = this.current();
    if (!s) return;
    this.timer = setTimeout(() => void this.renew(), Math.max(5_000, s.expiresAt - Date.now() - RENEW_BEFORE_MS));
  }

  private read(): ConsoleSessionValue | null {
    try {
      const s = JSON.parse(this.store.getItem(KEY) ?? "null") as ConsoleSessionValue | null;
      return s && typeof s.session === "string" && s.expiresAt > Date.now() ? s : null;
    } catch {
      return null;
    }
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
