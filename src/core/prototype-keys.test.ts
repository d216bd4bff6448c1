import { describe, expect, it } from 'vitest';
import { EntryAnnotation } from './annotation.ts';
import { decodeEntities } from './decode/markup.ts';
import { createEngine } from './engine.ts';
import { annotateHar } from './har/annotate.ts';
import { harEntry } from './har/test-entry.ts';
import { BUILTIN_PROFILES, parseUserProfiles, statusMeaning } from './profiles/index.ts';

// Names Object.prototype answers for: a lookup keyed by data must never see them.
const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const EVRYTHNG = 'https://api.evrythng.com/thngs';

describe('data never reaches Object.prototype', () => {
  it('an error code named like an Object.prototype member has no documented meaning, in every profile', () => {
    const engine = createEngine();
    for (const code of PROTO_KEYS) {
      for (const url of ['https://api.example.com/x', EVRYTHNG]) {
        const a = engine.annotate(
          harEntry({ url, status: 400, body: JSON.stringify({ error: { code, message: 'm' } }) }),
        );
        expect(a.error?.code, `${code} at ${url}`).toBe(code);
        expect(a.error && 'codeMeaning' in a.error, `${code} at ${url}`).toBe(false);
        expect(EntryAnnotation.safeParse(a).success).toBe(true);
      }
    }
  });

  it('keeps field errors named __proto__ or constructor as own fields of a prototype-free object', () => {
    const a = createEngine().annotate(
      harEntry({
        status: 422,
        body: '{"errors":{"__proto__":["bad proto"],"constructor":["bad ctor"]}}',
      }),
    );
    const fe = a.error?.fieldErrors ?? {};
    expect(Object.getPrototypeOf(fe)).toBeNull();
    expect(Object.keys(fe)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(fe, '__proto__')?.value).toEqual(['bad proto']);
    expect(JSON.parse(JSON.stringify(a)).error.fieldErrors).toEqual(
      JSON.parse('{"__proto__":["bad proto"],"constructor":["bad ctor"]}'),
    );
  });

  it('gives an annotation that structured clone accepts (the panel posts it from its decode worker), even for a body over 1 MB', () => {
    const body = JSON.stringify({ error: { code: 'constructor', message: 'x'.repeat(1_200_000) } });
    const a = createEngine().annotate(harEntry({ status: 400, body }));
    expect(() => structuredClone(a)).not.toThrow();
    expect(structuredClone(a)).toEqual(a);
  });

  it('summarises methods, statuses and header names like __proto__ as data', () => {
    const har = annotateHar({
      log: {
        version: '1.2',
        creator: { name: 't', version: '1' },
        entries: [
          harEntry({ method: '__proto__', status: 404, requestHeaders: { __proto__: 'x' } }),
          harEntry({ method: 'constructor', status: 404, responseHeaders: { constructor: 'y' } }),
        ],
      },
    });
    const log = (har.log as unknown as { _apiLens: unknown })._apiLens;
    const round = JSON.parse(JSON.stringify(log));
    expect(round.byStatusClass).toEqual({ '4xx': 2 });
    expect(round.errorGroups.map((g: { method: string }) => g.method)).toEqual([
      '__PROTO__',
      'CONSTRUCTOR',
    ]);
  });

  it('answers statuses from a profile’s own table only', () => {
    const profile = BUILTIN_PROFILES.find((p) => p.id === 'evrythng')!;
    expect(statusMeaning(404, profile).source).toBe('profile');
    const meaning = statusMeaning(499, { ...profile, statuses: {} });
    expect(meaning.source).toBe('rfc');
  });

  it('merges a user profile’s __proto__ member as a member, never as the prototype', () => {
    const r = parseUserProfiles(
      '{"id":"mine","name":"Mine","extends":"hal-problem","__proto__":{"pollingAdvice":"evil"},"match":{"hosts":["a.test"]}}',
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.profiles[0]!.pollingAdvice).toBeUndefined();
    expect(Object.getPrototypeOf(r.profiles[0])).toBe(Object.prototype);
  });

  it('leaves unknown entities such as &constructor; as written', () => {
    expect(decodeEntities('a &constructor; &__proto__; &amp; b')).toBe(
      'a &constructor; &__proto__; & b',
    );
  });
});
