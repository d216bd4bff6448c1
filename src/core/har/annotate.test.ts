import type { Entry, Har } from 'har-format';
import { describe, expect, it } from 'vitest';
import type { EntryAnnotation, LogAnnotation } from '../annotation.ts';
import { annotateHar, buildHar } from './annotate.ts';
import { headline } from './summary.ts';
import { harEntry } from './test-entry.ts';

const T0 = Date.UTC(2026, 0, 1);

function entry(
  at: number,
  status: number,
  body = '',
  url = 'https://api.aurorasolar.com/tenants/t/designs/42',
  key = 'Bearer key-one-123456',
): Entry {
  return harEntry({ at, status, body, url, time: 10, requestHeaders: { Authorization: key } });
}

const har = (entries: Entry[]): Har => ({
  log: { version: '1.2', creator: { name: 't', version: '1' }, entries },
});
const lens = (e: Entry) => (e as Entry & { _apiLens: EntryAnnotation })._apiLens;
const summary = (h: Har) => (h.log as unknown as { _apiLens: LogAnnotation })._apiLens;

describe('annotateHar', () => {
  it('counts requests in start-time order but keeps the file order', () => {
    // The file lists the later request first (HAR writers order by finish, not start).
    const out = annotateHar(har([entry(T0 + 1000, 200, '{}'), entry(T0, 200, '{}')]));
    expect(out.log.entries.map((e) => lens(e).rate?.count)).toEqual([2, 1]);
    expect(out.log.entries[0]!.startedDateTime).toBe(new Date(T0 + 1000).toISOString());
  });

  it('groups errors by endpoint template, status and message, with first and last seen', () => {
    const out = annotateHar(
      har([
        entry(T0, 404, '', 'https://api.aurorasolar.com/tenants/t/designs/1'),
        entry(T0 + 5, 404, '', 'https://api.aurorasolar.com/tenants/t/designs/2'),
        entry(T0 + 9, 422, '{"error":"name is missing"}'),
        entry(T0 + 12, 200, '{}'),
      ]),
    );
    const s = summary(out);
    expect(s).toMatchObject({
      entries: 4,
      errors: 3,
      byStatusClass: { '2xx': 1, '4xx': 3 },
      byProfile: { aurora: 4 },
      verdicts: { fix: 3, none: 1 },
    });
    expect(s.errorGroups[0]).toMatchObject({
      endpoint: 'api.aurorasolar.com/tenants/t/designs/{id}',
      status: 404,
      count: 2,
      entries: [0, 1],
      firstSeen: new Date(T0).toISOString(),
      lastSeen: new Date(T0 + 5).toISOString(),
    });
    expect(s.errorGroups[1]).toMatchObject({ status: 422, message: 'name is missing', count: 1 });
  });

  it('reports the peak per key and the entries that went over the limit', () => {
    const entries = Array.from({ length: 93 }, (_, i) => entry(T0 + i * 10, 200, '{}'));
    const s = summary(annotateHar(har(entries)));
    expect(s.rate).toHaveLength(1);
    expect(s.rate[0]).toMatchObject({
      limit: 90,
      windowSeconds: 60,
      peak: 93,
      requests: 93,
      overCount: 3,
      overEntries: [90, 91, 92],
      source: 'profile',
    });
  });

  it('redacts by default and records what it removed; keeps secrets only when asked', () => {
    const redacted = annotateHar(har([entry(T0, 200, '{}')]));
    expect(JSON.stringify(redacted)).not.toContain('key-one-123456');
    expect(lens(redacted.log.entries[0]!).redacted).toEqual(['request.headers.Authorization']);
    expect(summary(redacted).redacted).toBe(true);
    const raw = annotateHar(har([entry(T0, 200, '{}')]), { redact: false });
    expect(JSON.stringify(raw)).toContain('key-one-123456');
    expect(lens(raw.log.entries[0]!).redacted).toBeUndefined();
  });

  it('re-annotating its own redacted output gives the same annotations', () => {
    const once = annotateHar(
      har(Array.from({ length: 5 }, (_, i) => entry(T0 + i, i === 4 ? 429 : 200, '{}'))),
    );
    const twice = annotateHar(once);
    expect(twice.log.entries.map(lens)).toEqual(once.log.entries.map(lens));
  });
});

describe('buildHar', () => {
  it('keeps the log metadata it is given and writes the summary', () => {
    const a = annotateHar(har([entry(T0, 500, '')]), { redact: false });
    const items = a.log.entries.map((e) => ({ entry: e, annotation: lens(e) }));
    const built = buildHar(
      items,
      {},
      { version: '1.2', creator: { name: 'DevTools', version: '156' }, pages: [] },
    );
    expect(built.log.creator.name).toBe('DevTools');
    expect(summary(built)).toMatchObject({
      entries: 1,
      errors: 1,
      generator: { name: 'API Lens' },
    });
  });
});

describe('headline', () => {
  it("reads a problem's detail after its title; other errors by their first message", () => {
    const base = {
      v: 1 as const,
      profile: 'generic',
      status: { code: 400, text: 'Bad Request', meaning: '', source: 'rfc' as const },
      retry: { verdict: 'fix' as const, reason: '' },
    };
    expect(
      headline({
        ...base,
        error: {
          format: 'problem-details',
          messages: ['Bad Request', 'Request failed validation'],
        },
      }),
    ).toBe('Bad Request: Request failed validation');
    expect(headline({ ...base, error: { format: 'error-string', messages: ['a', 'b'] } })).toBe(
      'a',
    );
    expect(headline(base)).toBe('400 Bad Request');
  });
});
