import type { Entry } from 'har-format';
import { describe, expect, it } from 'vitest';
import { EntryAnnotation } from '../annotation.ts';
import { createEngine } from '../engine.ts';
import { errorGroup } from '../har/summary.ts';
import { harEntry } from '../har/test-entry.ts';
import type { Profile } from '../profiles/schema.ts';
import { loadOpenApi } from './load.ts';
import { INSTANCES_30 } from './test-doc.ts';

function compiled(doc: unknown = INSTANCES_30, importedAt?: number): Profile {
  const r = loadOpenApi(JSON.stringify(doc), importedAt);
  if (!r.ok) throw new Error(r.error);
  return r.profile;
}

const BASE = 'https://api.example.test/v1';
const INSTANCE = { id: 'i-1', name: 'db' };

function annotate(
  init: Parameters<typeof harEntry>[0],
  profiles: Profile[] = [compiled()],
): EntryAnnotation {
  const a = createEngine({ userProfiles: profiles }).annotate(harEntry(init) as Entry);
  // Every annotation stays inside the published v1 schema.
  return EntryAnnotation.parse(a);
}

describe('openapi: what a matched request gains', () => {
  it('the operation: id, upper-case method, the template as written, summary and the title', () => {
    const a = annotate({ url: `${BASE}/instances/i-1`, body: JSON.stringify(INSTANCE) });
    expect(a.profile).toBe('openapi-instances-api');
    expect(a.operation).toEqual({
      id: 'getInstance',
      method: 'GET',
      path: '/instances/{instanceId}',
      summary: 'Get one instance',
      spec: 'Instances API',
    });
    // The CLI's JSON lists the members in this order.
    expect(Object.keys(a.operation!)).toEqual(['id', 'method', 'path', 'summary', 'spec']);
  });

  it('an absent operationId or summary is omitted, never null', () => {
    const a = annotate({ method: 'post', url: `${BASE}/instances`, status: 201, body: '' });
    expect(a.operation).toEqual({ method: 'POST', path: '/instances', spec: 'Instances API' });
  });

  it('a documented status: the description as written, source openapi, documented true', () => {
    const a = annotate({ url: `${BASE}/instances/i-1`, body: JSON.stringify(INSTANCE) });
    expect(a.status).toMatchObject({
      code: 200,
      text: 'OK',
      meaning: 'The **instance**,\n  as stored.',
      source: 'openapi',
      documented: true,
    });
  });

  it('the exact code, else its 4XX range, else default', () => {
    const range = annotate({
      url: `${BASE}/instances/i-9`,
      status: 404,
      body: '{"title":"gone"}',
      contentType: 'application/problem+json',
    });
    expect(range.status).toMatchObject({
      code: 404,
      meaning: 'Something went wrong.',
      source: 'openapi',
      documented: true,
    });
    const dflt = annotate({ method: 'POST', url: `${BASE}/instances`, status: 503, body: '' });
    expect(dflt.status).toMatchObject({
      code: 503,
      meaning: 'Something went wrong.',
      documented: true,
    });
  });

  it('matched but not documented: documented false, the meaning from RFC 9110 as before', () => {
    const a = annotate({ url: `${BASE}/instances/i-1`, status: 503, body: '' });
    expect(a.status).toMatchObject({ code: 503, source: 'rfc', documented: false });
    expect(a.status.meaning).toMatch(/temporarily overloaded/);
  });

  it('an unmatched request has no operation and no documented flag', () => {
    for (const url of [`${BASE}/nothing/here`, 'https://elsewhere.test/v1/instances']) {
      const a = annotate({ url, status: 404, body: '' });
      expect(a.operation).toBeUndefined();
      expect('documented' in a.status).toBe(false);
    }
  });

  it('schema: valid, or errors with JSON Pointers into the body', () => {
    expect(
      annotate({ url: `${BASE}/instances/i-1`, body: JSON.stringify(INSTANCE) }).schema,
    ).toEqual({ valid: true });
    const bad = annotate({
      url: `${BASE}/instances/i-1`,
      body: JSON.stringify({ id: 'i-1', extra: 1 }),
    });
    expect(bad.schema).toEqual({
      valid: false,
      errors: [
        { path: '', message: 'required member "name" is missing' },
        { path: '/extra', message: 'member "extra" is not documented here' },
      ],
    });
  });

  it('media types: charset dropped, +json read as application/json, then type/*, then */*', () => {
    const list = annotate({
      url: `${BASE}/instances`,
      body: '[{"id":"a"}]',
      contentType: 'application/json; charset=utf-8',
    });
    expect(list.schema).toEqual({
      valid: false,
      errors: [{ path: '/0', message: 'required member "name" is missing' }],
    });
    const vendor = annotate({
      url: `${BASE}/instances`,
      body: '[]',
      contentType: 'application/vnd.acme+json',
    });
    expect(vendor.schema).toEqual({ valid: true });
    const star = annotate({
      url: `${BASE}/tree`,
      body: '{"name":1}',
      contentType: 'application/json',
    });
    expect(star.schema?.valid).toBe(false);
  });

  it('no schema field: body absent, body not parsing, nothing documented for the media type', () => {
    const absent = createEngine({ userProfiles: [compiled()] }).annotate(
      harEntry({ url: `${BASE}/instances/i-1` }),
      { text: null },
    );
    expect(absent.schema).toBeUndefined();
    expect(annotate({ url: `${BASE}/instances/i-1`, body: '{"id":' }).schema).toBeUndefined();
    expect(
      annotate({ url: `${BASE}/tree`, body: 'hello', contentType: 'text/plain' }).schema,
    ).toBeUndefined();
    expect(annotate({ url: `${BASE}/instances/me`, body: '{}' }).schema).toBeUndefined();
  });

  it('the body the decoder parsed is the one checked: base64 too, but never a repaired one', () => {
    const problem = (body: string, encode = false) =>
      createEngine({ userProfiles: [compiled()] }).annotate(
        harEntry({
          url: `${BASE}/instances/i-9`,
          status: 404,
          contentType: 'application/problem+json',
        }),
        encode ? { text: btoa(body), encoding: 'base64' } : { text: body },
      );
    expect(problem('{"title":"gone"}').schema).toEqual({ valid: true });
    expect(problem('{"title":7}', true).schema).toEqual({
      valid: false,
      errors: [{ path: '/title', message: expect.stringMatching(/string/) }],
    });
    // The decoder reads `{"title":7,}` leniently for its messages; as JSON it does not parse.
    const repaired = problem('{"title":7,}');
    expect(repaired.error?.format).not.toBe('text');
    expect(repaired.schema).toBeUndefined();
  });

  it('a literal path beats the parameter: /instances/me is getMyInstance', () => {
    expect(annotate({ url: `${BASE}/instances/me`, body: '{}' }).operation?.id).toBe(
      'getMyInstance',
    );
  });

  it('across documents, the first listed wins; with import times, the most recent', () => {
    const other = { ...INSTANCES_30, info: { title: 'Other', version: '1' } };
    const url = `${BASE}/instances/i-1`;
    expect(annotate({ url }, [compiled(), compiled(other)]).operation?.spec).toBe('Instances API');
    expect(annotate({ url }, [compiled(other), compiled()]).operation?.spec).toBe('Other');
    expect(annotate({ url }, [compiled(INSTANCES_30, 1), compiled(other, 2)]).operation?.spec).toBe(
      'Other',
    );
  });

  it("the document's apiKey keys the rate counter, before Authorization", () => {
    const engine = createEngine({ userProfiles: [compiled()] });
    const req = (key: string, auth: string) =>
      engine.annotate(
        harEntry({
          url: `${BASE}/instances`,
          body: '[]',
          requestHeaders: { 'X-Instances-Key': key, Authorization: auth },
          responseHeaders: { 'RateLimit-Limit': '10' },
        }),
      );
    const a = req('key-1', 'Bearer one');
    const b = req('key-1', 'Bearer two');
    const c = req('key-2', 'Bearer one');
    expect(a.rate?.key).toBe(b.rate?.key);
    expect(a.rate?.key).not.toBe(c.rate?.key);
    expect(b.rate?.count).toBe(2);
  });

  it('an apiKey cookie keys the rate counter too', () => {
    const engine = createEngine({ userProfiles: [compiled()] });
    const req = (cookie: string) =>
      engine.annotate(
        harEntry({
          url: `${BASE}/instances`,
          body: '[]',
          requestHeaders: { Cookie: cookie },
          responseHeaders: { 'RateLimit-Limit': '10' },
        }),
      );
    expect(req('theme=dark; inst_session=s1').rate?.key).toBe(req('inst_session=s1').rate?.key);
    expect(req('inst_session=s1').rate?.key).not.toBe(req('inst_session=s2').rate?.key);
  });

  it('error groups use the operation template when known', () => {
    const a = annotate({ url: `${BASE}/instances/i-1`, status: 404, body: '{"title":"gone"}' });
    expect(errorGroup('GET', `${BASE}/instances/i-1`, a).endpoint).toBe(
      'api.example.test/v1/instances/{instanceId}',
    );
  });

  it('polling detection keys by the operation template: ids that change still poll one endpoint', () => {
    const engine = createEngine({ userProfiles: [compiled()] });
    const t0 = Date.UTC(2026, 0, 1);
    for (let i = 0; i < 5; i++) {
      engine.annotate(harEntry({ url: `${BASE}/instances/i-${i}`, body: '{}', at: t0 + i * 2000 }));
    }
    const last = engine.rate.states(t0 + 9000)[0];
    expect(last?.polling?.endpoint).toBe('api.example.test/v1/instances/{instanceId}');
  });
});
