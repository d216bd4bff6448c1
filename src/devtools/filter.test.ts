import { describe, expect, it } from 'vitest';
import { type Filterable, matches, parseFilter, tokenize } from './filter.ts';

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
    const f = parseFilter('larger-than:1k');
    expect(f.clauses[0]!.kind).toBe('text');
    expect(f.errors).toEqual([]);
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
