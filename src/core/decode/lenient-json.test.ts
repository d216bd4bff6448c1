import { describe, expect, it } from 'vitest';
import { extractMessagesFromHead, parseJsonLeniently, repairJson } from './lenient-json.ts';

describe('parseJsonLeniently', () => {
  it('parses valid JSON as JSON.parse does', () => {
    expect(parseJsonLeniently('{"a":[1,"x",null]}')).toEqual({
      ok: true,
      value: { a: [1, 'x', null] },
    });
  });

  it('drops trailing commas in objects and arrays', () => {
    expect(parseJsonLeniently('{"errors": ["a", "b",],\n}')).toEqual({
      ok: true,
      repaired: true,
      value: { errors: ['a', 'b'] },
    });
  });

  it('inserts a missing comma between members (after strings, numbers, literals, objects)', () => {
    expect(parseJsonLeniently('{"a": "x"\n "b": 2\n "c": true "d": {} "e": 1}')).toEqual({
      ok: true,
      repaired: true,
      value: { a: 'x', b: 2, c: true, d: {}, e: 1 },
    });
  });

  it('escapes raw line breaks and tabs inside strings', () => {
    expect(parseJsonLeniently('{"detail": "line one\nline\ttwo"}')).toEqual({
      ok: true,
      repaired: true,
      value: { detail: 'line one\nline\ttwo' },
    });
  });

  it('leaves escaped quotes and backslashes alone while repairing', () => {
    expect(parseJsonLeniently('{"m": "say \\"hi\\", \\\\",}')).toEqual({
      ok: true,
      repaired: true,
      value: { m: 'say "hi", \\' },
    });
  });

  it('gives up on text that is not JSON, without throwing', () => {
    expect(parseJsonLeniently('<html>')).toEqual({ ok: false });
    expect(parseJsonLeniently('{"a": ')).toEqual({ ok: false });
    expect(repairJson('plain text, no JSON')).toBe('plain text, no JSON');
  });
});

describe('extractMessagesFromHead', () => {
  it('pulls message-like members out of a cut JSON head, in order, unescaped', () => {
    const head =
      '{"error":{"message":"first \\"quoted\\"","details":[{"detail":"second"},{"reason":"thi';
    expect(extractMessagesFromHead(head)).toEqual(['first "quoted"', 'second']);
  });
});
