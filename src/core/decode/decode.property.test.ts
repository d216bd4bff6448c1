import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BodyInput,
  type DecodeContext,
  type Decoded,
  decodeBody,
  JSON_DECODERS,
} from './index.ts';
import { MAX_MESSAGE_CHARS, MAX_MESSAGES } from './normalize.ts';
import { isErrorStatus, MAX_FIELDS, MAX_ITEMS } from './util.ts';

/**
 * DESIGN.md "Testing": no decoder throws or hangs on any input. Hanging is checked by counting
 * work (property reads on the parsed value), never by timing.
 */

function expectBounded(result: Decoded, status: number): void {
  expect(typeof result.format).toBe('string');
  expect(result.format).not.toBe('');
  if (isErrorStatus(status)) expect(result.isError).toBe(true);
  expect(result.messages.length).toBeLessThanOrEqual(MAX_MESSAGES);
  expect(new Set(result.messages).size).toBe(result.messages.length);
  for (const message of result.messages) {
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
    expect(message).toBe(message.trim());
  }
  expect(result.hal?.links.length ?? 0).toBeLessThanOrEqual(MAX_ITEMS);
  for (const link of result.hal?.links ?? [])
    expect(link.href.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  expect(result.hal?.embedded.length ?? 0).toBeLessThanOrEqual(MAX_FIELDS);
  const fields = Object.entries(result.fieldErrors ?? {});
  expect(fields.length).toBeLessThanOrEqual(MAX_FIELDS);
  for (const [, list] of fields) {
    expect(list.length).toBeGreaterThan(0);
    expect(list.length).toBeLessThanOrEqual(MAX_ITEMS);
  }
}

function decodeChecked(input: BodyInput): Decoded {
  const result = decodeBody(input);
  expectBounded(result, input.status);
  return result;
}

const statuses = fc.oneof(
  fc.constantFrom(0, 200, 204, 400, 401, 404, 422, 429, 500, 503),
  fc.integer({ min: -5, max: 999 }),
);
const mimeTypes = fc.constantFrom(
  undefined,
  '',
  'application/json',
  'application/problem+json',
  'application/problem+xml',
  'application/hal+json',
  'application/xml',
  'text/xml; charset=utf-8',
  'text/html',
  'text/plain',
  'application/octet-stream',
  'image/png',
);

/** Members the decoders branch on, so generated objects reach deep into every decoder. */
const KEYS = [
  'error',
  'errors',
  'message',
  'detail',
  'title',
  'type',
  'status',
  'code',
  'instance',
  'kind',
  'reason',
  'details',
  'causes',
  'data',
  'ok',
  'success',
  '_links',
  '_embedded',
  'href',
  'name',
  'debug_id',
  'moreInfo',
  '__type',
  'loc',
  'msg',
  'source',
  'pointer',
  'field',
  'errorMessages',
  'innererror',
  '@type',
  'extensions',
  '_errors',
  'issues',
  'invalid-params',
  'description',
  'request_id',
  'retry_after',
];
const shaped: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 6 }),
    fc.array(tie('node'), { maxLength: 4 }),
  ),
})).node;

