import { parseRateLimitHeaders } from '../rate/headers.ts';
import { type Advice, CITE, type Context, fmt, joinCites, profileCite } from './advice.ts';
import { roundSeconds } from './http-date.ts';

/** Where a 429's wait comes from, in the order of STANDARDS.md §3b. */
export function rateLimitWait(ctx: Context): { seconds: number; source: string } | undefined {
  const { input } = ctx;
  if (ctx.retryAfter !== undefined) return { seconds: ctx.retryAfter, source: 'Retry-After' };
  const body = input.bodyRetryAfterSeconds;
  if (body !== undefined && Number.isFinite(body) && body >= 0) {
    return { seconds: roundSeconds(body), source: 'the response body' };
  }
  const headers = parseRateLimitHeaders(input.responseHeaders, { now: input.now });
  if (headers?.resetSeconds !== undefined) {
    return {
      seconds: headers.resetSeconds,
      source: `the ${headerSchemeName(headers.scheme)} reset`,
    };
  }
  return undefined;
}

function headerSchemeName(scheme: string): string {
  return scheme === 'x-ratelimit'
    ? 'X-RateLimit'
    : scheme.startsWith('ietf')
      ? 'RateLimit'
      : 'RateLimit-Reset';
}

/** A rate-limited verdict: wait as the response says, else as the provider documents, else back off. */
export function rateLimited(ctx: Context, why: string, cite: string, fallback?: number): Advice {
  const wait = rateLimitWait(ctx);
  const window = ctx.input.profile.rateLimit?.windowSeconds;
  if (wait) {
    return {
      verdict: 'after',
      afterSeconds: wait.seconds,
      reason: `${why} Wait ${fmt(wait.seconds)} (from ${wait.source}) before retrying, and slow down.`,
      cite: joinCites(cite, wait.source === 'Retry-After' ? CITE.retryAfter : undefined),
    };
  }
  if (fallback !== undefined) {
    return {
      verdict: 'after',
      afterSeconds: fallback,
      reason: `${why} No wait hint was sent: wait at least ${fmt(fallback)}, then back off.`,
      cite,
    };
  }
  if (window !== undefined) {
    // A sliding window frees every slot within one window length of the documented limit.
    return {
      verdict: 'after',
      afterSeconds: window,
      reason: `${why} No wait hint was sent; ${ctx.input.profile.name}'s documented window is ${fmt(window)}, so waiting one window frees the quota.`,
      cite: joinCites(cite, profileCite(ctx.input.profile)),
    };
  }
  return {
    verdict: 'after',
    reason: `${why} No wait hint was sent: slow down and retry with backoff.`,
    cite,
  };
}
