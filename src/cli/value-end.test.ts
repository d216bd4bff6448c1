import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValueEnd } from './value-end.ts';

class Invalid extends Error {}

/**
 * Where ValueEnd says the value at the start of `text` ends, fed in chunks cut at `cuts`
 * (-1: not before the input's end). Offsets are in the whole text.
 */
function endOf(text: string, cuts: number[]): number {
  const bytes = Buffer.from(text);
  const v = new ValueEnd((b, i) => new Invalid(`byte ${b} at ${i}`));
  v.reset();
  let from = 0;
  for (const cut of [
    ...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b),
    bytes.length,
  ]) {
    if (cut <= from) continue;
    const end = v.find(bytes.subarray(from, cut), 0);
    if (end >= 0) return from + end;
    from = cut;
  }
  return v.endsAtEof ? bytes.length : -1;
}

const tricky = fc.oneof(
  fc.constantFrom('"', '\\', '\\\\', '\\"', '{', '}', '[', ']', ',', ':', ' ', 'é', '😀'),
  fc.string(),
);
const json = fc
  .letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.stringMatching(/^-?\d{1,6}(\.\d{1,3})?$/).map(Number),
      fc.constantFrom(true, false, null),
      fc.array(tricky).map((parts) => parts.join('')),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.array(tricky, { maxLength: 3 }).map((p) => p.join('')),
        tie('value'),
        {
          maxKeys: 4,
        },
      ),
    ),
  }))
  .value.chain((v) => fc.constantFrom(0, 1, '\t').map((indent) => JSON.stringify(v, null, indent)));

describe('ValueEnd', () => {
  it('ends a value where its JSON text ends, however the bytes are cut into chunks', () => {
    fc.assert(
      fc.property(
        json,
        fc.constantFrom(',', '}', ']', ' ', ':'),
        fc.array(fc.nat(200)),
        (text, after, cuts) => {
          expect(endOf(text + after, cuts)).toBe(Buffer.byteLength(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('ends a number or literal at the end of the input, and nothing else', () => {
    expect(endOf('123', [1, 2])).toBe(3);
    expect(endOf('true', [])).toBe(4);
    expect(endOf('"abc', [2])).toBe(-1);
    expect(endOf('{"a":1', [])).toBe(-1);
    expect(endOf('"a\\"', [3])).toBe(-1);
  });

  it('counts backslashes carried across chunks: \\\\" ends the string, \\" does not', () => {
    const ended = '"x\\\\"';
    const escaped = '"x\\"y"';
    for (let cut = 1; cut < ended.length; cut++) {
      expect(endOf(`${ended},`, [cut])).toBe(ended.length);
      expect(endOf(`${escaped},`, [cut])).toBe(escaped.length);
    }
    expect(endOf(`"${'\\'.repeat(1001)}""`, [300, 600, 900])).toBe(1004);
  });

  it('refuses an opening bracket right after a scalar', () => {
    expect(() => endOf('12[', [])).toThrow(Invalid);
  });
});
