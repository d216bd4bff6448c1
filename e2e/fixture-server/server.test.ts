import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from './index.ts';

let server: FixtureServer;
let now = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  server = await startFixtureServer({ port: 0, clock: () => now });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

/** A real HTTP request to the fixture server, with the provider's host name in Host. */
function call(
  host: string,
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { Host: `${host}:${server.port}`, ...opts.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          text += c;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            text,
            json: () => JSON.parse(text),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const AURORA = 'api.aurorasolar.com';
const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
const jsonBody = (v: unknown) => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(v),
});

describe('Aurora', () => {
  it('answers the 91st request of a minute with 429 and Retry-After, per API key', async () => {
    for (let i = 0; i < 90; i++) {
      now += 100;
      expect(
        (await call(AURORA, 'GET', '/tenants/t/designs', { headers: auth('k1') })).status,
      ).toBe(200);
    }
    const over = await call(AURORA, 'GET', '/tenants/t/designs', { headers: auth('k1') });
    expect(over.status).toBe(429);
    // The first request leaves the window 60 s after it was made: 100 ms after start + 60 s − 9 s elapsed.
    expect(Number(over.headers['retry-after'])).toBe(52);
    expect(over.json()).toHaveProperty('error');
    expect((await call(AURORA, 'GET', '/tenants/t/designs', { headers: auth('k2') })).status).toBe(
      200,
    );
    now += 60_000;
    expect((await call(AURORA, 'GET', '/tenants/t/designs', { headers: auth('k1') })).status).toBe(
      200,
    );
  });

  it('uses each of the four documented error formats', async () => {
    const h = { headers: auth('k') };
    const empty = await call(AURORA, 'GET', '/tenants/t/designs/nope', h);
    expect([empty.status, empty.text]).toEqual([404, '']);
    const simple = await call(AURORA, 'POST', '/tenants/t/projects', {
      ...jsonBody({ name: 'x' }),
      headers: { ...auth('k'), 'Content-Type': 'application/json' },
    });
    expect(simple.status).toBe(422);
    expect(simple.json()).toEqual({ error: 'location is invalid' });
    const comma = await call(AURORA, 'POST', '/tenants/t/designs', {
      ...jsonBody({}),
      headers: { ...auth('k'), 'Content-Type': 'application/json' },
    });
    expect(comma.json()).toEqual({ error: 'project_id is missing, name is missing' });
    const hash = await call(AURORA, 'POST', '/tenants/t/projects', {
      ...jsonBody({}),
      headers: { ...auth('k'), 'Content-Type': 'application/json' },
    });
    expect(hash.json()).toEqual({
      error: {
        name: ["can't be blank"],
        location: ['is invalid', 'must be within a supported region'],
      },
    });
    expect((await call(AURORA, 'POST', '/tenants/t/designs/d1/simulations', h)).status).toBe(409);
    expect((await call(AURORA, 'GET', '/tenants/t/designs')).status).toBe(401);
  });
});

