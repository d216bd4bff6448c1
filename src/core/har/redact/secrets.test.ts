import { describe, expect, it } from 'vitest';
import { SecretValues } from './secrets.ts';

/** Registers each value, erasing a string in between so that each falls into a layer of its own. */
function layered(values: string[]): SecretValues {
  const s = new SecretValues();
  for (const v of values) {
    s.add(v, false);
    s.erase('flush the pending pattern');
  }
  return s;
}

function together(values: string[]): SecretValues {
  const s = new SecretValues();
  for (const v of values) s.add(v, false);
  return s;
}

describe('SecretValues', () => {
  it('erases overlapping secrets leftmost-longest whether they were registered together or apart', () => {
    // Three values registered apart make two layers ([1, 2] and [3]); the third overlaps the first.
    const text = 'xyzabc123def and abcdefgh-ij';
    for (const values of [
      ['abc123def', 'defgh-ij', 'xyzabc123'],
      ['xyzabc123', 'abcdefgh', 'abc123def'],
    ]) {
      const one = together(values).erase(text);
      expect(layered(values).erase(text)).toBe(one);
      expect(one).toMatch(/^\[REDACTED\]def and /);
    }
  });

  it('lists the values it would erase, by the value that owns each form', () => {
    const s = layered(['a b c d', 'token-123456']);
    expect([...s.valuesIn('q=a%20b%20c%20d&t=token-123456 a+b+c+d')]).toEqual([
      'a b c d',
      'token-123456',
      'a b c d',
    ]);
    expect([...s.valuesIn('nothing here at all')]).toEqual([]);
  });

  it('numbers values in the order they were registered and counts forms two values share', () => {
    const s = together(['a b c d e', 'a+b+c+d+e']);
    expect(s.indexOf('a b c d e')).toBe(0);
    expect(s.indexOf('a+b+c+d+e')).toBe(1);
    expect(s.indexOf('unknown')).toBeUndefined();
    // "a b c d e" form-encoded is the second value itself.
    expect(s.sharedForms).toBe(1);
    expect(together(['token-123456', 'token-654321']).sharedForms).toBe(0);
  });
});
