import { describe, expect, it } from 'vitest';
import { RecoveryLedger, requestKey } from './recovery.ts';
import { BASE_TIME, harEntry } from './test-support.ts';

const at = (ms: number, path = '/v1/things') =>
  harEntry({ url: `https://api.example.com${path}`, at: BASE_TIME + ms });

describe('RecoveryLedger', () => {
  it('recovers a snapshotted request that was never reported, once', () => {
    const ledger = new RecoveryLedger();
    const seen = at(1);
    const lost = at(2, '/lost');
    ledger.reported(seen);
    ledger.snapshot([seen, lost]);
    expect(ledger.recover(0, Infinity).map(requestKey)).toEqual([requestKey(lost)]);
    // A snapshot that still lists it (DevTools' "Preserve log") recovers nothing more.
    ledger.snapshot([seen, lost]);
    expect(ledger.recover(0, Infinity)).toEqual([]);
  });

  it('does not recover a request reported after the snapshot but before recovery', () => {
    const ledger = new RecoveryLedger();
    const late = at(1);
    ledger.snapshot([late]);
    expect(ledger.reported(late)).toBe('new');
    expect(ledger.recover(0, Infinity)).toEqual([]);
  });

  it('tells apart a report that arrives after its request was recovered', () => {
    const ledger = new RecoveryLedger();
    const late = at(1);
    ledger.snapshot([late]);
    expect(ledger.recover(0, Infinity)).toHaveLength(1);
    expect(ledger.reported(late)).toBe('late');
    // Only that one report is late: a same-key twin reported later is a new request.
    expect(ledger.reported({ ...late })).toBe('new');
  });

  it('counts same-millisecond twins: one reported, one recovered', () => {
    const ledger = new RecoveryLedger();
    const twin = at(5);
    ledger.reported(twin);
    ledger.snapshot([twin, { ...twin }]);
    expect(ledger.recover(0, Infinity)).toHaveLength(1);
  });

  it('keeps the newest view of a request across snapshots (its status arrived later)', () => {
    const ledger = new RecoveryLedger();
    const pending = harEntry({ url: 'https://api.example.com/x', at: BASE_TIME, status: 0 });
    ledger.snapshot([pending]);
    ledger.snapshot([{ ...pending, response: { ...pending.response, status: 422 } }]);
    // A snapshot taken after DevTools cleared its log forgets nothing.
    ledger.snapshot([]);
    expect(ledger.recover(0, Infinity).map((e) => e.response.status)).toEqual([422]);
  });

  it('recovers only the page it left: not earlier pages, not the next one', () => {
    const ledger = new RecoveryLedger();
    ledger.snapshot([at(0, '/earlier'), at(10_000, '/left'), at(20_000, '/next')]);
    const urls = (es: { request: { url: string } }[]) => es.map((e) => e.request.url);
    expect(urls(ledger.recover(BASE_TIME + 5_000, BASE_TIME + 15_000))).toEqual([
      'https://api.example.com/left',
    ]);
    // The next page's request waits for the next navigation; the earlier one is forgotten.
    expect(urls(ledger.recover(0, Infinity))).toEqual(['https://api.example.com/next']);
  });

  it('takeUnseen (the backfill) adds only what was not reported, and marks it seen', () => {
    const ledger = new RecoveryLedger();
    const a = at(1);
    const b = at(2, '/b');
    ledger.reported(a);
    expect(ledger.takeUnseen([a, b]).map(requestKey)).toEqual([requestKey(b)]);
    expect(ledger.takeUnseen([a, b])).toEqual([]);
  });

  it('forgets the oldest keys beyond its bound', () => {
    const ledger = new RecoveryLedger(2);
    const [a, b, c] = [at(1, '/a'), at(2, '/b'), at(3, '/c')];
    for (const e of [a, b, c]) ledger.reported(e);
    expect([a, b, c].map((e) => ledger.count(requestKey(e)))).toEqual([0, 1, 1]);
  });
});
