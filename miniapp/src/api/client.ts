/**
 * The bot's REST API as the mini app calls it: one session (the bot's own, from the Zalo token sent
 * once), timeouts for weak 4G, one retry after a fresh login on 401, errors as ApiError with the
 * server's Vietnamese message. No DOM types: unit tests run it in Node with a fake fetch.
 */
import type { LoginResponse } from "../../../shared/contracts/auth";
import type { KeyValueStore } from "../platform/types";

export type ApiErrorKind = "offline" | "timeout" | "http";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
  }
  /** Worth sending again later (no network, timeout, server busy or down). */
  get retryable(): boolean {
    return this.kind !== "http" || this.status === undefined || this.status >= 500 || this.status === 429 || this.status === 401;
  }
}

export const OFFLINE_MESSAGE = "Chưa có mạng. Bác kiểm tra 4G hoặc wifi nhé.";
export const TIMEOUT_MESSAGE = "Mạng yếu quá, chưa gửi được. Ứng dụng sẽ thử lại.";

export interface ApiClientOptions {
  /** "" for the same origin, or the bot's public origin. */
  base: string;
  fetch: typeof fetch;
  /** Gives the Zalo access token to log in with. */
  accessToken(): Promise<string>;
  store: KeyValueStore;
  timeoutMs?: number;
  now?: () => number;
}

interface StoredSession {
  session: string;
  expiresAt: number;
}

export class ApiClient {
  private loggingIn: Promise<LoginResponse> | undefined;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  private readonly key: string;

  constructor(
    private readonly o: ApiClientOptions,
    /** Whose session (the sandbox can play several people in one browser). */
    owner = "",
  ) {
    this.timeoutMs = o.timeoutMs ?? 20_000;
    this.now = o.now ?? Date.now;
    this.key = `gds.session.${owner}`;
  }

  /** The stored session if it is still good for a minute. */
  session(): string | undefined {
    try {
      const s = JSON.parse(this.o.store.getItem(this.key) ?? "null") as StoredSession | null;
      if (s && s.expiresAt - 60_000 > this.now()) return s.session;
    } catch {
      /* a damaged value is as good as none */
    }
    return undefined;
  }

  forgetSession(): void {
    this.o.store.removeItem(this.key);
  }

  /** Sends the Zalo token once and keeps the bot's session; concurrent callers share one login. */
  login(): Promise<LoginResponse> {
    this.loggingIn ??= (async () => {
      try {
        const accessToken = await this.o.accessToken();
        const r = await this.raw<LoginResponse>("POST", "/api/auth/zalo", { accessToken }, undefined);
        const stored: StoredSession = { session: r.session, expiresAt: Date.parse(r.expiresAt) };
        this.o.store.setItem(this.key, JSON.stringify(stored));
        return r;
      } finally {
        this.loggingIn = undefined;
      }
    })();
    return this.loggingIn;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let session = this.session();
    if (!session) session = (await this.login()).session;
    try {
      return await this.raw<T>(method, path, body, session);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401) throw err;
      this.forgetSession();
      const fresh = (await this.login()).session;
      return this.raw<T>(method, path, body, fresh);
    }
  }

  /** A public route (no session): the mini app's config and guides. */
  publicGet<T>(path: string): Promise<T> {
    return this.raw<T>("GET", path, undefined, undefined);
  }

  private async raw<T>(method: string, path: string, body: unknown, session: string | undefined): Promise<T> {
    const res = await this.send(method, path, body, session);
    return (res.status === 204 ? undefined : await res.json()) as T;
  }

  /** The raw response (officers' file downloads, in api/staff.ts: kept out of the first download). */
  async send(method: string, path: string, body: unknown, session: string | undefined): Promise<Response> {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), this.timeoutMs);
    let res: Response;
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (session) headers.authorization = `Bearer ${session}`;
      res = await this.o.fetch(`${this.o.base}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: ctrl.signal,
      });
    } catch (err) {
      if (ctrl.signal.aborted) throw new ApiError("timeout", TIMEOUT_MESSAGE);
      throw new ApiError("offline", OFFLINE_MESSAGE, undefined, String(err));
    } finally {
      clearTimeout(timer);
    }
    if (!res.ok) {
      let message = res.status >= 500 ? "Máy chủ của xã đang bận. Bác thử lại sau ít phút nhé." : "Máy chủ của xã chưa nhận yêu cầu này.";
      let code: string | undefined;
      try {
        const b = (await res.json()) as { error?: { code?: string; message?: string } | string };
        // A bare string is the server's own words only when it is Vietnamese (Fastify's "Not Found" is not).
        if (typeof b.error === "string") /[^\x00-\x7f]/.test(b.error) && (message = b.error);
        else if (b.error?.message) {
          message = b.error.message;
          code = b.error.code;
        }
      } catch {
        /* not JSON: keep the generic message */
      }
      throw new ApiError("http", message, res.status, code);
    }
    return res;
  }
}
