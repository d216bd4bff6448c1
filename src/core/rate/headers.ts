import {
  type BareItem,
  type InnerList,
  type Item,
  parseDictionary,
  parseList,
  Token,
} from 'structured-headers';
import { getHeaders, type Header } from '../http.ts';
import { parseHttpDate, parseTimestamp, roundSeconds } from '../retry/http-date.ts';
import type { HeaderRateLimit } from './types.ts';

/**
 * Rate-limit response headers, every scheme still seen in the wild (STANDARDS.md §3):
 * the IETF draft-08+ `RateLimit-Policy` / `RateLimit` lists, the draft-07 `RateLimit`
 * dictionary, draft 00–06 `RateLimit-Limit/Remaining/Reset`, and the de-facto
 * `X-RateLimit-*` / `X-Rate-Limit-*`. Malformed fields are ignored (the draft: "MUST be
 * ignored"); this never throws.
 */

// Above these a "reset" cannot be a delay: 1e9 s is 31 years, and 1e9 s since the epoch is
// 2001. ky uses the 2024-01-01 epoch as its threshold (STANDARDS.md §3b) because it compares
// with the present; we also read old recordings (GitHub's 2013 docs example resets at
// 1377013266), so the bound is the smallest value no delay could reach.
const EPOCH_SECONDS_MIN = 1e9;
const EPOCH_MS_MIN = 1e12;

const NUMBER = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))/;

/** The leading number of a field (`100`, or `100, 100;w=60` from older drafts), or undefined. */
function leadingNumber(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = NUMBER.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  return Number.isFinite(n) ? n : undefined;
}

/** A count a header announces; beyond 2^53 − 1 it is not an integer JSON readers can hold. */
function nonNegativeInt(n: number | undefined): number | undefined {
  return n !== undefined && n >= 0 && n <= Number.MAX_SAFE_INTEGER ? Math.floor(n) : undefined;
}

function seconds(n: number | undefined): number | undefined {
  return n !== undefined && n >= 0 ? roundSeconds(n) : undefined;
}

/**
 * Seconds until a `reset` value, normalised from its forms (STANDARDS.md §3b): an epoch in
 * seconds (possibly fractional), an epoch in ms, delta seconds, or a timestamp (IMF-fixdate,
 * RFC 3339). `refMs` is the response's Date, else now. Past resets give 0.
 */
export function normaliseReset(value: string | undefined, refMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) {
    const n = Number(v);
    if (n >= EPOCH_MS_MIN) return Math.max(0, roundSeconds((n - refMs) / 1000));
    if (n >= EPOCH_SECONDS_MIN) return Math.max(0, roundSeconds(n - refMs / 1000));
    return Math.max(0, n);
  }
  const at = parseTimestamp(v, refMs);
  return at === undefined ? undefined : Math.max(0, roundSeconds((at - refMs) / 1000));
}

function joined(headers: readonly Header[], name: string): string | undefined {
  const values = getHeaders(headers, name);
  // RFC 9110 §5.3: repeated field lines combine into one list, comma-separated.
  return values.length > 0 ? values.join(', ') : undefined;
}

function numberParam(item: Item | InnerList, key: string): number | undefined {
  const v = item[1].get(key);
  return typeof v === 'number' ? v : undefined;
}

function policyName(value: BareItem | Item[]): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Token) return value.toString();
  return undefined;
}

function safe<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}

/** draft-ietf-httpapi-ratelimit-headers-08+ §4/§5: `RateLimit: "p";r=..;t=..`, `RateLimit-Policy: "p";q=..;w=..`. */
function ietfDraft08(headers: readonly Header[]): HeaderRateLimit | undefined {
  const raw = joined(headers, 'ratelimit');
  const rawPolicy = joined(headers, 'ratelimit-policy');
  const limits = (raw !== undefined ? safe(() => parseList(raw)) : undefined)?.filter(
    (i) => numberParam(i, 'r') !== undefined,
  );
  const policies = (rawPolicy !== undefined ? safe(() => parseList(rawPolicy)) : undefined)?.filter(
    (i) => numberParam(i, 'q') !== undefined && policyName(i[0]) !== undefined,
  );
  if (!limits?.length && !policies?.length) return undefined;
  // Several policies may apply at once; the one with the least remaining binds first.
  let current: (Item | InnerList) | undefined;
  for (const item of limits ?? []) {
    if (!current || numberParam(item, 'r')! < numberParam(current, 'r')!) current = item;
  }
  const name = current ? policyName(current[0]) : undefined;
  const policy = current ? policies?.find((p) => policyName(p[0]) === name) : policies?.[0];
  // `qu` other than "requests" counts bytes or concurrency, not requests: keep it out of `limit`.
  const unit = policy?.[1].get('qu');
  const countsRequests = unit === undefined || policyName(unit) === 'requests';
  return {
    scheme: 'ietf-ratelimit-draft-08+',
    policy: name ?? (policy ? policyName(policy[0]) : undefined),
    limit: countsRequests && policy ? nonNegativeInt(numberParam(policy, 'q')) : undefined,
    remaining: current ? nonNegativeInt(numberParam(current, 'r')) : undefined,
    windowSeconds: policy ? positive(numberParam(policy, 'w')) : undefined,
    resetSeconds: current ? seconds(numberParam(current, 't')) : undefined,
  };
}

