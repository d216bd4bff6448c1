import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TimeOrder } from './time-order.ts';

function run(times: number[], maxItems: number) {
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
  );
  times.forEach((t, i) => {
    order.push(i, t);
    peak = Math.max(peak, ++waiting);
  });
  order.end();
  return { released, emitted, peak };
}

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
          const sorted = times.map((_, i) => i).sort((a, b) => times[a]! - times[b]! || a - b);
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
});
