import { describe, expect, it } from 'vitest';
import type { Scheduler } from './slices.ts';
import { createPanelStore } from './store.ts';
import { harEntry, stubEngine } from './test-support.ts';
import { SYNC_ROWS } from './visible.ts';

/** A clock that advances 1 ms per reading, and a yield the test releases by hand. */
function manualScheduler() {
  let t = 0;
  const waiting: (() => void)[] = [];
  const scheduler: Scheduler = {
    now: () => t++,
    yield: () => new Promise<void>((r) => waiting.push(r)),
  };
  /** Lets every pending slice run until none is left waiting. */
  const drain = async () => {
    for (let i = 0; i < 10_000 && waiting.length; i++) {
      waiting.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { scheduler, drain, yields: () => waiting.length };
}

const N = SYNC_ROWS + 1_000;
function bigStore() {
  const s = manualScheduler();
  let ready = 0;
  const store = createPanelStore({ createEngine: stubEngine, scheduler: s.scheduler });
  const unsub = store.subscribe(() => ready++);
  for (let i = 0; i < N; i++)
    store.ingest(
      harEntry({ url: `https://api.example.com/items/${i}`, status: i % 10 === 9 ? 404 : 200 }),
      undefined,
      'captured',
    );
  unsub();
  store.visibleView(); // the list's first look starts the computation
  return { store, ...s };
}

describe('visible rows of a large session', () => {
  it('are filtered in slices: the previous rows stay, marked pending, until the new ones are in', async () => {
    const { store, drain, yields } = bigStore();
    await drain();
    expect(store.visibleView()).toMatchObject({ filterText: '', pending: false });
    expect(store.visibleRows()).toHaveLength(N);
    let emitted = 0;
    store.subscribe(() => emitted++);
    store.setFilter('status-code:404');
    const during = store.visibleView();
    expect(during).toMatchObject({ filterText: '', pending: true });
    expect(during.rows).toHaveLength(N);
    expect(yields()).toBe(1);
    const before = emitted;
    await drain();
    expect(emitted).toBeGreaterThan(before);
    const after = store.visibleView();
    expect(after).toMatchObject({ filterText: 'status-code:404', pending: false });
    expect(after.rows).toHaveLength(N / 10);
    expect(after.rows.every((r) => r.status === 404)).toBe(true);
  });

  it('finish a filter while rows keep arriving, then take the new rows in', async () => {
    const { store, drain } = bigStore();
    await drain();
    store.setFilter('status-code:404');
    store.visibleView();
    // Live capture goes on: each new row changes the session, which must not restart the work.
    for (let i = 0; i < 3; i++) {
      store.ingest(
        harEntry({ url: `https://api.example.com/late/${i}`, status: 404 }),
        undefined,
        'captured',
      );
      expect(store.visibleView().pending).toBe(true);
    }
    await drain();
    // The finished view reflects the rows it started with; the next look counts the new ones.
    expect(store.visibleView().filterText).toBe('status-code:404');
    await drain();
    const v = store.visibleView();
    expect(v.pending).toBe(false);
    expect(v.rows).toHaveLength(N / 10 + 3);
  });

  it('a newer filter replaces one still being computed', async () => {
    const { store, drain } = bigStore();
    await drain();
    store.setFilter('status-code:404');
    store.visibleView();
    store.setFilter('status-code:200');
    store.visibleView();
    await drain();
    const v = store.visibleView();
    expect(v).toMatchObject({ filterText: 'status-code:200', pending: false });
    expect(v.rows).toHaveLength(N - N / 10);
  });

  it('sort in slices too, into the order a sort at once gives', async () => {
    const { store, drain } = bigStore();
    await drain();
    store.sortBy('status');
    store.sortBy('status'); // descending
    expect(store.visibleView().pending).toBe(true);
    await drain();
    const v = store.visibleView();
    expect(v.pending).toBe(false);
    const expected = store
      .session()
      .rows.slice()
      .sort((a, b) => -(a.status - b.status || a.id - b.id));
    expect(v.rows.map((r) => r.id)).toEqual(expected.map((r) => r.id));
  });
});
