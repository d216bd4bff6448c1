// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile request text is the point of these tests
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FixtureServer, startFixtureServer } from '../../../e2e/fixture-server/index.ts';
import { call } from '../../../e2e/fixture-server/test-client.ts';
import { createEngine } from '../engine.ts';
import { harEntry } from '../har/test-entry.ts';
import { retryCode, retryPlan } from './retry-code.ts';

/**
 * The generated retry code, run in Node against the fixture server (the seed APIs' documented
 * behaviour). Its `fetch` option is a real HTTP client that sends the provider's host name, as
 * Chromium does under --host-resolver-rules; its `sleep` advances the server's clock, so waits
 * are exact and take no time.
 */

let server: FixtureServer;
let now = Date.UTC(2026, 0, 1);
const dir = mkdtempSync(join(tmpdir(), 'apilens-retry-'));
beforeAll(async () => {
  server = await startFixtureServer({ port: 0, clock: () => now });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => server.reset());

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
}
type RetryFn = (options: Record<string, unknown>) => Promise<Response>;

let n = 0;
/** Imports the generated code as a real ES module. */
async function load(code: string): Promise<RetryFn> {
  const file = join(dir, `retry-${n++}.mjs`);
  writeFileSync(file, `${code}\nexport default requestWithRetry;\n`);
  return ((await import(pathToFileURL(file).href)) as { default: RetryFn }).default;
}