describe('Neo4j Aura', () => {
  it('sends X-Request-Id on every response, v1 and v1beta3, and fails a "fail" create with 500', async () => {
    const list = await call('api.neo4j.io', 'GET', '/v1beta3/instances', { headers: auth('t') });
    expect(list.status).toBe(200);
    expect(list.headers['x-request-id']).toMatch(/^req-/);
    const create = await call('api.neo4j.io', 'POST', '/v1/instances', {
      headers: { ...auth('t'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x-fail' }),
    });
    expect(create.status).toBe(500);
    expect(create.headers['x-request-id']).not.toBe(list.headers['x-request-id']);
    expect(
      (await call('api.neo4j.io', 'GET', '/v1/instances/zz', { headers: auth('t') })).json(),
    ).toMatchObject({ errors: [{ reason: 'not-found' }] });
  });

  it('limits at 125 requests per minute', async () => {
    for (let i = 0; i < 125; i++)
      await call('api.neo4j.io', 'GET', '/v1/instances', { headers: auth('t') });
    const over = await call('api.neo4j.io', 'GET', '/v1/instances', { headers: auth('t') });
    expect(over.status).toBe(429);
    expect(over.headers['retry-after']).toBe('60');
  });
});

describe('EVRYTHNG', () => {
  it('refuses anything but application/json with 415, and uses the documented codes', async () => {
    const h = { Authorization: 'evt-key' };
    const bad = await call('api.evrythng.com', 'POST', '/thngs', {
      headers: { ...h, 'Content-Type': 'text/plain' },
      body: 'x',
    });
    expect(bad.status).toBe(415);
    expect(bad.json()).toMatchObject({
      status: 415,
      errors: [expect.stringContaining('application/json')],
    });
    const codes = await Promise.all([
      call('api.evrythng.com', 'GET', '/thngs/bad!', { headers: h }),
      call('api.evrythng.com', 'GET', '/thngs/UaaaaaaaaaaaaaaaaaaaaaaB', { headers: h }),
      call('api.eu.evrythng.com', 'GET', '/accounts', { headers: h }),
      call('api.eu.evrythng.com', 'DELETE', '/products', { headers: h }),
    ]);
    expect(codes.map((r) => [r.status, r.json().code])).toEqual([
      [400, 'INVALID_ID'],
      [404, 'MISSING_RESOURCE'],
      [403, 'ACCESS_FORBIDDEN'],
      [405, 'METHOD_FORBIDDEN'],
    ]);
    const created = await call('api.eu.evrythng.com', 'POST', '/thngs', {
      headers: { ...h, 'Content-Type': 'application/json' },
      body: '{"name":"a"}',
    });
    expect([created.status, created.headers.location]).toEqual([
      201,
      '/thngs/UhCxGq3YeQm8Ea2wMEkT3Hnn',
    ]);
    expect((await call('api.evrythng.com', 'GET', '/thngs')).json()).toEqual({
      status: 401,
      errors: ['Access denied, please check your credentials!'],
      code: 33619968,
      moreInfo: '',
    });
  });
});

describe('HAL + Problem Details', () => {
  it('answers HAL on success, problem+json with errors[] on validation, 201 then 200 for a repeated create', async () => {
    const h = { ...auth('t'), 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' };
    const list = await call('hal.apilens.test', 'GET', '/orders', { headers: auth('t') });
    expect(list.headers['content-type']).toBe('application/hal+json');
    expect(list.json()).toHaveProperty('_links.self.href');
    const invalid = await call('hal.apilens.test', 'POST', '/orders', { headers: h, body: '{}' });
    expect(invalid.headers['content-type']).toBe('application/problem+json');
    expect(invalid.json()).toMatchObject({
      title: 'Bad Request',
      detail: 'Request failed validation',
      errors: [{ title: 'invalid_type' }],
    });
    const first = await call('hal.apilens.test', 'POST', '/orders', {
      headers: h,
      body: '{"name":"a","total":1}',
    });
    const again = await call('hal.apilens.test', 'POST', '/orders', {
      headers: h,
      body: '{"name":"a","total":1}',
    });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(
      (await call('hal.apilens.test', 'PATCH', '/orders/1', { headers: h, body: '{}' })).status,
    ).toBe(501);
    expect(
      (await call('hal.apilens.test', 'POST', '/uploads', { headers: h, body: '{}' })).status,
    ).toBe(413);
  });
});

describe('the server', () => {
  it('serves the demo page and its script, answers preflights, and 404s unknown hosts', async () => {
    const page = await call('demo.apilens.test', 'GET', '/');
    expect(page.text).toMatch(/data-scenario="aurora-burst"/);
    expect(page.text).not.toMatch(/<script>(?!<)/);
    expect((await call('demo.apilens.test', 'GET', '/demo.js')).headers['content-type']).toBe(
      'text/javascript',
    );
    const pre = await call(AURORA, 'OPTIONS', '/tenants/t/designs');
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-headers']).toMatch(/Authorization/);
    expect(pre.headers['access-control-expose-headers']).toMatch(/Retry-After/);
    expect((await call('unknown.test', 'GET', '/')).status).toBe(404);
  });

  it('says clearly when its port is taken', async () => {
    await expect(startFixtureServer({ port: server.port })).rejects.toThrow(
      `port ${server.port} is already in use; pass --port or free it`,
    );
  });
});