describe('decodeBody never throws and keeps its output bounded', () => {
  it('on arbitrary strings, under any status and media type', () => {
    fc.assert(
      fc.property(
        statuses,
        mimeTypes,
        fc.string({ unit: 'binary', maxLength: 300 }),
        (status, mimeType, text) => {
          decodeChecked({ status, text, ...(mimeType !== undefined ? { mimeType } : {}) });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary JSON values', () => {
    fc.assert(
      fc.property(statuses, mimeTypes, fc.jsonValue(), (status, mimeType, value) => {
        decodeChecked({
          status,
          text: JSON.stringify(value),
          ...(mimeType !== undefined ? { mimeType } : {}),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('on JSON built from the members the decoders look for', () => {
    fc.assert(
      fc.property(statuses, mimeTypes, shaped, fc.boolean(), (status, mimeType, value, split) => {
        const input = {
          status,
          text: JSON.stringify(value) ?? '',
          ...(mimeType !== undefined ? { mimeType } : {}),
        };
        expectBounded(decodeBody(input, { splitCommaSeparated: split }), status);
      }),
      { numRuns: 1000 },
    );
  });

  it('on markup-like strings (tags, entities, unclosed elements)', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '</',
      '<a',
      '<Error>',
      '</Error>',
      '<Message>',
      '</Message>',
      '<i>',
      '</i>',
      '<html>',
      '<title>',
      '<p>',
      '<!--',
      '-->',
      '<script>',
      '&amp;',
      '&#x1F600;',
      '&#99999999;',
      'soap:Envelope',
      'Fault',
      'x',
      ' ',
      '\n',
    );
    fc.assert(
      fc.property(
        statuses,
        mimeTypes,
        fc.array(piece, { maxLength: 80 }),
        (status, mimeType, pieces) => {
          decodeChecked({
            status,
            text: pieces.join(''),
            ...(mimeType !== undefined ? { mimeType } : {}),
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('on arbitrary base64 payloads of arbitrary bytes', () => {
    fc.assert(
      fc.property(
        statuses,
        mimeTypes,
        fc.uint8Array({ maxLength: 200 }),
        (status, mimeType, bytes) => {
          const text = Buffer.from(bytes).toString('base64');
          decodeChecked({
            status,
            text,
            encoding: 'base64',
            ...(mimeType !== undefined ? { mimeType } : {}),
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Wraps a value so that every property read, key listing and descriptor lookup is counted. */
function counted(value: unknown, counter: { reads: number }): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const cache = new WeakMap<object, unknown>();
  const wrap = (target: object): unknown => {
    const known = cache.get(target);
    if (known) return known;
    const proxy = new Proxy(target, {
      get(t, key, receiver) {
        counter.reads++;
        const child: unknown = Reflect.get(t, key, receiver);
        return typeof child === 'object' && child !== null ? wrap(child) : child;
      },
      has(t, key) {
        counter.reads++;
        return Reflect.has(t, key);
      },
      ownKeys(t) {
        counter.reads++;
        return Reflect.ownKeys(t);
      },
      getOwnPropertyDescriptor(t, key) {
        counter.reads++;
        return Reflect.getOwnPropertyDescriptor(t, key);
      },
    });
    cache.set(target, proxy);
    return proxy;
  };
  return wrap(value);
}

const ctx: DecodeContext = {
  status: 400,
  mediaType: 'application/problem+json',
  headers: [],
  text: '',
  truncated: false,
  splitCommaSeparated: true,
};

/** Bodies whose size is N along one axis, shaped to reach each decoder's loops. */
function hugeBodies(n: number): unknown[] {
  const strings = Array.from({ length: n }, (_, i) => `message ${i}`);
  const objects = Array.from({ length: n }, (_, i) => ({
    message: `m${i}`,
    detail: `d${i}`,
    field: `f${i}`,
    loc: ['body', i],
  }));
  const wide = Object.fromEntries(strings.map((s, i) => [`field${i}`, [s]]));
  let deep: unknown = { message: 'bottom' };
  for (let i = 0; i < n; i++) deep = { error: deep, errors: { nested: deep }, innererror: deep };
  return [
    strings,
    objects,
    wide,
    deep,
    { error: wide },
    { errors: objects, data: null },
    { errors: strings, status: 400, code: 1 },
    { errors: wide, errorMessages: strings, message: 'x' },
    { detail: objects },
    { title: 't', detail: 'd', errors: objects, issues: objects, 'invalid-params': objects },
    { kind: 'Status', details: { causes: objects } },
    { success: false, errors: objects },
    { name: 'INVALID_REQUEST', message: 'x', debug_id: 'y', details: objects, links: objects },
    { error: { message: 'x', details: objects, errors: objects, innererror: deep } },
    { _links: wide, _embedded: wide },
  ];
}

describe('decoder work does not grow with the body', () => {
  it.each(JSON_DECODERS.map((d) => [d.id, d] as const))(
    '%s reads a bounded number of members',
    (_id, decoder) => {
      const work = (n: number) =>
        hugeBodies(n).map((body) => {
          const counter = { reads: 0 };
          try {
            decoder.decode(counted(body, counter), ctx);
          } catch {
            // the registry guards throwing decoders; only the work is measured here
          }
          return counter.reads;
        });
      const small = work(2_000);
      const large = work(20_000);
      // Ten times the body, the same work: every walk is capped (MAX_ITEMS, MAX_FIELDS, depth limits).
      expect(large).toEqual(small);
      for (const reads of large) expect(reads).toBeLessThan(50_000);
    },
  );
});

describe('hostile inputs', () => {
  const hostile: Array<[string, BodyInput]> = [
    [
      'a 10 MB string as plain text',
      { status: 500, mimeType: 'text/plain', text: 'x'.repeat(10_000_000) },
    ],
    [
      'a 10 MB JSON string member',
      {
        status: 500,
        mimeType: 'application/json',
        text: `{"message":"${'y'.repeat(10_000_000)}"}`,
      },
    ],
    [
      '100k-deep unclosed arrays',
      { status: 400, mimeType: 'application/json', text: '['.repeat(100_000) },
    ],
    [
      '100k-deep closed arrays',
      {
        status: 400,
        mimeType: 'application/json',
        text: `${'['.repeat(100_000)}${']'.repeat(100_000)}`,
      },
    ],
    [
      '100k-deep objects',
      { status: 400, text: `${'{"error":'.repeat(100_000)}"x"${'}'.repeat(100_000)}` },
    ],
    ['100k unclosed tags', { status: 502, mimeType: 'text/xml', text: '<a '.repeat(100_000) }],
    [
      '100k open html paragraphs',
      { status: 502, mimeType: 'text/html', text: '<p>'.repeat(100_000) },
    ],
    ['a long tag name', { status: 502, text: `<${'a'.repeat(1_000_000)}` }],
    [
      'a huge array',
      {
        status: 400,
        text: JSON.stringify({
          errors: Array.from({ length: 200_000 }, (_, i) => ({ message: `e${i}` })),
        }),
      },
    ],
    [
      'commas to repair',
      { status: 400, mimeType: 'application/json', text: `{"a":1${',\n'.repeat(200_000)}` },
    ],
    [
      'invalid base64',
      { status: 400, mimeType: 'application/json', text: '%%%%====', encoding: 'base64' },
    ],
    [
      'binary bytes as base64',
      {
        status: 500,
        mimeType: 'text/plain',
        text: Buffer.from([0, 159, 146, 150, 255]).toString('base64'),
        encoding: 'base64',
      },
    ],
    ['raw NUL characters', { status: 500, text: '\u0000'.repeat(1000) }],
    ['NUL characters in JSON', { status: 400, text: '{"error":"a\u0000b"}' }],
    ['lone surrogates', { status: 400, text: '{"message":"\ud800\udfff\ud800"}' }],
    [
      'a HAL body with 100k links',
      {
        status: 200,
        text: JSON.stringify({
          _links: { item: Array.from({ length: 100_000 }, (_, i) => ({ href: `/i/${i}` })) },
          _embedded: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`r${i}`, []])),
        }),
      },
    ],
    [
      'a HAL href of 1 MB',
      { status: 200, text: JSON.stringify({ _links: { self: { href: 'h'.repeat(1_000_000) } } }) },
    ],
    ['a non-finite status', { status: Number.NaN, text: '{"error":"x"}' }],
  ];

  it.each(hostile)('survives %s', (_name, input) => {
    const result = decodeBody(input);
    expectBounded(result, Number.isFinite(input.status) ? input.status : 0);
  });

  it('decodes 10 MB bodies from their head and says so', () => {
    const result = decodeBody({
      status: 500,
      mimeType: 'application/json',
      text: `{"message":"boom","pad":"${'z'.repeat(10_000_000)}"}`,
    });
    expect(result.truncated).toBe(true);
    expect(result.messages).toEqual(['boom']);
  });
});
