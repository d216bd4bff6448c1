import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Profile } from '../profiles/schema.ts';
import { RateTracker } from './tracker.ts';
import type { RatePolicy, RateRecordInput } from './types.ts';

// Aurora: "Our default rate limit is 90 requests per minute … applied to all requests sent
// with the same API key" (seeds/aurora-api-errors.txt).
const aurora = Profile.parse({
  id: 'aurora',
  name: 'Aurora',
  rateLimit: { limit: 90, windowSeconds: 60 },
  pollingAdvice:
    'Most clients who run into the throttling limit run polling processes: use webhooks.',
});
const policy: RatePolicy = {
  limit: aurora.rateLimit!.limit,
  windowSeconds: aurora.rateLimit!.windowSeconds,
  source: 'profile',
};
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const KEY = 'aurora:k:0123456789ab';

function req(at: number, extra: Partial<RateRecordInput> = {}): RateRecordInput {
  return {
    key: KEY,
    profile: aurora.id,
    at,
    method: 'GET',
    endpoint: `https://api.aurorasolar.com/projects/${at}`,
    status: 200,
    policy,
    ...extra,
  };
}

describe('RateTracker window', () => {
  it("counts Aurora's 91st request in a minute as over the 90/60 s limit", () => {
    const t = new RateTracker();
    for (let i = 0; i < 90; i++) {
      const s = t.record(req(T0 + i * 600));
      expect(s.over).toBe(false);
    }
    const s91 = t.record(req(T0 + 54_500));
    expect(s91).toMatchObject({
      count: 91,
      limit: 90,
      over: true,
      source: 'profile',
      remaining: 0,
    });
  });

  it('slides: requests older than the window stop counting', () => {
    const t = new RateTracker();
    for (let i = 0; i < 30; i++) t.record(req(T0 + i * 1000));
    expect(t.state(KEY, T0 + 29_500)?.count).toBe(30);
    // At T0+70 s the requests of seconds 0..10 have left the 60 s window.
    expect(t.state(KEY, T0 + 70_000)?.count).toBe(19);
    expect(t.state(KEY, T0 + 200_000)?.count).toBe(0);
    const s = t.record(req(T0 + 200_000));
    expect(s).toMatchObject({ count: 1, total: 31, peak: 30 });
  });

  it('reports when the oldest request leaves the window (next free slot)', () => {
    const t = new RateTracker();
    t.record(req(T0 + 5_000));
    const s = t.record(req(T0 + 20_000));
    expect(s.nextSlotAt).toBe(T0 + 65_000);
    expect(t.state(KEY, T0 + 66_000)?.nextSlotAt).toBe(T0 + 80_000);
    expect(t.state(KEY, T0 + 90_000)?.nextSlotAt).toBeUndefined();
  });

  it('predicts exhaustion at the current pace, and none when the pace fits the limit', () => {
    const fast = new RateTracker();
    let s = fast.record(req(T0));
    // 2 requests per second against 90 per minute: the limit is hit around 45 s in.
    for (let i = 1; i <= 20; i++) s = fast.record(req(T0 + i * 500));
    expect(s.exhaustionAt).toBeGreaterThan(T0 + 10_000);
    expect(s.exhaustionAt).toBeLessThan(T0 + 60_000);
    const slow = new RateTracker();
    for (let i = 0; i <= 120; i++) s = slow.record(req(T0 + i * 1000));
    // One a second for two minutes: 60 in any window, never 90.
    expect(s.count).toBe(60);
    expect(s.exhaustionAt).toBeUndefined();
  });

  it('lets a limit from headers win over the profile, and takes remaining from them', () => {
    const t = new RateTracker();
    t.record(req(T0));
    const s = t.record(
      req(T0 + 1000, {
        headers: { scheme: 'x-ratelimit', limit: 50, remaining: 12, windowSeconds: 60 },
      }),
    );
    expect(s).toMatchObject({ limit: 50, source: 'headers', remaining: 12, count: 2 });
    // A later response without headers does not flip the announced limit back.
    expect(t.record(req(T0 + 2000))).toMatchObject({ limit: 50, source: 'headers' });
  });

  it('keeps what it counted when the window changes, re-bucketed', () => {
    const t = new RateTracker();
    for (let i = 0; i < 10; i++) t.record(req(T0 + i * 1000));
    const s = t.record(
      req(T0 + 10_000, { policy: { limit: 5, windowSeconds: 5, source: 'headers' } }),
    );
    expect(s).toMatchObject({ windowSeconds: 5, count: 5, over: false });
  });

  it('counts per second over the history for the sparkline', () => {
    const t = new RateTracker({ historySeconds: 10 });
    t.record(req(T0));
    t.record(req(T0 + 100));
    t.record(req(T0 + 3_000));
    const s = t.state(KEY, T0 + 4_000)!;
    expect(s.perSecond).toEqual([0, 0, 0, 0, 0, 2, 0, 0, 1, 0]);
  });

  it('records a 429 as throttled until Retry-After, and clears it once a request succeeds', () => {
    const t = new RateTracker();
    const s = t.record(req(T0, { status: 429, retryAfterSeconds: 30 }));
    expect(s.throttled).toEqual({ at: T0, retryAfterSeconds: 30, until: T0 + 30_000 });
    expect(t.record(req(T0 + 1000, { status: 429 })).throttled).toEqual({ at: T0 + 1000 });
    expect(t.record(req(T0 + 31_000)).throttled).toBeUndefined();
  });
});