function positive(n: number | undefined): number | undefined {
  return n !== undefined && n > 0 ? n : undefined;
}

/** draft-07: `RateLimit: limit=100, remaining=50, reset=5` with `RateLimit-Policy: 100;w=60`. */
function ietfDraft07(headers: readonly Header[], refMs: number): HeaderRateLimit | undefined {
  const raw = joined(headers, 'ratelimit');
  const dict = raw !== undefined ? safe(() => parseDictionary(raw)) : undefined;
  if (!dict) return undefined;
  const member = (key: string): number | undefined => {
    const m = dict.get(key);
    return m && typeof m[0] === 'number' ? m[0] : undefined;
  };
  const limit = nonNegativeInt(member('limit'));
  const remaining = nonNegativeInt(member('remaining'));
  if (limit === undefined && remaining === undefined) return undefined;
  const reset = member('reset');
  return {
    scheme: 'ietf-ratelimit-draft-07',
    limit,
    remaining,
    windowSeconds: policyWindow(headers, limit),
    resetSeconds: reset === undefined ? undefined : normaliseReset(String(reset), refMs),
  };
}

/** Drafts 03–07 `RateLimit-Policy: 100;w=60, 1000;w=3600`: the window of the policy matching `limit`. */
function policyWindow(headers: readonly Header[], limit: number | undefined): number | undefined {
  const raw = joined(headers, 'ratelimit-policy');
  const list = raw !== undefined ? safe(() => parseList(raw)) : undefined;
  const match = list?.find((i) => i[0] === limit) ?? list?.[0];
  return match ? positive(numberParam(match, 'w')) : undefined;
}

// Kong and others suffix the window: X-RateLimit-Limit-Minute (ratelimit-headers FAQ).
const WINDOW_SUFFIXES: ReadonlyArray<readonly [string, number]> = [
  ['', 0],
  ['-second', 1],
  ['-minute', 60],
  ['-hour', 3600],
  ['-day', 86400],
];

function prefixed(
  headers: readonly Header[],
  prefixes: readonly string[],
  refMs: number,
  scheme: HeaderRateLimit['scheme'],
): HeaderRateLimit | undefined {
  for (const prefix of prefixes) {
    for (const [suffix, window] of WINDOW_SUFFIXES) {
      const field = (name: string) => joined(headers, `${prefix}${name}${suffix}`);
      let limit = nonNegativeInt(leadingNumber(field('limit')));
      const remaining = nonNegativeInt(leadingNumber(field('remaining')));
      const used = nonNegativeInt(leadingNumber(field('used')));
      if (limit === undefined && remaining !== undefined && used !== undefined) {
        limit = nonNegativeInt(remaining + used);
      }
      if (limit === undefined && remaining === undefined) continue;
      // Reset-After is a delay by definition (Discord); Reset has to be disambiguated.
      const after = seconds(leadingNumber(field('reset-after')));
      return {
        scheme,
        limit,
        remaining,
        windowSeconds: window > 0 ? window : undefined,
        resetSeconds: after ?? normaliseReset(field('reset'), refMs),
      };
    }
  }
  return undefined;
}

/**
 * The rate limit the response headers announce, or undefined when there is none. The newest
 * scheme present wins. `now` is epoch ms; resets are measured from the `Date` header when the
 * response has one (stable however late the log is read), else from `now`.
 */
/** Every scheme's field names contain this (RateLimit, RateLimit-*, X-RateLimit-*, X-Rate-Limit-*). */
const RATE_FIELD = /rate-?limit/i;

export function parseRateLimitHeaders(
  headers: readonly Header[],
  opts: { now: number; date?: string },
): HeaderRateLimit | undefined {
  // Most responses carry no rate-limit field at all: one cheap scan before any parsing.
  if (!headers.some((h) => RATE_FIELD.test(h.name))) return undefined;
  const dateMs = parseHttpDate(opts.date ?? joined(headers, 'date'), opts.now);
  const ref = dateMs ?? opts.now;
  return (
    ietfDraft08(headers) ??
    ietfDraft07(headers, ref) ??
    prefixed(headers, ['ratelimit-'], ref, 'ratelimit-legacy') ??
    prefixed(headers, ['x-ratelimit-', 'x-rate-limit-'], ref, 'x-ratelimit')
  );
}
