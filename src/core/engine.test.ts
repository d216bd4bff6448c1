import type { Entry } from 'har-format';
import { describe, expect, it } from 'vitest';
import { createEngine } from './engine.ts';
import { harEntry } from './har/test-entry.ts';

const T0 = Date.UTC(2026, 0, 1);

function entry(o: {
  method?: string;
  url: string;
  status: number;
  body?: string;
  type?: string;
  at?: number;
  req?: Record<string, string>;
  res?: Record<string, string>;
}): Entry {
  return harEntry({
    ...(o.method ? { method: o.method } : {}),
    url: o.url,
    status: o.status,
    ...(o.body !== undefined ? { body: o.body } : {}),
    ...(o.type ? { contentType: o.type } : {}),
    at: o.at ?? T0,
    time: 20,
    ...(o.req ? { requestHeaders: o.req } : {}),
    ...(o.res ? { responseHeaders: o.res } : {}),
  });
}

const AURORA = 'https://api.aurorasolar.com/tenants/t1/designs';
const KEY = { Authorization: 'Bearer aurora-key-1' };

describe('engine: the seed APIs, end to end through one annotate call', () => {
  it("Aurora: the comma-separated format is split, the 404's empty body still explains itself", () => {
    const engine = createEngine();
    const a = engine.annotate(
      entry({
        url: AURORA,
        status: 422,
        body: '{"error":"name is missing, address is missing"}',
        req: KEY,
      }),
    );
    expect(a).toMatchObject({
      profile: 'aurora',
      status: { code: 422, source: 'profile' },
      retry: { verdict: 'fix' },
    });
    expect(a.error?.messages).toEqual(['name is missing', 'address is missing']);
    const nf = engine.annotate(entry({ url: `${AURORA}/42`, status: 404, body: '', req: KEY }));
    expect(nf.error).toMatchObject({ format: 'empty', messages: ['404 Not Found (empty body)'] });
    expect(nf.status.meaning).toMatch(/belongs under another tenant/);
  });

  it('Aurora: 409 is "wait", the 91st request in a minute is over the 90/min limit, 429 gives "after"', () => {
    expect(
      createEngine().annotate(
        entry({ method: 'POST', url: AURORA, status: 409, body: '{"error":"in use"}', req: KEY }),
      ).retry.verdict,
    ).toBe('wait');
    const engine = createEngine();
    let last = engine.annotate(
      entry({ url: AURORA, status: 200, body: '{}', req: KEY, at: T0 + 100 }),
    );
    for (let i = 2; i <= 90; i++)
      last = engine.annotate(
        entry({ url: AURORA, status: 200, body: '{}', req: KEY, at: T0 + i * 100 }),
      );
    expect(last.rate).toMatchObject({
      limit: 90,
      windowSeconds: 60,
      count: 90,
      over: false,
      source: 'profile',
    });
    const over = engine.annotate(
      entry({
        url: AURORA,
        status: 429,
        body: '{"error":"Rate limit exceeded"}',
        req: KEY,
        res: { 'Retry-After': '30' },
        at: T0 + 9200,
      }),
    );
    expect(over.rate).toMatchObject({ count: 91, over: true });
    expect(over.rate?.key).toMatch(/^aurora:k:[0-9a-f]{12}$/);
    expect(over.retry).toMatchObject({ verdict: 'after', afterSeconds: 30 });
    // Another key has its own window.
    const other = engine.annotate(
      entry({
        url: AURORA,
        status: 200,
        body: '{}',
        req: { Authorization: 'Bearer key-2' },
        at: T0 + 9300,
      }),
    );
    expect(other.rate?.count).toBe(1);
  });

  it('Neo4j Aura: version, X-Request-Id, a create that fails with 500 is unsafe (a billed duplicate)', () => {
    const engine = createEngine();
    const a = engine.annotate(
      entry({
        method: 'POST',
        url: 'https://api.neo4j.io/v1/instances',
        status: 500,
        body: '{"errors":[{"message":"Internal error","reason":"internal"}]}',
        res: { 'X-Request-Id': 'req-abc' },
      }),
    );
    expect(a).toMatchObject({
      profile: 'neo4j-aura',
      apiVersion: 'v1',
      requestId: 'req-abc',
      retry: { verdict: 'unsafe' },
    });
    expect(a.retry.reason).toMatch(/charged extra/);
    expect(a.notes?.join(' ')).toMatch(/raise a support ticket and provide the X-Request-Id/);
    const beta = engine.annotate(
      entry({ url: 'https://api.neo4j.io/v1beta3/instances', status: 503, body: '' }),
    );
    expect(beta).toMatchObject({ apiVersion: 'v1beta3', retry: { verdict: 'backoff' } });
    expect(beta.notes?.[0]).toMatch(/migrate to v1/);
    expect(beta.retry.schedule?.length).toBeGreaterThan(0);
  });

  it('EVRYTHNG: error code meaning, 415 names the accepted content type', () => {
    const engine = createEngine();
    const a = engine.annotate(
      entry({
        method: 'POST',
        url: 'https://api.evrythng.com/thngs',
        status: 400,
        body: '{"status":400,"errors":["The thng id is invalid"],"code":"INVALID_ID","moreInfo":"https://developers.evrythng.com/docs/errors"}',
      }),
    );
    expect(a.error).toMatchObject({
      format: 'evrythng',
      code: 'INVALID_ID',
      codeMeaning: 'The formatting of a resource identifier is incorrect.',
      docs: 'https://developers.evrythng.com/docs/errors',
    });
    const u = engine.annotate(
      entry({
        method: 'POST',
        url: 'https://api.eu.evrythng.com/thngs',
        status: 415,
        body: '{"status":415,"errors":["Unsupported media type"]}',
      }),
    );
    expect(u.notes).toContain('Accepted request content types: application/json');
  });

  it('HAL + Problem Details: matched by media type; validation errors and HAL links decoded', () => {
    const engine = createEngine();
    const p = engine.annotate(
      entry({
        method: 'POST',
        url: 'https://hal.apilens.test/orders',
        status: 400,
        type: 'application/problem+json',
        body: JSON.stringify({
          title: 'Bad Request',
          detail: 'Request failed validation',
          errors: [
            {
              title: 'invalid_type',
              detail: '`body.name` is `undefined`, but `string` is expected.',
            },
          ],
        }),
      }),
    );
    expect(p).toMatchObject({ profile: 'hal-problem', error: { format: 'problem-details' } });
    expect(p.error?.messages.join(' ')).toMatch(/Request failed validation/);
    const h = engine.annotate(
      entry({
        method: 'PUT',
        url: 'https://hal.apilens.test/orders/1',
        status: 201,
        type: 'application/hal+json',
        body: JSON.stringify({
          _links: { self: { href: '/orders/1' } },
          _embedded: { items: [{}, {}] },
        }),
      }),
    );
    expect(h).toMatchObject({ profile: 'hal-problem', retry: { verdict: 'none' } });
    expect(h.hal?.links).toEqual(
      expect.arrayContaining([expect.objectContaining({ rel: 'self', href: '/orders/1' })]),
    );
    expect(h.error).toBeUndefined();
  });

  it('generic APIs: RFC meanings, no response is a network error, malformed entries never throw', () => {
    const engine = createEngine();
    const g = engine.annotate(
      entry({
        url: 'https://api.example.test/x',
        status: 502,
        body: '<html><h1>502 Bad Gateway</h1></html>',
        type: 'text/html',
      }),
    );
    expect(g).toMatchObject({
      profile: 'generic',
      status: { source: 'rfc', text: 'Bad Gateway' },
      retry: { verdict: 'backoff' },
    });
    const none = engine.annotate({
      ...entry({ url: 'https://api.example.test/x', status: 0 }),
      response: {
        ...entry({ url: 'x', status: 0 }).response,
        _error: 'net::ERR_CONNECTION_REFUSED',
      } as Entry['response'],
    });
    expect(none.error?.messages[0]).toBe('No response (net::ERR_CONNECTION_REFUSED)');
    const broken = engine.annotate({ startedDateTime: 'x' } as unknown as Entry);
    expect(broken.v).toBe(1);
    expect(() => engine.annotate(null as unknown as Entry)).not.toThrow();
  });

  it('a redacted export counts under the same rate key as the live traffic', () => {
    const live = createEngine().annotate(entry({ url: AURORA, status: 200, body: '{}', req: KEY }));
    const fp = live.rate!.key.split(':').slice(1).join(':');
    const again = createEngine().annotate(
      entry({ url: AURORA, status: 200, body: '{}', req: { Authorization: `[REDACTED ${fp}]` } }),
    );
    expect(again.rate?.key).toBe(live.rate?.key);
  });

  it('does not count CORS preflights against the rate limit', () => {
    const engine = createEngine();
    const pre = engine.annotate(
      entry({
        method: 'OPTIONS',
        url: AURORA,
        status: 204,
        req: {
          'Access-Control-Request-Method': 'GET',
          'Access-Control-Request-Headers': 'authorization',
        },
      }),
    );
    expect(pre.rate).toBeUndefined();
    expect(pre.retry.verdict).toBe('none');
    expect(pre.notes?.join(' ')).toMatch(/CORS preflight/);
    expect(
      engine.annotate(entry({ url: AURORA, status: 200, body: '{}', req: KEY })).rate?.count,
    ).toBe(1);
    expect(engine.rate.states(T0)).toHaveLength(1);
  });
});

