import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURE_HOSTS, type FixtureServer, startFixtureServer } from './index.ts';
import { call as rawCall } from './test-client.ts';

let server: FixtureServer;
let now = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  server = await startFixtureServer({ port: 0, clock: () => now });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const call = (
  host: string,
  method: string,
  path: string,
  opts?: { headers?: Record<string, string>; body?: string },
) => rawCall(server.port, `${host}:${server.port}`, method, path, opts);

const AURORA = 'api.aurorasolar.com';
const AURA = 'api.neo4j.io';
const HAL = 'hal.apilens.test';
const EVT = 'api.evrythng.com';
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const withJson = (headers: Record<string, string>, v: unknown) => ({
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(v),
});

describe('Aurora (aurora-api-errors.txt)', () => {
  const designs = (key: string) =>
    call(AURORA, 'GET', '/tenants/t/designs', { headers: auth(key) });

  it('answers the 91st request of a minute with 429, a JSON error and Retry-After until a slot frees', async () => {
    const first = now;
    for (let i = 0; i < 90; i++) {
      expect((await designs('k1')).status).toBe(200);
      now += 100;
    }
    const over = await designs('k1');
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBe(Math.ceil((first + 60_000 - now) / 1000));
    expect(over.json()).toEqual({ error: expect.any(String) });
    // Refused requests are not counted: once the first request leaves the window, one slot frees.
    now = first + 60_000;
    expect((await designs('k1')).status).toBe(200);
    expect((await designs('k1')).status).toBe(429);
  });

  it('counts each API key on its own', async () => {
    for (let i = 0; i < 90; i++) await designs('k1');
    expect((await designs('k1')).status).toBe(429);
    expect((await designs('k2')).status).toBe(200);
  });

  it('forgets every window on reset()', async () => {
    for (let i = 0; i < 91; i++) await designs('k1');
    server.reset();
    expect((await designs('k1')).status).toBe(200);
  });

  it('returns each of the four documented error formats', async () => {
    const h = auth('k');
    const empty = await call(AURORA, 'GET', '/tenants/t/designs/nope', { headers: h });
    expect([empty.status, empty.text]).toEqual([404, '']);
    const simple = await call(AURORA, 'POST', '/tenants/t/projects', withJson(h, { name: 'x' }));
    expect(simple.status).toBe(422);
    expect(simple.json()).toEqual({ error: expect.any(String) });
    expect(String(simple.json().error)).not.toContain(', ');
    const comma = await call(AURORA, 'POST', '/tenants/t/designs', withJson(h, {}));
    expect(comma.status).toBe(422);
    expect(String(comma.json().error).split(', ').length).toBeGreaterThan(1);
    const hash = await call(AURORA, 'POST', '/tenants/t/projects', withJson(h, {}));
    expect(hash.status).toBe(422);
    const fields = hash.json().error as Record<string, unknown>;
    expect(Object.keys(fields).length).toBeGreaterThan(1);
    for (const messages of Object.values(fields) as unknown[][]) {
      expect(messages.length).toBeGreaterThan(0);
      for (const m of messages) expect(m).toEqual(expect.any(String));
    }
  });

  it('answers 409 while an operation is in progress, 401 without a Bearer token, 403 for a foreign tenant, 400 for bad JSON', async () => {
    const h = auth('k');
    const busy = await call(AURORA, 'POST', '/tenants/t/designs/d1/simulations', { headers: h });
    expect([busy.status, typeof busy.json().error]).toEqual([409, 'string']);
    expect((await call(AURORA, 'GET', '/tenants/t/designs')).status).toBe(401);
    const notBearer = { headers: { Authorization: 'Basic dXNlcjpwdw==' } };
    expect((await call(AURORA, 'GET', '/tenants/t/designs', notBearer)).status).toBe(401);
    expect(
      (await call(AURORA, 'GET', '/tenants/other-tenant/designs', { headers: h })).status,
    ).toBe(403);
    const bad = await call(AURORA, 'POST', '/tenants/t/designs', {
      headers: { ...h, 'Content-Type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
  });
});

describe('Neo4j Aura (aura-api-v1-overview.txt, aura-api-v1beta3-overview.txt)', () => {
  it('sends a distinct X-Request-Id on every response, errors and preflights included', async () => {
    const h = auth('t');
    const replies = [
      await call(AURA, 'GET', '/v1/instances', { headers: h }),
      await call(AURA, 'GET', '/v1beta3/instances', { headers: h }),
      await call(AURA, 'GET', '/v1/instances'),
      await call(AURA, 'GET', '/v1/instances/zz', { headers: h }),
      await call(AURA, 'GET', '/v2/nothing', { headers: h }),
      await call(AURA, 'OPTIONS', '/v1/instances'),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 401, 404, 404, 204]);
    const ids = replies.map((r) => r.headers['x-request-id']);
    for (const id of ids) expect(id).toEqual(expect.any(String));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('creates with 202, and a create named "…fail…" fails with 500 and Retry-After', async () => {
    const h = auth('t');
    const ok = await call(AURA, 'POST', '/v1/instances', withJson(h, { name: 'db' }));
    expect(ok.status).toBe(202);
    const failed = await call(AURA, 'POST', '/v1/instances', withJson(h, { name: 'db-fail' }));
    expect(failed.status).toBe(500);
    expect(Number(failed.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('uses one error shape for 400, 401, 403 and 404', async () => {
    const h = auth('t');
    const replies = [
      await call(AURA, 'POST', '/v1/instances', withJson(h, {})),
      await call(AURA, 'GET', '/v1/instances'),
      await call(AURA, 'POST', '/v1/instances', withJson(h, { name: 'x', tenant_id: 'tenant-2' })),
      await call(AURA, 'GET', '/v1beta3/instances/zz', { headers: h }),
    ];
    expect(replies.map((r) => r.status)).toEqual([400, 401, 403, 404]);
    for (const r of replies) {
      expect(r.json()).toEqual({
        errors: [
          expect.objectContaining({ message: expect.any(String), reason: expect.any(String) }),
        ],
      });
    }
    expect(replies[0]!.json()).toMatchObject({ errors: [{ field: 'name' }] });
  });

  it('limits each token to 125 requests per minute', async () => {
    for (let i = 0; i < 125; i++) {
      expect((await call(AURA, 'GET', '/v1/instances', { headers: auth('t') })).status).toBe(200);
    }
    const over = await call(AURA, 'GET', '/v1/instances', { headers: auth('t') });
    expect(over.status).toBe(429);
    // All 125 were made at the same instant, so the first slot frees a whole window later.
    expect(over.headers['retry-after']).toBe('60');
    expect(over.headers['x-request-id']).toEqual(expect.any(String));
    expect((await call(AURA, 'GET', '/v1/instances', { headers: auth('u') })).status).toBe(200);
  });
});

describe('EVRYTHNG legacy (evrythng-legacy-verbs-and-errors.txt)', () => {
  const h = { Authorization: 'evt-key' };

  it('refuses any request body type but application/json with 415', async () => {
    for (const type of ['text/plain', 'application/xml', 'application/x-www-form-urlencoded']) {
      const r = await call(EVT, 'POST', '/thngs', {
        headers: { ...h, 'Content-Type': type },
        body: 'name=x',
      });
      expect(r.status, type).toBe(415);
      expect(r.json()).toEqual({
        status: 415,
        errors: [expect.stringContaining('application/json')],
        code: expect.any(String),
        moreInfo: expect.any(String),
      });
    }
    const withCharset = await call(EVT, 'POST', '/thngs', {
      headers: { ...h, 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"name":"a"}',
    });
    expect(withCharset.status).toBe(201);
  });

  it('answers with the documented error codes on both hosts', async () => {
    for (const host of ['api.evrythng.com', 'api.eu.evrythng.com']) {
      const replies = [
        await call(host, 'GET', '/thngs/bad!', { headers: h }),
        await call(host, 'POST', '/thngs', withJson(h, {})),
        await call(host, 'POST', '/thngs', {
          headers: { ...h, 'Content-Type': 'application/json' },
          body: '{',
        }),
        await call(host, 'GET', '/thngs/UaaaaaaaaaaaaaaaaaaaaaaB', { headers: h }),
        await call(host, 'POST', '/users', withJson(h, { email: 'taken@example.com' })),
        await call(host, 'GET', '/accounts', { headers: h }),
        await call(host, 'DELETE', '/products', { headers: h }),
        await call(host, 'DELETE', '/projects/default', { headers: h }),
      ];
      expect(replies.map((r) => [r.status, r.json().code])).toEqual([
        [400, 'INVALID_ID'],
        [400, 'INVALID_CONTENT'],
        [400, 'INVALID_CONTENT'],
        [404, 'MISSING_RESOURCE'],
        [409, 'ALREADY_EXISTS'],
        [403, 'ACCESS_FORBIDDEN'],
        [405, 'METHOD_FORBIDDEN'],
        [400, 'INVALID_STATE'],
      ]);
      for (const r of replies) {
        expect(r.json()).toMatchObject({ status: r.status, errors: [expect.any(String)] });
      }
    }
  });

  it("answers 201 with Location, 202 and 204 on success, and the seed's 401 body without a key", async () => {
    const created = await call(EVT, 'POST', '/thngs', withJson(h, { name: 'a' }));
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/thngs/${created.json().id}`);
    const batch = await call(EVT, 'POST', '/batches', withJson(h, { type: 'thngs' }));
    expect([batch.status, typeof batch.headers.location]).toEqual([202, 'string']);
    const gone = await call(EVT, 'DELETE', created.headers.location as string, { headers: h });
    expect([gone.status, gone.text]).toEqual([204, '']);
    // The seed's example: "status": 401, "errors": ["Access denied, please check your credentials!"], "code": 33619968, "moreInfo": ""
    expect((await call(EVT, 'GET', '/thngs')).json()).toEqual({
      status: 401,
      errors: ['Access denied, please check your credentials!'],
      code: 33619968,
      moreInfo: '',
    });
  });
});

describe('HAL + Problem Details (hal-problem-api-status-codes.txt)', () => {
  const h = { ...auth('t'), 'Idempotency-Key': 'k1' };

  it('answers HAL with _links and _embedded on success, 201 with Location, then 200 for the same create', async () => {
    const list = await call(HAL, 'GET', '/orders', { headers: h });
    expect(list.headers['content-type']).toBe('application/hal+json');
    expect(list.json()).toMatchObject({
      _links: { self: { href: expect.any(String) } },
      _embedded: { orders: expect.any(Array) },
    });
    const first = await call(HAL, 'POST', '/orders', withJson(h, { name: 'a', total: 1 }));
    const again = await call(HAL, 'POST', '/orders', withJson(h, { name: 'a', total: 1 }));
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(first.headers.location).toEqual(expect.any(String));
    expect(first.headers['content-type']).toBe('application/hal+json');
    const accepted = await call(HAL, 'POST', '/exports', withJson(h, {}));
    expect(accepted.status).toBe(202);
    expect(accepted.json()).toHaveProperty('_links');
    const deleted = await call(HAL, 'DELETE', '/orders/2', { headers: h });
    expect([deleted.status, deleted.text]).toEqual([204, '']);
  });

  it('answers a validation failure with problem+json 400 and an errors[] of title, detail and pointer', async () => {
    const invalid = await call(HAL, 'POST', '/orders', withJson(h, {}));
    expect(invalid.status).toBe(400);
    expect(invalid.headers['content-type']).toBe('application/problem+json');
    expect(invalid.json()).toMatchObject({
      title: 'Bad Request',
      detail: 'Request failed validation',
      status: 400,
      errors: [{ title: expect.any(String), detail: expect.any(String), pointer: '/name' }],
    });
  });

  it('answers every documented error status as problem+json with title and detail', async () => {
    const replies = [
      await call(HAL, 'GET', '/orders'),
      await call(HAL, 'POST', '/orders', withJson(auth('read-only'), { name: 'a', total: 1 })),
      await call(HAL, 'GET', '/orders/999', { headers: h }),
      await call(HAL, 'PUT', '/orders', withJson(h, {})),
      await call(HAL, 'POST', '/orders/2/cancel', withJson(h, {})),
      await call(HAL, 'POST', '/uploads', { headers: h, body: 'x'.repeat(2048) }),
      await call(HAL, 'POST', '/orders', withJson(h, { name: 'a', total: -1 })),
      await call(HAL, 'GET', '/search', { headers: h }),
      await call(HAL, 'PATCH', '/orders/1', withJson(h, {})),
      await call(HAL, 'GET', '/reports', { headers: h }),
    ];
    expect(replies.map((r) => r.status)).toEqual([
      401, 403, 404, 405, 409, 413, 422, 429, 501, 503,
    ]);
    for (const r of replies) {
      expect(r.headers['content-type']).toBe('application/problem+json');
      expect(r.json()).toMatchObject({
        title: expect.any(String),
        detail: expect.any(String),
        status: r.status,
      });
    }
    expect(replies[0]!.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(replies[3]!.headers.allow).toBe('GET, POST');
    expect(Number(replies[7]!.headers['retry-after'])).toBeGreaterThan(0);
    // A read-only token reads.
    expect((await call(HAL, 'GET', '/orders', { headers: auth('read-only') })).status).toBe(200);
  });
});

describe('the server', () => {
  it('answers CORS preflights for the headers asked, and exposes the headers API Lens reads', async () => {
    const pre = await call(AURORA, 'OPTIONS', '/tenants/t/designs', {
      headers: {
        Origin: `http://demo.apilens.test:${server.port}`,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-custom',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(pre.headers['access-control-allow-methods']).toMatch(/POST/);
    expect(pre.headers['access-control-allow-headers']).toBe('authorization,content-type,x-custom');
    const ok = await call(AURORA, 'GET', '/tenants/t/designs', { headers: auth('k') });
    expect(ok.headers['access-control-allow-origin']).toBe('*');
    const exposed = String(ok.headers['access-control-expose-headers']).split(/,\s*/);
    expect(exposed).toEqual(
      expect.arrayContaining([
        'Retry-After',
        'X-Request-Id',
        'Location',
        'RateLimit',
        'RateLimit-Policy',
      ]),
    );
  });

  it('serves the demo page with one button per scenario and its script from /demo.js, no inline script', async () => {
    const page = await call('demo.apilens.test', 'GET', '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const scenarios = [...page.text.matchAll(/data-scenario="([^"]+)"/g)].map((m) => m[1]);
    expect(scenarios).toEqual(
      expect.arrayContaining([
        'aurora-burst',
        'aurora-errors',
        'aura-create-500',
        'aura-v1beta3',
        'evrythng-bad-content-type',
        'problem-validation',
        'hal-success',
        'polling',
        'all',
      ]),
    );
    expect(page.text).toMatch(/id="log"/);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    // Every script element loads a file: nothing for a CSP to have to allow inline.
    for (const tag of page.text.match(/<script\b[^>]*>/g) ?? []) expect(tag).toMatch(/\ssrc="/);
    expect(page.text).not.toMatch(/\son[a-z]+="/);
    const js = await call('demo.apilens.test', 'GET', '/demo.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript');
    expect(js.text).toBe(readFileSync(join(import.meta.dirname, 'demo', 'demo.js'), 'utf8'));
  });

  it('answers 404 JSON for an unknown host and lists the hosts to map', async () => {
    const r = await call('unknown.test', 'GET', '/');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.json()).toHaveProperty('error');
    expect([...FIXTURE_HOSTS].sort()).toEqual(
      [
        'api.aurorasolar.com',
        'api.eu.evrythng.com',
        'api.evrythng.com',
        'api.neo4j.io',
        'demo.apilens.test',
        'hal.apilens.test',
      ].sort(),
    );
    expect(server.hosts).toEqual(Object.fromEntries(FIXTURE_HOSTS.map((h) => [h, server.port])));
    expect(server.url).toBe(`http://demo.apilens.test:${server.port}/`);
  });

  it('says clearly when its port is taken', async () => {
    await expect(startFixtureServer({ port: server.port })).rejects.toThrow(
      `port ${server.port} is already in use; pass --port or free it`,
    );
  });
});
