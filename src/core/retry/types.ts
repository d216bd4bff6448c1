import type { Header } from '../http.ts';
import type { Profile } from '../profiles/schema.ts';

export interface RetryInput {
  method: string;
  /** HTTP status; 0 when there was no response (network error). */
  status: number;
  requestHeaders: readonly Header[];
  responseHeaders: readonly Header[];
  profile: Profile;
  /** Epoch ms "now", for an HTTP-date Retry-After when the response has no Date header. */
  now: number;
  /** Wait hint decoded from the body (Discord retry_after, Kubernetes retryAfterSeconds). */
  bodyRetryAfterSeconds?: number;
  /** Decoded machine code (e.g. AWS throttling codes, Stripe rate_limit). */
  errorCode?: string;
  /** Decoded messages (e.g. GitHub "secondary rate limit"). */
  messages?: readonly string[];
  /** Seed for the deterministic jitter of the suggested schedule (same traffic → same schedule). */
  jitterSeed?: string;
  /** Backoff policy for the suggested schedule (defaults: see {@link BackoffOptions}). */
  backoff?: BackoffOptions;
}

/** Backoff policy, ky-style: a typed options object with documented defaults. */
export interface BackoffOptions {
  /** First delay in seconds (before jitter). Default 1 (google-api-core's initial delay). */
  baseSeconds?: number;
  /** Growth factor per try. Default 2. */
  factor?: number;
  /** Cap on one delay in seconds. Default 60 (google-api-core's maximum delay). */
  capSeconds?: number;
  /** Number of retries suggested (the schedule's length). Default 3 (axios-retry, AWS standard mode); at most 20. */
  tries?: number;
  /** Jitter: "full" (uniform in 0..delay, AWS) or "none". Default "full". */
  jitter?: 'full' | 'none';
}
