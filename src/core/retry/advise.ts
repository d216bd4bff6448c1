import type { RetryAnnotation, RetryVerdict } from '../annotation.ts';
import { getHeader, type Header, isIdempotentMethod } from '../http.ts';
import { own } from '../own.ts';
import type { Profile, StatusMeaning } from '../profiles/schema.ts';
import { type Advice, CITE, type Context, fmt, joinCites, profileCite } from './advice.ts';
import { backoffSchedule } from './backoff.ts';
import { parseRetryAfter } from './http-date.ts';
import { rateLimited, rateLimitWait } from './rate-limited.ts';
import type { RetryInput } from './types.ts';
import { vendorException } from './vendor.ts';

/**
 * The retry advisor: DESIGN.md's verdict table (method idempotency × status × Retry-After ×
 * Idempotency-Key), the provider's per-status overrides, and the vendor exceptions of
 * STANDARDS.md §5 (vendor.ts). Pure; never throws.
 */

// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header) and the vendor names the draft
// lists (STANDARDS.md §4).
const IDEMPOTENCY_HEADERS = [
  'idempotency-key',
  'x-idempotency-key',
  'paypal-request-id',
  'chargebee-idempotency-key',
  'x-payout-idempotency',
];

function idempotencyHeader(headers: readonly Header[]): string | undefined {
  for (const name of IDEMPOTENCY_HEADERS) {
    const v = getHeader(headers, name);
    if (v !== undefined && v.trim() !== '') return name;
  }
  return undefined;
}

function statusOverride(profile: Profile, status: number): StatusMeaning | undefined {
  if (status < 100 || status > 599) return undefined;
  return (
    own(profile.statuses, String(status)) ?? own(profile.statuses, `${Math.floor(status / 100)}xx`)
  );
}

/** Appends the provider's own words for this verdict, when its profile has them. */
function withGuidance(ctx: Context, advice: Advice): Advice {
  const { profile } = ctx.input;
  const words = profile.retry.guidance[advice.verdict];
  if (!words) return advice;
  return {
    ...advice,
    reason: `${advice.reason} ${profile.name}: “${words}”`,
    cite: joinCites(advice.cite, profileCite(profile)),
  };
}

function serverMayHaveActed(ctx: Context): Advice {
  const { profile } = ctx.input;
  const what = ctx.status === 0 ? 'No response arrived' : `The server failed with ${ctx.status}`;
  const consequence = profile.retry.unsafeConsequence;
  const after =
    ctx.retryAfter !== undefined
      ? ` (Retry-After ${fmt(ctx.retryAfter)} does not change that)`
      : '';
  return {
    verdict: 'unsafe',
    reason:
      `${what} to a ${ctx.method} without an Idempotency-Key: the server may have acted before failing, and a blind retry can duplicate the effect${after}. Check whether it took effect first, or resend with an Idempotency-Key.` +
      (consequence ? ` ${profile.name}: “${consequence}”` : ''),
    cite: joinCites(CITE.idempotent, consequence ? profileCite(profile) : undefined),
  };
}

/** DESIGN.md's verdict table. */
function table(ctx: Context): Advice {
  const { status, retrySafe, retryAfter, method } = ctx;
  const safeWhy = ctx.idempotencyHeader
    ? `it carries ${ctx.idempotencyHeader}, so the server can de-duplicate a retry`
    : `${method} is idempotent`;
  if (status >= 100 && status < 400) {
    return {
      verdict: 'none',
      reason: `${status} is not an error: nothing to retry.`,
      cite: CITE.classes,
    };
  }
  if (status === 429) {
    return rateLimited(ctx, `Too Many Requests: the request was not processed.`, CITE.tooMany);
  }
  if (status === 425) {
    return {
      verdict: 'backoff',
      reason: `Too Early: the server would not risk a replay of early data and did not process it. Retry (not in TLS early data), on any method.`,
      cite: CITE.tooEarly,
    };
  }
  if (status === 409 && ctx.idempotencyHeader) {
    return {
      verdict: 'wait',
      afterSeconds: retryAfter,
      reason: `409 with ${ctx.idempotencyHeader}: the original request with this key is still being processed. Wait, then retry with the same key.`,
      cite: CITE.idempotencyKey,
    };
  }
  if (status === 408) {
    // The server never got the whole request (RFC 9110 §15.5.9), so it cannot have acted on it:
    // safe on any method.
    return {
      verdict: 'backoff',
      reason: `Request Timeout: the server did not receive the complete request and did not act on it. Retry with exponential backoff.`,
      cite: CITE.timeout,
    };
  }
  if (status === 413 && retryAfter !== undefined) {
    return {
      verdict: 'after',
      afterSeconds: retryAfter,
      reason: `Content Too Large, but Retry-After says the condition is temporary: retry after ${fmt(retryAfter)}.`,
      cite: joinCites(CITE.tooLarge, CITE.retryAfter),
    };
  }
  const serverError = status === 0 || status >= 500 || status < 100;
  if (serverError) {
    if (!retrySafe) return serverMayHaveActed(ctx);
    const what =
      status === 0
        ? 'No response arrived'
        : status > 599 || status < 100
          ? `Status ${status} is invalid (treated as 5xx)`
          : `Server error ${status}`;
    if (retryAfter !== undefined && status !== 0) {
      return {
        verdict: 'after',
        afterSeconds: retryAfter,
        reason: `${what}; ${safeWhy}, and the server asks to wait ${fmt(retryAfter)} (Retry-After).`,
        cite: joinCites(CITE.idempotent, CITE.retryAfter),
      };
    }
    return {
      verdict: 'backoff',
      reason: `${what}; ${safeWhy}: retry with exponential backoff and a bounded number of tries.`,
      cite: CITE.idempotent,
    };
  }
  return {
    verdict: 'fix',
    reason: `${status} is a client error: do not resend the request without correcting it.`,
    cite: CITE.clientError,
  };
}

