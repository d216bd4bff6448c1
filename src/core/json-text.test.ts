import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringifyIterative } from './json-text.ts';

describe('stringifyIterative', () => {
  it('writes what JSON.stringify writes, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(stringifyIterative(v)).toBe(JSON.stringify(v));
      }),
      { numRuns: 500 },
    );
  });

  it('follows JSON.stringify on the values JSON lacks: undefined, functions, NaN, toJSON, -0', () => {
    const odd = {
      u: undefined,
      f: () => 1,
      n: Number.NaN,
      inf: -Infinity,
      z: -0,
      arr: [undefined, () => 1, Symbol('s'), 1],
      date: new Date(0),
      custom: { toJSON: (key: string) => `key:${key}` },
      nested: { toJSON: () => undefined },
      '__proto__-like': { __proto__: null },
    };
    expect(stringifyIterative(odd)).toBe(JSON.stringify(odd));
    expect(stringifyIterative(undefined)).toBeUndefined();
    expect(() => stringifyIterative({ b: 1n })).toThrow(TypeError);
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(() => stringifyIterative(loop)).toThrow(/circular/);
  });

  it('serialises a value nested 200,000 deep, where JSON.stringify overflows the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = i % 2 ? { a: deep } : [deep];
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    const text = stringifyIterative(deep)!;
    expect(text).toBe(`${'{"a":['.repeat(100_000)}1${']}'.repeat(100_000)}`);
  });
});
