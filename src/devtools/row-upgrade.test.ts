import { describe, expect, it } from 'vitest';
import { createEngine } from '../core/engine.ts';
import { createPanelStore } from './store.ts';
import { BASE_TIME, harEntry } from './test-support.ts';

/** One Aurora request (90 per minute per key) at `at`; the 91st in a minute is over the limit. */
const aurora = (at: number, status = 200) =>
  harEntry({
    url: 'https://api.aurorasolar.com/tenants/t/designs',
    status,
    at,
    requestHeaders: { Authorization: 'Bearer aurora-late-key' },
  });

describe('row jobs', () => {
  it('a request counted after later ones (recovered) is counted at its own start time, and the later ones move up', () => {
    const store = createPanelStore({ createEngine });
    // 91 requests 100 ms apart; DevTools reports the 50th last (it was recovered).
    const times = Array.from({ length: 91 }, (_, i) => BASE_TIME + i * 100);
    for (const [i, at] of times.entries())
      if (i !== 49) store.ingest(aurora(at), undefined, 'captured');
    const late = store.ingest(aurora(times[49]!), undefined, 'recovered')!;
    const rows = store.session().rows;
    const byTime = [...rows].sort((a, b) => a.at - b.at);
    expect(byTime.map((r) => r.ann.rate?.count)).toEqual(times.map((_, i) => i + 1));
    expect(late.ann.rate?.count).toBe(50);
    // Exactly the 91st request is over the limit, as if DevTools had reported in order.
    expect(byTime.map((r) => r.ann.rate?.over)).toEqual(times.map((_, i) => i === 90));
    expect(byTime[90]!.ann.rate?.remaining).toBe(0);
    expect(byTime[89]!.ann.rate?.remaining).toBe(0);
    expect(byTime[88]!.ann.rate?.remaining).toBe(1);
  });

  it('requests outside the late one’s window, or under another key, keep their counts', () => {
    const store = createPanelStore({ createEngine });
    store.ingest(aurora(BASE_TIME + 61_000), undefined, 'captured');
    const other = harEntry({
      url: 'https://api.aurorasolar.com/tenants/t/designs',
      at: BASE_TIME + 1_000,
      requestHeaders: { Authorization: 'Bearer another-key' },
    });
    store.ingest(other, undefined, 'captured');
    store.ingest(aurora(BASE_TIME), undefined, 'recovered');
    expect(store.session().rows.map((r) => r.ann.rate?.count)).toEqual([1, 1, 1]);
  });
});
