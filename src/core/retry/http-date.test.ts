import { describe, expect, it } from 'vitest';
import { parseHttpDate, parseRetryAfter, parseTimestamp } from './http-date.ts';

const SUN_1994 = Date.UTC(1994, 10, 6, 8, 49, 37);
const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);

describe('parseHttpDate (RFC 9110 §5.6.7)', () => {
  it('reads IMF-fixdate and the obsolete RFC 850 and asctime forms', () => {
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT', NOW)).toBe(SUN_1994);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT', NOW)).toBe(SUN_1994);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994', NOW)).toBe(SUN_1994);
  });

  it('reads an RFC 850 two-digit year as at most 50 years ahead of the reference', () => {
    expect(parseHttpDate('Monday, 01-Jan-30 00:00:00 GMT', NOW)).toBe(Date.UTC(2030, 0, 1));
    expect(parseHttpDate('Friday, 01-Jan-99 00:00:00 GMT', NOW)).toBe(Date.UTC(1999, 0, 1));
  });

  it('rejects impossible dates and garbage', () => {
    for (const bad of [
      'Sun, 31 Feb 2026 00:00:00 GMT',
      'Sun, 06 Nov 1994 25:00:00 GMT',
      'soon',
      '',
      undefined,
    ]) {
      expect(parseHttpDate(bad, NOW)).toBeUndefined();
    }
  });
});

describe('parseTimestamp', () => {
  it('also accepts RFC 3339, and nothing looser', () => {
    expect(parseTimestamp('2026-11-23T10:00:30Z', NOW)).toBe(NOW + 30_000);
    expect(parseTimestamp('2026-11-23T12:00:00+02:00', NOW)).toBe(NOW);
    expect(parseTimestamp('23/11/2026', NOW)).toBeUndefined();
  });
});

describe('parseRetryAfter (RFC 9110 §10.2.3)', () => {
  it('reads delay-seconds, leniently: decimals, spaces, negatives clamped', () => {
    expect(parseRetryAfter('120', { now: NOW })).toBe(120);
    expect(parseRetryAfter(' 2.0 ', { now: NOW })).toBe(2);
    expect(parseRetryAfter('1.5', { now: NOW })).toBe(1.5);
    expect(parseRetryAfter('-3', { now: NOW })).toBe(0);
  });

  it('measures an HTTP-date against the Date header when given, else now', () => {
    const at = new Date(NOW + 45_000).toUTCString();
    expect(parseRetryAfter(at, { now: NOW })).toBe(45);
    const date = new Date(NOW - 600_000).toUTCString();
    const relative = new Date(NOW - 600_000 + 30_000).toUTCString();
    expect(parseRetryAfter(relative, { now: NOW, date })).toBe(30);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), { now: NOW })).toBe(0);
  });

  it('ignores garbage', () => {
    for (const bad of ['', 'later', '1e3', '12s', undefined]) {
      expect(parseRetryAfter(bad, { now: NOW })).toBeUndefined();
    }
  });
});
