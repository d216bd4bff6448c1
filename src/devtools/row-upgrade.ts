import type { Entry } from 'har-format';
import type { EntryAnnotation, RateAnnotation } from '../core/annotation.ts';
import type { Profile } from '../core/profiles/schema.ts';
import type { BodyBudget } from './budget.ts';
import type { Interner } from './intern.ts';
import { type Body, entryKey, indexOfId, mergeCounted, type Row, toRow, withBody } from './rows.ts';
import type { PanelDeps, Session } from './state.ts';

/** What the row jobs need of the store (store.ts owns the state; these only change rows). */
export interface RowJobsHost {
  deps: PanelDeps;
  budget: BodyBudget;
  /** Rows share one copy of each short repeated string (intern.ts). */
  interner: Interner;
  userProfiles(): Profile[];
  /** Rows changed: apply the body budget and tell subscribers. */
  changed(opts?: { budget: boolean }): void;
}

/**
 * The store's jobs on rows already in a session: decoding a body off the counting engine,
 * giving a row the body DevTools served late (after the capture's timeout, or after the request
 * was recovered from getHAR), and keeping rate counts exact when a request is counted after
 * requests that started later than it (capture.ts recovers requests late).
 */
export function createRowJobs(host: RowJobsHost) {
  function replaceAnnotation(s: Session, id: number, ann: EntryAnnotation) {
    const i = indexOfId(s.rows, id);
    if (i < 0) return;
    const old = s.rows[i]!;
    host.interner.annotation(ann);
    s.rows[i] = toRow({ ...old, ann, body: old.body === 'decoding' ? 'captured' : old.body }, old);
    s.version++;
    host.changed();
  }

  /**
   * Decodes `body` off the counting engine (the worker, or a fresh engine without one) into
   * row `id`, which is in state 'decoding'; `counted` keeps the session's rate count and notes.
   */
  function decodeInto(s: Session, id: number, entry: Entry, body: Body, counted: EntryAnnotation) {
    const decode =
      host.deps.decodeLarge ??
      (async (e: Entry, b: Body, userProfiles: Profile[]) =>
        host.deps.createEngine({ userProfiles }).annotate(e, b));
    decode(entry, body, host.userProfiles()).then(
      (decoded) => {
        // The rate count may have moved since (an earlier request counted late): keep the row's.
        const i = indexOfId(s.rows, id);
        const now = i < 0 ? counted : s.rows[i]!.ann;
        replaceAnnotation(s, id, mergeCounted(decoded, now));
      },
      () => {
        const i = indexOfId(s.rows, id);
        replaceAnnotation(s, id, i < 0 ? counted : s.rows[i]!.ann);
      },
    );
  }

  /** Row `i` of `s` takes `entry` with `body` (timings and all) and is decoded again. */
  function upgrade(s: Session, i: number, entry: Entry, body: Body): Row {
    const old = s.rows[i]!;
    host.budget.release(old.id);
    host.interner.entry(entry);
    // Same method and URL as the row's (entryKey), so its host and path stay.
    const row = toRow({ ...old, entry: withBody(entry, body), body: 'decoding' }, old);
    s.rows[i] = row;
    s.version++;
    host.budget.add(s, row);
    decodeInto(s, row.id, entry, body, old.ann);
    host.changed({ budget: true });
    return row;
  }

  return {
    decodeInto,
    /**
     * DevTools reported, with its body, a request recovered without one (capture.ts): the
     * entry (body, full timings) replaces the recovered row's in place, and its error is decoded
     * again. Its rate count was taken at recovery (same start time), so it is not counted again.
     */
    upgradeRecovered(s: Session, entry: Entry, body: Body): Row | undefined {
      const key = entryKey(entry);
      const i = s.rows.findLastIndex((r) => r.body === 'recovered' && entryKey(r.entry) === key);
      if (i < 0 || body.text == null) return undefined;
      return upgrade(s, i, entry, body);
    },
    /**
     * DevTools served row `id`'s body after capture had stopped waiting for it (a loaded
     * machine): the row takes it, unless the budget or a later body replaced it meanwhile.
     */
    attachBody(s: Session, id: number, entry: Entry, body: Body): Row | undefined {
      const i = indexOfId(s.rows, id);
      if (i < 0 || body.text == null || s.rows[i]!.body !== 'evicted') return undefined;
      return upgrade(s, i, entry, body);
    },
    /**
     * `row` was counted after requests with the same rate key that started later than it (the
     * tracker placed it at its own start time, so its count is exact). Each of those requests'
     * windows now holds one more request: their counts, and whether they are over the limit,
     * are what they would have been had DevTools reported in start order.
     */
    recountLater(s: Session, row: Row): void {
      const rate = row.ann.rate;
      if (!rate) return;
      const until = row.at + rate.windowSeconds * 1000;
      let touched = false;
      for (let i = s.rows.length - 1; i >= 0; i--) {
        const r = s.rows[i]!;
        const other = r.ann.rate;
        if (r === row || other?.key !== rate.key || r.at < row.at || r.at >= until) continue;
        s.rows[i] = toRow({ ...r, ann: { ...r.ann, rate: oneMore(other) } }, r);
        touched = true;
      }
      if (touched) s.version++;
    },
  };
}

function oneMore(rate: RateAnnotation): RateAnnotation {
  const count = rate.count + 1;
  const out: RateAnnotation = { ...rate, count, over: count > rate.limit };
  // A remaining the profile's limit implied moves with the count; one the API sent stays.
  if (rate.remaining !== undefined && rate.remaining === Math.max(0, rate.limit - rate.count))
    out.remaining = Math.max(0, rate.limit - count);
  return out;
}
