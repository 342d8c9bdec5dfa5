import { communeConfigSchema, type CommuneConfig } from "../config/commune";
import type { CommuneStore } from "./store";

/**
 * A read-only CommuneConfig whose top-level fields always return the store's current document: passed
 * where the parsed file went before, so every consumer sees an edit at once. Plain enumerable getters
 * (not a Proxy): JSON.stringify and structuredClone (worker threads) copy the current values.
 *
 * `mobileTeam.sessions` is the team sessions of the file the process started with: the sessions live
 * in the team calendar (team_sessions), which seeds itself from them.
 */
export function liveCommune(store: CommuneStore): CommuneConfig {
  const view = {} as CommuneConfig;
  for (const key of Object.keys(communeConfigSchema.shape) as (keyof CommuneConfig)[]) {
    Object.defineProperty(view, key, {
      enumerable: true,
      get: () => {
        const doc = store.current();
        if (key === "mobileTeam" && doc.mobileTeam) return { ...doc.mobileTeam, sessions: store.seedSessions };
        return doc[key];
      },
      set: () => {
        throw new TypeError(`commune.${String(key)} is read-only: edit it through the CommuneStore`);
      },
    });
  }
  return Object.freeze(view);
}

export { derived } from "../config/commune";
