import type { Scheduler } from './slices.ts';
import { SLICE_MS } from './slices.ts';

/**
 * A merge sort that yields between slices: sorting 50,000 rows by URL takes 180-350 ms, far
 * past the panel's 50 ms bound, and Array.prototype.sort cannot be paused. Runs of RUN items
 * are sorted with the built-in sort, then merged pairwise, RUN outputs per step. `cmp` must be
 * a total order (the list breaks ties by row id), so the result equals `xs.slice().sort(cmp)`.
 * Resolves undefined once `stopped()` says so.
 */

const RUN = 1024;

export async function sortInSlices<T>(
  xs: readonly T[],
  cmp: (a: T, b: T) => number,
  scheduler: Scheduler,
  stopped: () => boolean = () => false,
  budgetMs = SLICE_MS,
): Promise<T[] | undefined> {
  let src = xs.slice();
  const n = src.length;
  let dst: T[] = new Array(n);
  let start = scheduler.now();
  /** Yields when the slice is spent; false once stopped. */
  const pace = async () => {
    if (scheduler.now() - start < budgetMs) return !stopped();
    await scheduler.yield();
    start = scheduler.now();
    return !stopped();
  };

  for (let lo = 0; lo < n; lo += RUN) {
    const run = src.slice(lo, lo + RUN).sort(cmp);
    for (let k = 0; k < run.length; k++) src[lo + k] = run[k]!;
    if (!(await pace())) return undefined;
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (k < hi) {
        const end = Math.min(k + RUN, hi);
        for (; k < end; k++) {
          if (i < mid && (j >= hi || cmp(src[i]!, src[j]!) <= 0)) dst[k] = src[i++]!;
          else dst[k] = src[j++]!;
        }
        if (!(await pace())) return undefined;
      }
    }
    [src, dst] = [dst, src];
  }
  return src;
}
