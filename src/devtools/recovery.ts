import type { Entry } from 'har-format';
import { entryKey } from './rows.ts';

/**
 * Which requests DevTools logged but never reported finished. Measured in real Chromium
 * DevTools (e2e/capture.spec.ts): when a page navigates the moment its last fetch() resolves,
 * without reading every body, some requests never reach onRequestFinished; getHAR() lists them
 * (status and headers, no body) until DevTools clears its log at the navigation. So the
 * capture snapshots getHAR() while requests are arriving, and once more after each navigation
 * (with DevTools' own "Preserve log" on, that one still lists them all), and recovers the
 * requests of the page it left that it never saw.
 *
 * A request is known by its start time, method and URL; two identical requests can start in the
 * same millisecond (a burst), so each key is counted, never merely present.
 */
export const requestKey: (entry: Entry) => string = entryKey;

/** Keys remembered for de-duplication; the oldest are forgotten first. */
export const MAX_KEYS = 20_000;
/** A snapshot may hold this many unseen requests (DevTools' own log is bounded the same way). */
export const MAX_CANDIDATES = 5_000;

export class RecoveryLedger {
  /** Requests already in the session (reported live, backfilled or recovered), by key. */
  private readonly seen = new Map<string, number>();
  /** Recovered rows a late live report must not add twice. */
  private readonly recovered = new Map<string, number>();
  /** Unseen requests in the snapshots taken since the last navigation, by key. */
  private candidates = new Map<string, Entry[]>();

  constructor(private readonly maxKeys = MAX_KEYS) {}

  private bump(map: Map<string, number>, key: string, by: number) {
    const n = (map.get(key) ?? 0) + by;
    map.delete(key);
    if (n > 0) map.set(key, n);
    while (map.size > this.maxKeys) map.delete(map.keys().next().value as string);
  }

  count(key: string): number {
    return this.seen.get(key) ?? 0;
  }

  /**
   * DevTools reported a request: 'new', or 'late' when it was recovered already (a report that
   * came after the recovery): its row exists, must not be added twice, and may take its body.
   */
  reported(entry: Entry): 'new' | 'late' {
    const key = requestKey(entry);
    if ((this.recovered.get(key) ?? 0) > 0) {
      this.bump(this.recovered, key, -1);
      return 'late';
    }
    this.bump(this.seen, key, 1);
    return 'new';
  }

  /** The entries of `log` not seen yet (each counted once), now marked seen. */
  takeUnseen(entries: readonly Entry[]): Entry[] {
    const out: Entry[] = [];
    for (const [key, list] of group(entries)) {
      const missing = list.length - this.count(key);
      if (missing <= 0) continue;
      out.push(...list.slice(list.length - missing));
      this.bump(this.seen, key, missing);
    }
    return out;
  }

  /** Remembers the unseen requests of a getHAR() snapshot (the newest view of each wins). */
  snapshot(entries: readonly Entry[]): void {
    for (const [key, list] of group(entries)) {
      if (list.length <= this.count(key)) {
        this.candidates.delete(key);
        continue;
      }
      if (!this.candidates.has(key) && this.candidates.size >= MAX_CANDIDATES) continue;
      this.candidates.set(key, list);
    }
  }

  /**
   * The page navigated: the unseen requests that started in [since, until) (the page it left),
   * each now a recovered row; a report that comes later is told apart by `reported`. Requests
   * started before `since` belong to earlier pages and are forgotten; later ones are kept for
   * the next navigation.
   */
  recover(since: number, until: number): Entry[] {
    const out: Entry[] = [];
    for (const [key, list] of this.candidates) {
      const at = Date.parse(list[0]!.startedDateTime) || 0;
      if (at >= until) continue;
      this.candidates.delete(key);
      if (at < since) continue;
      const missing = list.length - this.count(key);
      if (missing <= 0) continue;
      out.push(...list.slice(list.length - missing));
      this.bump(this.seen, key, missing);
      this.bump(this.recovered, key, missing);
    }
    return out;
  }
}

function group(entries: readonly Entry[]): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const e of entries) {
    const key = requestKey(e);
    const list = out.get(key);
    if (list) list.push(e);
    else out.set(key, [e]);
  }
  return out;
}
