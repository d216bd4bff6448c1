import { BucketRing } from './ring.ts';

/**
 * One key's sliding window: how many requests started in (now − window, now]. Exact where it
 * matters: the newest `capacity` timestamps are kept as they are (a ring of at most limit + 1),
 * so the count is exact up to limit + 1 and "over the limit or not" is always exact. Requests
 * pushed out of that ring are counted in coarse buckets, so when more than limit + 1 requests
 * fall in one window the count beyond them is short by at most one bucket's worth (never more
 * than the truth). Memory per key: the ring, plus the buckets only once something overflowed.
 */

// A key without a known limit keeps this many exact timestamps (its count is shown, not judged).
export const NO_LIMIT_CAPACITY = 1000;
// Exact timestamps kept at most, whatever the limit: a 1,000,000/day quota would otherwise
// keep 8 MB per key. Limits above this are judged by the buckets, short by one bucket at most.
export const MAX_EXACT = 10_000;
// Windows longer than this many seconds (daily quotas) use coarser overflow buckets.
const MAX_WINDOW_BUCKETS = 3600;

export function capacityFor(limit: number | undefined): number {
  return limit === undefined ? NO_LIMIT_CAPACITY : Math.min(MAX_EXACT, Math.max(1, limit) + 1);
}

function overflowRing(windowSeconds: number): BucketRing {
  const width = Math.max(1, Math.ceil(windowSeconds / MAX_WINDOW_BUCKETS));
  // floor: the ring never spans more than the window, so counts never exceed the true count.
  return new BucketRing(width * 1000, Math.max(1, Math.floor(windowSeconds / width)));
}

export class SlidingWindow {
  /** Circular buffer of timestamps, ascending from `head`. */
  private times = new Float64Array(16);
  private head = 0;
  private size = 0;
  /** Requests pushed out of the ring; every one is no newer than the ring's oldest. */
  private overflow: BucketRing | undefined;

  constructor(
    private windowMs: number,
    private capacity: number,
  ) {}

  get windowSeconds(): number {
    return this.windowMs / 1000;
  }

  private at(i: number): number {
    return this.times[(this.head + i) % this.times.length]!;
  }

  /** Index of the first timestamp greater than `t` (binary search). */
  private firstAfter(t: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid) > t) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  private spill(t: number): void {
    this.overflow ??= overflowRing(this.windowMs / 1000);
    this.overflow.add(this.overflow.bucketOf(t));
  }

  private dropOldest(): void {
    this.spill(this.at(0));
    this.head = (this.head + 1) % this.times.length;
    this.size--;
  }

  /** Counts a request that started at `t` (epoch ms). Out-of-order times are placed in order. */
  add(t: number): void {
    if (this.size === this.capacity && this.size > 0 && t < this.at(0)) {
      this.spill(t); // older than everything kept: it belongs with the overflow
      return;
    }
    if (this.size === this.capacity) this.dropOldest();
    if (this.size === this.times.length) this.grow();
    // Shift the newer ones right by one (none when requests arrive in order).
    const pos = this.firstAfter(t);
    const len = this.times.length;
    for (let i = this.size; i > pos; i--) {
      this.times[(this.head + i) % len] = this.times[(this.head + i - 1) % len]!;
    }
    this.times[(this.head + pos) % len] = t;
    this.size++;
  }

  private grow(): void {
    const next = new Float64Array(Math.min(Math.max(16, this.times.length * 2), this.capacity));
    for (let i = 0; i < this.size; i++) next[i] = this.at(i);
    this.times = next;
    this.head = 0;
  }

  /** Requests that started in (now − window, now]. */
  count(now: number): number {
    const from = this.firstAfter(now - this.windowMs);
    const exact = this.firstAfter(now) - from;
    // The ring reaches back past the window's start: nothing older can be in the window.
    if (from > 0 || !this.overflow) return exact;
    return exact + this.overflow.sumEndingAt(this.overflow.bucketOf(now));
  }

  /** When the oldest request in the window ending at `now` leaves it, or undefined when empty. */
  nextSlotAt(now: number): number | undefined {
    const from = this.firstAfter(now - this.windowMs);
    if (from === 0 && this.overflow) {
      const o = this.overflow;
      const last = o.bucketOf(now);
      for (let b = last - o.size + 1; b <= last; b++)
        if (o.get(b) > 0) return (b + o.size) * o.widthMs;
    }
    return from < this.firstAfter(now) ? this.at(from) + this.windowMs : undefined;
  }

  /**
   * When the count reaches `limit` if requests keep arriving at `perMs` while those in the
   * window leave on schedule (each at its start + window); undefined when that never happens.
   */
  exhaustionAt(now: number, count: number, limit: number, perMs: number): number | undefined {
    if (count >= limit) return now;
    if (perMs <= 0) return undefined;
    // count < limit < capacity: every request in the window is in the ring.
    const end = this.firstAfter(now);
    let inWindow = count;
    for (let i = this.firstAfter(now - this.windowMs); i < end; i++) {
      const leavesAt = this.at(i) + this.windowMs;
      if (inWindow + perMs * (leavesAt - now) >= limit) {
        return Math.ceil(now + (limit - inWindow) / perMs);
      }
      inWindow--;
    }
    return undefined;
  }

  /** A new limit: keeps the newest `capacityFor(limit)` timestamps, the rest go to overflow. */
  setCapacity(capacity: number): void {
    while (this.size > capacity) this.dropOldest();
    this.capacity = capacity;
  }

  /** A new window length: timestamps stay as they are; the overflow is re-bucketed. */
  setWindow(windowSeconds: number): void {
    this.windowMs = windowSeconds * 1000;
    const old = this.overflow;
    if (!old) return;
    this.overflow = overflowRing(windowSeconds);
    for (const [b, n] of old.entries())
      this.overflow.add(this.overflow.bucketOf(b * old.widthMs), n);
  }

  /** For snapshots: the exact timestamps, and the overflow's buckets. */
  toJSON(): { times: number[]; head?: number; buckets: Array<[number, number]> } {
    const times = new Array<number>(this.size);
    for (let i = 0; i < this.size; i++) times[i] = this.at(i);
    return {
      times,
      ...(this.overflow?.head !== undefined ? { head: this.overflow.head } : {}),
      buckets: this.overflow?.entries() ?? [],
    };
  }

  /** Restores `toJSON()` output (buckets from snapshots written before timestamps were kept, too). */
  restore(times: readonly number[], buckets: ReadonlyArray<[number, number]>, head?: number): void {
    if (buckets.length > 0 || head !== undefined) {
      this.overflow = overflowRing(this.windowMs / 1000);
      for (const [b, n] of buckets) this.overflow.add(b, n);
      if (head !== undefined) this.overflow.advance(head);
    }
    for (const t of times) this.add(t);
  }
}
