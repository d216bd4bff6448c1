import { describe, expect, it } from 'vitest';
import type { Header } from '../http.ts';
import { Profile, type ProfileInput } from '../profiles/schema.ts';
import { adviseRetry } from './advise.ts';
import type { RetryInput } from './types.ts';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);
const generic = Profile.parse({ id: 'generic', name: 'Generic' });

function h(pairs: Record<string, string> = {}): Header[] {
  return Object.entries(pairs).map(([name, value]) => ({ name, value }));
}

function advise(
  method: string,
  status: number,
  opts: Partial<Omit<RetryInput, 'requestHeaders' | 'responseHeaders'>> & {
    request?: Record<string, string>;
    response?: Record<string, string>;
  } = {},
) {
  const { request, response, ...rest } = opts;
  return adviseRetry({
    method,
    status,
    requestHeaders: h(request),
    responseHeaders: h(response),
    profile: generic,
    now: NOW,
    ...rest,
  });
}

const profile = (input: Omit<ProfileInput, 'id' | 'name'>) =>
  Profile.parse({
    id: 'aurora',
    name: 'Aurora',
    source: 'Aurora API — HTTP response codes',
    ...input,
  });

describe('adviseRetry: DESIGN.md verdict table', () => {
  it.each([101, 200, 204, 301, 304])('none for %i: nothing to retry', (status) => {
    expect(advise('POST', status).verdict).toBe('none');
  });

  it.each(['GET', 'POST', 'PATCH'])(
    'after for a 429 on %s (the request was not processed)',
    (method) => {
      const r = advise(method, 429, { response: { 'Retry-After': '30' } });
      expect(r).toMatchObject({ verdict: 'after', afterSeconds: 30 });
      expect(r.cite).toContain('RFC 6585');
    },
  );

  it('after for a 5xx with Retry-After on an idempotent method', () => {
    expect(advise('GET', 503, { response: { 'Retry-After': '120' } })).toMatchObject({
      verdict: 'after',
      afterSeconds: 120,
    });
  });

  it('after for a 413 that says, with Retry-After, the condition is temporary', () => {
    expect(advise('PUT', 413, { response: { 'Retry-After': '5' } })).toMatchObject({
      verdict: 'after',
      afterSeconds: 5,
    });
    expect(advise('PUT', 413).verdict).toBe('fix');
  });

  it.each([
    ['GET', 500],
    ['HEAD', 502],
    ['OPTIONS', 503],
    ['TRACE', 504],
    ['PUT', 500],
    ['DELETE', 0],
    ['GET', 408],
  ])('backoff for %s %i, with a bounded schedule', (method, status) => {
    const r = advise(method, status);
    expect(r.verdict).toBe('backoff');
    expect(r.schedule).toHaveLength(3);
  });

  it.each([
    ['POST', 500],
    ['PATCH', 503],
    ['POST', 0],
  ])('unsafe for %s %i without an Idempotency-Key', (method, status) => {
    const r = advise(method, status);
    expect(r.verdict).toBe('unsafe');
    expect(r.schedule).toBeUndefined();
  });

  it('unsafe for a POST 503 even when Retry-After is sent: the server may have acted', () => {
    const r = advise('POST', 503, { response: { 'Retry-After': '10' } });
    expect(r.verdict).toBe('unsafe');
    expect(r.reason).toContain('Retry-After');
  });

  it.each(['Idempotency-Key', 'idempotency-key', 'PayPal-Request-Id'])(
    'makes a POST 5xx retry-safe when the request carries %s',
    (name) => {
      const r = advise('POST', 502, { request: { [name]: '"8e03978e-40d5-43e8"' } });
      expect(r.verdict).toBe('backoff');
      expect(r.reason.toLowerCase()).toContain(name.toLowerCase());
    },
  );

  it('does not count an empty Idempotency-Key', () => {
    expect(advise('POST', 500, { request: { 'Idempotency-Key': ' ' } }).verdict).toBe('unsafe');
  });

  it('wait for a 409 on a request with an Idempotency-Key (original still in progress)', () => {
    const r = advise('POST', 409, {
      request: { 'Idempotency-Key': 'abc' },
      response: { 'Retry-After': '2' },
    });
    expect(r).toMatchObject({ verdict: 'wait', afterSeconds: 2 });
  });

  it.each([400, 401, 403, 404, 405, 409, 415, 422])('fix for a plain %i', (status) => {
    expect(advise('GET', status).verdict).toBe('fix');
  });

  it('treats a status outside 100–599 as 5xx (RFC 9110 §15)', () => {
    expect(advise('GET', 600).verdict).toBe('backoff');
    expect(advise('POST', 99).verdict).toBe('unsafe');
  });

  it('any method may retry a 425 Too Early (RFC 8470)', () => {
    expect(advise('POST', 425).verdict).toBe('backoff');
  });
});