describe('RateTracker bounds', () => {
  it('drops the least recently used key beyond maxKeys', () => {
    const t = new RateTracker({ maxKeys: 3 });
    for (const k of ['a', 'b', 'c']) t.record(req(T0, { key: k }));
    t.record(req(T0 + 1, { key: 'a' }));
    t.record(req(T0 + 2, { key: 'd' }));
    expect(t.state('b', T0 + 3)).toBeUndefined();
    expect(
      t
        .states(T0 + 3)
        .map((s) => s.key)
        .sort(),
    ).toEqual(['a', 'c', 'd']);
  });

  it('keeps memory bounded over 100k requests spread over hours on distinct URLs', () => {
    const t = new RateTracker({ maxKeys: 5, maxEndpointsPerKey: 10 });
    const size = () => JSON.stringify(t.toJSON()).length;
    let at = T0;
    let early = 0;
    for (let i = 0; i < 100_000; i++) {
      at += 150 + (i % 7) * 20; // about 5 hours in all
      t.record(req(at, { key: `k${i % 8}`, endpoint: `/items/${i}` }));
      if (i === 2_000) early = size();
    }
    expect(at - T0).toBeGreaterThan(4 * 3600_000);
    const s = t.states(at);
    expect(s).toHaveLength(5);
    expect(s.every((x) => x.perSecond.length === 300)).toBe(true);
    // The snapshot after 100k requests is no larger than a steady-state one after 2k.
    expect(size()).toBeLessThan(early * 1.5);
  });
});

describe('RateTracker polling detection', () => {
  const poll = (t: RateTracker, at: number) =>
    t.record(req(at, { endpoint: '/projects/42/status', pollingAdvice: aurora.pollingAdvice! }));

  it('detects the same GET repeated at a steady interval, with the caller’s advice', () => {
    const t = new RateTracker();
    const times = [0, 10_000, 21_000, 30_500, 40_800];
    const states = times.map((d) => poll(t, T0 + d));
    expect(states[2]!.polling).toBeUndefined();
    expect(states[3]!.polling).toMatchObject({
      method: 'GET',
      endpoint: '/projects/42/status',
      count: 4,
    });
    expect(states[4]!.polling?.intervalSeconds).toBeCloseTo(10.2, 1);
    expect(states[4]!.polling?.advice).toBe(aurora.pollingAdvice);
    // Stopped polling: gone after a couple of missed intervals.
    expect(t.state(KEY, T0 + 100_000)?.polling).toBeUndefined();
  });

  it('does not report irregular repeats, bursts or non-GET methods as polling', () => {
    const irregular = new RateTracker();
    for (const d of [0, 2_000, 15_000, 16_000, 40_000, 41_000]) {
      expect(poll(irregular, T0 + d).polling).toBeUndefined();
    }
    const burst = new RateTracker();
    for (let i = 0; i < 6; i++) expect(poll(burst, T0 + i * 10).polling).toBeUndefined();
    const posts = new RateTracker();
    for (let i = 0; i < 6; i++) {
      const s = posts.record(req(T0 + i * 5000, { method: 'POST', endpoint: '/jobs' }));
      expect(s.polling).toBeUndefined();
    }
  });
});

describe('RateTracker snapshots', () => {
  it('round-trips through JSON with the same states', () => {
    const t = new RateTracker({ historySeconds: 60 });
    for (let i = 0; i < 40; i++) {
      t.record(req(T0 + i * 700, { key: i % 2 ? 'x' : 'y', endpoint: '/poll' }));
    }
    t.record(req(T0 + 28_000, { key: 'x', status: 429, retryAfterSeconds: 5 }));
    const copy = RateTracker.fromJSON(JSON.parse(JSON.stringify(t)));
    expect(copy.states(T0 + 30_000)).toEqual(t.states(T0 + 30_000));
    expect(copy.record(req(T0 + 31_000, { key: 'x' }))).toEqual(
      t.record(req(T0 + 31_000, { key: 'x' })),
    );
  });

  it('yields an empty tracker from a corrupt snapshot instead of throwing', () => {
    const good = new RateTracker();
    good.record(req(T0));
    const snap = JSON.parse(JSON.stringify(good));
    snap.keys[0].windowBuckets = [['x', 1]];
    for (const bad of [snap, null, 'garbage', { v: 2 }, { v: 1, options: {}, keys: 3 }]) {
      const t = RateTracker.fromJSON(bad, { maxKeys: 7 });
      expect(t.states(T0)).toEqual([]);
      expect(t.maxKeys).toBe(7);
    }
  });
});

