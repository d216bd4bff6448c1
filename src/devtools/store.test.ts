import { describe, expect, it } from 'vitest';
import type { EntryAnnotation } from '../core/annotation.ts';
import { createPanelStore, LIVE, mergeCounted } from './store.ts';
import { harEntry, stubEngine } from './test-support.ts';

const newStore = (init = {}) => createPanelStore({ createEngine: stubEngine }, init);
const err = (status: number, error: string, url?: string) =>
  harEntry({ status, body: JSON.stringify({ error }), ...(url ? { url } : {}) });

describe('panel store', () => {
  it('ingests a finished request with its captured body and decoded message', () => {
    const store = newStore();
    const e = err(404, 'Design not found');
    store.ingest(e, { text: e.response.content.text! }, 'captured');
    const rows = store.visibleRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.message).toBe('Design not found');
    expect(rows[0]!.entry.response.content.text).toContain('Design not found');
  });

  it("tells listeners that a captured request only added rows (rendered in batches); a user's change is not that", () => {
    const store = newStore();
    const changes: (string | undefined)[] = [];
    store.subscribe((change) => changes.push(change));
    store.ingest(harEntry(), undefined, 'captured');
    store.setPaused(true);
    expect(changes).toEqual(['rows', undefined]);
  });

  it('re-annotation keeps a row whose annotation did not change as it was, and replaces one that did', () => {
    const store = newStore();
    const a = store.ingest(harEntry({ url: 'https://a.test/x/1' }), undefined, 'captured')!;
    const b = store.ingest(err(404, 'gone', 'https://a.test/x/2'), undefined, 'captured')!;
    const version = store.session().version;
    let emits = 0;
    store.subscribe(() => emits++);
    // Equal data in new objects (as the worker sends it): nothing to replace, nothing to render.
    store.reannotateRows(store.session(), [
      { id: a.id, annotation: structuredClone(a.ann) },
      { id: b.id, annotation: structuredClone(b.ann) },
    ]);
    expect(store.session().rows[0]).toBe(a);
    expect(store.session().rows[1]).toBe(b);
    expect(store.session().version).toBe(version);
    expect(emits).toBe(0);
    const changed = { ...b.ann, notes: ['a new note'] };
    store.reannotateRows(store.session(), [
      { id: a.id, annotation: structuredClone(a.ann) },
      { id: b.id, annotation: changed },
    ]);
    expect(store.session().rows[0]).toBe(a);
    expect(store.session().rows[1]!.ann.notes).toEqual(['a new note']);
    expect(store.session().version).toBe(version + 1);
    expect(emits).toBe(1);
    // A change one level down counts too.
    const nested = { ...a.ann, retry: { ...a.ann.retry, reason: 'another reason' } };
    store.reannotateRows(store.session(), [{ id: a.id, annotation: nested }]);
    expect(store.session().rows[0]!.ann.retry.reason).toBe('another reason');
    expect(emits).toBe(2);
  });

  it('keeps the newest maxEntries rows and says how many it dropped', () => {
    const store = newStore({ maxEntries: 3 });
    for (let i = 0; i < 5; i++)
      store.ingest(harEntry({ url: `https://a.test/x/${i}` }), undefined, 'captured');
    expect(store.session().rows.map((r) => r.url)).toEqual([
      'https://a.test/x/2',
      'https://a.test/x/3',
      'https://a.test/x/4',
    ]);
    expect(store.getState().notice).toMatch(/newest 3 entries; 2 older ones were dropped/);
  });

  it('ignores requests while paused, and clears on navigation only without preserve log', () => {
    const store = newStore();
    store.setPaused(true);
    store.ingest(harEntry(), undefined, 'captured');
    expect(store.session().rows).toHaveLength(0);
    store.setPaused(false);
    store.ingest(harEntry(), undefined, 'captured');
    store.navigated();
    expect(store.session().rows).toHaveLength(1);
    store.setPreserveLog(false);
    store.navigated();
    expect(store.session().rows).toHaveLength(0);
  });

  it('filters with the panel language, quick toggles and API-only default', () => {
    const store = newStore();
    store.ingest(
      err(404, 'not here', 'https://api.aurorasolar.com/designs/1'),
      undefined,
      'captured',
    );
    store.ingest(harEntry({ url: 'https://api.example.com/ok' }), undefined, 'captured');
    store.ingest(
      harEntry({
        url: 'https://cdn.test/app.js',
        resourceType: 'script',
        contentType: 'text/javascript',
      }),
      undefined,
      'captured',
    );
    expect(store.visibleRows()).toHaveLength(2);
    store.setAllTraffic(true);
    expect(store.visibleRows()).toHaveLength(3);
    store.setFilter('profile:aurora');
    expect(store.visibleRows().map((r) => r.status)).toEqual([404]);
    store.setFilter('-status-code:404');
    expect(store.visibleRows()).toHaveLength(2);
    store.setFilter('');
    store.setErrorsOnly(true);
    expect(store.visibleRows().map((r) => r.status)).toEqual([404]);
    store.setErrorsOnly(false);
    store.toggleStatusClass(2);
    expect(store.visibleRows().map((r) => r.status)).toEqual([200, 200]);
  });

  it('hides CORS preflights unless all traffic is shown', () => {
    const store = newStore();
    const url = 'https://api.aurorasolar.com/designs';
    store.ingest(
      harEntry({
        url,
        method: 'OPTIONS',
        status: 204,
        requestHeaders: { 'Access-Control-Request-Method': 'POST' },
      }),
      undefined,
      'captured',
    );
    store.ingest(
      harEntry({ url, method: 'OPTIONS', status: 204, resourceType: 'preflight' }),
      undefined,
      'captured',
    );
    store.ingest(harEntry({ url, method: 'POST', status: 201 }), undefined, 'captured');
    expect(store.visibleRows().map((r) => r.method)).toEqual(['POST']);
    store.setAllTraffic(true);
    expect(store.visibleRows()).toHaveLength(3);
  });

  it('sorts by a column and reverses on a second click', () => {
    const store = newStore();
    for (const s of [500, 200, 404]) store.ingest(harEntry({ status: s }), undefined, 'captured');
    store.sortBy('status');
    expect(store.visibleRows().map((r) => r.status)).toEqual([200, 404, 500]);
    store.sortBy('status');
    expect(store.visibleRows().map((r) => r.status)).toEqual([500, 404, 200]);
  });

  it('moves the selection with the keyboard within the visible rows', () => {
    const store = newStore();
    for (let i = 0; i < 3; i++) store.ingest(harEntry(), undefined, 'captured');
    const ids = store.visibleRows().map((r) => r.id);
    store.move(1);
    expect(store.getState().selectedId).toBe(ids[0]);
    store.move(5);
    expect(store.getState().selectedId).toBe(ids[2]);
    store.move(-1);
    store.open();
    expect(store.getState()).toMatchObject({ selectedId: ids[1], detailOpen: true });
    store.close();
    expect(store.getState().detailOpen).toBe(false);
  });

  it('shows an imported session only once it is complete, leaving the live one alone', () => {
    const store = newStore();
    store.ingest(harEntry(), undefined, 'captured');
    const engine = stubEngine();
    const items = ['/early', '/late'].map((p) => {
      const entry = harEntry({ url: `https://api.example.com${p}` });
      return { entry, annotation: engine.annotate(entry) };
    });
    const s = store.createImportSession('x.har', engine);
    store.appendAnnotated(s, items);
    expect(store.getState().sessions).toHaveLength(1);
    store.showSession(s);
    expect(store.getState().activeId).toBe(s.id);
    expect(store.visibleRows().map((r) => r.path)).toEqual(['/early', '/late']);
    store.closeSession(s.id);
    expect(store.getState().activeId).toBe(LIVE);
    expect(store.visibleRows()).toHaveLength(1);
  });

  it('annotates a large body through decodeLarge and replaces the row when it resolves', async () => {
    let resolve!: (a: unknown) => void;
    const store = createPanelStore({
      createEngine: stubEngine,
      decodeLarge: () => new Promise((r) => (resolve = r as never)),
    });
    const big = 'x'.repeat(1_000_001);
    const row = store.ingest(harEntry({ status: 500 }), { text: big }, 'captured')!;
    expect(row.body).toBe('decoding');
    resolve({ ...row.ann, error: { format: 'html', messages: ['Gateway down'] } });
    await Promise.resolve();
    await Promise.resolve();
    expect(store.visibleRows()[0]).toMatchObject({ body: 'captured', message: 'Gateway down' });
  });

  it("a recovered row upgraded with its late body is decoded in the worker and keeps the panel engine's rate count", async () => {
    let resolve!: (a: EntryAnnotation) => void;
    const seen: string[] = [];
    const store = createPanelStore({
      createEngine: stubEngine,
      decodeLarge: (_e, body) => {
        seen.push(body.text ?? '');
        return new Promise((r) => (resolve = r));
      },
    });
    const entry = harEntry({ status: 429 });
    const rate = { key: 'k', limit: 90, windowSeconds: 60, source: 'profile' as const };
    const row = store.ingest(entry, undefined, 'recovered')!;
    const counted = { ...row.ann, rate: { ...rate, count: 91, over: true } };
    store.reannotateRows(store.session(), [{ id: row.id, annotation: counted }]);
    const body = { text: '{"error":"slow down"}' };
    expect(store.upgradeRecovered(entry, body)).toMatchObject({ id: row.id, body: 'decoding' });
    expect(seen).toEqual([body.text]);
    resolve({
      ...row.ann,
      rate: { ...rate, count: 1 },
      error: { format: 'f', messages: ['slow down'] },
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(store.visibleRows()).toHaveLength(1);
    expect(store.visibleRows()[0]).toMatchObject({
      id: row.id,
      body: 'captured',
      message: 'slow down',
      ann: { rate: { count: 91 } },
      entry: { response: { content: { text: body.text } } },
    });
    expect(store.getState().budget.used).toBe(body.text.length);
    // No recovered row left with that key: nothing to upgrade.
    expect(store.upgradeRecovered(entry, body)).toBeUndefined();
  });

  it('takes the rate count and polling note of a worker-decoded entry from the panel engine', () => {
    const base: EntryAnnotation = {
      v: 1,
      profile: 'aurora',
      status: { code: 500, text: '', meaning: 'm', source: 'profile' },
      retry: { verdict: 'backoff', reason: 'r' },
    };
    const rate = { key: 'aurora:k', limit: 90, windowSeconds: 60, source: 'profile' as const };
    const decoded = { ...base, rate: { ...rate, count: 1 }, notes: ['Support: x'] };
    const counted = { ...base, rate: { ...rate, count: 91, over: true }, notes: ['Use webhooks'] };
    expect(mergeCounted(decoded, counted)).toMatchObject({
      rate: { count: 91, over: true },
      notes: ['Support: x', 'Use webhooks'],
    });
    expect(mergeCounted(decoded, base).rate).toBeUndefined();
  });
});
