/** Builds the app's services once: host adapter, API client, cache, the answers queue and its sender. */
import { ApiClient } from "../api/client";
import type { MiniAppConfig } from "../api/types";
import { endpoints, type Endpoints } from "../api/endpoints";
import { createPlatform, sandboxUserId, type Platform } from "../platform";
import { DataCache } from "../state/cache";
import { AnswerQueue, newIdempotencyKey } from "../state/queue";
import { AnswerSync } from "../state/sync";

export interface AppServices {
  platform: Platform;
  api: ApiClient;
  ep: Endpoints;
  cache: DataCache;
  queue: AnswerQueue;
  sync: AnswerSync;
  newKey(): string;
}

/** Kept offline: what the household screens need to open without a network. */
const PERSISTED = /^(me|catalogue|config|villages|household:\d+|village:[a-z0-9-]+|guide:[a-z0-9-]+)$/;

export function createAppServices(): AppServices {
  let cache: DataCache | undefined;
  // The OA's id comes with the bot's config (/miniapp/config.json); VITE_ZALO_OA_ID if it has not loaded yet.
  const platform = createPlatform({ oaId: () => cache?.get<MiniAppConfig>("config")?.oa.id || import.meta.env.VITE_ZALO_OA_ID || "" });
  const owner = platform.kind === "browser" ? `sb-${sandboxUserId()}` : "zalo";
  const base = (import.meta.env.VITE_API_BASE_URL ?? "").replace(/\/+$/, "");
  const api = new ApiClient(
    { base, fetch: (i, init) => fetch(i, init), accessToken: () => platform.accessToken(), store: localStorage },
    owner,
  );
  const ep = endpoints(api);
  cache = new DataCache(localStorage, owner, (k) => PERSISTED.test(k));
  const queue = new AnswerQueue(localStorage, `gds.queue.v1.${owner}`);
  const sync = new AnswerSync(queue, (hid, changes) => ep.answers(hid, changes), {
    onHousehold: (h) => cache!.set(`household:${h.id}`, h, Date.now()),
    schedule: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    now: Date.now,
  });
  // The network is back, or the resident returns to the app: send what waits.
  window.addEventListener("online", () => void sync.flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible" && queue.size() > 0) void sync.flush();
  });
  return { platform, api, ep, cache, queue, sync, newKey: () => newIdempotencyKey((n) => crypto.getRandomValues(new Uint8Array(n))) };
}
