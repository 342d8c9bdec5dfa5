/** The browser adapter wired to this page: same-origin simulator, the page's storage, share and clipboard. */
import { createBrowserPlatform } from "./browser";
import type { Platform } from "./types";

export function createBrowserHost(userId: string): Platform {
  return createBrowserPlatform({
    fetch: (input, init) => fetch(input, init),
    simulatorApi: import.meta.env.VITE_SIMULATOR_API ?? new URL("../simulator/api", location.href).pathname,
    userId,
    prefersDark: () => matchMedia("(prefers-color-scheme: dark)").matches,
    open: (url) => void window.open(url, "_blank", "noopener"),
    storage: localStorage,
    nativeShare: typeof navigator.share === "function" ? (c) => navigator.share(c) : undefined,
    copy: (text) => navigator.clipboard.writeText(text),
  });
}
