import type { Entry } from 'har-format';
import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../core/messages.ts';
import { ObservedRing } from './observed.ts';
import { startBackground } from './service.ts';
import { settle, testBackgroundEnv } from './test-support.ts';

let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

const at = (ms: number, url = 'https://api.example.com/x') =>
  ({ startedDateTime: new Date(ms).toISOString(), request: { method: 'GET', url } }) as Entry;

describe('observed requests per tab', () => {
  it('keeps only the last entries of each tab, oldest forgotten first', () => {
    const ring = new ObservedRing(3);
    for (let i = 0; i < 5; i++) ring.record(1, at(1000 + i));
    ring.record(2, at(1000));
    expect(ring.between(1, 0, 10_000).map((e) => Date.parse(e.startedDateTime))).toEqual([
      1002, 1003, 1004,
    ]);
    expect(ring.between(2, 0, 10_000)).toHaveLength(1);
    ring.clear(1);
    expect(ring.between(1, 0, 10_000)).toEqual([]);
  });

  it('answers the panel with the tab entries started in [since, until), without bodies', async () => {
    const env = testBackgroundEnv();
    const bg = startBackground(env.platform, {}, env.schedule);
    stops.push(bg.stop);
    await settle();
    const t0 = env.now();
    env.request(1, { url: 'https://api.example.com/a', status: 409, tookMs: 5 });
    env.advance(10);
    env.request(1, { url: 'https://api.example.com/b', method: 'POST' });
    env.request(2, { url: 'https://api.example.com/other-tab' });
    env.advance(10);
    env.request(1, { url: 'https://api.example.com/c' });
    const reply = await request(env.platform.messaging.send, 'observed:get', {
      tabId: 1,
      since: t0,
      until: t0 + 20,
    });
    expect(reply.entries.map((e) => [e.request.method, e.request.url, e.response.status])).toEqual([
      ['GET', 'https://api.example.com/a', 409],
      ['POST', 'https://api.example.com/b', 200],
    ]);
    expect(reply.entries[0]!.response.content.text).toBeUndefined();
    env.fake.closeTab(1);
    const after = await request(env.platform.messaging.send, 'observed:get', {
      tabId: 1,
      since: t0,
      until: t0 + 100,
    });
    expect(after.entries).toEqual([]);
  });

  it('keeps the observed entries in memory only, never in storage', async () => {
    const env = testBackgroundEnv();
    const bg = startBackground(env.platform, {}, env.schedule);
    stops.push(bg.stop);
    await settle();
    env.request(1, {
      url: 'https://api.example.com/a',
      responseHeaders: { 'X-Request-Id': 'only-in-memory' },
    });
    await settle();
    env.advance(60_000);
    await settle();
    const session = env.platform.storage.session as unknown as { data: Map<string, unknown> };
    expect(session.data.size).toBeGreaterThan(0);
    const reply = await request(env.platform.messaging.send, 'observed:get', {
      tabId: 1,
      since: 0,
      until: env.now() + 1,
    });
    expect(JSON.stringify(reply)).toContain('only-in-memory');
    expect(JSON.stringify([...session.data.values()])).not.toContain('only-in-memory');
  });
});
