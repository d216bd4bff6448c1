/** The rate tracker: per-key sliding windows against documented or announced limits (DESIGN.md). */
export { credentialFingerprint, type FingerprintInput, redactionMark } from './fingerprint.ts';
export { normaliseReset, parseRateLimitHeaders } from './headers.ts';
export { RateTracker, type RateTrackerOptions, type RateTrackerSnapshot } from './tracker.ts';
export type {
  HeaderRateLimit,
  PollingInsight,
  RatePolicy,
  RateRecordInput,
  RateState,
} from './types.ts';
export { byUrgency } from './urgency.ts';
