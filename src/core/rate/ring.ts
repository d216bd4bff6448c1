/**
 * A ring of time buckets: `size` consecutive buckets of `widthMs`, numbered by
 * `floor(at / widthMs)`. Adding to a bucket is O(1) amortised (moving the head clears only the
 * buckets it passes, at most `size`), and memory is fixed whatever the request count. `sum` is
 * kept over all live buckets, so with `size` buckets of a window it is the window's count.
 */
export class BucketRing {
  private readonly counts: Uint32Array;
  /** Number of the newest bucket, or undefined while empty. */
  head: number | undefined;
  /** Sum of the live buckets (head − size, head]. */
  sum = 0;

  constructor(
    readonly widthMs: number,
    readonly size: number,
  ) {
    this.counts = new Uint32Array(size);
  }

  bucketOf(at: number): number {
    return Math.floor(at / this.widthMs);
  }

  private slot(bucket: number): number {
    return ((bucket % this.size) + this.size) % this.size;
  }

  /** Moves the head to `bucket` when it is newer, expiring the buckets that fall out. */
  advance(bucket: number): void {
    if (this.head === undefined) {
      this.head = bucket;
      return;
    }
    if (bucket <= this.head) return;
    const steps = Math.min(bucket - this.head, this.size);
    for (let i = 1; i <= steps; i++) {
      const s = this.slot(this.head + i);
      this.sum -= this.counts[s]!;
      this.counts[s] = 0;
    }
    this.head = bucket;
  }

  /** Counts `n` in `bucket`; false when it is older than the ring holds (not counted). */
  add(bucket: number, n = 1): boolean {
    this.advance(bucket);
    if (bucket <= this.head! - this.size) return false;
    this.counts[this.slot(bucket)]! += n;
    this.sum += n;
    return true;
  }

  /** The count of `bucket` (0 when it is outside the ring). */
  get(bucket: number): number {
    if (this.head === undefined || bucket > this.head || bucket <= this.head - this.size) return 0;
    return this.counts[this.slot(bucket)]!;
  }

  /** Sum of the `size` buckets ending at `bucket` (read-only; `bucket` may be past the head). */
  sumEndingAt(bucket: number): number {
    if (this.head === undefined) return 0;
    if (bucket === this.head) return this.sum;
    let total = this.sum;
    if (bucket > this.head) {
      // Subtract what has expired since the head, without moving it.
      const expired = Math.min(bucket - this.head, this.size);
      for (let b = this.head - this.size + 1; b < this.head - this.size + 1 + expired; b++) {
        total -= this.get(b);
      }
      return total;
    }
    total = 0;
    for (let b = bucket - this.size + 1; b <= bucket; b++) total += this.get(b);
    return total;
  }

  /** Non-empty buckets, oldest first, as `[bucket, count]` pairs (for snapshots). */
  entries(): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (this.head === undefined) return out;
    for (let b = this.head - this.size + 1; b <= this.head; b++) {
      const n = this.get(b);
      if (n > 0) out.push([b, n]);
    }
    return out;
  }
}
