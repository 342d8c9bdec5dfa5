/**
 * Picks the host: the Zalo adapter inside Zalo (loaded lazily with the SDK), the browser adapter
 * against the local simulator everywhere else (sandbox, tests). `?platform=browser|zalo` forces one;
 * `?as=<zalo user id>` picks who the browser plays (kept in localStorage).
 */
import { insideZalo, lazyPlatform } from "./lazy";
import type { Platform } from "./types";

const UID = "gds.sandbox.uid";

/** A new simulated resident (sandbox only: a random 19-digit Zalo-like id). */
export const newSandboxUserId = (): string => `89${String(Math.random()).slice(2, 19).padEnd(17, "7")}`;

/** The simulated Zalo user the browser plays: `?as=`, else the one kept, else a new resident. */
export function sandboxUserId(): string {
  const asked = new URLSearchParams(location.search).get("as");
  const uid = (asked && /^[\w-]{1,64}$/.test(asked) && asked) || localStorage.getItem(UID) || newSandboxUserId();
  localStorage.setItem(UID, uid);
  return uid;
}

/** `oaId`: the commune OA's id, read when a call needs it (it comes with the bot's config). */
export function createPlatform(opts: { oaId: () => string }): Platform {
  const forced = new URLSearchParams(location.search).get("platform");
  const zalo = forced ? forced === "zalo" : insideZalo(navigator.userAgent, location.hostname, location.pathname);
  if (zalo) {
    return lazyPlatform("zalo", async () => (await import("./zalo")).createZaloPlatform({ oaId: opts.oaId }));
  }
  // Outside Zalo only (sandbox, tests): a chunk of its own, never downloaded inside Zalo.
  const userId = sandboxUserId();
  return lazyPlatform("browser", async () => (await import("./browser-host")).createBrowserHost(userId));
}

export type { Platform } from "./types";
