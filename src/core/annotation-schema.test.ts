import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import fc from 'fast-check';
import type { Entry, Har } from 'har-format';
import { describe, expect, it } from 'vitest';
import { annotationJsonSchema } from './annotation-schema.ts';
import { annotateHar } from './har/annotate.ts';
import { harEntry } from './har/test-entry.ts';

/**
 * Every annotation API Lens writes must validate against the JSON Schema `apilens schema`
 * publishes (the generated document, checked by an independent validator, not by zod): the
 * bundled demo capture, every response of the real-error corpus, hostile headers and bodies,
 * and generated traffic.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(annotationJsonSchema());
const validEntry = ajv.getSchema('https://api-lens.dev/schema/annotation-v1.json#/$defs/entry')!;
const validLog = ajv.getSchema('https://api-lens.dev/schema/annotation-v1.json#/$defs/log')!;

function har(entries: Entry[]): Har {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } };
}

/** Annotates (redacted and not) and returns what the schema refuses, as readable lines. */
function violations(input: Har): string[] {
  const out: string[] = [];
  for (const redact of [true, false]) {
    const log = annotateHar(structuredClone(input), { redact }).log as Har['log'] & {
      _apiLens: unknown;
      entries: Array<Entry & { _apiLens: unknown }>;
    };
    log.entries.forEach((e, i) => {
      if (!validEntry(e._apiLens))
        out.push(
          `entries[${i}]: ${ajv.errorsText(validEntry.errors)} in ${JSON.stringify(e._apiLens)}`,
        );
    });
    if (!validLog(log._apiLens)) out.push(`log: ${ajv.errorsText(validLog.errors)}`);
  }
  return out;
}

const fixture = (path: string) => new URL(`../../${path}`, import.meta.url);

describe('every annotation validates against the published JSON Schema', () => {
  it('the bundled demo capture', () => {
    const demo = JSON.parse(readFileSync(fixture('samples/demo.har'), 'utf8')) as Har;
    expect(demo.log.entries.length).toBeGreaterThan(50);
    expect(violations(demo)).toEqual([]);
  });

  it('every response of the real-error corpus', () => {
    const corpus = JSON.parse(
      readFileSync(fixture('fixtures/corpus/real-errors.json'), 'utf8'),
    ) as Array<{ response: { status: number; headers: Record<string, string>; body: string } }>;
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const entries = corpus.map((c) =>
      harEntry({
        status: c.response.status,
        body: c.response.body,
        responseHeaders: c.response.headers,
        ...(c.response.headers['Content-Type']
          ? { contentType: c.response.headers['Content-Type'] }
          : {}),
      }),
    );
    expect(violations(har(entries))).toEqual([]);
  });

  it('hostile rate headers: a zero, negative, fractional or huge limit, and prototype-named codes', () => {
    const limits = ['0', '-1', '0.5', '1e400', '99999999999999999999', 'NaN', ''];
    const entries = limits.flatMap((limit) => [
      harEntry({ responseHeaders: { 'X-RateLimit-Limit': limit, 'X-RateLimit-Remaining': '0' } }),
      harEntry({ responseHeaders: { RateLimit: `limit=${limit}, remaining=0, reset=5` } }),
      harEntry({
        responseHeaders: { RateLimit: '"p";r=0;t=5', 'RateLimit-Policy': `"p";q=${limit};w=60` },
      }),
    ]);
    for (const code of ['constructor', '__proto__', 'toString'])
      entries.push(harEntry({ status: 400, body: JSON.stringify({ error: { code } }) }));
    expect(violations(har(entries))).toEqual([]);
  });

  it('generated traffic: any status, rate headers, Retry-After and body shape', () => {
    const headerValue = fc.oneof(
      fc.integer({ min: -5, max: 5 }).map(String),
      fc.double({ noNaN: false }).map(String),
      fc.string({ maxLength: 12 }),
    );
    const body = fc.oneof(
      fc.json({ maxDepth: 3 }),
      fc.string({ maxLength: 40 }),
      fc
        .record({
          error: fc.oneof(fc.string(), fc.record({ code: fc.string(), message: fc.string() })),
        })
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.oneof(
              fc.constantFrom(0, 200, 400, 404, 409, 422, 429, 500, 503),
              fc.integer({ min: -1, max: 1000 }),
            ),
            method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'constructor'),
            limit: headerValue,
            remaining: headerValue,
            retryAfter: headerValue,
            body,
            gap: fc.integer({ min: 0, max: 120_000 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (specs) => {
          let at = Date.UTC(2026, 0, 1);
          const times = specs.map((s) => {
            at += s.gap;
            return at;
          });
          const entries = specs.map((s, i) =>
            harEntry({
              at: times[i]!,
              method: s.method,
              status: s.status,
              body: s.body,
              requestHeaders: { Authorization: 'Bearer k' },
              responseHeaders: {
                'X-RateLimit-Limit': s.limit,
                'X-RateLimit-Remaining': s.remaining,
                'Retry-After': s.retryAfter,
              },
            }),
          );
          expect(violations(har(entries))).toEqual([]);
        },
      ),
      { numRuns: 100 },
    );
    // Bounded by numRuns, not by time: a loaded two-core machine takes several seconds.
  }, 120_000);
});
