import type { PollingInsight } from './types.ts';

/** Polling detection: the same GET repeated at a steady interval, per rate key. */
// Polling: the same GET at a steady interval, at least this many times (brief: ≥ 4).
const POLL_MIN_REQUESTS = 4;
// An interval within ±20% of the streak's mean is "steady" (timers drift, responses vary).
const POLL_TOLERANCE = 0.2;
// Faster repeats are a burst (a page firing duplicates), not a polling loop.
const POLL_MIN_INTERVAL_MS = 500;

export interface Endpoint {
  method: string;
  endpoint: string;
  lastAt: number;
  /** Sum and number of the intervals in the current steady streak. */
  streakMs: number;
  streakN: number;
}

/** What a rate key keeps for polling detection. */
export interface PollingState {
  endpoints: Map<string, Endpoint>;
  /** Map key of the endpoint last seen polling. */
  polling?: string;
  pollingAdvice?: string;
}

export function endpointKey(method: string, endpoint: string): string {
  return `${method} ${endpoint}`;
}

export function trackEndpoint(
  s: PollingState,
  maxEndpoints: number,
  rawMethod: string,
  endpoint: string,
  at: number,
): void {
  const method = rawMethod.toUpperCase();
  if (method !== 'GET') return;
  const id = endpointKey(method, endpoint);
  const e = s.endpoints.get(id);
  if (!e) {
    s.endpoints.set(id, { method, endpoint, lastAt: at, streakMs: 0, streakN: 0 });
    if (s.endpoints.size > maxEndpoints) {
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

export function pollingAt(s: PollingState, now: number): PollingInsight | undefined {
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
