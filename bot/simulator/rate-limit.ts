import type { SimClock } from "./clock";

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remain: number;
}

/**
 * Zalo's per-app OA API limit: N calls per minute (4000 by default, per
 * "phu-luc/gioi-han-toc-do-api"), counted in fixed sim-clock minutes.
 * Every call counts, including refused ones.
 */
export class RateLimiter {
  private windowKey = -1;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly clock: SimClock,
  ) {}

  hit(): RateDecision {
    const key = Math.floor(this.clock.now() / 60_000);
    if (key !== this.windowKey) {
      this.windowKey = key;
      this.count = 0;
    }
    this.count += 1;
    return { allowed: this.count <= this.limit, limit: this.limit, remain: Math.max(0, this.limit - this.count) };
  }

  reset(): void {
    this.windowKey = -1;
    this.count = 0;
  }
}
