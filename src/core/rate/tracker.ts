import { z } from 'zod';
import { BucketRing } from './ring.ts';
import type { PollingInsight, RatePolicy, RateRecordInput, RateState } from './types.ts';

/** A 429's throttle: when it came, its Retry-After, and when that ends (epoch ms). */
export const Throttled = z.object({
  at: z.number(),
  retryAfterSeconds: z.number().nonnegative().optional(),
  until: z.number().optional(),
});

/**
 * Sliding-window request counts per key (`profile:fingerprint`), against the documented or
 * announced limit (DESIGN.md "How close am I to the rate limit?"). Time comes only from the
 * `at` / `now` arguments. Memory per key is fixed (rings of buckets, a bounded endpoint map),
 * so a day of traffic costs what a minute does.
 */

export interface RateTrackerOptions {
  /** Length of the per-second sparkline, seconds. Default 300. */
  historySeconds?: number;
  /** Keys kept; the least recently used beyond this are dropped. Default 200. */
  maxKeys?: number;
  /** Endpoints tracked per key for polling detection (least recently used dropped). Default 50. */
  maxEndpointsPerKey?: number;
}

// "Per-minute request counts" (DESIGN.md) when neither profile nor headers give a window.
const DEFAULT_WINDOW_SECONDS = 60;
// Windows longer than this many seconds (daily quotas from RateLimit-Policy) use coarser
// buckets, so a key never holds more than this many window buckets.
const MAX_WINDOW_BUCKETS = 3600;
// Upper bounds on options, so a hostile snapshot cannot make us allocate gigabytes.
const MAX_HISTORY_SECONDS = 3600;
const MAX_KEYS = 10_000;
const MAX_ENDPOINTS = 1000;
// Polling: the same GET at a steady interval, at least this many times (brief: ≥ 4).
const POLL_MIN_REQUESTS = 4;
// An interval within ±20% of the streak's mean is "steady" (timers drift, responses vary).
const POLL_TOLERANCE = 0.2;
// Faster repeats are a burst (a page firing duplicates), not a polling loop.
const POLL_MIN_INTERVAL_MS = 500;

interface Endpoint {
  method: string;
  endpoint: string;
  lastAt: number;
  /** Sum and number of the intervals in the current steady streak. */
  streakMs: number;
  streakN: number;
}

interface KeyState {
  key: string;
  profile: string;
  limit?: number;
  windowSeconds: number;
  source?: 'profile' | 'headers';
  /** The last `remaining` a response announced. */
  headerRemaining?: number;
  window: BucketRing;
  spark: BucketRing;
  firstAt: number;
  total: number;
  peak: number;
  throttled?: { at: number; retryAfterSeconds?: number; until?: number };
  endpoints: Map<string, Endpoint>;
  /** Map key of the endpoint last seen polling. */
  polling?: string;
  pollingAdvice?: string;
}

