import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FILTER_KEYS, type Filterable } from './filter-keys.ts';
import { applySuggestion, suggest } from './filter-suggest.ts';
import { harEntry } from './test-support.ts';

function row(url: string, status: number, headers: Record<string, string> = {}): Filterable {
  const entry = harEntry({ url, status, responseHeaders: headers });
  return {
    url,
    host: new URL(url).host,
    method: 'GET',
    status,
    profile: 'generic',
    verdict: 'none',
    isError: status >= 400,
    haystack: url,
    entry,
  };
}
const rows = [
  row('https://api.neo4j.io/v1/instances', 500, { 'X-Request-Id': 'a' }),
  row('https://api.neo4j.io/v1/instances/x', 404, { 'X-Request-Id': 'b' }),
  row('https://hal.apilens.test/orders', 429, { 'Retry-After': '30' }),
];

describe('filter suggestions', () => {
  it('suggests keys for a word without a colon', () => {
    const s = suggest('is:error st', 11, rows);
    expect(s.items.map((i) => i.text)).toEqual(['status-code:']);
    expect(suggest('-re', 3, rows).items.map((i) => i.text)).toEqual(['-resource-type:']);
    expect(suggest('', 0, rows).items).toHaveLength(Math.min(12, FILTER_KEYS.length));
  });

  it("suggests a key's values seen in the session, most frequent first", () => {
    expect(suggest('domain:', 7, rows).items.map((i) => i.label)).toEqual([
      'api.neo4j.io',
      'hal.apilens.test',
    ]);
    expect(suggest('has-response-header:x', 21, rows).items.map((i) => i.label)).toEqual([
      'x-request-id',
    ]);
    expect(suggest('verdict:', 8, []).items.map((i) => i.label)).toContain('unsafe');
    expect(suggest('larger-than:1', 13, []).items.map((i) => i.label)).toEqual([
      '100k',
      '10k',
      '1k',
      '1M',
    ]);
    expect(suggest('nokey:', 6, rows).items).toEqual([]);
  });

  it('replaces the word under the caret and leaves the rest', () => {
    const input = 'is:error sta -x';
    const s = suggest(input, 12, rows);
    const first = applySuggestion(input, s, s.items[0]!);
    expect(first).toEqual({ value: 'is:error status-code:-x', caret: 21 });
    const v = suggest('status-code:5', 13, rows);
    expect(applySuggestion('status-code:5', v, v.items[0]!)).toEqual({
      value: 'status-code:500 ',
      caret: 16,
    });
  });
});

describe('README', () => {
  it('has a row for every filter key, and no other', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Filtering'));
    const table = section.slice(0, section.indexOf('\n\n', section.indexOf('| key |')));
    const keys = [...table.matchAll(/^\| `([a-z-]+):/gm)].map((m) => m[1]);
    expect(keys).toEqual(FILTER_KEYS.map((k) => k.key));
  });
});
