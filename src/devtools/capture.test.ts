import { describe, expect, it } from 'vitest';
import type { Engine, EngineOptions } from '../core/engine.ts';
import { createFakeDevtools } from '../platform/fake.ts';
import { CAPTURE_TIMING, startCapture } from './capture.ts';
import { createPanelStore } from './store.ts';
import { BASE_TIME, harEntry, manualTimers, stubEngine } from './test-support.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** Capture over a fake DevTools, on test-driven timers, after the backfill ran. */
async function capturing(
  opts: { preserveLog?: boolean; keepLogOnNavigate?: boolean; harWhileBusy?: boolean } = {},
) {
  const dt = createFakeDevtools({
    keepLogOnNavigate: opts.keepLogOnNavigate ?? false,
    harWhileBusy: opts.harWhileBusy ?? true,
  });
  const timers = manualTimers();
  // Every request the live session's engine counts (what its rate tracker sees).
  const counted: string[] = [];
  let live: Engine | undefined;
  const createEngine = (o: EngineOptions): Engine => {
    const e = stubEngine(o);
    if (live) return e;
    live = {
      ...e,
      annotate(entry, body) {
        counted.push(entry.request.url);
        return e.annotate(entry, body);
      },
    };
    return live;
  };
  const store = createPanelStore({ createEngine }, { preserveLog: opts.preserveLog ?? true });
  const handled: number[] = [];
  const stop = startCapture(store, dt.api, {
    timers,
    onNavigationHandled: (n) => handled.push(n),
  });
  await timers.advance(0);
  return { dt, timers, store, stop, counted, handled };
}

