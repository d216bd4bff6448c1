import { describe, expect, it } from 'vitest';
import { type Filterable, matches, parseFilter, tokenize } from './filter.ts';
import { harEntry } from './test-support.ts';

function row(over: Partial<Filterable> = {}): Filterable {
  const url = over.url ?? 'https://api.aurorasolar.com/v2/projects/123';
  return {
    url,
    host: new URL(url).host,
    method: 'GET',
    status: 200,
    profile: 'aurora',
    verdict: 'none',
    isError: false,
    haystack: url.toLowerCase(),
    entry: harEntry({ url }),
    ...over,
  };
}
const keep = (filter: string, r: Filterable) => matches(parseFilter(filter), r);

describe('filter language', () => {
  it('matches everything when empty', () => {
    expect(keep('', row())).toBe(true);
    expect(keep('   ', row({ status: 500 }))).toBe(true);
  });

  it('matches free text case-insensitively against the haystack', () => {
    expect(keep('PROJECTS', row())).toBe(true);
    expect(keep('designs', row())).toBe(false);
    expect(keep('quota', row({ haystack: 'x rate quota exceeded' }))).toBe(true);
  });

  it('requires every clause (AND) and negates a clause with a leading dash', () => {
    expect(keep('projects method:get', row())).toBe(true);
    expect(keep('projects method:post', row())).toBe(false);
    expect(keep('-projects', row())).toBe(false);
    expect(keep('-method:post', row())).toBe(true);
  });

  it('keeps quoted text with spaces as one clause', () => {
    expect(tokenize('"not found" -"a b" x')).toEqual(['not found', '-a b', 'x']);
    expect(keep('"not found"', row({ haystack: 'resource not found' }))).toBe(true);
    expect(keep('"found not"', row({ haystack: 'resource not found' }))).toBe(false);
  });

  it('treats /…/ as a case-insensitive regular expression over the URL', () => {
    expect(keep('/projects\\/\\d+$/', row())).toBe(true);
    expect(keep('/DESIGNS/', row())).toBe(false);
    expect(keep('-/v2/', row())).toBe(false);
  });

  it('reports an invalid regex and falls back to text', () => {
    const f = parseFilter('/(unclosed/');
    expect(f.errors[0]).toMatch(/invalid regular expression/);
    expect(f.clauses[0]!.kind).toBe('text');
  });

  it('matches status-code: exactly, and a class like 4xx', () => {
    expect(keep('status-code:404', row({ status: 404 }))).toBe(true);
    expect(keep('status-code:404', row({ status: 400 }))).toBe(false);
    expect(keep('status-code:4xx', row({ status: 429 }))).toBe(true);
    expect(keep('-status-code:2xx', row({ status: 204 }))).toBe(false);
    expect(parseFilter('status-code:abc').errors).toHaveLength(1);
  });

  it('matches domain: exactly or with * wildcards', () => {
    expect(keep('domain:api.aurorasolar.com', row())).toBe(true);
    expect(keep('domain:*.aurorasolar.com', row())).toBe(true);
    expect(keep('domain:aurorasolar.com', row())).toBe(false);
    expect(keep('domain:*.neo4j.io', row())).toBe(false);
  });

  it('matches our own profile:, verdict: and is:error', () => {
    const err = row({ status: 429, verdict: 'after', isError: true });
    expect(keep('profile:aurora verdict:after is:error', err)).toBe(true);
    expect(keep('profile:evrythng', err)).toBe(false);
    expect(keep('verdict:fix', err)).toBe(false);
    expect(keep('-is:error', err)).toBe(false);
    expect(keep('is:error', row())).toBe(false);
    expect(parseFilter('is:weird').errors[0]).toMatch(/is: knows/);
  });

  it('treats an unknown key:value as text, like the Network panel', () => {
    const f = parseFilter('smaller-than:1k');
    expect(f.clauses[0]!.kind).toBe('text');
    expect(f.errors).toEqual([]);
  });

  it('regex flags work, and /x/g matches every row, not every other one (lastIndex)', () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      row({ url: `https://api.example.com/v1/items/${i}` }),
    );
    const f = parseFilter('/items/g');
    expect(rows.map((r) => matches(f, r))).toEqual(Array(6).fill(true));
    expect(rows.filter((r) => matches(parseFilter('/ITEMS/[0-2]$/gy'), r))).toHaveLength(3);
    expect(keep('/^https://api.*items.3$/s', rows[3]!)).toBe(true);
    expect(parseFilter('/x/q').errors[0]).toMatch(
      /invalid regular expression \/x\/q .*unknown flag/,
    );
  });
});

