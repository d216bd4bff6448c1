import { describe, expect, it } from 'vitest';
import { BodyBudget } from './budget.ts';
import { createPanelStore } from './store.ts';
import { harEntry, stubEngine } from './test-support.ts';

const body = (n: number, tag: string) => JSON.stringify({ error: tag, pad: 'x'.repeat(n) });

describe('memory budget', () => {
  it('drops the oldest bodies first when the budget is exceeded; the rows stay and say why', () => {
    const store = createPanelStore({ createEngine: stubEngine }, { budgetBytes: 2_500 });
    for (let i = 0; i < 4; i++) {
      const e = harEntry({ url: `https://api.example.com/r/${i}`, status: 500 });
      store.ingest(e, { text: body(1_000, `e${i}`) }, 'captured');
    }
    const rows = store.session().rows;
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.body)).toEqual(['budget', 'budget', 'captured', 'captured']);
    expect(rows[0]!.entry.response.content.text).toBeUndefined();
    // What was decoded from the body when it arrived stays on the row.
    expect(rows[0]!.message).toBe('e0');
    const { budget } = store.getState();
    expect(budget.droppedBodies).toBe(2);
    expect(budget.used).toBeLessThanOrEqual(2_500);
    expect(budget.droppedBytes).toBe(body(1_000, 'e0').length + body(1_000, 'e1').length);
  });

  it('counts imported sessions under the same budget, oldest (live) bodies first', () => {
    const store = createPanelStore({ createEngine: stubEngine }, { budgetBytes: 2_500 });
    const live = harEntry({ status: 500 });
    store.ingest(live, { text: body(1_000, 'live') }, 'captured');
    const engine = stubEngine();
    const s = store.createImportSession('x.har', engine);
    const items = [1, 2].map((i) => {
      const entry = harEntry({ url: `https://api.example.com/i/${i}`, body: body(1_000, `i${i}`) });
      return { entry, annotation: engine.annotate(entry) };
    });
    store.appendAnnotated(s, items);
    expect(store.session('live').rows[0]!.body).toBe('budget');
    expect(s.rows.map((r) => r.body)).toEqual(['captured', 'captured']);
    // Closing the import frees its share.
    store.showSession(s);
    store.closeSession(s.id);
    expect(store.getState().budget.used).toBe(0);
  });

  it('frees what rows evicted by the entry bound held, and re-applies a lowered budget', () => {
    const store = createPanelStore({ createEngine: stubEngine }, { maxEntries: 2 });
    for (let i = 0; i < 3; i++)
      store.ingest(harEntry({ url: `https://a.test/${i}` }), { text: 'y'.repeat(100) }, 'captured');
    expect(store.getState().budget.used).toBe(200);
    store.setBudgetBytes(150);
    expect(store.session().rows.map((r) => r.body)).toEqual(['budget', 'captured']);
    expect(store.getState().budget).toMatchObject({ used: 100, droppedBodies: 1, limit: 150 });
  });

  it('releasing a row that held no body is harmless', () => {
    const b = new BodyBudget(10);
    b.release(42);
    expect(b.stats()).toEqual({ limit: 10, used: 0, droppedBodies: 0, droppedBytes: 0 });
  });
});
