import { describe, expect, it } from 'vitest';
import { type Scheduler, sliced } from './slices.ts';

/** A clock that advances `costMs` per item processed, and records where the loop yielded. */
function fakeScheduler(costMs: number) {
  let t = 0;
  const yieldedAt: number[] = [];
  let processed = 0;
  const s: Scheduler = {
    now: () => t,
    yield: async () => {
      yieldedAt.push(processed);
    },
  };
  const work = (fn: (x: number) => void) => (x: number) => {
    fn(x);
    processed++;
    t += costMs;
  };
  return { s, yieldedAt, work };
}

describe('sliced', () => {
  it('yields each time a slice has spent its budget, and handles every item in order', async () => {
    const { s, yieldedAt, work } = fakeScheduler(3);
    const seen: number[] = [];
    const ok = await sliced(
      Array.from({ length: 10 }, (_, i) => i),
      work((x) => seen.push(x)),
      s,
      () => false,
      8,
    );
    expect(ok).toBe(true);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    // 3 ms per item against an 8 ms budget: three items per slice.
    expect(yieldedAt).toEqual([3, 6, 9]);
  });

  it('handles at least one item per slice even when one item exceeds the budget', async () => {
    const { s, yieldedAt, work } = fakeScheduler(20);
    const seen: number[] = [];
    await sliced(
      [1, 2, 3],
      work((x) => seen.push(x)),
      s,
      () => false,
      8,
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(yieldedAt).toEqual([1, 2]);
  });

  it('stops between slices once stopped() says so', async () => {
    const { s, work } = fakeScheduler(5);
    const seen: number[] = [];
    let stop = false;
    const ok = await sliced(
      [1, 2, 3, 4, 5, 6],
      work((x) => {
        seen.push(x);
        if (x === 3) stop = true;
      }),
      s,
      () => stop,
      8,
    );
    expect(ok).toBe(false);
    expect(seen).toEqual([1, 2, 3, 4]);
  });

  it('reads the clock only every `every` items, yielding at the first reading past the budget', async () => {
    const { s, yieldedAt, work } = fakeScheduler(3);
    let reads = 0;
    const counting: Scheduler = {
      ...s,
      now: () => {
        reads++;
        return s.now();
      },
    };
    await sliced(
      Array.from({ length: 12 }, (_, i) => i),
      work(() => {}),
      counting,
      () => false,
      8,
      4,
    );
    // 3 ms per item: 12 ms at the 4th item (over 8), so slices of 4; one clock read per 4 items.
    expect(yieldedAt).toEqual([4, 8]);
    expect(reads).toBe(3 + 2);
  });
});
