/** A rate limit read from response headers (IETF RateLimit draft, RateLimit-*, X-RateLimit-*). */
export interface HeaderRateLimit {
  scheme:
    | 'ietf-ratelimit-draft-08+'
    | 'ietf-ratelimit-draft-07'
    | 'ratelimit-legacy'
    | 'x-ratelimit';
  policy?: string;
  limit?: number;
  remaining?: number;
  windowSeconds?: number;
  /** Seconds until quota frees (reset), already normalised from epoch/ms/delta forms. */
  resetSeconds?: number;
}

export interface RatePolicy {
  limit: number;
  windowSeconds: number;
  source: 'profile' | 'headers';
}

export interface RateRecordInput {
  /** `profileId:fingerprint`. */
  key: string;
  profile: string;
  /** Epoch ms of the request. */
  at: number;
  method: string;
  /** URL without query, for polling detection. */
  endpoint: string;
  status: number;
  policy?: RatePolicy;
  headers?: HeaderRateLimit;
  /** Retry-After of a 429, seconds. */
  retryAfterSeconds?: number;
  /** The profile's advice shown when polling is detected (e.g. Aurora recommends webhooks). */
  pollingAdvice?: string;
}

export interface PollingInsight {
  method: string;
  endpoint: string;
  intervalSeconds: number;
  count: number;
  advice?: string;
}

export interface RateState {
  key: string;
  profile: string;
  limit?: number;
  windowSeconds: number;
  /** Requests in the sliding window ending now. */
  count: number;
  remaining?: number;
  source?: 'profile' | 'headers';
  over: boolean;
  /** Epoch ms when the oldest request in the window leaves it (a slot frees). */
  nextSlotAt?: number;
  /** Epoch ms when the limit is reached at the current pace (undefined when not on course). */
  exhaustionAt?: number;
  /** Requests per second for the last `historySeconds`, oldest first (sparkline); empty in `record()`'s result. */
  perSecond: number[];
  throttled?: { at: number; retryAfterSeconds?: number; until?: number };
  polling?: PollingInsight;
  total: number;
  peak: number;
}
