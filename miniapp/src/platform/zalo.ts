/**
 * The one module that calls zmp-sdk: every call the mini app makes inside Zalo, each with a timeout
 * (outside the Zalo app some calls never settle, ../../../shared/zalo/miniapp.md §4.3) and its error
 * mapped to a PlatformError with a Vietnamese message.
 *
 * The app loads this module lazily (platform/index.ts), so the SDK stays out of the first download;
 * importing zmp-sdk/apis also starts the SDK's own login, which only makes sense inside Zalo.
 * Only `zmp-sdk/apis` is imported (tree-shaken), never the package root.
 */
import { followOA, getAccessToken, getSystemInfo, getUserInfo, openChat, openShareSheet, scanQRCode } from "zmp-sdk/apis";
import { PLATFORM_MESSAGES, guideChatMessage, withTimeout } from "./messages";
import { PlatformError, type GuideRef, type Platform, type ShareContent, type ShareResult, type Theme } from "./types";

export interface ZaloPlatformOptions {
  /** The commune OA's id (openChat, followOA), read at each call. */
  oaId: () => string;
  /** Per call, ms. */
  timeouts?: Partial<Record<"token" | "user" | "chat" | "follow" | "share" | "scan", number>>;
}

export const ZALO_TIMEOUTS = { token: 8_000, user: 5_000, chat: 10_000, follow: 30_000, share: 300_000, scan: 120_000 };

/** zmp-sdk rejects with plain objects `{code, message}` (not Error, not instanceof AppError): test the code. */
export function platformErrorFrom(err: unknown, what: string): PlatformError {
  if (err instanceof PlatformError) return err;
  const code = typeof err === "object" && err !== null && "code" in err ? Number((err as { code: unknown }).code) : NaN;
  // -1401: the user refused (or is not logged in); -201: refused to follow; -1404: this Zalo is too old.
  if (code === -1401 || code === -201) return new PlatformError("denied", PLATFORM_MESSAGES.denied, { what, err });
  if (code === -1404) return new PlatformError("unsupported", PLATFORM_MESSAGES.unsupported, { what, err });
  return new PlatformError("failed", PLATFORM_MESSAGES.failed, { what, err });
}

async function call<T>(what: string, ms: number, run: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(run(), ms, what);
  } catch (err) {
    throw platformErrorFrom(err, what);
  }
}

export function createZaloPlatform(opts: ZaloPlatformOptions): Platform {
  const t = { ...ZALO_TIMEOUTS, ...opts.timeouts };
  return {
    kind: "zalo",
    async accessToken() {
      const token = await call("getAccessToken", t.token, () => getAccessToken());
      if (!token) throw new PlatformError("failed", PLATFORM_MESSAGES.failed, "getAccessToken: empty token");
      return token;
    },
    async userInfo() {
      // Without permission Zalo gives the id only; the name would need a consent dialog, never asked here.
      try {
        const { userInfo } = await call("getUserInfo", t.user, () => getUserInfo({ autoRequestPermission: false }));
        // followedOA: whether this user follows the OA the mini app is linked to (the commune's).
        return userInfo?.id
          ? { id: userInfo.id, ...(userInfo.name ? { name: userInfo.name } : {}), ...(typeof userInfo.followedOA === "boolean" ? { followedOA: userInfo.followedOA } : {}) }
          : null;
      } catch {
        return null;
      }
    },
    async theme(): Promise<Theme> {
      try {
        return getSystemInfo().zaloTheme === "dark" ? "dark" : "light";
      } catch {
        return "light";
      }
    },
    async openGuideChat(guide: GuideRef) {
      await call("openChat", t.chat, () => openChat({ type: "oa", id: opts.oaId(), message: guideChatMessage(guide) }));
    },
    async share(content: ShareContent): Promise<ShareResult> {
      const text = content.link ? `${content.text}\n${content.link}` : content.text;
      const r = await call("openShareSheet", t.share, () => openShareSheet({ type: "text", data: { text, description: content.title, autoParseLink: true } }));
      return r && r.status !== 0 ? "shared" : "cancelled";
    },
    async followOA() {
      await call("followOA", t.follow, () => followOA({ id: opts.oaId() }));
    },
    async scanQR(): Promise<string> {
      const r = await call("scanQRCode", t.scan, () => scanQRCode());
      if (!r?.content) throw new PlatformError("failed", PLATFORM_MESSAGES.failed, "scanQRCode: no content");
      return r.content;
    },
  };
}
