import { afterEach, describe, expect, it } from 'vitest';
import { startBackground } from '../background/service.ts';
import { settle, testBackgroundEnv } from '../background/test-support.ts';
import { request } from '../core/messages.ts';
import { createFakeDevtools } from '../platform/fake.ts';
import { CAPTURE_TIMING, startCapture } from './capture.ts';
import { createPanelStore } from './store.ts';
import { BASE_TIME, harEntry, manualTimers, stubEngine } from './test-support.ts';

const API = 'https://api.example.com';
let stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops) s();
  stops = [];
});

/**
 * Firefox-like capture (no getHAR while the page is busy) over the real background on the fake
 * platform: webRequest traffic of tab 1 goes in through `web`, DevTools reports through `dt`.
 */
async function firefox(opts: { preserveLog?: boolean } = {}) {
  const env = testBackgroundEnv(BASE_TIME);
  const bg = startBackground(env.platform, {}, env.schedule);
  await settle();
  const dt = createFakeDevtools({ harWhileBusy: false, tabId: 1 });
  const timers = manualTimers(BASE_TIME);
  const store = createPanelStore(
    { createEngine: stubEngine },
    { preserveLog: opts.preserveLog ?? true },
  );
  const handled: number[] = [];
  let asked = 0;
  const stop = startCapture(store, dt.api, {
    timers,
    onNavigationHandled: (n) => handled.push(n),
    observed: (since, until) => {
      asked++;
      return request(env.platform.messaging.send, 'observed:get', { tabId: 1, since, until });
    },
  });
  stops.push(stop, bg.stop);
  await timers.advance(0);
  /** Both clocks move together (webRequest's and the panel's). */
  const advance = async (ms: number) => {
    env.advance(ms);
    await timers.advance(ms);
  };
  const web = (path: string, status: number, method = 'GET') =>
    env.request(1, { url: `${API}${path}`, status, method });
  /** A request webRequest saw start; it finishes when the returned function is called. */
  const webStart = (path: string, status: number) =>
    env.startRequest(1, { url: `${API}${path}`, status });
  const rows = () => store.visibleRows().map((r) => [r.path, r.status, r.body]);
  return { env, dt, timers, store, handled, advance, web, webStart, rows, asked: () => asked };
}

describe('capture in Firefox: recovery from webRequest observations', () => {
  it('at each navigation, after the grace period, adds what webRequest saw and DevTools never reported, once', async () => {
    const f = await firefox();
    // A burst: webRequest sees four requests (two alike); DevTools reports two, ms apart from it.
    f.web('/a', 200);
    await f.advance(1);
    f.web('/b', 409, 'POST');
    f.web('/b', 409, 'POST');
    await f.advance(1);
    f.web('/c', 422);
    f.dt.finish(harEntry({ url: `${API}/a`, at: BASE_TIME + 3, body: '{}' }));
    f.dt.finish(
      harEntry({ url: `${API}/b`, method: 'POST', status: 409, at: BASE_TIME + 4, body: '{}' }),
    );
    await f.advance(10);
    f.dt.navigate('https://example.test/next');
    await f.advance(CAPTURE_TIMING.graceMs - 1);
    expect(f.handled).toEqual([]);
    expect(f.rows()).toEqual([
      ['/a', 200, 'captured'],
      ['/b', 409, 'captured'],
    ]);
    await f.advance(1);
    expect(f.handled).toEqual([1]);
    expect(f.rows()).toEqual([
      ['/a', 200, 'captured'],
      ['/b', 409, 'captured'],
      ['/b', 409, 'recovered'],
      ['/c', 422, 'recovered'],
    ]);
    // DevTools reports one of them after all: its row exists already.
    f.dt.finish(harEntry({ url: `${API}/c`, status: 422, at: BASE_TIME + 3, body: '{}' }));
    // The next page's window overlaps the last one (pageSlackMs): nothing is added twice.
    f.web('/d', 200);
    await f.advance(10);
    f.dt.navigate('https://example.test/again');
    await f.advance(CAPTURE_TIMING.graceMs);
    expect(f.handled).toEqual([1, 2]);
    expect(f.rows().map((r) => r[0])).toEqual(['/a', '/b', '/b', '/c', '/d']);
  });

  it('asks again while requests of the page have not finished, and adds them once they have', async () => {
    const f = await firefox();
    f.web('/a', 200);
    const finishB = f.webStart('/b', 422);
    const finishC = f.webStart('/c', 409);
    await f.advance(10);
    f.dt.navigate('https://example.test/next');
    // The next page's requests start meanwhile: they are not the page's.
    await f.advance(5);
    f.webStart('/next-page', 200);
    await f.advance(CAPTURE_TIMING.graceMs - 5);
    expect(f.rows()).toEqual([['/a', 200, 'recovered']]);
    expect(f.handled).toEqual([]);
    // On a loaded machine the cancelled requests' end reaches the background seconds later.
    await f.advance(2_000);
    finishB();
    await f.advance(CAPTURE_TIMING.unfinishedPollMs);
    expect(f.rows().map((r) => r[0])).toEqual(['/a', '/b']);
    expect(f.handled).toEqual([]);
    finishC();
    await f.advance(CAPTURE_TIMING.unfinishedPollMs);
    expect(f.rows()).toEqual([
      ['/a', 200, 'recovered'],
      ['/b', 422, 'recovered'],
      ['/c', 409, 'recovered'],
    ]);
    expect(f.handled).toEqual([1]);
    const asked = f.asked();
    await f.advance(CAPTURE_TIMING.unfinishedMaxMs);
    expect(f.asked()).toBe(asked);
  });

  it('gives up asking once unfinishedMaxMs have passed, and counts the navigation handled', async () => {
    const f = await firefox();
    f.webStart('/never-ends', 200);
    await f.advance(10);
    f.dt.navigate('https://example.test/next');
    await f.advance(CAPTURE_TIMING.graceMs + CAPTURE_TIMING.unfinishedMaxMs - 1);
    expect(f.handled).toEqual([]);
    await f.advance(CAPTURE_TIMING.unfinishedPollMs);
    expect(f.handled).toEqual([1]);
    const asked = f.asked();
    expect(asked).toBeGreaterThan(
      CAPTURE_TIMING.unfinishedMaxMs / CAPTURE_TIMING.unfinishedPollMs / 2,
    );
    await f.advance(10 * CAPTURE_TIMING.unfinishedPollMs);
    expect(f.asked()).toBe(asked);
    expect(f.rows()).toEqual([]);
  });

  it('changes nothing when the background observed nothing (no host access)', async () => {
    const f = await firefox();
    f.dt.finish(harEntry({ url: `${API}/a`, at: BASE_TIME + 1, body: '{}' }));
    await f.advance(10);
    f.dt.navigate('https://example.test/next');
    await f.advance(CAPTURE_TIMING.graceMs);
    expect(f.asked()).toBe(1);
    expect(f.handled).toEqual([1]);
    expect(f.rows()).toEqual([['/a', 200, 'captured']]);
  });

  it('without preserve log asks nothing and handles each navigation at once (the page is cleared)', async () => {
    const f = await firefox({ preserveLog: false });
    f.web('/lost', 409);
    await f.advance(10);
    f.dt.navigate('https://example.test/next');
    await f.advance(0);
    expect(f.handled).toEqual([1]);
    await f.advance(CAPTURE_TIMING.graceMs);
    expect(f.asked()).toBe(0);
    expect(f.rows()).toEqual([]);
  });
});
