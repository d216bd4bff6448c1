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
   * The observed requests that started in [since, until) and are not rows yet (per method and
   * URL, as many as observed beyond those known), now known and marked recovered.
   */
  missing(observed: readonly Entry[], since: number, until: number): Entry[] {
    const have = new Map<string, number>();
    for (const k of this.known) {
      if (k.at < since - this.toleranceMs || k.at >= until + this.toleranceMs) continue;
      have.set(k.key, (have.get(k.key) ?? 0) + 1);
    }
    const out: Entry[] = [];
    for (const e of observed) {
      const at = startOf(e);
      if (at < since || at >= until) continue;
      const key = keyOf(e);
      const n = have.get(key) ?? 0;
      if (n > 0) {
        have.set(key, n - 1);
        continue;
      }
      out.push(e);
    }
    for (const e of out) {
      this.remember(this.known, e);
      this.remember(this.recovered, e);
    }
    return out;
  }
}
