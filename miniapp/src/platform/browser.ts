/**
 * The host outside Zalo: a desktop or phone browser against the bot in sandbox (and the browser
 * tests). It plays the Zalo app's part through the local Zalo simulator's control API: a user token
 * for Graph /v2.0/me, "send" in the OA chat, "Quan tâm" the OA. Share falls back to the Web Share API,
 * then to the clipboard. No DOM types: everything it touches is passed in (unit tests run in Node).
 */
import { PLATFORM_MESSAGES, guideChatMessage, withTimeout } from "./messages";
import { PlatformError, type GuideRef, type KeyValueStore, type Platform, type ShareContent, type ShareResult, type Theme } from "./types";

export interface BrowserPlatformOptions {
  fetch: typeof fetch;
  /** The simulator's control API, e.g. "/simulator/api" (same origin in sandbox). */
  simulatorApi: string;
  /** The simulated person's Zalo user id (the simulator derives the mini-app id from it, as Zalo does). */
  userId: string;
  prefersDark(): boolean;
  /** Opens a page (the simulator's chat page) in a new tab. */
  open(url: string): void;
  /** Where the simulator's chat page remembers who is chatting ("sim.uid"). */
  storage: KeyValueStore;
  /** Web Share API, when the browser has it. */
  nativeShare?: ((c: { title: string; text: string; url?: string }) => Promise<void>) | undefined;
  copy(text: string): Promise<void>;
  timeoutMs?: number;
}

export function createBrowserPlatform(o: BrowserPlatformOptions): Platform {
  const ms = o.timeoutMs ?? 8_000;
  const user = encodeURIComponent(o.userId);
  const post = async (path: string, body?: unknown): Promise<unknown> => {
    let res: Response;
    try {
      res = await withTimeout(
        o.fetch(`${o.simulatorApi}${path}`, {
          method: "POST",
          headers: body === undefined ? {} : { "content-type": "application/json" },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }),
        ms,
        path,
      );
    } catch (err) {
      if (err instanceof PlatformError) throw err;
      throw new PlatformError("failed", PLATFORM_MESSAGES.failed, { path, err: String(err) });
    }
    if (!res.ok) throw new PlatformError("failed", PLATFORM_MESSAGES.failed, { path, status: res.status });
    return res.json();
  };
  return {
    kind: "browser",
    async accessToken() {
      const r = (await post(`/users/${user}/miniapp-token`)) as { access_token?: unknown };
      if (typeof r.access_token !== "string" || r.access_token === "") throw new PlatformError("failed", PLATFORM_MESSAGES.failed, "no access_token");
      return r.access_token;
    },
    async userInfo() {
      try {
        const res = await withTimeout(o.fetch(`${o.simulatorApi}/users/${user}`), ms, "user");
        if (!res.ok) return null;
        const u = (await res.json()) as { user_id_by_app?: string; display_name?: string; follower?: boolean };
        return u.user_id_by_app
          ? { id: u.user_id_by_app, ...(u.display_name ? { name: u.display_name } : {}), ...(typeof u.follower === "boolean" ? { followedOA: u.follower } : {}) }
          : null;
      } catch {
        return null;
      }
    },
    async theme(): Promise<Theme> {
      return o.prefersDark() ? "dark" : "light";
    },
    async openGuideChat(guide: GuideRef) {
      // In Zalo the message waits in the chat box for the resident to press send; here it is sent.
      await post(`/users/${user}/text`, { text: guideChatMessage(guide) });
      o.storage.setItem("sim.uid", o.userId);
      o.open(`${o.simulatorApi.replace(/\/api\/?$/, "")}/`);
    },
    async share(c: ShareContent): Promise<ShareResult> {
      if (o.nativeShare) {
        try {
          await o.nativeShare({ title: c.title, text: c.text, ...(c.link ? { url: c.link } : {}) });
          return "shared";
        } catch (err) {
          if ((err as { name?: string })?.name === "AbortError") return "cancelled";
        }
      }
      try {
        await o.copy(c.link ? `${c.text}\n${c.link}` : c.text);
        return "copied";
      } catch (err) {
        throw new PlatformError("unsupported", "Máy này chưa chia sẻ được. Bác chép tin nhắn bằng tay nhé.", String(err));
      }
    },
    async followOA() {
      await post(`/users/${user}/follow`, {});
    },
    async scanQR(): Promise<string> {
      // No camera scanner outside Zalo: the officer screen offers a field to paste the code instead.
      throw new PlatformError("unsupported", "Máy này không quét được mã. Bác dán mã vào ô bên dưới nhé.");
    },
  };
}
