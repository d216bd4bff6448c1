import { describe, expect, it } from 'vitest';
import { count } from './format.ts';

describe('count', () => {
  it('groups an integer by thousands as en does', () => {
    const samples = [
      0,
      7,
      42,
      999,
      1_000,
      9_999,
      10_000,
      50_000,
      123_456,
      1_000_000,
      2 ** 31,
      -1,
      -1_234,
    ];
    for (let n = 1; n < 1e15; n = n * 7 + 3) samples.push(n, -n);
    for (const n of samples) expect(count(n)).toBe(n.toLocaleString('en'));
  });
});