describe('capture', () => {
  it('backfills from getHAR without bodies, then ingests live requests with their bodies', async () => {
    const before = harEntry({ url: 'https://api.example.com/before' });
    const dt = createFakeDevtools({ har: [before] });
    const store = createPanelStore({ createEngine: stubEngine });
    let ready = false;
    startCapture(store, dt.api, {
      onSubscribed: () => {
        ready = true;
      },
    });
    expect(ready).toBe(true);
    dt.finish(harEntry({ status: 422, body: '{"error":"name is required"}' }));
    await settle();
    const rows = store.visibleRows();
    expect(rows.map((r) => [r.path, r.body])).toEqual([
      ['/before', 'not-captured'],
      ['/v1/things', 'captured'],
    ]);
    expect(rows[1]!.message).toBe('name is required');
  });

  it('marks a body DevTools had evicted, and stops listening when stopped', async () => {
    const dt = createFakeDevtools();
    const store = createPanelStore({ createEngine: stubEngine });
    const stop = startCapture(store, dt.api);
    dt.finish(harEntry({ status: 500 }), { text: null });
    await settle();
    expect(store.visibleRows()[0]!.body).toBe('evicted');
    stop();
    expect(dt.listenerCount()).toBe(0);
  });

  it('keeps requests that finished before a navigation, then clears without preserve log', async () => {
    const dt = createFakeDevtools();
    const store = createPanelStore({ createEngine: stubEngine }, { preserveLog: false });
    startCapture(store, dt.api);
    dt.finish(harEntry());
    dt.navigate('https://example.test/next');
    dt.finish(harEntry({ url: 'https://api.example.com/after' }));
    await settle();
    expect(store.visibleRows().map((r) => r.path)).toEqual(['/after']);
  });

  it('keeps a request seen both live and in the backfill once, and same-millisecond twins twice', async () => {
    const dt = createFakeDevtools();
    const twin = harEntry({ url: 'https://api.example.com/burst', at: 1_000, body: '{}' });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const getHAR = dt.api.getHAR;
    // The backfill snapshot is taken after both twins finished live.
    const api = {
      ...dt.api,
      getHAR: async () => {
        await gate;
        return getHAR();
      },
    };
    const store = createPanelStore({ createEngine: stubEngine });
    startCapture(store, api);
    dt.finish(twin);
    dt.finish({ ...twin });
    release();
    await settle();
    expect(store.visibleRows().map((r) => [r.path, r.body])).toEqual([
      ['/burst', 'captured'],
      ['/burst', 'captured'],
    ]);
  });

  it('a body DevTools never serves is marked dropped after the timeout; the queue behind it moves on', async () => {
    const { dt, timers, store } = await capturing();
    dt.finish(harEntry({ url: 'https://api.example.com/stuck', status: 500 }), 'never');
    dt.finish(
      harEntry({ url: 'https://api.example.com/next', status: 422, body: '{"error":"x"}' }),
    );
    await timers.advance(CAPTURE_TIMING.bodyTimeoutMs - 1);
    expect(store.visibleRows()).toEqual([]);
    await timers.advance(1);
    expect(store.visibleRows().map((r) => [r.path, r.body, r.message])).toEqual([
      ['/stuck', 'evicted', '500'],
      ['/next', 'captured', 'x'],
    ]);
  });

  it('a body DevTools serves after the timeout still reaches its row; the queue did not wait', async () => {
    const { dt, timers, store, counted } = await capturing();
    let serve!: (b: { text: string | null }) => void;
    const slow = new Promise<{ text: string | null }>((r) => (serve = r));
    dt.finish(harEntry({ url: 'https://api.example.com/slow', status: 409 }), slow);
    dt.finish(harEntry({ url: 'https://api.example.com/next', status: 200, body: '{}' }));
    await timers.advance(CAPTURE_TIMING.bodyTimeoutMs);
    expect(store.visibleRows().map((r) => [r.path, r.body, r.message])).toEqual([
      ['/slow', 'evicted', '409'],
      ['/next', 'captured', ''],
    ]);
    const id = store.visibleRows()[0]!.id;
    serve({ text: '{"error":"already running"}' });
    await settle();
    await settle();
    expect(store.visibleRows().map((r) => [r.id, r.path, r.body, r.message])).toEqual([
      [id, '/slow', 'captured', 'already running'],
      [store.visibleRows()[1]!.id, '/next', 'captured', ''],
    ]);
    expect(store.visibleRows()[0]!.entry.response.content.text).toBe('{"error":"already running"}');
    // Counted once, when the row went in.
    expect(counted).toEqual(['https://api.example.com/slow', 'https://api.example.com/next']);
  });

  it('without getHAR while the page is busy (Firefox), asks getHAR only for the backfill and still handles each navigation in order', async () => {
    const { dt, timers, store, handled } = await capturing({ harWhileBusy: false });
    const backfill = dt.harCalls();
    dt.finish(harEntry({ url: 'https://api.example.com/a', at: BASE_TIME + 1, body: '{}' }));
    dt.log(harEntry({ url: 'https://api.example.com/never', at: BASE_TIME + 2 }));
    dt.navigate('https://example.test/next');
    dt.finish(harEntry({ url: 'https://api.example.com/b', at: BASE_TIME + 3, body: '{}' }));
    dt.navigate('https://example.test/again');
    await timers.advance(CAPTURE_TIMING.graceMs + CAPTURE_TIMING.activeMs);
    expect(dt.harCalls()).toBe(backfill);
    expect(handled).toEqual([1, 2]);
    expect(store.visibleRows().map((r) => [r.path, r.body])).toEqual([
      ['/a', 'captured'],
      ['/b', 'captured'],
    ]);
  });

  it('counts a navigation handled only once its recovery ran', async () => {
    const { dt, timers, store, handled } = await capturing();
    dt.finish(harEntry({ url: 'https://api.example.com/seen', at: BASE_TIME + 1, body: '{}' }));
    dt.log(harEntry({ url: 'https://api.example.com/lost', at: BASE_TIME + 2 }));
    await timers.advance(CAPTURE_TIMING.minIntervalMs);
    dt.navigate('https://example.test/next');
    await timers.advance(CAPTURE_TIMING.graceMs - 1);
    expect(handled).toEqual([]);
    await timers.advance(1);
    expect(handled).toEqual([1]);
    expect(store.visibleRows().map((r) => r.path)).toEqual(['/seen', '/lost']);
  });

  it('recovers, at the next navigation, a request DevTools logged but never reported, once', async () => {
    const { dt, timers, store } = await capturing();
    const lost = harEntry({ url: 'https://api.example.com/lost', status: 409, at: BASE_TIME + 2 });
    dt.finish(harEntry({ url: 'https://api.example.com/seen', at: BASE_TIME + 1, body: '{}' }));
    dt.log(lost);
    // The snapshot taken while requests were arriving sees it; the navigation clears DevTools' log.
    await timers.advance(CAPTURE_TIMING.minIntervalMs);
    dt.navigate('https://example.test/next');
    await timers.advance(CAPTURE_TIMING.graceMs - 1);
    expect(store.visibleRows().map((r) => r.path)).toEqual(['/seen']);
    await timers.advance(1);
    expect(store.visibleRows().map((r) => [r.path, r.status, r.body])).toEqual([
      ['/seen', 200, 'captured'],
      ['/lost', 409, 'recovered'],
    ]);
    // DevTools reporting it after all (without a body to serve) does not add it twice.
    dt.finish(lost);
    await timers.advance(0);
    expect(store.visibleRows().map((r) => [r.path, r.body])).toEqual([
      ['/seen', 'captured'],
      ['/lost', 'recovered'],
    ]);
  });

  it('a report after recovery gives the recovered row its body, message and timings, counted once', async () => {
    const { dt, timers, store, counted } = await capturing();
    const url = 'https://api.example.com/slow';
    const slow = harEntry({ url, status: 422, at: BASE_TIME + 2, body: '{"error":"too slow"}' });
    dt.finish(harEntry({ url: 'https://api.example.com/seen', at: BASE_TIME + 1, body: '{}' }));
    dt.log(slow);
    await timers.advance(CAPTURE_TIMING.minIntervalMs);
    dt.navigate('https://example.test/next');
    await timers.advance(CAPTURE_TIMING.graceMs);
    const recovered = store.visibleRows()[1]!;
    expect([recovered.body, recovered.message, recovered.entry.response.content.text]).toEqual([
      'recovered',
      '422',
      undefined,
    ]);
    expect(counted).toEqual(['https://api.example.com/seen', url]);
    // DevTools reports it after the grace period (a loaded machine), with its full timings.
    const reported = { ...slow, time: 1234 };
    dt.finish(reported);
    await timers.advance(0);
    const rows = store.visibleRows();
    expect(rows.map((r) => [r.id, r.path, r.body, r.message])).toEqual([
      [rows[0]!.id, '/seen', 'captured', ''],
      [recovered.id, '/slow', 'captured', 'too slow'],
    ]);
    expect(rows[1]!.entry.response.content.text).toBe('{"error":"too slow"}');
    expect(rows[1]!.entry.time).toBe(1234);
    expect(counted).toEqual(['https://api.example.com/seen', url]);
  });

  it('late reports for recovered same-millisecond twins fill both rows; a body never served is given up', async () => {
    const { dt, timers, store, counted } = await capturing();
    const url = 'https://api.example.com/twin';
    const twin = (error: string) =>
      harEntry({ url, status: 409, at: BASE_TIME + 3, body: `{"error":"${error}"}` });
    dt.finish(harEntry({ url: 'https://api.example.com/seen', at: BASE_TIME + 1, body: '{}' }));
    dt.log(twin('first'));
    dt.log(twin('second'));
    await timers.advance(CAPTURE_TIMING.minIntervalMs);
    dt.navigate('https://example.test/next');
    await timers.advance(CAPTURE_TIMING.graceMs);
    expect(store.visibleRows().map((r) => r.body)).toEqual(['captured', 'recovered', 'recovered']);
    dt.finish(twin('first'));
    await timers.advance(0);
    expect(
      store
        .visibleRows()
        .map((r) => [r.body, r.message])
        .sort(),
    ).toEqual([
      ['captured', ''],
      ['captured', 'first'],
      ['recovered', '409'],
    ]);
    // The second report's body never comes: the row stays recovered, the queue moves on.
    dt.finish(twin('second'), 'never');
    dt.finish(
      harEntry({ url: 'https://api.example.com/after', at: BASE_TIME + 9_000, body: '{}' }),
    );
    await timers.advance(CAPTURE_TIMING.bodyTimeoutMs);
    expect(
      store
        .visibleRows()
        .map((r) => [r.path, r.body, r.message])
        .sort(),
    ).toEqual([
      ['/after', 'captured', ''],
      ['/seen', 'captured', ''],
      ['/twin', 'captured', 'first'],
      ['/twin', 'recovered', '409'],
    ]);
    dt.finish(twin('second'));
    await timers.advance(0);
    // A third report with that key is a new request, not a twin's late one.
    expect(
      store
        .visibleRows()
        .map((r) => r.message)
        .sort(),
    ).toEqual(['', '', '409', 'first', 'second']);
    expect(counted).toEqual([
      'https://api.example.com/seen',
      url,
      url,
      'https://api.example.com/after',
      url,
    ]);
  });

  it('a late report within the grace period wins over recovery (with its body)', async () => {
    const { dt, timers, store } = await capturing();
    const late = harEntry({
      url: 'https://api.example.com/late',
      status: 422,
      body: '{"error":"late"}',
    });
    dt.finish(harEntry({ url: 'https://api.example.com/first', body: '{}' }));
    dt.log(late);
    await timers.advance(CAPTURE_TIMING.minIntervalMs);
    dt.navigate('https://example.test/next');
    dt.finish(late);
    await timers.advance(CAPTURE_TIMING.graceMs);
    expect(store.visibleRows().map((r) => [r.path, r.body, r.message])).toEqual([
      ['/first', 'captured', ''],
      ['/late', 'captured', 'late'],
    ]);
  });

  it('recovers nothing into the next page without preserve log', async () => {
    const { dt, timers, store } = await capturing({ preserveLog: false });
    dt.finish(harEntry({ url: 'https://api.example.com/seen' }));
    dt.log(harEntry({ url: 'https://api.example.com/lost', at: BASE_TIME + 5 }));
    await timers.advance(CAPTURE_TIMING.minIntervalMs);
    dt.navigate('https://example.test/next');
    await timers.advance(CAPTURE_TIMING.graceMs);
    expect(store.visibleRows()).toEqual([]);
  });

  it('snapshots getHAR only while requests are arriving, and stops when stopped', async () => {
    const { dt, timers, stop } = await capturing();
    const backfill = dt.harCalls();
    await timers.advance(10_000);
    expect(dt.harCalls()).toBe(backfill);
    dt.finish(harEntry());
    await timers.advance(CAPTURE_TIMING.activeMs + CAPTURE_TIMING.maxIntervalMs);
    const during = dt.harCalls() - backfill;
    expect(during).toBeGreaterThan(0);
    expect(during).toBeLessThanOrEqual(
      Math.ceil(CAPTURE_TIMING.activeMs / CAPTURE_TIMING.minIntervalMs) + 1,
    );
    await timers.advance(10_000);
    expect(dt.harCalls() - backfill).toBe(during);
    dt.finish(harEntry({ url: 'https://api.example.com/again' }));
    stop();
    expect(timers.pending()).toBe(0);
  });

  it('takes no getHAR snapshots while busy without preserve log: what they recover would be cleared', async () => {
    const { dt, timers } = await capturing({ preserveLog: false });
    const backfill = dt.harCalls();
    dt.finish(harEntry());
    await timers.advance(CAPTURE_TIMING.activeMs + CAPTURE_TIMING.maxIntervalMs);
    expect(dt.harCalls()).toBe(backfill);
  });

  it("stops snapshotting while busy once DevTools' log outgrows the bound (each costs the panel per entry)", async () => {
    const { dt, timers } = await capturing();
    const backfill = dt.harCalls();
    for (let i = 0; i <= CAPTURE_TIMING.maxBusySnapshotEntries; i++)
      dt.log(harEntry({ url: `https://api.example.com/logged/${i}`, at: BASE_TIME + i }));
    dt.finish(harEntry({ url: 'https://api.example.com/seen' }));
    await timers.advance(CAPTURE_TIMING.activeMs + CAPTURE_TIMING.maxIntervalMs);
    // The first snapshot shows the size; none follows it.
    expect(dt.harCalls() - backfill).toBe(1);
  });

  it('takes no busy snapshot once the requests reported since the last one would take the log past the bound', async () => {
    const { dt, timers } = await capturing();
    const backfill = dt.harCalls();
    // All reported at once: the log outgrew the bound before any snapshot could run.
    for (let i = 0; i <= CAPTURE_TIMING.maxBusySnapshotEntries; i++)
      dt.finish(harEntry({ url: `https://api.example.com/burst/${i}`, at: BASE_TIME + i }));
    await timers.advance(CAPTURE_TIMING.activeMs + CAPTURE_TIMING.maxIntervalMs);
    expect(dt.harCalls()).toBe(backfill);
  });

  it("with DevTools' own Preserve log, recovers from the log after the navigation, not the next page's requests", async () => {
    const { dt, timers, store } = await capturing({ keepLogOnNavigate: true });
    await timers.advance(10);
    // Never reported, and no snapshot ran before the navigation.
    dt.log(harEntry({ url: 'https://api.example.com/lost', status: 422, at: BASE_TIME + 5 }));
    dt.navigate('https://example.test/next');
    await timers.advance(10);
    // The next page's request, still in flight when the grace period ends.
    const next = harEntry({ url: 'https://api.example.com/next', at: BASE_TIME + 20, body: '{}' });
    dt.log(next);
    await timers.advance(CAPTURE_TIMING.graceMs);
    expect(store.visibleRows().map((r) => [r.path, r.status, r.body])).toEqual([
      ['/lost', 422, 'recovered'],
    ]);
    dt.finish(next);
    await timers.advance(0);
    expect(store.visibleRows().map((r) => [r.path, r.body])).toEqual([
      ['/lost', 'recovered'],
      ['/next', 'captured'],
    ]);
  });
});
