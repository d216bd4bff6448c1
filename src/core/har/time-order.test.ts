import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeOrder } from './time-order.ts';

function run(times: number[], maxItems: number, horizon?: (next: number) => number) {
  const released: number[] = [];
  const emitted: number[] = [];
  let waiting = 0;
  let peak = 0;
  const order = new TimeOrder<number>(
    (i) => released.push(i),
    (i) => {
      emitted.push(i);
      waiting--;
    },
    maxItems,
    Number.POSITIVE_INFINITY,
    horizon,
  );
  times.forEach((t, i) => {
    order.push(i, t);
    peak = Math.max(peak, ++waiting);
  });
  order.end();
  return { released, emitted, peak, inOrder: order.inOrder };
}

/** Indices in (time, index) order: the order a whole-file sort counts them in. */
const globalOrder = (times: number[]) =>
  times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);

describe('TimeOrder', () => {
  it('releases in (time, index) order when nothing is W or more places late; emits in file order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (lateness, extra) => {
          const w = Math.max(...lateness, 0) + extra; // every entry is fewer than w places late
          const times = lateness.map((l, i) => i - l);
          const { released, emitted, peak } = run(times, w);
          const sorted = globalOrder(times);
          expect(released).toEqual(sorted);
          expect(emitted).toEqual(times.map((_, i) => i));
          expect(peak).toBeLessThanOrEqual(w + 1);
        },
      ),
    );
  });

  it('never holds more than the window, whatever the disorder, and releases each item once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 80 }),
        fc.integer({ min: 1, max: 6 }),
        (times, w) => {
          const { released, emitted, peak } = run(times, w);
          expect([...released].sort((a, b) => a - b)).toEqual(times.map((_, i) => i));
          expect(emitted).toEqual(times.map((_, i) => i));
          expect(peak).toBeLessThanOrEqual(w + 1);
        },
      ),
    );
  });

  it('says it kept the global order exactly when the release order is the (time, index) sort', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (times, w) => {
          const { released, inOrder } = run(times, w);
          const sorted = globalOrder(times);
          expect(inOrder).toBe(released.every((r, k) => r === sorted[k]));
        },
      ),
    );
  });

  it('also bounds the weight waiting', () => {
    const emitted: number[] = [];
    const order = new TimeOrder<number>(
      () => {},
      (i) => emitted.push(i),
      100,
      10,
    );
    for (let i = 0; i < 5; i++) order.push(i, 10 - i, 4); // 4 + 4 + 4 > 10: the first leaves
    expect(emitted).toEqual([0, 1, 2]);
  });

  it('with a horizon (the earliest time still to come), releases in the same order but holds only what must wait', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 8 }),
        (lateness, extra) => {
          const w = Math.max(...lateness, 0) + extra;
          const times = lateness.map((l, i) => i - l);
          const earliest = (next: number) =>
            next < times.length ? Math.min(...times.slice(next)) : Number.POSITIVE_INFINITY;
          const windowed = run(times, w);
          const eager = run(times, w, earliest);
          expect(eager.released).toEqual(windowed.released);
          expect(eager.emitted).toEqual(windowed.emitted);
          // Waiting: the items pushed but not emitted. An item waits only while a later-listed
          // one starts before it (or one listed before it waits).
          const mustWait = Math.max(
            0,
            ...times.map((_, i) => {
              let last = i;
              for (let j = i + 1; j < times.length; j++) if (times[j]! < times[i]!) last = j;
              return last - i;
            }),
          );
          expect(eager.peak).toBeLessThanOrEqual(mustWait + 1);
        },
      ),
    );
  });

  it('with a horizon, holds nothing of a file in start-time order, even with equal times', () => {
    const times = [0, 0, 1, 1, 1, 5, 9, 9];
    const earliest = (next: number) =>
      next < times.length ? Math.min(...times.slice(next)) : Number.POSITIVE_INFINITY;
    const r = run(times, 4096, earliest);
    expect(r.peak).toBe(0); // each item left within its own push
    expect(r.released).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
