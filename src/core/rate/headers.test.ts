import { describe, expect, it } from 'vitest';
import type { Header } from '../http.ts';
import { normaliseReset, parseRateLimitHeaders } from './headers.ts';

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0);
const NOW_S = NOW / 1000;

function parse(pairs: Record<string, string>, opts: { now?: number; date?: string } = {}) {
  const headers: Header[] = Object.entries(pairs).map(([name, value]) => ({ name, value }));
  return parseRateLimitHeaders(headers, { now: opts.now ?? NOW, ...opts });
}

describe('parseRateLimitHeaders', () => {
  it('reads the draft-08+ named policy lists (structured fields)', () => {
    expect(
      parse({
        'RateLimit-Policy': '"burst";q=100;w=60, "daily";q=1000;w=86400',
        RateLimit: '"burst";r=50;t=30',
      }),
    ).toEqual({
      scheme: 'ietf-ratelimit-draft-08+',
      policy: 'burst',
      limit: 100,
      remaining: 50,
      windowSeconds: 60,
      resetSeconds: 30,
    });
  });

  it('picks the draft-08 policy with the least remaining, and its own quota and window', () => {
    const h = parse({
      'RateLimit-Policy': '"burst";q=100;w=60, "daily";q=1000;w=86400',
      RateLimit: '"burst";r=50;t=30, "daily";r=3;t=7200',
    });
    expect(h).toMatchObject({ policy: 'daily', limit: 1000, remaining: 3, windowSeconds: 86400 });
  });

  it('keeps a non-request quota unit (qu) out of the request limit', () => {
    const h = parse({ 'RateLimit-Policy': '"bytes";q=65536;qu="content-bytes";w=10' });
    expect(h?.scheme).toBe('ietf-ratelimit-draft-08+');
    expect(h?.limit).toBeUndefined();
    expect(h?.windowSeconds).toBe(10);
  });

  it('reads the draft-07 dictionary with its policy window', () => {
    expect(
      parse({ RateLimit: 'limit=100, remaining=50, reset=5', 'RateLimit-Policy': '100;w=60' }),
    ).toEqual({
      scheme: 'ietf-ratelimit-draft-07',
      limit: 100,
      remaining: 50,
      windowSeconds: 60,
      resetSeconds: 5,
    });
  });

  it('reads the draft 00–06 RateLimit-Limit/Remaining/Reset fields', () => {
    expect(
      parse({ 'RateLimit-Limit': '100', 'RateLimit-Remaining': '7', 'RateLimit-Reset': '12' }),
    ).toEqual({
      scheme: 'ratelimit-legacy',
      limit: 100,
      remaining: 7,
      resetSeconds: 12,
    });
    // Drafts 01–03 allowed a quota-policy tail after the number.
    expect(parse({ 'RateLimit-Limit': '100, 100;w=60' })?.limit).toBe(100);
  });

  it('reads X-RateLimit-* and X-Rate-Limit-*, with GitHub-style used and Kong-style window suffixes', () => {
    expect(parse({ 'X-RateLimit-Limit': '5000', 'X-RateLimit-Remaining': '4999' })).toMatchObject({
      scheme: 'x-ratelimit',
      limit: 5000,
      remaining: 4999,
    });
    expect(parse({ 'X-Rate-Limit-Limit': '60', 'X-Rate-Limit-Remaining': '0' })?.remaining).toBe(0);
    expect(parse({ 'x-ratelimit-remaining': '10', 'x-ratelimit-used': '50' })?.limit).toBe(60);
    expect(
      parse({ 'X-RateLimit-Limit-Minute': '90', 'X-RateLimit-Remaining-Minute': '80' }),
    ).toMatchObject({
      limit: 90,
      remaining: 80,
      windowSeconds: 60,
    });
  });

  it('normalises reset given as delta seconds, epoch seconds (fractional) and epoch ms', () => {
    const reset = (value: string) =>
      parse({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Reset': value })?.resetSeconds;
    expect(reset('30')).toBe(30);
    expect(reset(String(NOW_S + 45))).toBe(45);
    expect(reset((NOW_S + 1.5).toFixed(3))).toBe(1.5);
    expect(reset(String(NOW + 20_000))).toBe(20);
    // A reset already past is "now", not negative.
    expect(reset(String(NOW_S - 100))).toBe(0);
  });

  it('measures an epoch reset against the Date header rather than the time the log is read', () => {
    const date = new Date(NOW).toUTCString();
    const later = NOW + 3_600_000;
    const h = parse(
      { 'X-RateLimit-Limit': '10', 'X-RateLimit-Reset': String(NOW_S + 60), Date: date },
      { now: later },
    );
    expect(h?.resetSeconds).toBe(60);
  });

  it('prefers X-RateLimit-Reset-After (a delay by definition, Discord) over Reset', () => {
    const h = parse({
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Reset': String(NOW_S + 100),
      'X-RateLimit-Reset-After': '1.25',
    });
    expect(h?.resetSeconds).toBe(1.25);
  });

  it('ignores malformed values and never throws', () => {
    expect(parse({ RateLimit: '"p";r=oops', 'RateLimit-Policy': 'q=;;;' })).toBeUndefined();
    expect(parse({ 'X-RateLimit-Limit': 'lots', 'X-RateLimit-Remaining': '-3' })).toBeUndefined();
    expect(parse({ 'RateLimit-Policy': '"p";q=-5;w=0' })?.limit).toBeUndefined();
    expect(
      parse({ 'X-RateLimit-Limit': '10', 'X-RateLimit-Reset': 'tomorrow' })?.resetSeconds,
    ).toBeUndefined();
    expect(parse({})).toBeUndefined();
  });
});

describe('normaliseReset', () => {
  it('reads IMF-fixdate and RFC 3339 timestamps', () => {
    expect(normaliseReset(new Date(NOW + 90_000).toUTCString(), NOW)).toBe(90);
    expect(normaliseReset(new Date(NOW + 5_000).toISOString(), NOW)).toBe(5);
  });
});
