/**
 * A sliding-window limiter per key, as the seed APIs document theirs ("90 requests per minute…
 * applied to all requests sent with the same API key"). Time comes from the caller's clock.
 */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a request; `retryAfterSeconds` is set when it is over the limit (and not counted). */
  take(
    key: string,
    now: number,
  ): { allowed: boolean; remaining: number; retryAfterSeconds?: number } {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs);
    this.hits.set(key, list);
    if (list.length >= this.limit) {
      const wait = Math.max(1, Math.ceil((list[0]! + this.windowMs - now) / 1000));
      return { allowed: false, remaining: 0, retryAfterSeconds: wait };
    }
    list.push(now);
    return { allowed: true, remaining: this.limit - list.length };
  }

  reset(): void {
    this.hits.clear();
  }
}
