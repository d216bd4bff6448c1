import type { Entry } from 'har-format';

/**
 * Which requests of a page Firefox DevTools never reported, told from the background's webRequest
 * observations of the tab. Firefox ESR 153, burst page with Persist Logs on: 6-12 of 60 API
 * requests reached onRequestFinished, and its getHAR() loses requests while the page is busy
 * (capture.ts), so the background's view is the one complete list.
 *
 * webRequest and DevTools time a request a few ms apart, so a request is known by method and URL,
 * counted (a burst repeats them), within the page's time window widened by `toleranceMs`.
 */
export const MAX_KNOWN = 20_000;
export const TOLERANCE_MS = 250;

interface Known {
  at: number;
  key: string;
}

const keyOf = (e: Entry) => `${e.request.method.toUpperCase()} ${e.request.url}`;
const startOf = (e: Entry) => Date.parse(e.startedDateTime) || 0;

export class ObservedLedger {
  /** Requests in the session (reported, backfilled or recovered), oldest first. */
  private known: Known[] = [];
  /** Recovered requests a late DevTools report must not add twice. */
  private recovered: Known[] = [];

  constructor(
    private readonly maxKnown = MAX_KNOWN,
    private readonly toleranceMs = TOLERANCE_MS,
  ) {}

  private remember(list: Known[], e: Entry) {
    list.push({ at: startOf(e), key: keyOf(e) });
    if (list.length > this.maxKnown) list.splice(0, list.length - this.maxKnown);
  }

  /** DevTools reported a request: false when it was recovered already (its row exists). */
  reported(entry: Entry): boolean {
    const key = keyOf(entry);
    const at = startOf(entry);
    const i = this.recovered.findIndex(
      (k) => k.key === key && Math.abs(k.at - at) <= this.toleranceMs,
    );
    if (i >= 0) {
      this.recovered.splice(i, 1);
      return false;
    }
    this.remember(this.known, entry);
    return true;
  }

  /**
   * The observed requests that started in [since, until) and are not rows yet, now known and
   * marked recovered. Each is paired with a known request of the same method and URL that
   * started within `toleranceMs` of it, each known one paired once (earliest first, which pairs
   * as many as can be). Counting per window instead let identical requests just outside it (a
   * burst repeated 110 ms before `since`) stand for ones inside it (e2e, Firefox, loaded).
   */
  missing(observed: readonly Entry[], since: number, until: number): Entry[] {
    const tol = this.toleranceMs;
    const near = new Map<string, number[]>();
    for (const k of this.known) {
      if (k.at < since - tol || k.at >= until + tol) continue;
      const times = near.get(k.key);
      if (times) times.push(k.at);
      else near.set(k.key, [k.at]);
    }
    for (const times of near.values()) times.sort((a, b) => a - b);
    const inWindow = observed
      .map((e) => ({ e, at: startOf(e), key: keyOf(e) }))
      .filter(({ at }) => at >= since && at < until)
      .sort((a, b) => a.at - b.at);
    // Per key, the first known start not paired yet (and not too early for any later one).
    const next = new Map<string, number>();
    const lost = new Set<Entry>();
    for (const { e, at, key } of inWindow) {
      const times = near.get(key) ?? [];
      let i = next.get(key) ?? 0;
      while (i < times.length && times[i]! < at - tol) i++;
      const paired = i < times.length && times[i]! <= at + tol;
      next.set(key, paired ? i + 1 : i);
      if (!paired) lost.add(e);
    }
    const out = observed.filter((e) => lost.has(e));
    for (const e of out) {
      this.remember(this.known, e);
      this.remember(this.recovered, e);
    }
    return out;
  }
}
