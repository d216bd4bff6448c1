import { describe, expect, it } from 'vitest';
import { ObservedLedger } from './observed.ts';
import { BASE_TIME, harEntry } from './test-support.ts';

const A = 'https://api.example.com/a';
const B = 'https://api.example.com/b';
const paths = (list: { request: { url: string } }[]) => list.map((e) => e.request.url);

describe('requests DevTools never reported, told from webRequest observations', () => {
  it('counts each method and URL: of three identical observed requests with one reported, two are missing', () => {
    const book = new ObservedLedger();
    // DevTools times the request a few ms apart from webRequest.
    expect(book.reported(harEntry({ url: A, at: BASE_TIME + 7 }))).toBe(true);
    const observed = [1, 2, 3].map((i) => harEntry({ url: A, at: BASE_TIME + i }));
    const post = harEntry({ url: A, method: 'POST', at: BASE_TIME + 4 });
    expect(book.missing([...observed, post], BASE_TIME, BASE_TIME + 100)).toEqual([
      observed[1],
      observed[2],
      post,
    ]);
    // Known now: the same window asked again recovers nothing.
    expect(book.missing([...observed, post], BASE_TIME, BASE_TIME + 100)).toEqual([]);
  });

  it('only recovers requests started in [since, until), and counts rows reported just past its edge', () => {
    const book = new ObservedLedger();
    book.reported(harEntry({ url: B, at: BASE_TIME + 101 }));
    const observed = [
      harEntry({ url: A, at: BASE_TIME - 1 }),
      harEntry({ url: B, at: BASE_TIME + 99 }),
      harEntry({ url: A, at: BASE_TIME + 100 }),
    ];
    expect(book.missing(observed, BASE_TIME, BASE_TIME + 100)).toEqual([]);
  });

  it('pairs each observed request with a known one that started near it, not with any in the window', () => {
    const book = new ObservedLedger();
    // Rounds of the same burst, 400 ms apart; the window starts 110 ms after round 0, which is
    // known (within tolerance of its edge) but not observed in it.
    const round = (r: number) => harEntry({ url: A, method: 'POST', at: BASE_TIME + 400 * r });
    for (const r of [0, 1, 2]) book.reported(round(r));
    const observed = [1, 2, 3].map(round);
    expect(book.missing(observed, BASE_TIME + 110, BASE_TIME + 2_000)).toEqual([observed[2]]);
    // Reported a few ms apart from webRequest's time: still that request.
    const late = new ObservedLedger();
    late.reported(harEntry({ url: A, at: BASE_TIME + 1_000 + 9 }));
    const seen = [
      harEntry({ url: A, at: BASE_TIME + 1_000 }),
      harEntry({ url: A, at: BASE_TIME + 1_300 }),
    ];
    expect(late.missing(seen, BASE_TIME + 900, BASE_TIME + 2_000)).toEqual([seen[1]]);
  });

  it('tells a late DevTools report of a recovered request from a new request to the same URL', () => {
    const book = new ObservedLedger();
    book.missing([harEntry({ url: A, at: BASE_TIME })], BASE_TIME, BASE_TIME + 10);
    expect(book.reported(harEntry({ url: A, at: BASE_TIME + 3 }))).toBe(false);
    expect(book.reported(harEntry({ url: A, at: BASE_TIME + 4 }))).toBe(true);
    expect(book.reported(harEntry({ url: A, at: BASE_TIME + 60_000 }))).toBe(true);
  });

  it('remembers a bounded number of requests, the oldest forgotten first', () => {
    const book = new ObservedLedger(2);
    for (const url of [A, B, B]) book.reported(harEntry({ url, at: BASE_TIME }));
    const seen = [A, B, B].map((url) => harEntry({ url, at: BASE_TIME }));
    expect(paths(book.missing(seen, BASE_TIME, BASE_TIME + 1))).toEqual([A]);
  });
});
