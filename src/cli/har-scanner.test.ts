import { describe, expect, it } from 'vitest';
import { harEntry } from '../core/har/test-entry.ts';
import { onlyParts } from './har-parts.ts';
import { HarScanner } from './har-scanner.ts';
import { T0 } from './test-har.ts';

/** The raw entries the scanner hands over, read in chunks of `size` bytes. */
function raw(text: string, size: number, quickSplit: boolean) {
  const entries: string[] = [];
  const s = new HarScanner(
    onlyParts({ rawEntry: (bytes) => entries.push(bytes.toString()), quickSplit }),
  );
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, i + size));
  s.end();
  return { entries, quick: s.cut?.cuts ?? 0 };
}

const entries = Array.from({ length: 40 }, (_, i) =>
  harEntry({ at: T0 + i, status: i % 7 ? 200 : 500, body: '{"a":[{"b":1},{"c":"},{\\""}]}' }),
);

describe('HarScanner quickSplit', () => {
  it('cuts compact, pretty and tab-indented entries where the scan does, most with one indexOf', () => {
    for (const indent of [0, 2, '\t'])
      for (const size of [64, 1000, 1 << 20]) {
        const text = JSON.stringify(
          { log: { version: '1.2', entries, comment: 'x' } },
          null,
          indent,
        );
        const scanned = raw(text, size, false);
        const quick = raw(text, size, true);
        expect(quick.entries).toEqual(scanned.entries);
        expect(scanned.entries.map((e) => JSON.parse(e))).toEqual(entries);
        // Entries 0 and 1 teach it the cut; the last has none after it, and one that does not
        // end in the chunk it starts in is scanned.
        if (size === 1 << 20) expect(quick.quick).toBe(entries.length - 3);
      }
  });

  it('cuts wrongly where compact entries change their first key, in a way JSON.parse refuses', () => {
    const mixed = entries.map((e, i) => (i === 5 ? { pageref: 'p', ...e } : e));
    const text = JSON.stringify({ log: { entries: mixed } });
    const quick = raw(text, 1 << 20, true).entries;
    // Entry 4 runs on through entry 5, whose first key is not the cut's.
    expect(quick).toHaveLength(mixed.length - 1);
    expect(() => JSON.parse(quick[4]!)).toThrow(SyntaxError);
    expect(raw(text, 1 << 20, false).entries.map((e) => JSON.parse(e))).toEqual(mixed);
  });
});
