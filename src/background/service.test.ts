import type { Entry } from 'har-format';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine.ts';
import { type MessageKind, type Payload, type Reply, request } from '../core/messages.ts';
import { BUILTIN_HOST_PATTERNS } from '../core/profiles/hosts.ts';
import { startBackground } from './service.ts';
import { STORAGE_KEY } from './store.ts';
import { settle, testBackgroundEnv } from './test-support.ts';

const AURORA = 'https://api.aurorasolar.com/tenants/t1/designs';
const KEY = 'Bearer sk_live_aurora_secret_123';
const auth = { Authorization: KEY };

let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

function setup(env = testBackgroundEnv(), options = {}) {
  const bg = startBackground(env.platform, options, env.schedule);
  stops.push(bg.stop);
  return { env, bg };
}

function ask<K extends MessageKind>(
  env: ReturnType<typeof testBackgroundEnv>,
  kind: K,
  payload: Payload<K>,
): Promise<Reply<K>> {
  return request(env.platform.messaging.send, kind, payload);
}

describe('background: webRequest → per-tab summary', () => {
  it('counts status classes, verdicts and the per-key window through the core engine', async () => {
    const { env } = setup();
    await settle();
    for (let i = 0; i < 5; i++) {
      env.request(1, { url: `${AURORA}?page=${i}`, requestHeaders: auth });
      env.advance(1000);
    }
    env.request(1, { url: `${AURORA}/d404`, status: 404, requestHeaders: auth });
    env.request(1, { url: `${AURORA}`, method: 'POST', status: 503, requestHeaders: auth });
    await settle();
    const s = (await ask(env, 'summary:get', { tabId: 1 }))!;
    expect(s.total).toBe(7);
    expect(s.byStatusClass).toEqual({ '2xx': 5, '4xx': 1, '5xx': 1 });
    expect(s.verdicts).toEqual({ none: 5, fix: 1, unsafe: 1 });
    expect(s.errors).toBe(2);
    expect(s.rates).toHaveLength(1);
    expect(s.rates[0]).toMatchObject({ profile: 'aurora', limit: 90, count: 7, over: false });

    // The same traffic as HAR entries through a fresh engine (what the panel does) agrees.
    const engine = createEngine();
    let last: ReturnType<typeof engine.annotate> | undefined;
    for (let i = 0; i < 7; i++) {
      const entry = {
        startedDateTime: new Date(env.now() - (i < 5 ? (5 - i) * 1000 : 0)).toISOString(),
        time: 0,
        request: { method: 'GET', url: AURORA, headers: [{ name: 'Authorization', value: KEY }] },
        response: { status: 200, headers: [], content: { mimeType: 'application/json' } },
      } as unknown as Entry;
      last = engine.annotate(entry);
    }
    expect(last!.rate?.key).toBe(s.rates[0]!.key);
    expect(last!.rate?.count).toBe(s.rates[0]!.count);
  });

  it('keeps recent errors with method, redacted path, request id, meaning and message, newest first', async () => {
    const { env } = setup({ ...testBackgroundEnv() }, { maxRecentErrors: 2 });
    await settle();
    env.request(1, { url: `${AURORA}/a?api_key=plain-secret`, status: 404, requestHeaders: auth });
    env.request(1, {
      url: `${AURORA}/b`,
      method: 'DELETE',
      status: 405,
      responseHeaders: { 'X-Request-Id': 'req-42' },
    });
    env.request(1, { url: `${AURORA}/c`, status: 409 });
    await settle();
    const s = (await ask(env, 'summary:get', { tabId: 1 }))!;
    expect(s.errors).toBe(3);
    expect(s.recentErrors.map((e) => e.path)).toEqual([
      '/tenants/t1/designs/c',
      '/tenants/t1/designs/b',
    ]);
    const e405 = s.recentErrors[1]!;
    expect(e405).toMatchObject({ method: 'DELETE', status: 405, requestId: 'req-42' });
    expect(e405.meaning.length).toBeGreaterThan(0);
    expect(e405.host).toBe('api.aurorasolar.com');
    expect(s.recentErrors[0]!.meaning).toMatch(/progress/i); // Aurora documents 409 as "in progress"
  });

  it('redacts token-like query parameters from error paths', async () => {
    const { env } = setup();
    await settle();
    env.request(1, { url: `${AURORA}/a?api_key=plain-secret&page=2`, status: 404 });
    await settle();
    const s = (await ask(env, 'summary:get', { tabId: 1 }))!;
    expect(s.recentErrors[0]!.path).not.toContain('plain-secret');
    expect(s.recentErrors[0]!.path).toContain('page=2');
  });

  it('counts a network error under "none" with its error text', async () => {
    const { env } = setup();
    await settle();
    env.request(1, { url: AURORA, error: 'net::ERR_CONNECTION_REFUSED' });
    await settle();
    const s = (await ask(env, 'summary:get', { tabId: 1 }))!;
    expect(s.byStatusClass).toEqual({ none: 1 });
    expect(s.recentErrors[0]!.message).toContain('ERR_CONNECTION_REFUSED');
  });

  it('ignores requests outside tabs and non-API resource types of unknown hosts', async () => {
    const { env } = setup();
    await settle();
    env.request(-1, { url: AURORA });
    env.request(2, {
      url: 'https://cdn.example.com/logo',
      type: 'other',
      responseHeaders: { 'Content-Type': 'image/png' },
    });
    await settle();
    expect(await ask(env, 'summary:get', { tabId: 2 })).toBeNull();
    expect(await ask(env, 'summary:get', { tabId: -1 })).toBeNull();
  });

  it("does not count the browser's own CORS preflights (Firefox reports them)", async () => {
    const { env } = setup();
    await settle();
    env.request(1, {
      url: AURORA,
      method: 'OPTIONS',
      status: 204,
      requestHeaders: { 'Access-Control-Request-Method': 'GET' },
    });
    env.request(1, { url: AURORA, requestHeaders: auth });
    // An OPTIONS the page sends itself is a request like any other.
    env.request(1, { url: AURORA, method: 'OPTIONS', status: 204, requestHeaders: auth });
    await settle();
    const s = (await ask(env, 'summary:get', { tabId: 1 }))!;
    expect(s.total).toBe(2);
    expect(s.byStatusClass).toEqual({ '2xx': 2 });
  });

  it('keeps counts per tab, clears a tab on close and on demand', async () => {
    const { env } = setup();
    await settle();
    env.request(1, { url: AURORA, requestHeaders: auth });
    env.request(2, { url: AURORA, requestHeaders: auth });
    env.request(2, { url: AURORA, requestHeaders: auth });
    await settle();
    expect((await ask(env, 'summary:get', { tabId: 1 }))!.rates[0]!.count).toBe(1);
    expect((await ask(env, 'summary:get', { tabId: 2 }))!.rates[0]!.count).toBe(2);
    env.fake.closeTab(2);
    await settle();
    expect(await ask(env, 'summary:get', { tabId: 2 })).toBeNull();
    expect(await ask(env, 'summary:clear', { tabId: 1 })).toEqual({ ok: true });
    expect(await ask(env, 'summary:get', { tabId: 1 })).toBeNull();
    expect(env.fake.badges.get(1)?.text).toBe('');
  });

  it('sets the badge per tab, and looks again when a throttle ends without new traffic', async () => {
    const { env } = setup();
    await settle();
    env.request(1, { url: AURORA, status: 404, requestHeaders: auth });
    env.request(2, {
      url: AURORA,
      status: 429,
      requestHeaders: auth,
      responseHeaders: { 'Retry-After': '5' },
    });
    await settle();
    expect(env.fake.badges.get(1)).toMatchObject({ text: '1', color: '#c2410c' });
    expect(env.fake.badges.get(2)).toMatchObject({ text: '429', color: '#8b0000' });
    expect(env.fake.badges.get(2)!.title).toContain('retry in 5 s');
    env.advance(4000);
    expect(env.fake.badges.get(2)!.text).toBe('429');
    env.advance(1100);
    expect(env.fake.badges.get(2)).toMatchObject({ text: '1', color: '#c2410c' });
  });

  it('exports the summary with the generator and time', async () => {
    const { env } = setup();
    await settle();
    env.request(1, { url: AURORA, requestHeaders: auth });
    await settle();
    const doc = (await ask(env, 'summary:export', { tabId: 1 }))!;
    expect(doc.generator.name).toBe('API Lens');
    expect(doc.exportedAt).toBe(new Date(env.now()).toISOString());
    expect(doc.summary.total).toBe(1);
    expect(JSON.stringify(doc)).not.toContain('sk_live');
  });
});

