/**
 * Picks the host: the Zalo adapter inside Zalo (loaded lazily with the SDK), the browser adapter
 * against the local simulator everywhere else (sandbox, tests). `?platform=browser|zalo` forces one;
 * `?as=<zalo user id>` picks who the browser plays (kept in localStorage).
 */
import { insideZalo, lazyPlatform } from "./lazy";
import type { Platform } from "./types";

const SANDBOX_UID_KEY = "gds.sandbox.uid";

/** A new simulated resident. */
export function newSandboxUserId(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(17)), (b) => String(b % 10)).join("");
  return `89${digits}`;
}

/** The simulated Zalo user the browser plays; a new resident the first time. */
export function sandboxUserId(): string {
  const asked = new URLSearchParams(location.search).get("as");
  if (asked && /^[0-9A-Za-z_-]{1,64}$/.test(asked)) {
    localStorage.setItem(SANDBOX_UID_KEY, asked);
    return asked;
  }
  let uid = localStorage.getItem(SANDBOX_UID_KEY);
  if (!uid) {
    uid = newSandboxUserId();
    localStorage.setItem(SANDBOX_UID_KEY, uid);
  }
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