/** Applies the profile's per-status override (exact code over class), with its reason. */
function override(ctx: Context, computed: Advice): Advice {
  const { profile } = ctx.input;
  const meaning = statusOverride(profile, ctx.status);
  if (!meaning?.retry) return computed;
  const verdict: RetryVerdict = meaning.retry;
  if (verdict === computed.verdict) {
    // Same verdict: keep the computed reason (it names where the wait came from), add theirs.
    if (!meaning.retryReason) return computed;
    return {
      ...computed,
      reason: `${computed.reason} ${profile.name}: “${meaning.retryReason}”`,
      cite: joinCites(computed.cite, profileCite(profile)),
    };
  }
  // A provider's general retry advice cannot make a blind retry of a request the server may
  // have acted on safe (RFC 9110 §9.2.2): keep "unsafe".
  if (computed.verdict === 'unsafe' && verdict !== 'fix' && verdict !== 'none') return computed;
  const afterSeconds =
    verdict === 'after' || verdict === 'wait'
      ? (computed.afterSeconds ?? ctx.retryAfter ?? rateLimitWait(ctx)?.seconds)
      : undefined;
  const wait = afterSeconds !== undefined ? ` Wait ${fmt(afterSeconds)}.` : '';
  return {
    verdict,
    afterSeconds,
    reason: `${profile.name} documents ${ctx.status}: “${meaning.retryReason ?? meaning.meaning}”${wait}`,
    cite: profileCite(profile),
  };
}

/**
 * The retry verdict for one exchange, with the reason, its citation, the wait when known and
 * a suggested schedule for `backoff` (whose first delay is at least any Retry-After).
 */
export function adviseRetry(input: RetryInput): RetryAnnotation {
  const method = input.method.toUpperCase();
  const status = Number.isFinite(input.status) ? Math.trunc(input.status) : 0;
  const idem = idempotencyHeader(input.requestHeaders);
  const retryAfter = parseRetryAfter(getHeader(input.responseHeaders, 'retry-after'), {
    date: getHeader(input.responseHeaders, 'date'),
    now: input.now,
  });
  const ctx: Context = {
    input,
    method,
    status,
    idempotencyHeader: idem,
    retrySafe: isIdempotentMethod(method) || idem !== undefined,
    retryAfter,
  };
  const base = status >= 100 && status < 400 ? table(ctx) : (vendorException(ctx) ?? table(ctx));
  const advice = withGuidance(ctx, override(ctx, base));
  const out: RetryAnnotation = { verdict: advice.verdict, reason: advice.reason };
  if (advice.afterSeconds !== undefined) out.afterSeconds = advice.afterSeconds;
  if (advice.verdict === 'backoff') {
    const seed = input.jitterSeed ?? `${method} ${status}`;
    const schedule = backoffSchedule(input.backoff ?? {}, seed);
    if (retryAfter !== undefined && schedule.length > 0) {
      schedule[0] = Math.max(schedule[0]!, retryAfter);
    }
    out.schedule = schedule;
  }
  if (advice.cite) out.cite = advice.cite;
  return out;
}
