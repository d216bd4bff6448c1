import { describe, expect, it } from 'vitest';
import { createFakeDevtools } from '../platform/fake.ts';
import { startCapture } from './capture.ts';
import { createPanelStore } from './store.ts';
import { harEntry, stubEngine } from './test-support.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('capture', () => {
  it('backfills from getHAR without bodies, then ingests live requests with their bodies', async () => {
    const before = harEntry({ url: 'https://api.example.com/before' });
    const dt = createFakeDevtools({ har: [before] });
    const store = createPanelStore({ createEngine: stubEngine });
    let ready = false;
    startCapture(store, dt.api, () => {
      ready = true;
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
});