describe('engine: prepare on one thread, record on another', () => {
  it('record(prepare(e)) after a structured clone is annotate(e), rate counts and polling advice included', () => {
    // Aurora's 90/min limit, a 429, a preflight, a malformed entry and a polled endpoint: every
    // member the two steps build (rate, notes around the polling advice, the invalid-entry form).
    const entries: Entry[] = [
      ...Array.from({ length: 95 }, (_, i) =>
        entry({ url: `${AURORA}/d1`, status: i === 94 ? 429 : 200, at: T0 + i * 100, req: KEY }),
      ),
      entry({
        method: 'OPTIONS',
        url: `${AURORA}/d1`,
        status: 204,
        req: { 'Access-Control-Request-Method': 'POST' },
      }),
      { request: null, response: { status: 'x' } } as unknown as Entry,
      entry({ url: 'https://api.example.com/v1/x', status: 503, body: '{"error":"busy"}' }),
    ];
    const whole = createEngine();
    const split = createEngine();
    for (const e of entries) {
      const expected = whole.annotate(e);
      // As text: the member order is part of the output.
      expect(JSON.stringify(split.record(structuredClone(split.prepare(e))))).toBe(
        JSON.stringify(expected),
      );
    }
    expect(split.rate.states(T0 + 10_000)).toEqual(whole.rate.states(T0 + 10_000));
  });
});
