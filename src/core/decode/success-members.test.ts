import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody, JSON_DECODERS } from './index.ts';
import { maySucceedWithMembers } from './success-members.ts';

const SUCCESS = JSON_DECODERS.filter((d) => d.onSuccess);
const ctx = {
  status: 200,
  mediaType: 'application/json',
  headers: [],
  text: '',
  truncated: false,
  splitCommaSeparated: false,
};

/** What parsing tells: a success decoder matches the body. */
const matchesAfterParse = (text: string) =>
  SUCCESS.some((d) => d.decode(JSON.parse(text), { ...ctx, text }) !== null);

describe('maySucceedWithMembers', () => {
  it('says no when the names of interest appear only below the top level', () => {
    const items = Array.from({ length: 50 }, (_, i) => ({
      id: i,
      nested: { ok: false, _links: { self: { href: '/x' } }, errors: ['e'] },
    }));
    expect(maySucceedWithMembers(JSON.stringify({ data: items }))).toBe(false);
    expect(maySucceedWithMembers('{"a":{"b":{"success":false,"errors":[1]}}}')).toBe(false);
  });

  it('says yes for a top-level member of interest, wherever it is', () => {
    const big = { data: Array.from({ length: 50 }, (_, i) => ({ ok: false, i })) };
    expect(maySucceedWithMembers(JSON.stringify({ ...big, ok: false }))).toBe(true);
    expect(maySucceedWithMembers('{ "_links" :\n{"self":{"href":"/"}}}')).toBe(true);
    expect(maySucceedWithMembers('{"x":"}]{[","errors" : [{"message":"m"}]}')).toBe(true);
  });

  it('says no when a top-level name holds what its decoder ignores', () => {
    expect(maySucceedWithMembers('{"ok":true,"success":true,"errors":null,"_links":[]}')).toBe(
      false,
    );
  });

  it('is not fooled by names inside strings, escaped quotes or brackets in strings', () => {
    expect(maySucceedWithMembers('{"note":"say \\"ok\\": false","v":{"ok":false}}')).toBe(false);
    expect(maySucceedWithMembers('{"a":"\\\\","b":"{","ok":false}')).toBe(true);
    expect(maySucceedWithMembers('{"a":"\\\\","b":"{","c":{"ok":false}}')).toBe(false);
  });

  it('says yes for a name spelled with \\u escapes, and reads past escapes in values', () => {
    expect(maySucceedWithMembers('{"\\u006fk":false}')).toBe(true);
    expect(maySucceedWithMembers('{"\\u005f\\u006cinks":{}}')).toBe(true);
    expect(maySucceedWithMembers('{"name":"caf\\u00e9","v":[{"ok":false}]}')).toBe(false);
    expect(maySucceedWithMembers('{"name":"caf\\u00e9","ok":false}')).toBe(true);
  });

  it('never says no where a success decoder would match the parsed body (property)', () => {
    const name = fc.constantFrom('ok', 'success', 'errors', '_links', '_embedded', 'data', 'x');
    const leaf = fc.oneof(
      fc.boolean(),
      fc.integer(),
      fc.constantFrom('"', '\\', '{', ']', '"ok":false', 'caf\u00e9'),
      fc.string(),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        leaf,
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(name, tie('node'), { maxKeys: 4 }),
        fc.constant({ message: 'm', path: ['a'] }),
        fc.constant({ self: { href: '/h' } }),
      ),
    })).node;
    const body = fc.dictionary(name, value, { maxKeys: 5 });
    fc.assert(
      fc.property(body, fc.boolean(), fc.boolean(), (obj, spaced, escaped) => {
        let text = JSON.stringify(obj, null, spaced ? 1 : undefined);
        // Non-ASCII escaped, as Python's json.dumps writes it: keys may then be escaped too.
        if (escaped)
          text = text.replace(/"(?:[^"\\]|\\.)*"/g, (str) =>
            str.replace(/[a-z]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`),
          );
        if (matchesAfterParse(text)) expect(maySucceedWithMembers(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('decodeBody on 2xx', () => {
  it('decodes the same whether or not the body had to be parsed', () => {
    const items = JSON.stringify({ data: [{ ok: false, _links: { self: { href: '/' } } }] });
    expect(decodeBody({ status: 200, mimeType: 'application/json', text: items })).toEqual({
      format: 'json',
      isError: false,
      messages: [],
    });
    expect(
      decodeBody({ status: 200, mimeType: 'application/json', text: '{"ok":false,"error":"x"}' }),
    ).toMatchObject({ format: 'ok-false', isError: true, code: 'x' });
  });
});
