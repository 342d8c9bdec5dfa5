import type { FastifyBaseLogger } from "fastify";
import type { Clock } from "../clock";
import { MinuteTicker } from "../db/minute-ticker";
import type { ZaloResult } from "../zalo/errors";
import type { ZaloGroupDetail, ZaloGroupPage } from "../zalo/oa-client";
import type { GroupRegistry } from "./group-registry";

/** What the sync needs of the OA client. */
export interface GroupApi {
  listGroups(offset: number, count: number): Promise<ZaloResult<ZaloGroupPage>>;
  getGroup(groupId: string): Promise<ZaloResult<ZaloGroupDetail>>;
}

const DAY_MS = 24 * 3600_000;
/** After a failed sync (no token yet, Zalo down), try again this much later. */
const RETRY_MS = 15 * 60_000;
/** Zalo documents the default page (5) but not the largest; 50 is what its other list APIs allow. */
const PAGE_SIZE = 50;
const FALLBACK_PAGE_SIZE = 5;
/** A bound on the walk, whatever `total` says (1 000 groups at 50 a page; a commune has a few dozen). */
const MAX_PAGES = 200;
/** -201 invalid parameter, -210 parameter exceeds the limit: the page size was refused. */
const PAGE_SIZE_REFUSED = new Set([-201, -210]);

export interface SyncReport {
  ok: boolean;
  listed: number;
  pages: number;
  detailed: number;
  error?: string;
}

/**
 * Keeps the registry in step with Zalo: at start, then daily, reads every page of the OA's groups
 * (getgroupsofoa) and each group's details (getgroup), including configured groups Zalo no longer lists;
 * after a group event, re-reads that group. Never throws: failures are logged and retried later.
 */
export class GroupSync {
  private readonly ticker: MinuteTicker;
  private lastSyncAt: number | undefined;
  private lastAttemptAt: number | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly api: GroupApi,
    private readonly registry: GroupRegistry,
    private readonly clock: Clock,
    private readonly logger: FastifyBaseLogger,
  ) {
    this.ticker = new MinuteTicker(clock, (now) => this.tick(now), (err) => logger.error({ err }, "groups: sync tick failed"));
  }

  start(): void {
    this.stopped = false;
    this.ticker.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.ticker.stop();
    await Promise.allSettled([...this.inFlight]);
  }

  /** The ticker's step: a full sync at start and a day after the last good one; a failed one is retried after 15 min. */
  async tick(now: number): Promise<void> {
    const stale = this.lastSyncAt === undefined || now - this.lastSyncAt >= DAY_MS;
    const failedRecently = this.lastAttemptAt !== undefined && this.lastAttemptAt !== this.lastSyncAt && now - this.lastAttemptAt < RETRY_MS;
    if (!stale || failedRecently) return;
    this.lastAttemptAt = now;
    const report = await this.syncAll();
    if (report.ok) this.lastSyncAt = now;
  }

  /** Reads the OA's group list and every known group's details. */
  async syncAll(): Promise<SyncReport> {
    const started = this.clock.now();
    const listed = new Set<string>();
    let pages = 0;
    let size = PAGE_SIZE;
    let offset = 0;
    while (pages < MAX_PAGES && !this.stopped) {
      const page = await this.api.listGroups(offset, size);
      if (!page.ok) {
        if (pages === 0 && size !== FALLBACK_PAGE_SIZE && page.code !== undefined && PAGE_SIZE_REFUSED.has(page.code)) {
          size = FALLBACK_PAGE_SIZE;
          continue;
        }
        this.logger.warn({ code: page.code, kind: page.kind, message: page.message }, "groups: reading the OA's group list failed");
        return { ok: false, listed: listed.size, pages, detailed: 0, error: page.message };
      }
      pages += 1;
      const at = this.clock.now();
      for (const g of page.data.groups) {
        listed.add(g.groupId);
        this.registry.applyListed(g, at);
      }
      offset += page.data.groups.length;
      // `total` when Zalo gives it; otherwise a short or empty page is the last one.
      const total = page.data.total;
      if (page.data.groups.length === 0 || (total !== undefined ? offset >= total : page.data.groups.length < size)) break;
    }
    // Details for every group the bot may post into: listed ones (max_member) and configured ones Zalo
    // did not list (getgroup answers -403 for a group the OA does not own).
    let detailed = 0;
    for (const row of this.registry.all()) {
      if (this.stopped) break;
      const configured = this.registry.isConfigured(row.groupId);
      if (configured && !configured.managedByOa) continue;
      if (row.status === "deleted" && !listed.has(row.groupId)) continue;
      if (!listed.has(row.groupId) && !configured && row.status === "not_owned") continue;
      this.registry.applyDetail(row.groupId, await this.api.getGroup(row.groupId), this.clock.now());
      detailed += 1;
    }
    this.logger.info({ listed: listed.size, pages, detailed, ms: this.clock.now() - started }, "groups: synced with Zalo");
    return { ok: true, listed: listed.size, pages, detailed };
  }

  /** Re-reads one group's details after an event (in the background; errors are logged). */
  refreshSoon(groupId: string): void {
    if (this.stopped) return;
    const p = (async () => {
      try {
        this.registry.applyDetail(groupId, await this.api.getGroup(groupId), this.clock.now());
      } catch (err) {
        this.logger.error({ err, groupId }, "groups: refreshing a group failed");
      }
    })();
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** When the last full sync succeeded (undefined before the first). */
  syncedAt(): number | undefined {
    return this.lastSyncAt;
  }

  /** Resolves when no refresh is in flight (tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
