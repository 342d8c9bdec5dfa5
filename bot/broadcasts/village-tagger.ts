import type { FastifyBaseLogger } from "fastify";
import type { CommuneConfig } from "../config/commune";
import type { ZaloOaClient } from "../zalo/oa-client";
import type { BroadcastRepo } from "./broadcast-repo";

/**
 * Tags each follower with their village through Zalo's tag API once the village is known (from chat
 * or the household), and moves the tag when it changes: officers can then reach a village's
 * followers from OA Manager too. Runs a small batch each minute; a failed call is tried next time.
 */
export class VillageTagger {
  private running = false;

  constructor(
    private readonly repo: BroadcastRepo,
    private readonly zalo: ZaloOaClient,
    private readonly commune: CommuneConfig,
    private readonly logger: FastifyBaseLogger,
  ) {}

  tagName(villageId: string): string {
    return this.commune.villages.find((v) => v.id === villageId)?.name ?? villageId;
  }

  async run(limit = 50): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let done = 0;
    try {
      for (const f of this.repo.followersToTag(limit)) {
        if (f.villageTag) {
          const r = await this.zalo.untagFollower(f.userId, this.tagName(f.villageTag));
          if (!r.ok && r.kind !== "permanent") break;
        }
        const r = await this.zalo.tagFollower(f.userId, this.tagName(f.villageId));
        if (!r.ok) {
          this.logger.warn({ userId: f.userId, code: r.code, kind: r.kind }, "village tag: Zalo refused");
          if (r.kind !== "permanent") break; // token or rate trouble: next minute
          this.repo.setVillageTag(f.userId, f.villageId); // a permanent refusal is not retried every minute
          continue;
        }
        this.repo.setVillageTag(f.userId, f.villageId);
        done++;
      }
    } finally {
      this.running = false;
    }
    return done;
  }
}
