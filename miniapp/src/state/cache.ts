/**
 * What the app last saw from the server, per person: shown at once on the next start (a phone with
 * weak 4G opens on the last state, then refreshes), kept in localStorage for the keys that matter
 * offline (who I am, the criteria, my household, my village). Pure over a KeyValueStore.
 */
import type { KeyValueStore } from "../platform/types";

interface Entry {
  value: unknown;
  /** When it came from the server (ms). */
  at: number;
}

export class DataCache {
  private readonly memory = new Map<string, Entry>();
  /** Keys the server answered since the app started (the rest come from the last visit). */
  private readonly live = new Set<string>();
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(
    private readonly store: KeyValueStore,
    /** Whose cache (the sandbox can switch people on one browser). */
    private readonly owner: string,
    private readonly persisted: (key: string) => boolean,
  ) {}

  private storageKey(key: string): string {
    return `gds.c.${this.owner}.${key}`;
  }

  entry<T>(key: string): { value: T; at: number } | undefined {
    let e = this.memory.get(key);
    if (!e && this.persisted(key)) {
      try {
        const raw = this.store.getItem(this.storageKey(key));
        if (raw) {
          e = JSON.parse(raw) as Entry;
          this.memory.set(key, e);
        }
      } catch {
        /* damaged: ignore */
      }
    }
    return e as { value: T; at: number } | undefined;
  }

  get<T>(key: string): T | undefined {
    return this.entry<T>(key)?.value;
  }

  /** Whether this key came from the server since the app started. */
  isLive(key: string): boolean {
    return this.live.has(key);
  }

  set(key: string, value: unknown, at: number): void {
    const e = { value, at };
    this.memory.set(key, e);
    this.live.add(key);
    if (this.persisted(key)) {
      try {
        this.store.setItem(this.storageKey(key), JSON.stringify(e));
      } catch {
        /* storage full: the memory copy still serves this session */
      }
    }
    this.listeners.get(key)?.forEach((fn) => fn());
  }

  subscribe(key: string, fn: () => void): () => void {
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  }
}
