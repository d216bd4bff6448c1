import { describe, expect, it } from 'vitest';
import type { Scheduler } from './slices.ts';
import { sortInSlices } from './sort-slices.ts';

/** A clock that advances 1 ms per reading; yields are counted. */
function counting() {
  let t = 0;
  let yields = 0;
  const s: Scheduler = {
    now: () => t++,
    yield: async () => {
      yields++;
    },
  };
  return { s, yields: () => yields };
}

const byKeyThenId = (a: { k: number; id: number }, b: { k: number; id: number }) =>
  a.k - b.k || a.id - b.id;

describe('sortInSlices', () => {
  it('sorts as Array.prototype.sort does, for every size around its run and merge bounds', async () => {
    for (const n of [0, 1, 2, 1023, 1024, 1025, 2048, 3000, 5000]) {
      const xs = Array.from({ length: n }, (_, id) => ({ id, k: (id * 7919) % 97 }));
      const { s } = counting();
      const got = await sortInSlices(xs, byKeyThenId, s);
      expect(got).toEqual(xs.slice().sort(byKeyThenId));
    }
  });

  it('yields between slices and leaves its input as it was', async () => {
    const xs = Array.from({ length: 5000 }, (_, id) => ({ id, k: -id }));
    const before = xs.slice();
    const { s, yields } = counting();
    const got = await sortInSlices(xs, byKeyThenId, s, () => false, 3);
    expect(got![0]).toEqual({ id: 4999, k: -4999 });
    expect(yields()).toBeGreaterThan(3);
    expect(xs).toEqual(before);
  });

  it('stops once stopped() says so', async () => {
    const xs = Array.from({ length: 5000 }, (_, id) => ({ id, k: id % 10 }));
    const { s } = counting();
    let calls = 0;
    const got = await sortInSlices(xs, byKeyThenId, s, () => ++calls > 2, 1);
    expect(got).toBeUndefined();
  });
});
