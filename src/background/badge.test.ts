import { describe, expect, it } from 'vitest';
import type { RateMeter, TabCounters } from '../core/messages.ts';
import { computeBadge, nextBadgeChange } from './badge.ts';
import { DEFAULT_OPTIONS, resolveOptions } from './options.ts';
import { emptyCounters } from './tab-state.ts';

const NOW = 1_000_000;
const opts = DEFAULT_OPTIONS.badge;

function meter(count: number, extra: Partial<RateMeter> = {}): RateMeter {
  return {
    key: 'aurora:k:0123456789ab',
    profile: 'aurora',
    limit: 90,
    windowSeconds: 60,
    count,
    over: count > 90,
    total: count,
    peak: count,
    ...extra,
  };
}

function counters(extra: Partial<TabCounters> = {}): TabCounters {
  return { ...emptyCounters(), ...extra };
}

describe('badge', () => {
  it('is blank with no traffic and says "no problems" for healthy traffic', () => {
    expect(computeBadge(counters(), [], NOW, opts)).toMatchObject({ level: 'none', text: '' });
    const ok = computeBadge(counters({ total: 3 }), [meter(3)], NOW, opts);
    expect(ok).toMatchObject({ level: 'none', text: '' });
    expect(ok.title).toContain('3 requests, no problems');
  });

  it('shows the error count, with classes in the tooltip', () => {
    const b = computeBadge(
      counters({ total: 5, errors: 3, byStatusClass: { '2xx': 2, '4xx': 2, '5xx': 1 } }),
      [],
      NOW,
      opts,
    );
    expect(b).toMatchObject({ level: 'errors', text: '3', color: opts.colors.errors });
    expect(b.title).toContain('3 errors (2 4xx, 1 5xx)');
  });

  it('turns "approaching" at the configured share of the limit, not before', () => {
    expect(computeBadge(counters(), [meter(71)], NOW, opts).level).toBe('none'); // 78.9%
    const b = computeBadge(counters(), [meter(72)], NOW, opts); // 80%
    expect(b).toMatchObject({ level: 'approaching', text: '80%', color: opts.colors.approaching });
    expect(b.title).toContain('aurora 72/90');
    const strict = resolveOptions({ badge: { approachingRatio: 0.9 } }).badge;
    expect(computeBadge(counters(), [meter(72)], NOW, strict).level).toBe('none');
  });

  it('says "over" past the limit and outranks errors', () => {
    const b = computeBadge(counters({ errors: 1, total: 91 }), [meter(91)], NOW, opts);
    expect(b).toMatchObject({ level: 'over', text: 'MAX', color: opts.colors.over });
    expect(b.title).toContain('Over the rate limit: aurora 91/90');
    expect(b.title).toContain('1 error');
  });

  it('shows throttled while Retry-After runs, then falls back', () => {
    const last429 = {
      at: NOW - 1000,
      method: 'GET',
      host: 'api.aurorasolar.com',
      path: '/x',
      profile: 'aurora',
      retryAfterSeconds: 30,
      until: NOW + 29_000,
    };
    const c = counters({ errors: 1, total: 91, last429 });
    const b = computeBadge(c, [meter(91)], NOW, opts);
    expect(b).toMatchObject({ level: 'throttled', text: '429', color: opts.colors.throttled });
    expect(b.title).toContain('retry in 29 s');
    expect(nextBadgeChange(c, [meter(91, { nextSlotAt: NOW + 40_000 })], NOW)).toBe(NOW + 29_000);
    expect(computeBadge(c, [meter(91)], NOW + 29_000, opts).level).toBe('over');
  });

  it('reads a throttle from the rate tracker too', () => {
    const m = meter(10, { throttled: { at: NOW, retryAfterSeconds: 5, until: NOW + 5000 } });
    expect(computeBadge(counters(), [m], NOW, opts).level).toBe('throttled');
  });
});
