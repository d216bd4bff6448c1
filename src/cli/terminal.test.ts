import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeControls,
  escapeControlsKeepLines,
  mayNeedEscapes,
  terminalSafeJson,
} from './terminal.ts';

describe('terminal escaping', () => {
  it('shows ANSI, OSC, C1 and bidi controls as visible escapes', () => {
    expect(escapeControls('a\u001b[2Jb\u0007\u009b31m\u202ex\u2066\r\n\t')).toBe(
      'a\\x1b[2Jb\\x07\\x9b31m\\u202ex\\u2066\\x0d\\x0a\\x09',
    );
    expect(escapeControls('plain text — café ✓')).toBe('plain text — café ✓');
  });

  it('keeps the line breaks and tabs of our own messages', () => {
    expect(escapeControlsKeepLines('line\n\tnext \u001b]52;c;AAAA\u0007')).toBe(
      'line\n\tnext \\x1b]52;c;AAAA\\x07',
    );
  });

  it('escapes inside JSON text without changing its value', () => {
    const value = { s: 'x\u007f\u0085\u009b\u202e\u2069y', k: ['\u001b'] };
    const safe = terminalSafeJson(JSON.stringify(value));
    for (const ch of '\u007f\u0085\u009b\u202e\u2069') expect(safe).not.toContain(ch);
    expect(JSON.parse(safe)).toEqual(value);
  });
});

describe('mayNeedEscapes', () => {
  it('is true for every UTF-8 text terminalSafeJson would change (four byte scans, no regex)', () => {
    const risky = fc.constantFrom(
      '\u007f',
      '\u0085',
      '\u009b',
      '\u061c',
      '\u200e',
      '\u202e',
      '\u2069',
    );
    const text = fc
      .array(fc.oneof(fc.string({ unit: 'grapheme' }), risky), { maxLength: 8 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, (s) => {
        if (terminalSafeJson(s) !== s) expect(mayNeedEscapes(Buffer.from(s, 'utf8'))).toBe(true);
      }),
      { numRuns: 500 },
    );
    expect(mayNeedEscapes(Buffer.from('{"plain": "ASCII and é, 日本"}'))).toBe(false);
  });
});
