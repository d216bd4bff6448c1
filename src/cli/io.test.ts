import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliError, writeJsonFile } from './io.ts';

const dir = mkdtempSync(join(tmpdir(), 'apilens-io-'));

describe('writeJsonFile', () => {
  it('writes exactly what JSON.stringify(value, null, 2) would, streaming the named array', () => {
    const file = join(dir, 'a.json');
    fc.assert(
      fc.property(
        fc.record({
          log: fc.record({
            version: fc.string(),
            entries: fc.array(fc.jsonValue(), { maxLength: 5 }),
            extra: fc.jsonValue(),
          }),
        }),
        (value) => {
          writeJsonFile(file, value, ['log', 'entries']);
          expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('handles empty arrays, undefined members and a missing stream path like JSON.stringify', () => {
    const file = join(dir, 'b.json');
    for (const value of [
      { log: { entries: [], a: undefined } },
      { other: [1, [2]] },
      { log: { entries: [undefined, 1] } },
    ]) {
      writeJsonFile(file, value, ['log', 'entries']);
      expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    }
  });

  it('says which file it cannot write', () => {
    expect(() => writeJsonFile(join(dir, 'missing-dir', 'x.json'), {}, [])).toThrow(CliError);
    expect(() => writeJsonFile(join(dir, 'missing-dir', 'x.json'), {}, [])).toThrow(
      /cannot write .*ENOENT/,
    );
  });
});