describe('adviseRetry: when to retry', () => {
  it('reads Retry-After as decimal seconds, clamping negatives to 0', () => {
    expect(advise('GET', 429, { response: { 'Retry-After': '2.5' } }).afterSeconds).toBe(2.5);
    expect(advise('GET', 429, { response: { 'Retry-After': '-4' } }).afterSeconds).toBe(0);
  });

  it('measures an HTTP-date Retry-After against the Date header, not now', () => {
    const date = new Date(NOW - 3_600_000).toUTCString();
    const retryAt = new Date(NOW - 3_600_000 + 90_000).toUTCString();
    const r = advise('GET', 503, { response: { Date: date, 'Retry-After': retryAt } });
    expect(r).toMatchObject({ verdict: 'after', afterSeconds: 90 });
  });

  it('falls back to the RateLimit reset on a 429 without Retry-After', () => {
    const draft = advise('GET', 429, { response: { RateLimit: '"default";r=0;t=17' } });
    expect(draft).toMatchObject({ verdict: 'after', afterSeconds: 17 });
    const epoch = advise('GET', 429, {
      response: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(NOW / 1000 + 42) },
    });
    expect(epoch.afterSeconds).toBe(42);
    // Retry-After takes precedence over RateLimit (ratelimit-headers draft §5).
    const both = advise('GET', 429, {
      response: { 'Retry-After': '3', RateLimit: '"d";r=0;t=17' },
    });
    expect(both.afterSeconds).toBe(3);
  });

  it('uses the body wait hint, then the profile window, when a 429 has no header hint', () => {
    expect(advise('GET', 429, { bodyRetryAfterSeconds: 6.5 }).afterSeconds).toBe(6.5);
    const aurora = profile({ rateLimit: { limit: 90, windowSeconds: 60 } });
    expect(advise('GET', 429, { profile: aurora }).afterSeconds).toBe(60);
    expect(advise('GET', 429).afterSeconds).toBeUndefined();
  });

  it('starts a backoff schedule no sooner than Retry-After', () => {
    const r = advise('GET', 500, { request: {}, response: {}, jitterSeed: 's' });
    const withHint = advise('POST', 502, {
      request: { 'Idempotency-Key': 'k' },
      response: { 'Retry-After': '0' },
      jitterSeed: 's',
    });
    expect(r.schedule).toHaveLength(3);
    expect(withHint.verdict).toBe('after');
    const stripe = advise('POST', 400, {
      response: { 'Stripe-Should-Retry': 'true', 'Retry-After': '9' },
    });
    expect(stripe.verdict).toBe('backoff');
    expect(stripe.schedule![0]).toBeGreaterThanOrEqual(9);
  });

  it('gives the same schedule for the same seed and a different one for another seed', () => {
    const a = advise('GET', 503, { jitterSeed: 'req-1' }).schedule;
    expect(advise('GET', 503, { jitterSeed: 'req-1' }).schedule).toEqual(a);
    expect(advise('GET', 503, { jitterSeed: 'req-2' }).schedule).not.toEqual(a);
  });
});

describe('adviseRetry: profiles and vendor exceptions', () => {
  // Aurora: "409 Conflict … an operation is in progress. Please wait a moment then try again."
  const aurora = profile({
    statuses: {
      '409': {
        meaning: 'The requested resource is currently in use.',
        retry: 'wait',
        retryReason: 'An operation is in progress. Please wait a moment then try again.',
      },
      '5xx': { meaning: 'Server error.', retry: 'backoff' },
    },
    retry: { unsafeConsequence: 'A retried create may make a second, billed instance.' },
  });

  it('applies a wait override on 409, with the provider’s words and source', () => {
    const r = advise('PATCH', 409, { profile: aurora, response: { 'Retry-After': '4' } });
    expect(r).toMatchObject({ verdict: 'wait', afterSeconds: 4 });
    expect(r.reason).toContain('Please wait a moment');
    expect(r.cite).toBe('Aurora API — HTTP response codes');
  });

  it('does not let a class override make a blind POST retry safe', () => {
    const r = advise('POST', 500, { profile: aurora });
    expect(r.verdict).toBe('unsafe');
    expect(r.reason).toContain('second, billed instance');
    expect(advise('GET', 500, { profile: aurora }).verdict).toBe('backoff');
  });

  it('treats a 403 with rate-limit remaining 0 as a rate limit (GitHub)', () => {
    const reset = String(NOW / 1000 + 300);
    const r = advise('GET', 403, {
      response: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': reset },
    });
    expect(r).toMatchObject({ verdict: 'after', afterSeconds: 300 });
    expect(advise('GET', 403, { response: { RateLimit: '"core";r=0;t=12' } })).toMatchObject({
      verdict: 'after',
      afterSeconds: 12,
    });
  });

  it('waits a minute for a secondary rate limit without other hints (GitHub)', () => {
    const r = advise('POST', 403, { messages: ['You have exceeded a secondary rate limit.'] });
    expect(r).toMatchObject({ verdict: 'after', afterSeconds: 60 });
  });

  it('honours Stripe-Should-Retry over the status, and AWS throttling codes on any method', () => {
    expect(advise('GET', 500, { response: { 'Stripe-Should-Retry': 'false' } }).verdict).toBe(
      'fix',
    );
    expect(advise('POST', 400, { errorCode: 'ThrottlingException' }).verdict).toBe('backoff');
    expect(advise('POST', 400, { errorCode: 'rate_limit' }).verdict).toBe('after');
  });
});
