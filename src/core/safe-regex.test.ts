import { describe, expect, it } from 'vitest';
import { compileUserRegex } from './safe-regex.ts';

describe('compileUserRegex', () => {
  it('answers a catastrophic-backtracking pattern at once (a backtracking engine never returns)', () => {
    const c = compileUserRegex('^/(a+)+$');
    if (!c.ok) throw new Error(c.error);
    // V8 would take ~2^40 steps here; a linear-time engine reads 41 characters per start.
    expect(c.re.test(`/${'a'.repeat(40)}!`)).toBe(false);
    expect(c.re.test(`/${'a'.repeat(100_000)}!`)).toBe(false);
    expect(c.re.test('/aaaa')).toBe(true);
  });

  it('also answers nested and overlapping quantifiers on long input', () => {
    for (const p of ['^(a|a)*$', '^(a|aa)+$', '^(\\w+\\s?)+$', '^(([a-z])+.)+[A-Z]([a-z])+$']) {
      const c = compileUserRegex(p);
      if (!c.ok) throw new Error(`${p}: ${c.error}`);
      expect(c.re.test(`${'a'.repeat(50_000)}!`), p).toBe(false);
    }
  });

  it('refuses backreferences and lookaround, saying what RE2 does not support', () => {
    const back = compileUserRegex('^(a+)\\1$');
    expect(back).toEqual({ ok: false, error: 'invalid escape sequence: `\\1`' });
    const ahead = compileUserRegex('^/v1(?=/)');
    expect(ahead.ok).toBe(false);
    if (!ahead.ok) expect(ahead.error).toMatch(/unsupported Perl syntax: `\(\?=`/);
  });

  it('maps the JavaScript flags it can (i, m, s), ignores stateful ones and refuses unknown ones', () => {
    const i = compileUserRegex('^/V1', 'gi');
    expect(i.ok && i.re.test('/v1/x')).toBe(true);
    const s = compileUserRegex('a.b', 's');
    expect(s.ok && s.re.test('a\nb')).toBe(true);
    const m = compileUserRegex('^b$', 'm');
    expect(m.ok && m.re.test('a\nb\nc')).toBe(true);
    expect(compileUserRegex('a', 'x')).toEqual({ ok: false, error: 'unknown flag "x"' });
  });

  it('keeps the JavaScript syntax profiles use: anchors, classes, escapes, alternation', () => {
    const c = compileUserRegex('^/v1beta3(/|$)');
    expect(c.ok && c.re.test('/v1beta3/instances')).toBe(true);
    expect(c.ok && c.re.test('/v1beta30')).toBe(false);
    const d = compileUserRegex('designs\\/\\d+');
    expect(d.ok && d.re.test('/designs/42')).toBe(true);
  });
});
