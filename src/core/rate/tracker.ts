import { type Endpoint, endpointKey, pollingAt, trackEndpoint } from './polling.ts';
import { BucketRing } from './ring.ts';
import { type RateTrackerSnapshot, Snapshot } from './snapshot.ts';
import type { RatePolicy, RateRecordInput, RateState } from './types.ts';
import { capacityFor, SlidingWindow } from './window.ts';

export { type RateTrackerSnapshot, Throttled } from './snapshot.ts';

/**
 * Sliding-window request counts per key (`profile:fingerprint`), against the documented or
 * announced limit (DESIGN.md "How close am I to the rate limit?"). Time comes only from the
 * `at` / `now` arguments. Memory per key is bounded (at most limit + 1 timestamps, a ring of
 * per-second buckets, a bounded endpoint map), so a day of traffic costs what a minute does.
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
// Upper bounds on options, so a hostile snapshot cannot make us allocate gigabytes.
const MAX_HISTORY_SECONDS = 3600;
const MAX_KEYS = 10_000;
const MAX_ENDPOINTS = 1000;
interface KeyState {
  key: string;
  profile: string;
  limit?: number;
  windowSeconds: number;
  source?: 'profile' | 'headers';
  /** The last `remaining` a response announced. */
  headerRemaining?: number;
  window: SlidingWindow;
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

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

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
    s.window.add(at);
    const count = s.window.count(at);
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
    trackEndpoint(s, this.maxEndpointsPerKey, input.method, input.endpoint, at);
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
        ...windowSnapshot(s.window),
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
      s.window.setCapacity(capacityFor(k.limit));
      s.window.restore(k.windowTimes ?? [], k.windowBuckets, k.windowHead);
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
      window: new SlidingWindow(windowSeconds * 1000, capacityFor(undefined)),
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
    if (policy.limit !== s.limit) s.window.setCapacity(capacityFor(policy.limit));
    s.limit = policy.limit;
    s.source = policy.source;
    if (policy.windowSeconds !== s.windowSeconds) {
      s.windowSeconds = policy.windowSeconds;
      s.window.setWindow(policy.windowSeconds);
    }
  }

  private view(s: KeyState, now: number, sparkline = true): RateState {
    const count = s.window.count(now);
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
    const nextSlotAt = s.window.nextSlotAt(now);
    if (nextSlotAt !== undefined) out.nextSlotAt = nextSlotAt;
    const exhaustion = limit !== undefined ? exhaustionAt(s, now, count, limit) : undefined;
    if (exhaustion !== undefined) out.exhaustionAt = exhaustion;
    if (s.throttled) out.throttled = { ...s.throttled };
    const polling = pollingAt(s, now);
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

function restore(ring: BucketRing, pairs: ReadonlyArray<[number, number]>, head?: number): void {
  for (const [bucket, n] of pairs) ring.add(bucket, n);
  if (head !== undefined) ring.advance(head);
}

function windowSnapshot(w: SlidingWindow) {
  const { times, head, buckets } = w.toJSON();
  return {
    windowTimes: times,
    ...(head !== undefined ? { windowHead: head } : {}),
    windowBuckets: buckets,
  };
}

/**
 * When the window's count reaches `limit` if requests keep arriving at the pace of the last
 * window, while the requests already in it leave on schedule; undefined when that never
 * happens. Already at the limit: now.
 */
function exhaustionAt(s: KeyState, now: number, count: number, limit: number): number | undefined {
  const windowMs = s.windowSeconds * 1000;
  const spanMs = Math.min(windowMs, Math.max(1000, now - s.firstAt));
  return s.window.exhaustionAt(now, count, limit, count / spanMs);
}
