/** Token bucket: `perMinute` sends a minute, bursts of at most one second's worth. */
export class RateLimiter {
  private tokens: number;
  private last = performance.now();
  private readonly perMs: number;
  private readonly capacity: number;

  constructor(perMinute: number) {
    this.perMs = perMinute / 60_000;
    this.capacity = Math.max(1, perMinute / 60);
    this.tokens = this.capacity;
  }

  /** Takes a token now, or returns how many ms to wait before one is available. */
  tryTake(): number {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perMs);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }

  /** Gives back a token taken for a send that did not happen. */
  refund(): void {
    this.tokens = Math.min(this.capacity, this.tokens + 1);
  }
}
