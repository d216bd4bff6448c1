import type { RetryAnnotation } from '../annotation.ts';
import type { Profile } from '../profiles/schema.ts';
import { roundSeconds } from './http-date.ts';
import type { RetryInput } from './types.ts';

/** What the retry advisor's rules share: the exchange they judge, their verdict, its sources. */

export const CITE = {
  idempotent: 'RFC 9110 §9.2.2',
  classes: 'RFC 9110 §15',
  clientError: 'RFC 9110 §15.5',
  timeout: 'RFC 9110 §15.5.9',
  tooLarge: 'RFC 9110 §15.5.14',
  retryAfter: 'RFC 9110 §10.2.3',
  tooMany: 'RFC 6585 §4',
  tooEarly: 'RFC 8470 §5.2',
  idempotencyKey: 'draft-ietf-httpapi-idempotency-key-header §2.7',
  rateLimitHeaders: 'draft-ietf-httpapi-ratelimit-headers',
  github: 'GitHub REST API — Rate limits',
  aws: 'AWS SDK for JavaScript v3 — standard retry strategy (throttling error codes)',
  stripe: 'Stripe API — Idempotent requests (Stripe-Should-Retry)',
} as const;

export interface Context {
  input: RetryInput;
  method: string;
  status: number;
  idempotencyHeader: string | undefined;
  retrySafe: boolean;
  retryAfter: number | undefined;
}

export type Advice = Omit<RetryAnnotation, 'schedule'>;

export function profileCite(profile: Profile): string {
  return profile.source ?? profile.name;
}

export function joinCites(...cites: (string | undefined)[]): string {
  // A profile's source may itself list several documents ("A; B"): dedupe document by document.
  const parts = cites.flatMap((c) => (c ? c.split('; ') : []));
  return [...new Set(parts)].join('; ');
}

export function fmt(seconds: number): string {
  return `${roundSeconds(seconds)} s`;
}