describe('background: persistence', () => {
  it('restores every tab after a worker restart, with the same windows and counters', async () => {
    const env = testBackgroundEnv();
    const first = setup(env);
    await settle();
    for (let i = 0; i < 10; i++) env.request(3, { url: AURORA, requestHeaders: auth });
    env.request(3, { url: AURORA, status: 500, requestHeaders: auth });
    await settle();
    env.advance(1000); // the debounced write
    await settle();
    const before = await ask(env, 'summary:get', { tabId: 3 });
    first.bg.stop();

    // A new worker: the same storage.session, nothing in memory.
    const second = setup(env);
    await second.bg.ready;
    const after = await ask(env, 'summary:get', { tabId: 3 });
    expect(after).toEqual(before);
    env.request(3, { url: AURORA, requestHeaders: auth });
    await settle();
    expect((await ask(env, 'summary:get', { tabId: 3 }))!.rates[0]!.count).toBe(12);
  });

  it('applies traffic that arrives while the snapshot is still being read', async () => {
    const env = testBackgroundEnv();
    await env.platform.storage.session.set(STORAGE_KEY, { v: 1, tabs: {} });
    const { bg } = setup(env);
    env.request(1, { url: AURORA, requestHeaders: auth }); // before ready
    await bg.ready;
    await settle();
    expect((await ask(env, 'summary:get', { tabId: 1 }))!.total).toBe(1);
  });

  it('coalesces writes and never stores the credential, only its fingerprint', async () => {
    const env = testBackgroundEnv();
    const { bg } = setup(env);
    await settle();
    let writes = 0;
    env.platform.storage.session.onChanged(() => writes++);
    for (let i = 0; i < 20; i++) env.request(1, { url: AURORA, requestHeaders: auth });
    await settle();
    expect(writes).toBe(0);
    env.advance(250);
    await settle();
    expect(writes).toBe(1);
    await bg.store.flush();
    const stored = JSON.stringify(await env.platform.storage.session.get(STORAGE_KEY));
    expect(stored).not.toContain('sk_live_aurora_secret_123');
    expect(stored).toMatch(/aurora:k:[0-9a-f]{12}/);
  });

  it('starts empty from a snapshot it cannot read', async () => {
    const env = testBackgroundEnv();
    await env.platform.storage.session.set(STORAGE_KEY, { v: 9, junk: true });
    const { bg } = setup(env);
    await bg.ready;
    expect(bg.store.tabIds()).toEqual([]);
  });
});