describe('RateTracker exact window', () => {
  it('counts the request 70.25 s after a series at 0.5 s spacing as exactly 75 (whole-second buckets said 74)', () => {
    const t = new RateTracker();
    // 95 requests at 0, 0.5, …, 47 s; then one at 70.25 s. The window (10.25 s, 70.25 s]
    // holds 10.5 … 47 (74 requests) and the new one.
    for (let i = 0; i < 95; i++) t.record(req(T0 + i * 500));
    const s = t.record(req(T0 + 70_250));
    expect(s).toMatchObject({ count: 75, limit: 90, over: false, remaining: 15 });
    expect(s.nextSlotAt).toBe(T0 + 10_500 + 60_000);
  });

  it('tells the 90th request from the 91st to the millisecond', () => {
    const t = new RateTracker();
    for (let i = 0; i < 90; i++) t.record(req(T0 + 250 + i * 10));
    // The first request (T0 + 250) leaves the window at T0 + 60.250 s exactly.
    expect(t.record(req(T0 + 60_249)).over).toBe(true);
    const u = new RateTracker();
    for (let i = 0; i < 90; i++) u.record(req(T0 + 250 + i * 10));
    expect(u.record(req(T0 + 60_250))).toMatchObject({ count: 90, over: false });
  });

  it('keeps at most limit + 1 timestamps per key however many requests fall in one window', () => {
    const t = new RateTracker();
    let s = t.record(req(T0));
    for (let i = 1; i < 20_000; i++) s = t.record(req(T0 + i));
    const key = t.toJSON().keys[0]!;
    expect(key.windowTimes).toHaveLength(91);
    // Past limit + 1 the count comes from the buckets: never more than the truth, short by at most one bucket.
    expect(s.over).toBe(true);
    expect(s.count).toBeLessThanOrEqual(20_000);
    expect(s.count).toBeGreaterThanOrEqual(91);
  });

  it('bounds a key with no known limit too', () => {
    const t = new RateTracker();
    for (let i = 0; i < 5_000; i++) t.record(req(T0 + i, { policy: undefined }));
    expect(t.toJSON().keys[0]!.windowTimes!.length).toBeLessThanOrEqual(1000);
    expect(t.state(KEY, T0 + 5_000)!.count).toBeLessThanOrEqual(5_000);
  });

  it('restores a snapshot written before timestamps were kept (buckets only)', () => {
    const t = new RateTracker();
    for (let i = 0; i < 10; i++) t.record(req(T0 + i * 1000));
    const snap = JSON.parse(JSON.stringify(t));
    const old = snap.keys[0];
    old.windowBuckets = old.windowTimes.map((x: number) => [Math.floor(x / 1000), 1]);
    old.windowHead = Math.floor(old.windowTimes.at(-1) / 1000);
    delete old.windowTimes;
    expect(RateTracker.fromJSON(snap).state(KEY, T0 + 9_500)?.count).toBe(10);
  });
});

describe('RateTracker property', () => {
  /** The requests among `times` that started in (at − window, at]. */
  const naive = (times: number[], at: number, windowSeconds: number) =>
    times.filter((x) => x > at - windowSeconds * 1000 && x <= at).length;
  const gaps = fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 });

  it('counts exactly what a naive count of the last window counts', () => {
    fc.assert(
      fc.property(gaps, fc.integer({ min: 1, max: 90 }), (gaps, windowSeconds) => {
        const t = new RateTracker();
        // A limit above the request count: the exact ring holds every request.
        const p: RatePolicy = { limit: 1000, windowSeconds, source: 'profile' };
        const times: number[] = [];
        let at = T0;
        for (const gap of gaps) {
          at += gap;
          times.push(at);
          const { count } = t.record(req(at, { policy: p }));
          expect(count).toBe(naive(times, at, windowSeconds));
        }
        const later = at + 1 + (gaps[0]! % 60_000);
        expect(t.state(KEY, later)!.count).toBe(naive(times, later, windowSeconds));
      }),
    );
  });

  it('with a small limit: exact up to limit + 1, "over" always exact, never more than the truth', () => {
    fc.assert(
      fc.property(
        gaps,
        fc.integer({ min: 1, max: 90 }),
        fc.integer({ min: 1, max: 20 }),
        (gaps, windowSeconds, limit) => {
          const t = new RateTracker();
          const p: RatePolicy = { limit, windowSeconds, source: 'profile' };
          const times: number[] = [];
          let at = T0;
          for (const gap of gaps) {
            at += gap;
            times.push(at);
            const s = t.record(req(at, { policy: p }));
            const exact = naive(times, at, windowSeconds);
            expect(s.over).toBe(exact > limit);
            if (exact <= limit + 1) expect(s.count).toBe(exact);
            else {
              expect(s.count).toBeLessThanOrEqual(exact);
              expect(s.count).toBeGreaterThan(limit);
            }
          }
        },
      ),
    );
  });
});
