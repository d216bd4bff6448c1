/**
 * HTTP-date parsing (RFC 9110 §5.6.7): the preferred IMF-fixdate plus the two obsolete forms a
 * recipient MUST still accept, RFC 850 and asctime. Written by hand because `Date.parse` only
 * reliably handles IMF-fixdate and guesses (in local time) on the others.
 */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY = '(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s*';
const TIME = '(\\d{1,2}):(\\d{2}):(\\d{2})';

// Sun, 06 Nov 1994 08:49:37 GMT (weekday optional, UTC accepted: lenient in what we read).
const IMF_FIXDATE = new RegExp(
  `^(?:${DAY})?(\\d{1,2}) ([a-z]{3}) (\\d{4}) ${TIME} (?:gmt|utc)$`,
  'i',
);
// Sunday, 06-Nov-94 08:49:37 GMT
const RFC850 = new RegExp(`^(?:${DAY})?(\\d{1,2})-([a-z]{3})-(\\d{2}) ${TIME} (?:gmt|utc)$`, 'i');
// Sun Nov  6 08:49:37 1994 — no zone: RFC 9110 §5.6.7 says HTTP-dates are always GMT.
const ASCTIME = new RegExp(`^(?:${DAY})?([a-z]{3}) (\\d{1,2}) ${TIME} (\\d{4})$`, 'i');
// 2026-11-23T10:00:00Z (RFC 3339) — some rate-limit resets use it (ratelimit-headers FAQ).
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

function utc(
  year: number,
  monthName: string,
  day: number,
  h: number,
  m: number,
  s: number,
): number | undefined {
  const month = MONTHS.indexOf(monthName.toLowerCase());
  if (month < 0 || h > 23 || m > 59 || s > 60) return undefined;
  const ms = Date.UTC(year, month, day, h, m, Math.min(s, 59));
  // Reject 31 Feb and friends: Date.UTC silently rolls them over.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}

/**
 * Epoch ms of an HTTP-date, or undefined. `referenceMs` resolves RFC 850's two-digit year:
 * a year more than 50 years in the future means the most recent past year with those digits
 * (RFC 9110 §5.6.7).
 */
export function parseHttpDate(value: string | undefined, referenceMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().replace(/\s+/g, ' ');
  let m = IMF_FIXDATE.exec(v);
  if (m) return utc(Number(m[3]), m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  m = RFC850.exec(v);
  if (m) {
    const refYear = new Date(referenceMs).getUTCFullYear();
    let year = refYear - (refYear % 100) + Number(m[3]);
    if (year > refYear + 50) year -= 100;
    return utc(year, m[2]!, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
  }
  m = ASCTIME.exec(v);
  if (m) return utc(Number(m[6]), m[1]!, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
  return undefined;
}

/** Epoch ms of an HTTP-date or an RFC 3339 timestamp, or undefined. */
export function parseTimestamp(value: string, referenceMs: number): number | undefined {
  const http = parseHttpDate(value, referenceMs);
  if (http !== undefined) return http;
  const v = value.trim();
  if (!RFC3339.test(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Rounds to the millisecond, removing float noise from epoch arithmetic (1470173023.123 − …). */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

const DELAY_SECONDS = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * `Retry-After` in seconds (RFC 9110 §10.2.3: `HTTP-date / delay-seconds`), or undefined for
 * garbage. Lenient where real servers break the grammar: decimals ("2.0" from Shopify, "1.5"),
 * surrounding whitespace, negative values clamped to 0. An HTTP-date is measured against the
 * response's own `Date` header when it has one, so the result does not drift with the time the
 * log is read; otherwise against `now` (epoch ms).
 */
export function parseRetryAfter(
  value: string | undefined,
  opts: { date?: string; now: number },
): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (DELAY_SECONDS.test(v)) return Math.max(0, Number(v));
  const at = parseHttpDate(v, opts.now);
  if (at === undefined) return undefined;
  const ref = parseHttpDate(opts.date, opts.now) ?? opts.now;
  return Math.max(0, roundSeconds((at - ref) / 1000));
}