describe('background: user profiles', () => {
  it('annotates with user profiles from storage.local, also after they change, keeping counts', async () => {
    const env = testBackgroundEnv();
    const acme = (limit: number) => [
      {
        id: 'acme',
        name: 'Acme',
        match: { hosts: ['api.acme.test'] },
        rateLimit: { limit, windowSeconds: 60 },
      },
    ];
    await env.platform.storage.local.set('userProfiles', acme(10));
    const { bg } = setup(env);
    await bg.ready;
    env.request(1, { url: 'https://api.acme.test/things', requestHeaders: auth });
    await settle();
    expect((await ask(env, 'summary:get', { tabId: 1 }))!.rates[0]).toMatchObject({
      profile: 'acme',
      limit: 10,
      count: 1,
    });
    await env.platform.storage.local.set('userProfiles', acme(20));
    env.request(1, { url: 'https://api.acme.test/things', requestHeaders: auth });
    await settle();
    expect((await ask(env, 'summary:get', { tabId: 1 }))!.rates[0]).toMatchObject({
      limit: 20,
      count: 2,
    });
  });
});

describe('background: permissions', () => {
  it('reports the profile hosts and whether they are granted', async () => {
    const { env } = setup();
    let p = await ask(env, 'permissions:get', {});
    expect(p.profileHosts).toEqual(BUILTIN_HOST_PATTERNS);
    expect(p.profileHostsGranted).toBe(false);
    await env.platform.permissions.request(p.profileHosts);
    p = await ask(env, 'permissions:get', {});
    expect(p.profileHostsGranted).toBe(true);
    expect(p.allHostsGranted).toBe(false);
  });

  it('includes the hosts of user profiles from storage.local', async () => {
    const env = testBackgroundEnv();
    await env.platform.storage.local.set('userProfiles', [
      { id: 'acme', name: 'Acme', match: { hosts: ['api.acme.test'] } },
    ]);
    const { bg } = setup(env);
    await bg.ready;
    const p = await ask(env, 'permissions:get', {});
    expect(p.profileHosts).toContain('*://api.acme.test/*');
  });
});
