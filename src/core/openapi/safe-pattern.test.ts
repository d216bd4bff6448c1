import { describe, expect, it } from 'vitest';
import { loadOpenApi } from './load.ts';
import { PatternGuard } from './safe-pattern.ts';
import { validateBody } from './validate.ts';

const HOSTILE = ['^(a|a)*$', '^\\d*\\d*\\d*\\d*\\d*$', '^(a+)+$', '^(\\w+\\s?)+$', '^(.*a){12}$'];
// Unanchored forms: JSON Schema patterns are unanchored, so these are tried at every offset.
const HOSTILE_UNANCHORED = ['(a+)+', '(\\w+\\s?)+', '(.*a){12}', '(a|a)*b'];
const SAFE = ['^[a-z0-9-]+$', '^\\d{4}-\\d{2}-\\d{2}$', '^[A-Z]{3}$', 'abc'];

/** A document whose 200 response is an object: `name` has `pattern`, members match `keyed`. */
function load(pattern: string, keyed: string) {
  const r = loadOpenApi(
    JSON.stringify({
      openapi: '3.1.0',
      info: { title: 'T', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: {
                        name: { type: 'string', pattern },
                        tags: {
                          type: 'object',
                          patternProperties: { [keyed]: { type: 'integer' } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    }),
  );
  if (!r.ok) throw new Error(r.error);
  const info = r.profile.openapi!;
  const index = info.operations[0]!.responses[0]!.content[0]!.schema!;
  return { info, check: (body: unknown) => validateBody(info, index, body) };
}

describe('openapi: only patterns proven free of catastrophic backtracking reach the validator', () => {
  // Completing is the proof: V8 would take years on these strings with the hostile patterns.
  // The minute only absorbs a loaded machine; nothing here is timed.
  it.each([...HOSTILE, ...HOSTILE_UNANCHORED])(
    'drops %s from pattern and patternProperties, reports it, and a long hostile string is checked',
    { timeout: 60_000 },
    (p) => {
      const { info, check } = load(p, p);
      const s = info.schemas[0] as {
        properties: { name: { pattern?: string }; tags: { patternProperties: object } };
      };
      expect(s.properties.name.pattern).toBeUndefined();
      expect(Object.keys(s.properties.tags.patternProperties)).toEqual([]);
      expect(info.skipped.map((x) => x.at).sort()).toEqual([
        '/paths/~1a/get/responses/200/content/application~1json/schema/properties/name/pattern',
        '/paths/~1a/get/responses/200/content/application~1json/schema/properties/tags/patternProperties',
      ]);
      for (const x of info.skipped) expect(x.reason).toMatch(/backtrack/);

      const evil = `${'a'.repeat(50_000)}!`;
      const evilWords = `${'a '.repeat(25_000)}!`;
      const digits = `${'1'.repeat(50_000)}x`;
      for (const text of [evil, evilWords, digits])
        expect(check({ name: text, tags: { [text]: 1 } })?.valid).toBeTypeOf('boolean');
    },
  );

  it('refuses every anchored hostile pattern', () => {
    const guard = new PatternGuard();
    for (const p of HOSTILE) expect(guard.unsafe(p), p).toMatch(/backtrack/);
  });

  it.each(SAFE)('keeps and enforces %s', (p) => {
    const { info, check } = load(p, p);
    expect(info.skipped).toEqual([]);
    const ok = {
      '^[a-z0-9-]+$': 'my-slug-1',
      '^\\d{4}-\\d{2}-\\d{2}$': '2026-12-01',
      '^[A-Z]{3}$': 'EUR',
      abc: 'xabcx',
    }[p]!;
    const bad = {
      '^[a-z0-9-]+$': 'My Slug',
      '^\\d{4}-\\d{2}-\\d{2}$': '2026-12-1',
      '^[A-Z]{3}$': 'euro',
      abc: 'ab c',
    }[p]!;
    expect(check({ name: ok })).toEqual({ valid: true });
    const r = check({ name: bad });
    expect(r?.valid).toBe(false);
    expect(r?.errors?.[0]?.path).toBe('/name');
    // patternProperties: a member whose name matches must be an integer.
    expect(check({ tags: { [ok]: 'not an integer' } })?.valid).toBe(false);
    expect(check({ tags: { [bad]: 'any' } })).toEqual({ valid: true });
  });

  it('analyses a document of many costly patterns in bounded work', { timeout: 60_000 }, () => {
    const guard = new PatternGuard();
    const reasons = Array.from({ length: 40 }, (_, i) => guard.unsafe(`^(x${i}|x${i})*$`));
    expect(reasons.every((r) => r !== undefined)).toBe(true);
    expect(reasons.at(-1)).toMatch(/too many patterns/);
  });

  it('refuses back-references and invalid patterns', () => {
    const guard = new PatternGuard();
    expect(guard.unsafe('^(a)\\1$')).toMatch(/back-reference/);
    expect(guard.unsafe('^(?<x>a)\\k<x>$')).toMatch(/back-reference/);
    expect(guard.unsafe('([a-')).toBe('not a valid regular expression');
    expect(guard.unsafe(5)).toBe('not a string');
  });
});
