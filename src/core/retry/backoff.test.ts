import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_DEFAULTS, backoffSchedule } from './backoff.ts';

describe('backoffSchedule', () => {
  it('grows exponentially from the base without jitter', () => {
    expect(backoffSchedule({ jitter: 'none', tries: 5 }, 's')).toEqual([1, 2, 4, 8, 16]);
    expect(backoffSchedule({ jitter: 'none', baseSeconds: 0.5, factor: 3, tries: 3 }, 's')).toEqual(
      [0.5, 1.5, 4.5],
    );
  });

  it('caps each delay', () => {
    const s = backoffSchedule({ jitter: 'none', tries: 10, capSeconds: 20 }, 's');
    expect(s.slice(-4)).toEqual([20, 20, 20, 20]);
  });

  it('is bounded: default length, and never more than 20 tries', () => {
    expect(backoffSchedule({}, 's')).toHaveLength(BACKOFF_DEFAULTS.tries);
    expect(backoffSchedule({ tries: 1e9 }, 's')).toHaveLength(20);
    expect(backoffSchedule({ tries: 0 }, 's')).toEqual([]);
  });

  it('falls back to the defaults for invalid options', () => {
    const bad = backoffSchedule(
      { jitter: 'none', baseSeconds: Number.NaN, factor: 0.5, tries: -2 },
      's',
    );
    expect(bad).toEqual(backoffSchedule({ jitter: 'none' }, 's'));
  });

  it('jitters deterministically by seed, within [0, the un-jittered delay]', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const full = backoffSchedule({ tries: 8 }, seed);
        const ceiling = backoffSchedule({ tries: 8, jitter: 'none' }, seed);
        expect(backoffSchedule({ tries: 8 }, seed)).toEqual(full);
        full.forEach((d, i) => {
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(ceiling[i]!);
        });
      }),
    );
    expect(backoffSchedule({ tries: 8 }, 'a')).not.toEqual(backoffSchedule({ tries: 8 }, 'b'));
  });
});