describe("Chrome's filter keys", () => {
  const entry = (init: Parameters<typeof harEntry>[0]) => {
    const e = harEntry(init);
    return row({ url: e.request.url, host: new URL(e.request.url).host, entry: e });
  };
  const big = entry({
    body: 'x'.repeat(2048),
    contentType: 'application/problem+json; charset=utf-8',
  });
  const small = entry({ url: 'http://api.example.com/v1beta3/things', body: '{}' });

  it('larger-than: bytes, k = 1024, M = 1024²', () => {
    expect(keep('larger-than:2000', big)).toBe(true);
    expect(keep('larger-than:2k', big)).toBe(false);
    expect(keep('larger-than:1k', big)).toBe(true);
    expect(keep('larger-than:1K', big)).toBe(true);
    expect(keep('larger-than:1M', big)).toBe(false);
    expect(keep('-larger-than:1k', small)).toBe(true);
    expect(parseFilter('larger-than:lots').errors[0]).toMatch(/larger-than: expects/);
  });

  it('mime-type: the media type without parameters', () => {
    expect(keep('mime-type:application/problem+json', big)).toBe(true);
    expect(keep('mime-type:application/json', big)).toBe(false);
    expect(keep('mime-type:application/json', small)).toBe(true);
  });

  it('scheme: and url:', () => {
    expect(keep('scheme:http', small)).toBe(true);
    expect(keep('scheme:https', small)).toBe(false);
    expect(keep('url:/v1beta3/', small)).toBe(true);
    expect(keep('url:api.*/things', small)).toBe(true);
    expect(keep('url:/v1/', small)).toBe(false);
  });

  it('has-response-header: any case, any value', () => {
    const r = entry({ status: 429, responseHeaders: { 'Retry-After': '30' } });
    expect(keep('has-response-header:retry-after', r)).toBe(true);
    expect(keep('has-response-header:Retry-After', r)).toBe(true);
    expect(keep('has-response-header:x-request-id', r)).toBe(false);
  });

  it("resource-type: DevTools' type (fetch, xhr, preflight…)", () => {
    const xhr = entry({ resourceType: 'xhr' });
    expect(keep('resource-type:xhr', xhr)).toBe(true);
    expect(keep('resource-type:fetch', xhr)).toBe(false);
    expect(keep('resource-type:fetch', small)).toBe(true);
  });

  it('a key never reads Object.prototype: constructor: and __proto__: are text', () => {
    expect(parseFilter('constructor:x').clauses[0]!.kind).toBe('text');
    expect(parseFilter('__proto__:x').clauses[0]!.kind).toBe('text');
    expect(parseFilter('is:constructor').errors[0]).toMatch(/is: knows/);
  });
});

describe('filter language on hostile input', () => {
  const long = row({ url: `https://api.example.com/${'a'.repeat(50_000)}!` });

  it('matches a catastrophic-backtracking regex in linear time', () => {
    const f = parseFilter('/\\/(a+)+$/');
    expect(f.errors).toEqual([]);
    expect(matches(f, long)).toBe(false);
    expect(keep('/\\/(a+)+!$/', long)).toBe(true);
  });

  it('refuses a backreference with a reason instead of running it', () => {
    const f = parseFilter('/(a+)\\1/');
    expect(f.errors[0]).toMatch(/^invalid regular expression \/\(a\+\)\\1\/ \(RE2 syntax/);
  });

  it('matches domain wildcards with many stars without backtracking', () => {
    const host = `${'a'.repeat(5_000)}.example.com`;
    expect(keep(`domain:${'*a'.repeat(30)}*b`, row({ host }))).toBe(false);
    expect(keep('domain:*.example.com', row({ host }))).toBe(true);
  });

  it('treats is:constructor and is:__proto__ as unknown values, not Object.prototype members', () => {
    for (const v of ['constructor', '__proto__', 'toString']) {
      const f = parseFilter(`is:${v}`);
      expect(f.errors, v).toEqual([`is: knows error, ok, not "${v}"`]);
    }
  });
});
