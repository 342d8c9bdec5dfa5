import type { Platform } from "./types";

/**
 * A Platform whose implementation loads later (the Zalo adapter and the SDK are a separate chunk):
 * the app renders at once from its cache, and each call waits for the implementation.
 */
export function lazyPlatform(kind: Platform["kind"], load: () => Promise<Platform>): Platform {
  let loading: Promise<Platform> | undefined;
  const impl = () => (loading ??= load().catch((err: unknown) => {
    loading = undefined; // a failed chunk download (weak network) is retried on the next call
    throw err;
  }));
  return {
    kind,
    accessToken: async () => (await impl()).accessToken(),
    userInfo: async () => (await impl()).userInfo(),
    theme: async () => (await impl()).theme(),
    openGuideChat: async (g) => (await impl()).openGuideChat(g),
    share: async (c) => (await impl()).share(c),
    followOA: async () => (await impl()).followOA(),
    scanQR: async () => (await impl()).scanQR(),
  };
}

/** Inside the Zalo app: its user agent says so, or the page is served from Zalo's mini app host. */
export function insideZalo(userAgent: string, hostname: string, pathname: string): boolean {
  return /zalo/i.test(userAgent) || (hostname.endsWith("zdn.vn") && pathname.startsWith("/zapps"));
}
