import type { CatalogueChoice, EffectiveCatalogue } from "../../shared/criteria";
import { ApiError } from "../auth/api-error";

/** Which recount runs or last failed, for the console. */
export interface RecountState {
  state: "idle" | "running" | "failed";
  key?: string;
  since?: number;
  message?: string;
}

/**
 * Refused while the households are recounted for a new catalogue: an HTTP caller reads a 503 in
 * Vietnamese; background loops treat it as "try again later" (`transient`, bot/db/faults.ts), so a
 * withdrawal arriving meanwhile is handled a moment later, not dropped.
 */
export class RecountInProgress extends ApiError {
  readonly transient = true;
  constructor() {
    super("upstream_unavailable", "Xã đang cập nhật bộ tiêu chí, tiến độ các hộ đang được tính lại. Vui lòng thử lại sau ít phút.");
  }
}

/**
 * The commune's criteria catalogue as every service reads it: `view` is one object whose fields
 * always read the catalogue in use now, so the services built at start (households, reports,
 * snapshots, exports, dashboards, privacy, broadcasts) follow a change without being rebuilt.
 *
 * A change that moves the counts (a new key) is applied in three steps (bot/criteria): the gate closes
 * (no household or answer write while the counts are rebuilt off the event loop), the counts move,
 * then `swap` opens the gate with the new catalogue. A change of wording only (same key) swaps at once.
 */
export class LiveCatalogue {
  private cat: EffectiveCatalogue;
  /** The commune document's choice the catalogue in use was resolved from (checks resolve the same set). */
  private from: CatalogueChoice | undefined;
  private recount: RecountState = { state: "idle" };
  readonly view: EffectiveCatalogue;

  constructor(initial: EffectiveCatalogue, from: CatalogueChoice | undefined) {
    this.cat = initial;
    this.from = from;
    const self = this;
    this.view = {
      get id() {
        return self.cat.id;
      },
      get version() {
        return self.cat.version;
      },
      get key() {
        return self.cat.key;
      },
      get title() {
        return self.cat.title;
      },
      get source() {
        return self.cat.source;
      },
      get criteria() {
        return self.cat.criteria;
      },
      get byId() {
        return self.cat.byId;
      },
      get byPillar() {
        return self.cat.byPillar;
      },
    };
  }

  current(): EffectiveCatalogue {
    return this.cat;
  }

  /** The choice (the commune document's `criteria`) the catalogue in use comes from. */
  choice(): CatalogueChoice | undefined {
    return this.from;
  }

  state(): RecountState {
    return { ...this.recount };
  }

  /** Closes the gate: from now until `swap` or `failed`, household and answer writes are refused. */
  begin(key: string, at: number): void {
    if (this.recount.state === "running") throw new Error(`a recount for ${this.recount.key} is already running`);
    this.recount = { state: "running", key, since: at };
  }

  /** The counts are built for `next` now (or it only changes wording): it is what everyone reads. */
  swap(next: EffectiveCatalogue, from: CatalogueChoice | undefined): void {
    this.cat = next;
    this.from = from;
    this.recount = { state: "idle" };
  }

  /** The recount failed: the catalogue in use stays, the gate opens. */
  failed(key: string, at: number, message: string): void {
    this.recount = { state: "failed", key, since: at, message };
  }

  running(): boolean {
    return this.recount.state === "running";
  }

  /** Called by every write that moves a household's counts (or freezes a week). */
  assertCountsWritable(): void {
    if (this.recount.state === "running") throw new RecountInProgress();
  }
}
