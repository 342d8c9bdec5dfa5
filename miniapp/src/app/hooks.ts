import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { ApiError } from "../api/client";
import type { AppServices } from "./services";

export const ServicesContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error("ServicesContext missing");
  return s;
}

const inflight = new Map<string, Promise<unknown>>();

export interface Data<T> {
  data: T | undefined;
  /** When the shown data came from the server (ms). */
  at: number | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Data from the cache at once, refreshed from the server in the background: always once per app
 * start, then when older than `freshMs`. A failed refresh keeps what was shown and reports the error.
 */
export function useData<T>(key: string | null, load: () => Promise<T>, freshMs = 15_000): Data<T> {
  const { cache } = useServices();
  const subscribe = useCallback((fn: () => void) => (key ? cache.subscribe(key, fn) : () => {}), [cache, key]);
  const entry = useSyncExternalStore(subscribe, () => (key ? cache.entry<T>(key) : undefined));
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    if (!key) return;
    setLoading(true);
    try {
      let p = inflight.get(key) as Promise<T> | undefined;
      if (!p) {
        p = loadRef.current();
        inflight.set(key, p);
        void p.finally(() => inflight.delete(key)).catch(() => {});
      }
      cache.set(key, await p, Date.now());
      setError(undefined);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError("offline", String((err as Error)?.message ?? err)));
    } finally {
      setLoading(false);
    }
  }, [cache, key]);

  useEffect(() => {
    if (!key) return;
    const e = cache.entry(key);
    if (!e || !cache.isLive(key) || Date.now() - e.at > freshMs) void reload();
  }, [cache, key, freshMs, reload]);

  return { data: entry?.value, at: entry?.at, error, loading, reload };
}

export function useSyncStatus() {
  const { sync } = useServices();
  return useSyncExternalStore(
    useCallback((fn: () => void) => sync.subscribe(fn), [sync]),
    () => sync.status(),
  );
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (fn) => {
      window.addEventListener("online", fn);
      window.addEventListener("offline", fn);
      return () => {
        window.removeEventListener("online", fn);
        window.removeEventListener("offline", fn);
      };
    },
    () => navigator.onLine,
  );
}