/** Runs the generated function; records what it sent and how long it slept. */
async function run(code: string, options: Record<string, unknown> = {}) {
  const sent: Sent[] = [];
  const sleeps: number[] = [];
  const fn = await load(code);
  const res = await fn({
    fetch: async (
      url: string,
      init: { method: string; headers: Record<string, string>; body?: string },
    ) => {
      sent.push({ method: init.method, url, headers: { ...init.headers } });
      const u = new URL(url);
      const r = await call(
        server.port,
        `${u.hostname}:${server.port}`,
        init.method,
        `${u.pathname}${u.search}`,
        {
          headers: init.headers,
          ...(init.body !== undefined ? { body: init.body } : {}),
        },
      );
      const headers = new Headers();
      for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') headers.set(k, v);
      return new Response(r.text || null, { status: r.status, headers });
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    random: () => 0.5,
    ...options,
  });
  return { res, sent, sleeps };
}

/** A real exchange with the fixture server, as a HAR entry (what the panel captured). */
async function captured(
  host: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
) {
  const r = await call(server.port, `${host}:${server.port}`, method, path, {
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  const responseHeaders: Record<string, string> = {};
  for (const [k, v] of Object.entries(r.headers)) if (typeof v === 'string') responseHeaders[k] = v;
  return harEntry({
    method,
    url: `https://${host}${path}`,
    status: r.status,
    body: r.text,
    contentType: responseHeaders['content-type'] ?? 'application/json',
    requestHeaders: headers,
    responseHeaders,
    at: now,
    ...(body !== undefined ? { postData: body } : {}),
  });
}

const AURORA = 'api.aurorasolar.com';
const AURA = 'api.neo4j.io';
const HAL = 'hal.apilens.test';

describe('Copy retry code, run against the fixture server', () => {
  it('waits exactly the Retry-After of an Aurora 429, then succeeds', async () => {
    const auth = { Authorization: 'Bearer key-1' };
    for (let i = 0; i < 90; i++)
      await call(server.port, AURORA, 'GET', '/tenants/t/designs', { headers: auth });
    now += 20_000;
    const entry = await captured(AURORA, 'GET', '/tenants/t/designs', auth);
    const ann = createEngine().annotate(entry);
    expect(ann.status.code).toBe(429);
    expect(ann.retry.verdict).toBe('after');
    const after = Number(entry.response.headers.find((h) => h.name === 'retry-after')!.value);
    expect(after).toBe(40);

    const { res, sent, sleeps } = await run(retryCode(entry, ann, { secrets: true }));
    expect(res.status).toBe(200);
    expect(sent).toHaveLength(2);
    expect(sleeps).toEqual([after * 1000]);
    expect(sent[0]!.headers.Authorization).toBe('Bearer key-1');
  });

  it('gives up rather than wait longer than its cap', async () => {
    const auth = { Authorization: 'Bearer key-2' };
    for (let i = 0; i < 90; i++)
      await call(server.port, AURORA, 'GET', '/tenants/t/designs', { headers: auth });
    const entry = await captured(AURORA, 'GET', '/tenants/t/designs', auth);
    const ann = createEngine().annotate(entry);
    const { res, sent, sleeps } = await run(retryCode(entry, ann, { secrets: true }), {
      maxDelayMs: 30_000,
    });
    expect(res.status).toBe(429);
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('reuses one Idempotency-Key on every try of an Aura create that failed with 500', async () => {
    const auth = { Authorization: 'Bearer aura-1', 'Content-Type': 'application/json' };
    const body = JSON.stringify({ name: 'fail-db', tenant_id: 'tenant-1' });
    const entry = await captured(AURA, 'POST', '/v1/instances', auth, body);
    const ann = createEngine().annotate(entry);
    expect(ann.status.code).toBe(500);
    expect(ann.retry.verdict).toBe('unsafe');
    const plan = retryPlan('POST', ann);
    expect(plan.keyHeader).toBe('Idempotency-Key');

    const { res, sent, sleeps } = await run(retryCode(entry, ann, { secrets: true }));
    expect(res.status).toBe(500);
    expect(sent).toHaveLength(plan.maxRetries + 1);
    const keys = new Set(sent.map((s) => s.headers['Idempotency-Key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
    // Aura's 500 carries Retry-After: 10; it is honoured on every try.
    expect(sleeps).toEqual(Array(plan.maxRetries).fill(10_000));
  });

  it('sends a request the verdict says to fix only once', async () => {
    const entry = await captured(
      HAL,
      'POST',
      '/orders',
      { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      JSON.stringify({ name: 'x', total: -1 }),
    );
    const ann = createEngine().annotate(entry);
    expect(ann.status.code).toBe(422);
    expect(ann.retry.verdict).toBe('fix');
    const code = retryCode(entry, ann, { secrets: true });
    expect(code).toContain('a retry would not help');
    const { res, sent, sleeps } = await run(code);
    expect(res.status).toBe(422);
    expect(sent).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('backs off with jitter when no Retry-After is sent', async () => {
    const entry = await captured(HAL, 'GET', '/reports', { Authorization: 'Bearer t' });
    const ann = createEngine().annotate(entry);
    expect(ann.status.code).toBe(503);
    const { res, sent, sleeps } = await run(retryCode(entry, ann, { secrets: true }), {
      random: () => 0.25,
    });
    expect(res.status).toBe(503);
    expect(sent.length).toBe(retryPlan('GET', ann).maxRetries + 1);
    // Full jitter: random() × min(cap, base·2^attempt).
    expect(sleeps).toEqual(sleeps.map((_, i) => 0.25 * 1000 * 2 ** i));
  });
});

describe('retry code honours an HTTP-date Retry-After', () => {
  it('waits until the date, by the injected clock', async () => {
    const entry = harEntry({ status: 503, responseHeaders: { 'Retry-After': '7' } });
    const ann = createEngine().annotate(entry);
    let tries = 0;
    const { sleeps } = await run(retryCode(entry, ann), {
      now: () => Date.UTC(2026, 0, 1, 0, 0, 0),
      fetch: async () =>
        new Response('', {
          status: tries++ === 0 ? 503 : 200,
          headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:00:12 GMT' },
        }),
    });
    expect(tries).toBe(2);
    expect(sleeps).toEqual([12_000]);
  });
});

describe('retry code is data-safe', () => {
  it('redacts by default and puts request text only into string literals', async () => {
    const entry = harEntry({
      method: 'POST',
      url: 'https://api.example.com/v1/x?q=${globalThis.pwned=1}',
      status: 503,
      requestHeaders: {
        Authorization: 'Bearer sekrit-token',
        'X-Note': '`${globalThis.pwned=2}`\n',
      },
      postData: '"); globalThis.pwned = 3; ("',
    });
    const ann = createEngine().annotate(entry);
    const code = retryCode(entry, ann);
    expect(code).not.toContain('sekrit-token');
    const { sent } = await run(code, {
      fetch: async (url: string, init: { method: string; headers: Record<string, string> }) => {
        expect(url).toBe(entry.request.url);
        expect(init.headers['X-Note']).toBe('`${globalThis.pwned=2}`\n');
        return new Response('ok', { status: 200 });
      },
    });
    expect(sent).toEqual([]);
    expect((globalThis as { pwned?: number }).pwned).toBeUndefined();
  });
});
