import fc from 'fast-check';
import { annotateHar } from '../core/har/annotate.ts';
import { parseHar } from '../core/har/parse.ts';
import { harEntry } from '../core/har/test-entry.ts';
import type { StreamOptions } from './annotate-stream.ts';
import { terminalSafeJson } from './terminal.ts';

/** Random HAR documents for the CLI's stream tests, and what the whole-file path writes for them. */

export const T0 = Date.UTC(2026, 0, 1);

/**
 * What the CLI's OutputStream writes: workers hand over their entries already terminal-safe
 * (`sinkSafe`), everything else is made so as it is written. Idempotent.
 */
export const asWritten = terminalSafeJson;

export function whole(text: string, opts: StreamOptions = {}): string {
  const r = parseHar(text);
  if (!r.ok) throw new Error(r.error);
  return `${JSON.stringify(annotateHar(r.har, opts), null, 2)}\n`;
}

// Bodies that stress the scanner: escapes, backslashes before quotes, non-ASCII, errors, JWTs.
const body = fc.oneof(
  fc.constantFrom(
    '{"error":{"code":"constructor","message":"a \\"quoted\\" \\\\ word"}}',
    '{"errors":[{"message":"Ünïcødé — 日本語 ✓","path":["a"]}]}',
    '\\\\\\"',
    '',
    '{"token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbg","ok":false}',
    '<html><body>502 Bad Gateway</body></html>',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const entryArb = fc.record({
  offset: fc.integer({ min: 0, max: 4 }), // start-time disorder, in entries
  status: fc.constantFrom(200, 201, 204, 400, 404, 409, 422, 429, 500, 503),
  host: fc.constantFrom(
    'https://api.aurorasolar.com/tenants/t/designs/1',
    'https://api.neo4j.io/v1/instances/abc',
    'https://api.example.com/v2/orders/7?api_key=k-1234567890',
  ),
  key: fc.constantFrom('Bearer key-one-123456', 'Bearer key-two-654321'),
  body,
  extra: fc.option(
    fc.dictionary(fc.constantFrom('_a', '_b', '__proto__', 'x y'), fc.jsonValue({ maxDepth: 2 })),
    { nil: undefined },
  ),
});

export const harArb = fc.record({
  entries: fc.array(entryArb, { maxLength: 12 }),
  before: fc.dictionary(
    fc.constantFrom('version', 'creator', '_recordingName', 'pages'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  after: fc.dictionary(
    fc.constantFrom('comment', '_after', '_apiLens', 'browser'),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  top: fc.dictionary(fc.constantFrom('_top', 'x'), fc.jsonValue({ maxDepth: 2 })),
  indent: fc.constantFrom(0, 2, '\t'),
  bom: fc.boolean(),
  chunk: fc.integer({ min: 1, max: 97 }),
});

export type HarSpec = typeof harArb extends fc.Arbitrary<infer T> ? T : never;

export function build(h: HarSpec): string {
  const entries = h.entries.map((e, i) => ({
    ...harEntry({
      at: T0 + (i - e.offset) * 500,
      status: e.status,
      url: e.host,
      body: e.body,
      requestHeaders: { Authorization: e.key },
    }),
    ...e.extra,
  }));
  // JSON.parse makes own `__proto__` members where the literal above would set the prototype.
  const log = JSON.parse(
    `{${[
      ...Object.entries(h.before).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`),
      `"entries":${JSON.stringify(entries)}`,
      ...Object.entries(h.after).map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`),
    ].join(',')}}`,
  );
  return `${h.bom ? '\ufeff' : ''}${JSON.stringify({ ...h.top, log }, null, h.indent)}`;
}
