import { getHeader } from '../http.ts';
import { parseRateLimitHeaders } from '../rate/headers.ts';
import { type Advice, CITE, type Context } from './advice.ts';
import { rateLimited } from './rate-limited.ts';

// AWS SDK JS v3 service-error-classification THROTTLING_ERROR_CODES (STANDARDS.md §5). The
// SDK retries these on any method: the request was refused before it was processed.
const AWS_THROTTLING_CODES: ReadonlySet<string> = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);

// octokit plugin-throttling's secondary-limit test (STANDARDS.md §3b).
const SECONDARY_RATE_LIMIT = /\bsecondary rate\b/i;
// GitHub: "wait at least one minute" for a secondary limit without other hints.
const SECONDARY_FALLBACK_SECONDS = 60;
// Stripe v2 reports rate limits as a 400 with type rate_limit (STANDARDS.md §5).
const RATE_LIMIT_CODE = /(^|[_-])rate[_-]?limit/i;

function isSecondaryLimit(ctx: Context): boolean {
  return (ctx.input.messages ?? []).some((m) => SECONDARY_RATE_LIMIT.test(m));
}

/** Vendor exceptions (STANDARDS.md §5), recognised by shape rather than by host. */
export function vendorException(ctx: Context): Advice | undefined {
  const { input, status } = ctx;
  const shouldRetry = getHeader(input.responseHeaders, 'stripe-should-retry')?.trim().toLowerCase();
  if (status >= 400 && (shouldRetry === 'true' || shouldRetry === 'false')) {
    return shouldRetry === 'true'
      ? {
          verdict: 'backoff',
          reason: `The server says this request can be retried (Stripe-Should-Retry: true), whatever the status: retry with exponential backoff.`,
          cite: CITE.stripe,
        }
      : {
          verdict: 'fix',
          reason: `The server says not to retry this request (Stripe-Should-Retry: false): resending it unchanged will not succeed.`,
          cite: CITE.stripe,
        };
  }
  if (status === 403 || status === 429) {
    if (isSecondaryLimit(ctx)) {
      return rateLimited(
        ctx,
        `A secondary rate limit was hit (the message says so); the request was not processed.`,
        CITE.github,
        SECONDARY_FALLBACK_SECONDS,
      );
    }
    if (status === 403 && remainingIsZero(ctx)) {
      return rateLimited(
        ctx,
        `403 with a rate-limit remaining of 0 is a rate limit, not a permission problem; the request was not processed.`,
        CITE.github,
      );
    }
  }
  if (status >= 400 && input.errorCode && AWS_THROTTLING_CODES.has(input.errorCode)) {
    return {
      verdict: 'backoff',
      reason: `${input.errorCode} is a throttling error: the request was refused before it was processed, so it is safe to retry on any method, with exponential backoff.`,
      cite: CITE.aws,
    };
  }
  if (status >= 400 && status < 500 && input.errorCode && RATE_LIMIT_CODE.test(input.errorCode)) {
    return rateLimited(
      ctx,
      `The error code ${input.errorCode} reports a rate limit; the request was not processed.`,
      'Stripe API v2 — rate limits',
    );
  }
  return undefined;
}

/** Any rate-limit scheme (not only X-RateLimit-Remaining) announcing nothing left. */
function remainingIsZero(ctx: Context): boolean {
  return parseRateLimitHeaders(ctx.input.responseHeaders, { now: ctx.input.now })?.remaining === 0;
}
