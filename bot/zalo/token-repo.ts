import { and, desc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/connection";
import { oauthStates, zaloConnection, zaloTokens } from "../db/schema";

export type TokenRow = typeof zaloTokens.$inferSelect;
export type ConnectionRow = typeof zaloConnection.$inferSelect;

export interface NewTokenPair {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  source: TokenRow["source"];
  obtainedAt: number;
  /** The Zalo app and OA the pair belongs to. */
  appId?: string | null;
  oaId?: string | null;
}

/** SQL for the OA token pairs, the connection state, the refresh lease and PKCE states. */
export class TokenRepo {
  constructor(private readonly db: Db) {}

  current(): TokenRow | undefined {
    return this.db.select().from(zaloTokens).orderBy(desc(zaloTokens.id)).limit(1).get();
  }

  connection(): ConnectionRow {
    return (
      this.db.select().from(zaloConnection).where(eq(zaloConnection.id, 1)).get() ?? {
        id: 1,
        status: "never",
        reason: null,
        changedAt: 0,
        retryAt: null,
        leaseOwner: null,
        leaseUntil: 0,
      }
    );
  }

  /** New pair and "connected" in one transaction, committed before anyone uses the pair. Keeps the last 10 pairs. */
  storePair(pair: NewTokenPair): TokenRow {
    return this.db.transaction((tx) => {
      const row = tx.insert(zaloTokens).values(pair).returning().get();
      tx.delete(zaloTokens)
        .where(lt(zaloTokens.id, sql`(SELECT MIN(id) FROM (SELECT id FROM zalo_tokens ORDER BY id DESC LIMIT 10))`))
        .run();
      upsertConnection(tx, { status: "connected", reason: null, changedAt: pair.obtainedAt, retryAt: null });
      return row;
    });
  }

  markDisconnected(reason: string, at: number, retryAt: number | null): void {
    upsertConnection(this.db, { status: "disconnected", reason, changedAt: at, retryAt });
  }

  /** Cross-process refresh lock: only one process spends the single-use refresh token. */
  tryLease(owner: string, now: number, ttlMs: number): boolean {
    this.db.insert(zaloConnection).values({ id: 1, status: "never", changedAt: now, leaseUntil: 0 }).onConflictDoNothing().run();
    const res = this.db
      .update(zaloConnection)
      .set({ leaseOwner: owner, leaseUntil: now + ttlMs })
      .where(and(eq(zaloConnection.id, 1), or(lt(zaloConnection.leaseUntil, now), eq(zaloConnection.leaseOwner, owner))))
      .run();
    return res.changes === 1;
  }

  releaseLease(owner: string): void {
    this.db
      .update(zaloConnection)
      .set({ leaseOwner: null, leaseUntil: 0 })
      .where(and(eq(zaloConnection.id, 1), eq(zaloConnection.leaseOwner, owner)))
      .run();
  }

  savePkceState(state: string, codeVerifier: string, redirectUri: string, at: number): void {
    this.db.insert(oauthStates).values({ state, codeVerifier, redirectUri, createdAt: at }).run();
  }

  /** Deletes the states already used or created before `cutoff` (they can never complete). */
  purgePkceStates(cutoff: number): number {
    return this.db.delete(oauthStates).where(or(lt(oauthStates.createdAt, cutoff), isNotNull(oauthStates.usedAt))).run().changes;
  }

  /** Marks the state used and returns it, once; undefined if unknown, used or older than maxAgeMs. */
  consumePkceState(state: string, now: number, maxAgeMs: number): { codeVerifier: string; redirectUri: string } | undefined {
    return this.db.transaction((tx) => {
      const row = tx
        .select()
        .from(oauthStates)
        .where(and(eq(oauthStates.state, state), isNull(oauthStates.usedAt)))
        .get();
      if (!row || now - row.createdAt > maxAgeMs) return undefined;
      tx.update(oauthStates).set({ usedAt: now }).where(eq(oauthStates.state, state)).run();
      return { codeVerifier: row.codeVerifier, redirectUri: row.redirectUri };
    });
  }
}

type Tx = Pick<Db, "insert">;

function upsertConnection(tx: Tx, v: { status: ConnectionRow["status"]; reason: string | null; changedAt: number; retryAt: number | null }) {
  tx.insert(zaloConnection)
    .values({ id: 1, ...v, leaseUntil: 0 })
    .onConflictDoUpdate({ target: zaloConnection.id, set: v })
    .run();
}