function windowRing(windowSeconds: number): BucketRing {
  const width = Math.max(1, Math.ceil(windowSeconds / MAX_WINDOW_BUCKETS));
  // floor: the ring never spans more than the window, so counts never exceed the true count.
  return new BucketRing(width * 1000, Math.max(1, Math.floor(windowSeconds / width)));
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

const Pair = z.tuple([z.number().int(), z.number().int().positive()]);
const Snapshot = z.object({
  v: z.literal(1),
  options: z.object({
    historySeconds: z.number().int().positive(),
    maxKeys: z.number().int().positive(),
    maxEndpointsPerKey: z.number().int().positive(),
  }),
  keys: z.array(
    z.object({
      key: z.string(),
      profile: z.string(),
      limit: z.number().int().nonnegative().optional(),
      windowSeconds: z.number().positive(),
      source: z.enum(['profile', 'headers']).optional(),
      headerRemaining: z.number().int().nonnegative().optional(),
      firstAt: z.number(),
      total: z.number().int().nonnegative(),
      peak: z.number().int().nonnegative(),
      throttled: Throttled.optional(),
      pollingAdvice: z.string().optional(),
      polling: z.string().optional(),
      windowHead: z.number().int().optional(),
      windowBuckets: z.array(Pair),
      sparkHead: z.number().int().optional(),
      sparkBuckets: z.array(Pair),
      endpoints: z.array(
        z.object({
          method: z.string(),
          endpoint: z.string(),
          lastAt: z.number(),
          streakMs: z.number().nonnegative(),
          streakN: z.number().int().nonnegative(),
        }),
      ),
    }),
  ),
});
export type RateTrackerSnapshot = z.infer<typeof Snapshot>;

export class RateTracker {
  private readonly keys = new Map<string, KeyState>();
  readonly historySeconds: number;
  readonly maxKeys: number;
  readonly maxEndpointsPerKey: number;

  constructor(options: RateTrackerOptions = {}) {
    this.historySeconds = Math.min(MAX_HISTORY_SECONDS, positiveInt(options.historySeconds, 300));
    this.maxKeys = Math.min(MAX_KEYS, positiveInt(options.maxKeys, 200));
    this.maxEndpointsPerKey = Math.min(MAX_ENDPOINTS, positiveInt(options.maxEndpointsPerKey, 50));
  }

  /**
   * Counts one request and returns its key's state as of the request. The per-second
   * sparkline is left empty here (it is the costliest part, and annotating needs only the
   * counts); read it with `state()` / `states()`.
   */
  record(input: RateRecordInput): RateState {
    const s = this.touch(input);
    const at = Number.isFinite(input.at) ? input.at : s.firstAt;
    this.applyPolicy(s, input);
    s.total++;
    s.spark.add(s.spark.bucketOf(at));
    s.window.add(s.window.bucketOf(at));
    const count = s.window.sumEndingAt(s.window.bucketOf(at));
    if (count > s.peak) s.peak = count;
    if (input.status === 429) {
      const wait = input.retryAfterSeconds;
      s.throttled = {
        at,
        ...(wait !== undefined ? { retryAfterSeconds: wait, until: at + wait * 1000 } : {}),
      };
    } else if (s.throttled && input.status > 0 && input.status < 400 && at >= s.throttled.at) {
      // A request that went through after the 429: the throttle is over.
      s.throttled = undefined;
    }
    if (input.pollingAdvice !== undefined) s.pollingAdvice = input.pollingAdvice;
    this.trackEndpoint(s, input.method, input.endpoint, at);
    return this.view(s, at, false);
  }

  /** The state of `key` at `now` (epoch ms), or undefined for an unknown key. Read-only. */
  state(key: string, now: number): RateState | undefined {
    const s = this.keys.get(key);
    return s ? this.view(s, now) : undefined;
  }

  /** Every key's state at `now`, most recently used first. */
  states(now: number): RateState[] {
    return [...this.keys.values()].reverse().map((s) => this.view(s, now));
  }

  clear(): void {
    this.keys.clear();
  }

  /** A JSON-safe snapshot (storage.session survives a service-worker restart). No credentials: keys are fingerprints. */
  toJSON(): RateTrackerSnapshot {
    return {
      v: 1,
      options: {
        historySeconds: this.historySeconds,
        maxKeys: this.maxKeys,
        maxEndpointsPerKey: this.maxEndpointsPerKey,
      },
      keys: [...this.keys.values()].map((s) => ({
        key: s.key,
        profile: s.profile,
        ...(s.limit !== undefined ? { limit: s.limit } : {}),
        windowSeconds: s.windowSeconds,
        ...(s.source ? { source: s.source } : {}),
        ...(s.headerRemaining !== undefined ? { headerRemaining: s.headerRemaining } : {}),
        firstAt: s.firstAt,
        total: s.total,
        peak: s.peak,
        ...(s.throttled ? { throttled: s.throttled } : {}),
        ...(s.pollingAdvice !== undefined ? { pollingAdvice: s.pollingAdvice } : {}),
        ...(s.polling !== undefined ? { polling: s.polling } : {}),
        ...(s.window.head !== undefined ? { windowHead: s.window.head } : {}),
        windowBuckets: s.window.entries(),
        ...(s.spark.head !== undefined ? { sparkHead: s.spark.head } : {}),
        sparkBuckets: s.spark.entries(),
        endpoints: [...s.endpoints.values()].map((e) => ({ ...e })),
      })),
    };
  }

  /** Restores a snapshot; anything that does not validate yields an empty tracker, never a throw. */
  static fromJSON(json: unknown, options?: RateTrackerOptions): RateTracker {
    const parsed = Snapshot.safeParse(json);
    if (!parsed.success) return new RateTracker(options);
    try {
      return RateTracker.restore(parsed.data, options);
    } catch {
      return new RateTracker(options);
    }
  }

  private static restore(snap: RateTrackerSnapshot, options?: RateTrackerOptions): RateTracker {
    const tracker = new RateTracker(options ?? snap.options);
    for (const k of snap.keys.slice(-tracker.maxKeys)) {
      const s = tracker.newKey(k.key, k.profile, k.firstAt, k.windowSeconds);
      Object.assign(s, {
        limit: k.limit,
        source: k.source,
        headerRemaining: k.headerRemaining,
        total: k.total,
        peak: k.peak,
        throttled: k.throttled,
        pollingAdvice: k.pollingAdvice,
        polling: k.polling,
      });
      restore(s.window, k.windowBuckets, k.windowHead);
      restore(s.spark, k.sparkBuckets, k.sparkHead);
      for (const e of k.endpoints.slice(-tracker.maxEndpointsPerKey)) {
        s.endpoints.set(endpointKey(e.method, e.endpoint), { ...e });
      }
      tracker.keys.set(k.key, s);
    }
    return tracker;
  }

  private newKey(key: string, profile: string, firstAt: number, windowSeconds: number): KeyState {
    return {
      key,
      profile,
      windowSeconds,
      window: windowRing(windowSeconds),
      spark: new BucketRing(1000, this.historySeconds),
      firstAt,
      total: 0,
      peak: 0,
      endpoints: new Map(),
    };
  }

  /** The key's state, created if new, moved to most-recently-used; evicts beyond maxKeys. */
  private touch(input: RateRecordInput): KeyState {
    let s = this.keys.get(input.key);
    if (s) {
      this.keys.delete(input.key);
    } else {
      const window = input.headers?.windowSeconds ?? input.policy?.windowSeconds;
      s = this.newKey(input.key, input.profile, input.at, window ?? DEFAULT_WINDOW_SECONDS);
    }
    this.keys.set(input.key, s);
    if (this.keys.size > this.maxKeys) this.keys.delete(this.keys.keys().next().value!);
    return s;
  }

  /** Limit from headers wins over the profile's; a headers limit sticks until headers change it. */
  private applyPolicy(s: KeyState, input: RateRecordInput): void {
    const h = input.headers;
    let policy: RatePolicy | undefined;
    if (h?.limit !== undefined && h.limit > 0) {
      policy = {
        limit: h.limit,
        windowSeconds: h.windowSeconds ?? input.policy?.windowSeconds ?? s.windowSeconds,
        source: 'headers',
      };
    } else if (input.policy && (input.policy.source === 'headers' || s.source !== 'headers')) {
      policy = input.policy;
    }
    if (h?.remaining !== undefined) s.headerRemaining = h.remaining;
    if (!policy || !(policy.windowSeconds > 0) || !(policy.limit >= 1)) return;
    s.limit = policy.limit;
    s.source = policy.source;
    if (policy.windowSeconds !== s.windowSeconds) {
      // Re-bucket what the per-second history still holds into the new window.
      s.windowSeconds = policy.windowSeconds;
      s.window = windowRing(policy.windowSeconds);
      for (const [sec, n] of s.spark.entries()) s.window.add(s.window.bucketOf(sec * 1000), n);
    }
  }

  private trackEndpoint(s: KeyState, rawMethod: string, endpoint: string, at: number): void {
    const method = rawMethod.toUpperCase();
    if (method !== 'GET') return;
    const id = endpointKey(method, endpoint);
    const e = s.endpoints.get(id);
    if (!e) {
      s.endpoints.set(id, { method, endpoint, lastAt: at, streakMs: 0, streakN: 0 });
      if (s.endpoints.size > this.maxEndpointsPerKey) {
        const oldest = s.endpoints.keys().next().value!;
        s.endpoints.delete(oldest);
        if (s.polling === oldest) s.polling = undefined;
      }
      return;
    }
    s.endpoints.delete(id);
    s.endpoints.set(id, e);
    const interval = at - e.lastAt;
    if (interval < 0) return; // out of order: not evidence either way
    e.lastAt = at;
    const mean = e.streakN > 0 ? e.streakMs / e.streakN : interval;
    if (interval >= POLL_MIN_INTERVAL_MS && Math.abs(interval - mean) <= POLL_TOLERANCE * mean) {
      e.streakMs += interval;
      e.streakN++;
    } else {
      e.streakMs = interval >= POLL_MIN_INTERVAL_MS ? interval : 0;
      e.streakN = interval >= POLL_MIN_INTERVAL_MS ? 1 : 0;
    }
    if (e.streakN + 1 >= POLL_MIN_REQUESTS) s.polling = id;
    else if (s.polling === id) s.polling = undefined;
  }

  private pollingAt(s: KeyState, now: number): PollingInsight | undefined {
    const e = s.polling !== undefined ? s.endpoints.get(s.polling) : undefined;
    if (!e || e.streakN + 1 < POLL_MIN_REQUESTS) return undefined;
    const intervalMs = e.streakMs / e.streakN;
    // Two missed polls: the loop has stopped.
    if (now - e.lastAt > 2 * intervalMs * (1 + POLL_TOLERANCE)) return undefined;
    return {
      method: e.method,
      endpoint: e.endpoint,
      intervalSeconds: Math.round(intervalMs / 100) / 10,
      count: e.streakN + 1,
      ...(s.pollingAdvice !== undefined ? { advice: s.pollingAdvice } : {}),
    };
  }

  private view(s: KeyState, now: number, sparkline = true): RateState {
    const w = s.window;
    const bucket = w.bucketOf(now);
    const count = w.sumEndingAt(bucket);
    const limit = s.limit;
    const out: RateState = {
      key: s.key,
      profile: s.profile,
      windowSeconds: s.windowSeconds,
      count,
      over: limit !== undefined && count > limit,
      perSecond: sparkline ? this.perSecond(s, now) : [],
      total: s.total,
      peak: s.peak,
    };
    if (limit !== undefined) {
      out.limit = limit;
      out.remaining = s.headerRemaining ?? Math.max(0, limit - count);
    }
    if (s.source) out.source = s.source;
    const oldest = oldestBucket(w, bucket);
    if (oldest !== undefined) out.nextSlotAt = (oldest + w.size) * w.widthMs;
    const exhaustion = limit !== undefined ? exhaustionAt(s, now, count, limit) : undefined;
    if (exhaustion !== undefined) out.exhaustionAt = exhaustion;
    if (s.throttled) out.throttled = { ...s.throttled };
    const polling = this.pollingAt(s, now);
    if (polling) out.polling = polling;
    return out;
  }

  private perSecond(s: KeyState, now: number): number[] {
    const last = s.spark.bucketOf(now);
    const out = new Array<number>(this.historySeconds);
    for (let i = 0; i < this.historySeconds; i++) {
      out[i] = s.spark.get(last - this.historySeconds + 1 + i);
    }
    return out;
  }
}

function endpointKey(method: string, endpoint: string): string {
  return `${method} ${endpoint}`;
}

function restore(ring: BucketRing, pairs: ReadonlyArray<[number, number]>, head?: number): void {
  for (const [bucket, n] of pairs) ring.add(bucket, n);
  if (head !== undefined) ring.advance(head);
}

/** The bucket of the oldest request still in the window ending at `bucket`. */
function oldestBucket(w: BucketRing, bucket: number): number | undefined {
  for (let b = bucket - w.size + 1; b <= bucket; b++) if (w.get(b) > 0) return b;
  return undefined;
}

/**
 * When the window's count reaches `limit` if requests keep arriving at the pace of the last
 * window, while the requests already in it leave on schedule; undefined when that never
 * happens. Already at the limit: now.
 */
function exhaustionAt(s: KeyState, now: number, count: number, limit: number): number | undefined {
  if (count >= limit) return now;
  const w = s.window;
  const windowMs = w.size * w.widthMs;
  const spanMs = Math.min(windowMs, Math.max(1000, now - s.firstAt));
  const perMs = count / spanMs;
  if (perMs <= 0) return undefined;
  const current = w.bucketOf(now);
  let inWindow = count;
  for (let k = 1; k <= w.size; k++) {
    // Just before the k-th oldest bucket leaves, at (current + k) · width.
    const leavesAt = (current + k) * w.widthMs;
    if (inWindow + perMs * (leavesAt - now) >= limit) {
      return Math.ceil(now + (limit - inWindow) / perMs);
    }
    inWindow -= w.get(current - w.size + k);
  }
  return undefined;
}
